import { randomUUID } from 'node:crypto';
import type { AccountErrorCode } from '../../shared/account-errors.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { isServiceId, type ServiceId } from '../../shared/services.js';
import type { Clock } from '../platform/clock.js';
import type { StoreErrorCode } from '../../shared/store-errors.js';
import type { StateStore } from '../store/state-store.js';
import type { AccountRecord, KeyRecord, Permission } from '../store/state-schema.js';
import { newSecretId, newSecretKey } from './api-key-format.js';
import { hashPassword, passwordMatches } from './password-hash.js';
import type { KeyProvider } from '../platform/key-provider.js';
import { createSecretBox } from './secret-box.js';

export type { Permission } from '../store/state-schema.js';

export const rootAccountName = 'root';
const minPasswordLength = 10;
const namePattern = /^[A-Za-z0-9._-]{1,64}$/u;

/** An account as the doors show it: no password hash. */
export interface Account {
  readonly id: string;
  readonly name: string;
  readonly root: boolean;
  readonly status: 'active' | 'disabled';
  readonly permission: Permission;
  readonly createdAt: string;
}

/** A key as listed: never its SecretKey, which is shown once, when it is created. */
export interface ApiKey {
  readonly secretId: string;
  readonly account: string;
  readonly status: 'enabled' | 'disabled';
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
}

export interface CreatedKey {
  readonly SecretId: string;
  readonly SecretKey: string;
  readonly account: string;
}

/** What signature checking needs of a SecretId. */
export interface KeyForSigning {
  readonly secretKey: string;
  readonly account: Account;
}

type Failing<T> = Promise<Result<T, AccountErrorCode | StoreErrorCode>>;

export interface Accounts {
  list(): Account[];
  create(name: string, permission: Permission): Failing<Account>;
  setStatus(name: string, status: 'active' | 'disabled'): Failing<Account>;
  setPermission(name: string, permission: Permission): Failing<Account>;
  createKey(accountName?: string): Failing<CreatedKey>;
  listKeys(accountName?: string): Result<ApiKey[], AccountErrorCode>;
  setKeyStatus(secretId: string, status: 'enabled' | 'disabled'): Failing<ApiKey>;
  deleteKey(secretId: string): Failing<void>;
  /** Sets the password the UI's login checks (stored as a scrypt hash). */
  setPassword(name: string, password: string): Failing<Account>;
  /** The account, when the name and password match an active account. */
  checkPassword(name: string, password: string): Promise<Result<Account, AccountErrorCode>>;
  /** The SecretKey and account behind a SecretId, if both are enabled. */
  keyForSigning(secretId: string): Result<KeyForSigning, AccountErrorCode>;
  /**
   * Records that a key signed a request now. Written at most once a minute per key: a db.json
   * rewrite per call would cost more than the call's bookkeeping is worth.
   */
  noteKeyUsed(secretId: string): void;
}

/** Last-used times are kept to this precision. */
const lastUsedPrecisionMs = 60_000;

export interface AccountsDeps {
  readonly state: StateStore;
  /** The key sealing SecretKeys (platform/key-provider.ts). */
  readonly keyProvider: KeyProvider;
  readonly clock: Clock;
}

/**
 * Root and sub-accounts and their API key pairs, in db.json. `openAccounts` creates the root
 * account on first run.
 */
export async function openAccounts(deps: AccountsDeps): Promise<Result<Accounts, StoreErrorCode | AccountErrorCode>> {
  const { state, clock } = deps;
  // A new sealing key only while nothing is sealed: otherwise a lost key file must be reported.
  const box = await createSecretBox(deps.keyProvider, { createIfMissing: state.state.keys.length === 0 });
  if (!box.ok) return box;
  const secrets = box.value;
  if (!state.state.accounts.some((account) => account.root)) {
    const created = await state.update((draft) => {
      draft.accounts.push({ id: randomUUID(), name: rootAccountName, root: true, status: 'active', permission: { kind: 'full' }, createdAt: clock.now().toISOString(), passwordHash: null });
    });
    if (!created.ok) return created;
  }

  /** Checked against when an account has no password, so a check always costs one scrypt. */
  let decoy: Promise<string> | null = null;
  const decoyHash = () => (decoy ??= hashPassword('decoy password, never matches a login'));

  const findAccount = (name: string): Result<AccountRecord, AccountErrorCode> => {
    const account = state.state.accounts.find((candidate) => candidate.name === name);
    return account ? ok(account) : fail('AccountNotFound', `There is no account named "${name}".`);
  };
  const nameOf = (accountId: string) => state.state.accounts.find((account) => account.id === accountId)?.name ?? '(deleted)';
  const lastUsedWritten = new Map<string, number>();
  const toKey = (key: KeyRecord): ApiKey => ({ secretId: key.secretId, account: nameOf(key.accountId), status: key.status, createdAt: key.createdAt, lastUsedAt: key.lastUsedAt });

  /** Applies `change` to the named account's record inside one update, after checks on the current state. */
  const changeAccount = async (name: string, check: (account: AccountRecord) => Result<void, AccountErrorCode>, change: (account: AccountRecord) => void): Failing<Account> => {
    const found = findAccount(name);
    if (!found.ok) return found;
    const allowed = check(found.value);
    if (!allowed.ok) return allowed;
    const written = await state.update((draft) => change(draft.accounts.find((account) => account.id === found.value.id)!));
    return written.ok ? ok(toAccount(state.state.accounts.find((account) => account.id === found.value.id)!)) : written;
  };

  const changeKey = async (secretId: string, change: (key: KeyRecord, draft: { keys: KeyRecord[] }) => void): Failing<void> => {
    if (!state.state.keys.some((candidate) => candidate.secretId === secretId)) return fail('KeyNotFound', `There is no API key ${maskSecretId(secretId)}.`);
    return state.update((draft) => change(draft.keys.find((candidate) => candidate.secretId === secretId)!, draft));
  };

  return ok({
    list: () => state.state.accounts.map(toAccount),
    async create(name, permission) {
      if (!namePattern.test(name)) return fail('InvalidName', 'An account name is 1-64 letters, digits, ".", "_" or "-".');
      const checked = checkPermission(permission);
      if (!checked.ok) return checked;
      if (state.state.accounts.some((account) => account.name === name)) return fail('AccountExists', `An account named "${name}" exists already.`);
      const record: AccountRecord = { id: randomUUID(), name, root: false, status: 'active', permission: checked.value, createdAt: clock.now().toISOString(), passwordHash: null };
      const written = await state.update((draft) => void draft.accounts.push(record));
      return written.ok ? ok(toAccount(record)) : written;
    },
    setStatus: (name, status) =>
      changeAccount(
        name,
        (account) => (account.root && status !== 'active' ? fail('RootAccountProtected', 'The root account cannot be disabled.') : ok(undefined)),
        (account) => void (account.status = status),
      ),
    async setPermission(name, permission) {
      const checked = checkPermission(permission);
      if (!checked.ok) return checked;
      return changeAccount(
        name,
        (account) => (account.root && checked.value.kind !== 'full' ? fail('RootAccountProtected', 'The root account always has full access.') : ok(undefined)),
        (account) => void (account.permission = checked.value),
      );
    },
    async createKey(accountName = rootAccountName) {
      const account = findAccount(accountName);
      if (!account.ok) return account;
      const secretKey = newSecretKey();
      let secretId = newSecretId();
      while (state.state.keys.some((key) => key.secretId === secretId)) secretId = newSecretId();
      const record: KeyRecord = { secretId, accountId: account.value.id, sealedSecretKey: secrets.seal(secretKey), status: 'enabled', createdAt: clock.now().toISOString(), lastUsedAt: null };
      const written = await state.update((draft) => void draft.keys.push(record));
      return written.ok ? ok({ SecretId: secretId, SecretKey: secretKey, account: account.value.name }) : written;
    },
    listKeys(accountName) {
      if (accountName === undefined) return ok(state.state.keys.map(toKey));
      const account = findAccount(accountName);
      return account.ok ? ok(state.state.keys.filter((key) => key.accountId === account.value.id).map(toKey)) : account;
    },
    async setKeyStatus(secretId, status) {
      const changed = await changeKey(secretId, (key) => void (key.status = status));
      return changed.ok ? ok(toKey(state.state.keys.find((key) => key.secretId === secretId)!)) : changed;
    },
    async deleteKey(secretId) {
      const changed = await changeKey(secretId, (_, draft) => void draft.keys.splice(draft.keys.findIndex((key) => key.secretId === secretId), 1));
      return changed.ok ? ok(undefined) : changed;
    },
    async setPassword(name, password) {
      if ([...password].length < minPasswordLength) return fail('WeakPassword', `A password has at least ${minPasswordLength} characters.`);
      const hash = await hashPassword(password);
      return changeAccount(name, () => ok(undefined), (account) => void (account.passwordHash = hash));
    },
    async checkPassword(name, password) {
      const account = state.state.accounts.find((candidate) => candidate.name === name);
      // The same work whether or not the account exists, so timing says nothing about names.
      const matches = await passwordMatches(password, account?.passwordHash ?? (await decoyHash()));
      if (!account || account.passwordHash === null || !matches || account.status !== 'active') return fail('InvalidCredentials', 'The name or password is wrong, or the account is disabled.');
      return ok(toAccount(account));
    },
    noteKeyUsed(secretId) {
      const now = clock.now();
      if (now.getTime() - (lastUsedWritten.get(secretId) ?? -Infinity) < lastUsedPrecisionMs) return;
      lastUsedWritten.set(secretId, now.getTime());
      // Not awaited: a failed write of a last-used time must not fail the call it describes; the
      // store reports its own write failures, and close() waits for pending updates.
      void state.update((draft) => {
        const key = draft.keys.find((candidate) => candidate.secretId === secretId);
        if (key) key.lastUsedAt = now.toISOString();
      });
    },

    keyForSigning(secretId) {
      const key = state.state.keys.find((candidate) => candidate.secretId === secretId);
      if (!key) return fail('KeyNotFound', `There is no API key ${maskSecretId(secretId)}.`);
      const account = state.state.accounts.find((candidate) => candidate.id === key.accountId);
      if (!account) return fail('KeyNotFound', `The account of API key ${maskSecretId(secretId)} no longer exists.`);
      if (key.status !== 'enabled') return fail('KeyDisabled', `The API key ${maskSecretId(secretId)} is disabled.`);
      if (account.status !== 'active') return fail('KeyDisabled', `The account "${account.name}" of API key ${maskSecretId(secretId)} is disabled.`);
      const secretKey = secrets.open(key.sealedSecretKey);
      return secretKey.ok ? ok({ secretKey: secretKey.value, account: toAccount(account) }) : secretKey;
    },
  });
}

function toAccount(record: AccountRecord): Account {
  return { id: record.id, name: record.name, root: record.root, status: record.status, permission: record.permission, createdAt: record.createdAt };
}

function checkPermission(permission: Permission): Result<Permission, AccountErrorCode> {
  if (permission.kind !== 'services') return ok(permission);
  const services = [...new Set(permission.services)];
  const unknown = services.filter((service) => !isServiceId(service));
  if (services.length === 0 || unknown.length > 0) {
    return fail('InvalidPermission', unknown.length > 0 ? `Unknown services: ${unknown.join(', ')}.` : 'A per-service permission names at least one service.');
  }
  return ok({ kind: 'services', services: services as ServiceId[] });
}

/** Logs and messages show a SecretId's start and end only. */
export function maskSecretId(secretId: string): string {
  return secretId.length > 12 ? `${secretId.slice(0, 8)}...${secretId.slice(-4)}` : '****';
}
