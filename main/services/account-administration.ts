import type { AccountErrorCode } from '../../shared/account-errors.js';
import { fail, type Result } from '../../shared/result.js';
import type { StoreErrorCode } from '../../shared/store-errors.js';
import type { Account, Accounts, ApiKey, CreatedKey, Permission } from '../accounts/accounts.js';
import { isAllowed } from '../accounts/permissions.js';

type Refused = AccountErrorCode | StoreErrorCode | 'NotAllowed';

/**
 * Accounts and keys as a signed-in person may see and change them (the console; the CLI acts as
 * root). Root and full-access accounts manage everyone but root, whose password and keys only root
 * changes (as the cloud's administrators cannot touch the main account); any other active account
 * sees itself and manages its own keys unless it is read-only; every account may set its own
 * password.
 */
export interface AccountAdministration {
  accounts(actor: Account): Account[];
  create(actor: Account, name: string, permission: Permission): Promise<Result<Account, Refused>>;
  setStatus(actor: Account, name: string, active: boolean): Promise<Result<Account, Refused>>;
  setPermission(actor: Account, name: string, permission: Permission): Promise<Result<Account, Refused>>;
  setPassword(actor: Account, name: string, password: string): Promise<Result<Account, Refused>>;
  keys(actor: Account, accountName?: string): Result<ApiKey[], Refused>;
  createKey(actor: Account, accountName?: string): Promise<Result<CreatedKey, Refused>>;
  setKeyStatus(actor: Account, secretId: string, enabled: boolean): Promise<Result<ApiKey, Refused>>;
  deleteKey(actor: Account, secretId: string): Promise<Result<void, Refused>>;
}

const notAllowed = (actor: Account, what: string) => fail('NotAllowed' as const, `The account ${actor.name} may not ${what}.`);

export function createAccountAdministration(accounts: Accounts): AccountAdministration {
  const manages = (actor: Account) => isAllowed(actor, { kind: 'manage-accounts' });
  const rootName = () => accounts.list().find((account) => account.root)?.name;
  /** Root is changed only by root: a full-access account must not be able to make itself root. */
  const touchesRoot = (actor: Account, target: string) => target === rootName() && !actor.root;
  /** Own keys: any active account that may call something (not read-only). */
  const mayTouchOwnKeys = (actor: Account) => actor.status === 'active' && actor.permission.kind !== 'readonly';
  const ownerOf = (secretId: string): string | undefined => {
    const all = accounts.listKeys();
    return all.ok ? all.value.find((key) => key.secretId === secretId)?.account : undefined;
  };
  const mayChangeKeysOf = (actor: Account, accountName: string) => (manages(actor) && !touchesRoot(actor, accountName)) || (accountName === actor.name && mayTouchOwnKeys(actor));

  return {
    accounts: (actor) => (manages(actor) ? accounts.list() : accounts.list().filter((account) => account.id === actor.id)),
    create: async (actor, name, permission) => (manages(actor) ? accounts.create(name, permission) : notAllowed(actor, 'create accounts')),
    setStatus: async (actor, name, active) =>
      manages(actor) && !touchesRoot(actor, name) ? accounts.setStatus(name, active ? 'active' : 'disabled') : notAllowed(actor, `enable or disable ${name}`),
    setPermission: async (actor, name, permission) => (manages(actor) && !touchesRoot(actor, name) ? accounts.setPermission(name, permission) : notAllowed(actor, `change the permission of ${name}`)),
    setPassword: async (actor, name, password) =>
      name === actor.name || (manages(actor) && !touchesRoot(actor, name)) ? accounts.setPassword(name, password) : notAllowed(actor, `set the password of ${name}`),
    keys(actor, accountName) {
      if (manages(actor)) return accounts.listKeys(accountName);
      if (accountName !== undefined && accountName !== actor.name) return notAllowed(actor, `see the keys of ${accountName}`);
      return accounts.listKeys(actor.name);
    },
    async createKey(actor, accountName = actor.name) {
      return mayChangeKeysOf(actor, accountName) ? accounts.createKey(accountName) : notAllowed(actor, `create keys for ${accountName}`);
    },
    async setKeyStatus(actor, secretId, enabled) {
      const owner = ownerOf(secretId);
      if (!owner) return fail('KeyNotFound', 'There is no such API key.');
      return mayChangeKeysOf(actor, owner) ? accounts.setKeyStatus(secretId, enabled ? 'enabled' : 'disabled') : notAllowed(actor, `change the keys of ${owner}`);
    },
    async deleteKey(actor, secretId) {
      const owner = ownerOf(secretId);
      if (!owner) return fail('KeyNotFound', 'There is no such API key.');
      return mayChangeKeysOf(actor, owner) ? accounts.deleteKey(secretId) : notAllowed(actor, `delete the keys of ${owner}`);
    },
  };
}

