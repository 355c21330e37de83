import os from 'node:os';
import { parseArgs } from 'node:util';
import type { Failure } from '../../shared/result.js';
import { systemClock } from '../platform/clock.js';
import { resolveDataDirectory } from '../platform/data-directory.js';
import { openWorkspace } from '../services/open-workspace.js';
import { accountSubcommands, keySubcommands } from './account-subcommands.js';
import { UsageError, type Outcome, type Subcommand } from './admin-types.js';
import { billCommand, licenceSubcommands, packageSubcommands, paygSubcommands, serviceSubcommands, usageCommand } from './billing-subcommands.js';
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
};

export const adminCommands = [...Object.keys(groups), 'machine-id', 'usage', 'bill'];

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
  // A restore must work on a directory that no longer opens: it does not open a workspace.
  if (group === 'store' && action === 'restore') return print(await restoreCommand(directory, args));
  // `usage` is a command of its own, with options only.
  const optionsOnly: Record<string, Subcommand> = { usage: (workspace, _args, options) => usageCommand(workspace, options), bill: (workspace, _args, options) => billCommand(workspace, options) };
  const subcommand: Subcommand | undefined = optionsOnly[group] ?? (action ? groups[group]?.[action] : undefined);
  if (!subcommand) {
    const extra = group === 'license' ? ['issue'] : group === 'store' ? ['restore'] : [];
    io.stderr.write(`ocr-desk: ${group} needs one of: ${[...Object.keys(groups[group] ?? {}), ...extra].join(', ')}\n`);
    return 2;
  }
  const workspace = await openWorkspace({ directory, clock: systemClock, role: 'cli' });
  if (!workspace.ok) return report(workspace.error, values.json, io);
  for (const warning of workspace.value.warnings) io.stderr.write(`ocr-desk: warning: ${warning}\n`);
  try {
    return print(await subcommand(workspace.value, args, values));
  } finally {
    await workspace.value.close();
  }
}

function report(error: Failure, json: boolean | undefined, io: AdminIo): number {
  if (json) io.stdout.write(`${JSON.stringify({ error })}\n`);
  else io.stderr.write(`ocr-desk: ${error.message} (${error.code})\n`);
  return 1;
}
