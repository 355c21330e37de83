import { isServiceId } from '../../shared/services.js';
import type { Account, ApiKey, Permission } from '../accounts/accounts.js';
import { done, exactlyOne, stringOption, switches, UsageError, type Subcommand } from './admin-types.js';

function parsePermission(text: string | undefined): Permission | UsageError {
  if (text === 'full' || text === 'readonly') return { kind: text };
  const services = text?.startsWith('services:') ? text.slice('services:'.length).split(',').filter(Boolean) : null;
  if (services && services.length > 0 && services.every(isServiceId)) return { kind: 'services', services };
  return new UsageError('--permission must be full, readonly or services:ID[,ID...] (general-basic, general-accurate, general-fast, handwriting, idcard, table, table-accurate)');
}

const permissionText = (permission: Permission) => (permission.kind === 'services' ? `services:${permission.services.join(',')}` : permission.kind);
const accountLine = (account: Account) => `${account.name}\t${permissionText(account.permission)}\t${account.status}\t${account.createdAt}`;
const keyLine = (key: ApiKey) => `${key.secretId}\t${key.account}\t${key.status}\t${key.createdAt}\t${key.lastUsedAt ?? 'never used'}`;

/** `ocr-desk account ...` */
export const accountSubcommands: Record<string, Subcommand> = {
  async create(workspace, args, values) {
    const name = exactlyOne(args, 'account name');
    if (name instanceof UsageError) return name;
    const permission = parsePermission(stringOption(values, 'permission'));
    if (permission instanceof UsageError) return permission;
    return done(await workspace.accounts.create(name, permission), (account) => ({ text: accountLine(account), json: account }));
  },
  async list(workspace) {
    const accounts = workspace.accounts.list();
    return { text: ['name\tpermission\tstatus\tcreated', ...accounts.map(accountLine)].join('\n'), json: { accounts } };
  },
  async password(workspace, args, _values, inputs) {
    const name = exactlyOne(args, 'account name');
    if (name instanceof UsageError) return name;
    const password = await inputs.readPassword();
    if (password === null) return new UsageError('the two passwords differ');
    return done(await workspace.accounts.setPassword(name, password), (account) => ({ text: `The password of ${account.name} is set.`, json: { account: account.name, password: 'set' } }));
  },
  ...switches('account name', async (workspace, name, on) => done(await workspace.accounts.setStatus(name, on ? 'active' : 'disabled'), (account) => ({ text: accountLine(account), json: account }))),
};

/** `ocr-desk key ...` */
export const keySubcommands: Record<string, Subcommand> = {
  async create(workspace, _args, values) {
    return done(await workspace.accounts.createKey(stringOption(values, 'account')), (key) => ({
      text: `SecretId:  ${key.SecretId}\nSecretKey: ${key.SecretKey}\nAccount:   ${key.account}\nThe SecretKey is shown only now: keep it where the calling system can read it.`,
      json: key,
    }));
  },
  async list(workspace, _args, values) {
    return done(workspace.accounts.listKeys(stringOption(values, 'account')), (keys) => ({ text: ['SecretId\taccount\tstatus\tcreated\tlast used', ...keys.map(keyLine)].join('\n'), json: { keys } }));
  },
  ...switches('SecretId', async (workspace, secretId, on) => done(await workspace.accounts.setKeyStatus(secretId, on ? 'enabled' : 'disabled'), (key) => ({ text: keyLine(key), json: key }))),
  async delete(workspace, args) {
    const secretId = exactlyOne(args, 'SecretId');
    if (secretId instanceof UsageError) return secretId;
    return done(await workspace.accounts.deleteKey(secretId), () => ({ text: `Deleted ${secretId}.`, json: { deleted: secretId } }));
  },
};
