import os from 'node:os';
import { parseArgs } from 'node:util';
import type { Failure, Result } from '../../shared/result.js';
import { isServiceId } from '../../shared/services.js';
import type { Account, ApiKey, Permission } from '../accounts/accounts.js';
import { systemClock } from '../platform/clock.js';
import { resolveDataDirectory } from '../platform/data-directory.js';
import { openWorkspace, type Workspace } from '../services/open-workspace.js';

export interface AdminIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

type Outcome = { readonly text: string; readonly json: unknown } | Failure;
type Subcommand = (workspace: Workspace, args: readonly string[], values: Record<string, string | boolean | undefined>) => Promise<Outcome | UsageError>;

class UsageError {
  constructor(readonly message: string) {}
}

/**
 * `ocr-desk account ...` and `ocr-desk key ...`: administration of a data directory without a UI.
 * Each prints text, or with --json exactly one JSON document. Exit 0, 1 (refused: the code and
 * message say why), 2 (usage).
 */
export async function runAdminCommand(group: 'account' | 'key', argv: readonly string[], io: AdminIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { 'data-dir': { type: 'string' }, json: { type: 'boolean', default: false }, permission: { type: 'string' }, account: { type: 'string' } },
    });
  } catch (error) {
    io.stderr.write(`ocr-desk: ${(error as Error).message}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [action, ...args] = positionals;
  const subcommand = action ? subcommands[group][action] : undefined;
  if (!subcommand) {
    io.stderr.write(`ocr-desk: ${group} needs one of: ${Object.keys(subcommands[group]).join(', ')}\n`);
    return 2;
  }
  const directory = resolveDataDirectory({ flag: values['data-dir'], env: process.env, platform: process.platform, home: os.homedir() });
  const workspace = await openWorkspace({ directory, clock: systemClock, role: 'cli' });
  if (!workspace.ok) return report(workspace.error, values.json, io);
  try {
    const outcome = await subcommand(workspace.value, args, values);
    if (outcome instanceof UsageError) {
      io.stderr.write(`ocr-desk: ${outcome.message}\n`);
      return 2;
    }
    if ('code' in outcome) return report(outcome, values.json, io);
    io.stdout.write(values.json ? `${JSON.stringify(outcome.json)}\n` : `${outcome.text}\n`);
    return 0;
  } finally {
    await workspace.value.close();
  }
}

function report(error: Failure, json: boolean | undefined, io: AdminIo): number {
  if (json) io.stdout.write(`${JSON.stringify({ error })}\n`);
  else io.stderr.write(`ocr-desk: ${error.message} (${error.code})\n`);
  return 1;
}

const done = <T>(result: Result<T>, show: (value: T) => { text: string; json: unknown }): Outcome => (result.ok ? show(result.value) : result.error);

function parsePermission(text: string | undefined): Permission | UsageError {
  if (text === 'full' || text === 'readonly') return { kind: text };
  const services = text?.startsWith('services:') ? text.slice('services:'.length).split(',').filter(Boolean) : null;
  if (services && services.length > 0 && services.every(isServiceId)) return { kind: 'services', services };
  return new UsageError('--permission must be full, readonly or services:ID[,ID...] (general-basic, general-accurate, general-fast, handwriting, idcard, table, table-accurate)');
}

const permissionText = (permission: Permission) => (permission.kind === 'services' ? `services:${permission.services.join(',')}` : permission.kind);
const accountLine = (account: Account) => `${account.name}\t${permissionText(account.permission)}\t${account.status}\t${account.createdAt}`;
const keyLine = (key: ApiKey) => `${key.secretId}\t${key.account}\t${key.status}\t${key.createdAt}\t${key.lastUsedAt ?? 'never used'}`;

const one = (args: readonly string[], what: string): string | UsageError => (args.length === 1 ? args[0]! : new UsageError(`give exactly one ${what}`));

/** `disable X` and `enable X` for one kind of thing. */
function switches(what: string, turn: (workspace: Workspace, target: string, on: boolean) => Promise<Outcome>): Record<'disable' | 'enable', Subcommand> {
  const command =
    (on: boolean): Subcommand =>
    async (workspace, args) => {
      const target = one(args, what);
      return target instanceof UsageError ? target : turn(workspace, target, on);
    };
  return { disable: command(false), enable: command(true) };
}

const subcommands: Record<'account' | 'key', Record<string, Subcommand>> = {
  account: {
    async create(workspace, args, values) {
      const name = one(args, 'account name');
      if (name instanceof UsageError) return name;
      const permission = parsePermission(typeof values['permission'] === 'string' ? values['permission'] : undefined);
      if (permission instanceof UsageError) return permission;
      return done(await workspace.accounts.create(name, permission), (account) => ({ text: accountLine(account), json: account }));
    },
    async list(workspace) {
      const accounts = workspace.accounts.list();
      return { text: ['name\tpermission\tstatus\tcreated', ...accounts.map(accountLine)].join('\n'), json: { accounts } };
    },
    ...switches('account name', async (workspace, name, on) => done(await workspace.accounts.setStatus(name, on ? 'active' : 'disabled'), (account) => ({ text: accountLine(account), json: account }))),
  },
  key: {
    async create(workspace, _args, values) {
      const account = typeof values['account'] === 'string' ? values['account'] : undefined;
      return done(await workspace.accounts.createKey(account), (key) => ({
        text: `SecretId:  ${key.SecretId}\nSecretKey: ${key.SecretKey}\nAccount:   ${key.account}\nThe SecretKey is shown only now: keep it where the calling system can read it.`,
        json: key,
      }));
    },
    async list(workspace, _args, values) {
      const account = typeof values['account'] === 'string' ? values['account'] : undefined;
      return done(workspace.accounts.listKeys(account), (keys) => ({ text: ['SecretId\taccount\tstatus\tcreated\tlast used', ...keys.map(keyLine)].join('\n'), json: { keys } }));
    },
    ...switches('SecretId', async (workspace, secretId, on) => done(await workspace.accounts.setKeyStatus(secretId, on ? 'enabled' : 'disabled'), (key) => ({ text: keyLine(key), json: key }))),
    async delete(workspace, args) {
      const secretId = one(args, 'SecretId');
      if (secretId instanceof UsageError) return secretId;
      return done(await workspace.accounts.deleteKey(secretId), () => ({ text: `Deleted ${secretId}.`, json: { deleted: secretId } }));
    },
  },
};
