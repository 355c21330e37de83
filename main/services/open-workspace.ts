import type { AccountErrorCode } from '../../shared/account-errors.js';
import { fail, ok, type Result } from '../../shared/result.js';
import type { StoreErrorCode } from '../../shared/store-errors.js';
import { openAccounts, type Accounts } from '../accounts/accounts.js';
import type { Clock } from '../platform/clock.js';
import { createFileKeyProvider, type KeyProvider } from '../platform/key-provider.js';
import { openDataStore, type DataStore } from '../store/data-store.js';

/** One owned data directory with the services over it; the doors (CLI, server, desktop) open one. */
export interface Workspace {
  readonly directory: string;
  readonly accounts: Accounts;
  close(): Promise<void>;
}

export interface WorkspaceOptions {
  readonly directory: string;
  readonly clock: Clock;
  /** Shown to another process that finds the directory taken: `serve`, `cli`, `desktop`. */
  readonly role: string;
  /** Default: the owner-only key file in the data directory (the desktop shell passes its keychain). */
  readonly keyProvider?: KeyProvider;
}

export async function openWorkspace(options: WorkspaceOptions): Promise<Result<Workspace, StoreErrorCode | AccountErrorCode>> {
  const store: Result<DataStore<unknown>, StoreErrorCode> = await openDataStore<unknown>({ directory: options.directory, clock: options.clock, role: options.role });
  if (!store.ok) return store;
  const accounts = await openAccounts({ state: store.value.state, keyProvider: options.keyProvider ?? createFileKeyProvider(options.directory), clock: options.clock });
  if (!accounts.ok) {
    await store.value.close();
    return fail(accounts.error.code, accounts.error.message);
  }
  return ok({ directory: options.directory, accounts: accounts.value, close: () => store.value.close() });
}
