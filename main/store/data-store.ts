import { mkdir } from 'node:fs/promises';
import type { Clock } from '../platform/clock.js';
import type { StoreErrorCode } from '../../shared/store-errors.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { openStateStore, type StateStore } from './state-store.js';
import { acquireStoreLock } from './store-lock.js';
import { openUsageLedger, type LedgerOptions, type UsageLedger } from './usage-ledger.js';

/**
 * One data directory, owned by this process: db.json (state, through lowdb), ledger/ (usage,
 * append-only), a lock file. Later: logs/ and the secret-encryption key.
 */
export interface DataStore<Usage> {
  readonly directory: string;
  readonly state: StateStore;
  readonly ledger: UsageLedger<Usage>;
  /** Waits for pending writes, then gives up the directory. */
  close(): Promise<void>;
}

export interface DataStoreOptions {
  readonly directory: string;
  readonly clock: Clock;
  /** Who owns the directory, shown to a second process that tries (`serve`, `cli`, `desktop`). */
  readonly role: string;
  readonly ledger?: LedgerOptions;
}

export async function openDataStore<Usage>(options: DataStoreOptions): Promise<Result<DataStore<Usage>, StoreErrorCode>> {
  const { directory, clock, role } = options;
  try {
    await mkdir(directory, { recursive: true, mode: 0o700 });
  } catch (error) {
    return fail('StoreIoFailed', `Cannot create the data directory ${directory}: ${(error as Error).message}.`);
  }
  const lock = await acquireStoreLock(directory, role, clock.now());
  if (!lock.ok) return lock;
  const state = await openStateStore(directory, clock.now());
  if (!state.ok) {
    await lock.value.release();
    return state;
  }
  const ledger = await openUsageLedger<Usage>(directory, options.ledger);
  if (!ledger.ok) {
    await lock.value.release();
    return ledger;
  }
  return ok({
    directory,
    state: state.value,
    ledger: ledger.value,
    async close() {
      await ledger.value.close();
      await state.value.settled();
      await lock.value.release();
    },
  });
}
