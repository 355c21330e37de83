import { adminRunAnswer, type AdminRunAnswer, type AdminRunRequest } from '../../shared/admin-protocol.js';
import type { Workspace } from '../services/open-workspace.js';
import http from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { readAdminChannel, type AdminChannel } from './admin-channel.js';
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
  const response = await postJson(`${channel.url}/admin/api/run`, body, channel);
  if (response === null) return null;
  if ('failure' in response) return response.failure;
  const parsed = adminRunAnswer.safeParse(response.body);
  if (!parsed.success) return { code: 'ServerAnswerInvalid', message: `The server at ${channel.url} answered HTTP ${response.status} with something other than a command result.` };
  const answer: AdminRunAnswer = parsed.data;
  if (answer.kind === 'usage') return new UsageError(answer.message);
  if (answer.kind === 'refused') return { code: answer.code, message: answer.message };
  return { text: answer.text, json: answer.json };
}

type PostAnswer = { status: number; body: unknown } | { failure: { code: string; message: string } } | null;

/**
 * POSTs JSON to the channel's server; null when nothing listens there any more (the caller then
 * reports the lock). In LAN mode the server's certificate is pinned by its fingerprint and the
 * request (with its token) is sent only after the handshake showed that certificate.
 */
function postJson(url: string, body: unknown, channel: AdminChannel): Promise<PostAnswer> {
  const secure = url.startsWith('https:');
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve) => {
    const options = {
      method: 'POST',
      headers: { authorization: `Bearer ${channel.token}`, 'content-type': 'application/json', 'content-length': payload.length },
      timeout: 60_000,
      agent: false as const,
      ...(secure ? { rejectUnauthorized: false } : {}),
    };
    const onResponse = (response: http.IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        try {
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown });
        } catch {
          resolve({ status: response.statusCode ?? 0, body: null });
        }
      });
      response.on('error', () => resolve(null));
    };
    const request = secure ? https.request(url, options, onResponse) : http.request(url, options, onResponse);
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', (error: NodeJS.ErrnoException) =>
      resolve(error.code === 'ECONNREFUSED' ? null : { failure: { code: 'ServerUnreachable', message: `The server that owns the data directory (${url}) did not answer: ${error.message}.` } }),
    );
    if (!secure) return void request.end(payload);
    request.on('socket', (socket) => {
      (socket as TLSSocket).once('secureConnect', () => {
        const fingerprint = (socket as TLSSocket).getPeerCertificate().fingerprint256;
        if (fingerprint && fingerprint === channel.fingerprint) return void request.end(payload);
        request.destroy();
        resolve({ failure: { code: 'ServerNotTrusted', message: `The server at ${url} shows a certificate other than the one it announced (${fingerprint ?? 'none'}); nothing was sent.` } });
      });
    });
  });
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
