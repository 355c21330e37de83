import { adminRunAnswer, type AdminRunAnswer, type AdminRunRequest } from '../../shared/admin-protocol.js';
import type { Workspace } from '../services/open-workspace.js';
import { readAdminChannel } from './admin-channel.js';
import { UsageError, type AdminInputs, type AdminRequest, type Outcome } from './admin-types.js';

/** Commands whose subcommand reads a file named by its argument, or a password. */
const fileArguments = new Set(['license import', 'payg prices']);
const readsPassword = new Set(['account password']);

/**
 * Sends a command to the server that owns the directory (admin-channel.ts), with the files and
 * the password it needs read here first. Null when no server answers: the caller reports the lock.
 */
export async function sendToServer(directory: string, request: AdminRequest, local: AdminInputs): Promise<Outcome | UsageError | null> {
  const channel = await readAdminChannel(directory);
  if (!channel) return null;
  const name = `${request.group} ${request.action ?? ''}`.trim();
  const files: Record<string, string | null> = {};
  if (fileArguments.has(name)) for (const file of request.args) files[file] = await local.readText(file);
  const password = readsPassword.has(name) ? await local.readPassword() : null;
  const values = Object.fromEntries(Object.entries(request.values).filter((entry): entry is [string, string | boolean] => entry[1] !== undefined));
  const body: AdminRunRequest = { group: request.group, ...(request.action ? { action: request.action } : {}), args: [...request.args], values, inputs: { files, password } };
  let answer: AdminRunAnswer;
  try {
    const response = await fetch(`${channel.url}/admin/api/run`, {
      method: 'POST',
      headers: { authorization: `Bearer ${channel.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    const parsed = adminRunAnswer.safeParse(await response.json());
    if (!parsed.success) return { code: 'ServerAnswerInvalid', message: `The server at ${channel.url} answered HTTP ${response.status} with something other than a command result.` };
    answer = parsed.data;
  } catch {
    return null;
  }
  if (answer.kind === 'usage') return new UsageError(answer.message);
  if (answer.kind === 'refused') return { code: answer.code, message: answer.message };
  return { text: answer.text, json: answer.json };
}

/** The server's side: runs a received command on its open workspace with the inputs it was sent. */
export async function runReceived(
  dispatch: (workspace: Workspace, request: AdminRequest, inputs: AdminInputs) => Promise<Outcome | UsageError>,
  workspace: Workspace,
  request: AdminRunRequest,
): Promise<AdminRunAnswer> {
  if (request.group === 'store' && request.action === 'restore') {
    return { kind: 'refused', code: 'StoreLocked', message: 'A restore replaces the data directory: stop the server first, then run it again.' };
  }
  const inputs: AdminInputs = {
    readText: async (file) => request.inputs.files[file] ?? null,
    readPassword: async () => request.inputs.password ?? null,
  };
  const outcome = await dispatch(workspace, { group: request.group, ...(request.action ? { action: request.action } : {}), args: request.args, values: request.values }, inputs);
  if (outcome instanceof UsageError) return { kind: 'usage', message: outcome.message };
  if ('code' in outcome) return { kind: 'refused', code: outcome.code, message: outcome.message };
  return { kind: 'done', text: outcome.text, json: outcome.json };
}
