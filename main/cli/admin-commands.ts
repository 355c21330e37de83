import os from 'node:os';
import { parseArgs } from 'node:util';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Failure } from '../../shared/result.js';
import { systemClock } from '../platform/clock.js';
import { resolveDataDirectory } from '../platform/data-directory.js';
import { openWorkspace, type Workspace } from '../services/open-workspace.js';
import { sendToServer } from './admin-remote.js';
import { readPassword } from './read-password.js';
import { accountSubcommands, keySubcommands } from './account-subcommands.js';
import { UsageError, type AdminInputs, type AdminRequest, type Outcome, type Subcommand } from './admin-types.js';
import { billCommand, licenceSubcommands, packageSubcommands, paygSubcommands, serviceSubcommands, usageCommand } from './billing-subcommands.js';
import { settingsSubcommands } from './settings-subcommands.js';
import { restoreCommand, storeSubcommands } from './store-subcommands.js';
import { issueLicenceCommand, machineIdCommand } from './vendor-commands.js';

export interface AdminIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

const groups: Record<string, Record<string, Subcommand>> = {
  account: accountSubcommands,
  key: keySubcommands,
  license: licenceSubcommands,
  package: packageSubcommands,
  service: serviceSubcommands,
  payg: paygSubcommands,
  store: storeSubcommands,
  settings: settingsSubcommands,
};

export const adminCommands = [...Object.keys(groups), 'machine-id', 'usage', 'bill', 'login-link'];

/**
 * Administration without a UI: `account`, `key`, `license`, `package`, `service`, `payg` on a
 * data directory, and `license issue` and `machine-id`, which need none. Each prints text, or with
 * --json exactly one JSON document. Exit 0, 1 (refused: the code and message say why), 2 (usage).
 */
export async function runAdminCommand(group: string, argv: readonly string[], io: AdminIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
        permission: { type: 'string' },
        account: { type: 'string' },
        'private-key': { type: 'string' },
        service: { type: 'string' },
        calls: { type: 'string' },
        'valid-days': { type: 'string' },
        machine: { type: 'string' },
        month: { type: 'string' },
        by: { type: 'string' },
      },
    });
  } catch (error) {
    io.stderr.write(`ocr-desk: ${(error as Error).message}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [action, ...args] = positionals;
  const print = (outcome: Outcome | UsageError): number => {
    if (outcome instanceof UsageError) {
      io.stderr.write(`ocr-desk: ${outcome.message}\n`);
      // With --json the caller reads stdout: it gets a document there too.
      if (values.json) io.stdout.write(`${JSON.stringify({ error: { code: 'UsageError', message: outcome.message } })}\n`);
      return 2;
    }
    if ('code' in outcome) return report(outcome, values.json, io);
    io.stdout.write(values.json ? `${JSON.stringify(outcome.json)}\n` : `${outcome.text}\n`);
    return 0;
  };
  if (group === 'machine-id') return print(await machineIdCommand());
  if (group === 'license' && action === 'issue') return print(await issueLicenceCommand(values));
  const directory = resolveDataDirectory({ flag: values['data-dir'], env: process.env, platform: process.platform, home: os.homedir() });
  // A sign-in link is the running server's to give: its sessions live in its memory.
  if (group === 'login-link') {
    const link = await sendToServer(directory, { group, args: [], values }, localInputs);
    return print(link ?? { code: 'ServerNotRunning', message: `No server runs on ${directory}: start \`ocr-desk serve\`, which prints a sign-in link.` });
  }
  // A restore must work on a directory that no longer opens: it does not open a workspace.
  if (group === 'store' && action === 'restore') return print(await restoreCommand(directory, args));
  const request: AdminRequest = { group, ...(action !== undefined ? { action } : {}), args: absolutePaths(group, action, args), values };
  if (!findSubcommand(request)) return print(new UsageError(`${group} needs one of: ${subcommandNames(group).join(', ')}`));
  const workspace = await openWorkspace({ directory, clock: systemClock, role: 'cli', onWarning: (message) => io.stderr.write(`ocr-desk: warning: ${message}\n`) });
  if (!workspace.ok) {
    // While `serve` owns the directory, the command goes to it over loopback.
    if (workspace.error.code === 'StoreLocked') {
      const remote = await sendToServer(directory, request, localInputs);
      if (remote !== null) return print(remote);
    }
    return report(workspace.error, values.json, io);
  }
  for (const warning of workspace.value.warnings) io.stderr.write(`ocr-desk: warning: ${warning}\n`);
  try {
    return print(await dispatchAdmin(workspace.value, request, localInputs));
  } finally {
    await workspace.value.close();
  }
}

/** `usage` and `bill` are commands of their own, with options only. */
const optionsOnly: Record<string, Subcommand> = {
  usage: (workspace, _args, options) => usageCommand(workspace, options),
  bill: (workspace, _args, options) => billCommand(workspace, options),
};

function findSubcommand(request: AdminRequest): Subcommand | undefined {
  return optionsOnly[request.group] ?? (request.action ? groups[request.group]?.[request.action] : undefined);
}

function subcommandNames(group: string): string[] {
  const extra = group === 'license' ? ['issue'] : group === 'store' ? ['restore'] : [];
  return [...Object.keys(groups[group] ?? {}), ...extra];
}

/** Runs a parsed command on an open workspace: here, or in the server that owns the directory. */
export function dispatchAdmin(workspace: Workspace, request: AdminRequest, inputs: AdminInputs): Promise<Outcome | UsageError> {
  const subcommand = findSubcommand(request);
  if (!subcommand) return Promise.resolve(new UsageError(`${request.group} needs one of: ${subcommandNames(request.group).join(', ')}`));
  return subcommand(workspace, request.args, request.values, inputs);
}

/** A server runs in another folder: files it writes are named absolutely. */
function absolutePaths(group: string, action: string | undefined, args: readonly string[]): readonly string[] {
  return group === 'store' && action === 'backup' ? args.map((file) => path.resolve(file)) : args;
}

const localInputs: AdminInputs = {
  readText: (file) => readFile(file, 'utf8').catch(() => null),
  readPassword: () => readPassword(process.stdin, process.stderr),
};

function report(error: Failure, json: boolean | undefined, io: AdminIo): number {
  if (json) io.stdout.write(`${JSON.stringify({ error })}\n`);
  else io.stderr.write(`ocr-desk: ${error.message} (${error.code})\n`);
  return 1;
}
