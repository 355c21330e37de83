import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AccountErrorCode } from '../../shared/account-errors.js';
import { fail, ok, type Result } from '../../shared/result.js';
import type { StoreErrorCode } from '../../shared/store-errors.js';
import { openAccounts, type Accounts } from '../accounts/accounts.js';
import { openBilling, type Billing, type UsageEntry } from '../billing/billing.js';
import { createWebhookSender, type WebhookSenderOptions } from '../billing/webhook-sender.js';
import type { NotificationRecord } from '../store/state-schema.js';
import { findAppRoot } from '../platform/app-paths.js';
import type { Clock } from '../platform/clock.js';
import { createFileKeyProvider, type KeyProvider } from '../platform/key-provider.js';
import { readMachineId } from '../platform/machine-id.js';
import { openDataStore } from '../store/data-store.js';
import { createServerSettingsStore, type ServerSettingsStore } from './server-settings-store.js';
import type { LedgerProblem } from '../store/usage-ledger.js';

/** One owned data directory with the services over it; the doors (CLI, server, desktop) open one. */
export interface Workspace {
  readonly directory: string;
  readonly accounts: Accounts;
  readonly billing: Billing;
  /** The server's settings: ImageUrl allow list, QPS limits, port, LAN mode. */
  readonly settings: ServerSettingsStore;
  /** The key sealing stored SecretKeys, for backups (which carry it, so they restore anywhere). */
  readonly keyProvider: KeyProvider;
  /** What opening repaired or found wrong (a ledger line torn by a crash, lost or changed entries), for the log and the admin. */
  readonly warnings: readonly string[];
  /** Walks the whole usage ledger: null when its hash chain holds, else where it breaks. */
  verifyLedger(): Promise<LedgerProblem | null>;
  close(): Promise<void>;
}

export interface WorkspaceOptions {
  readonly directory: string;
  readonly clock: Clock;
  /** Shown to another process that finds the directory taken: `serve`, `cli`, `desktop`. */
  readonly role: string;
  /** Default: the owner-only key file in the data directory (the desktop shell passes its keychain). */
  readonly keyProvider?: KeyProvider;
  /** Default: this build's `assets/licence/public-key.pem`. */
  readonly licencePublicKey?: string;
  /** Default: read from the OS (platform/machine-id.ts). */
  readonly machineId?: string | null;
  /** Told of every package alert as it fires (the desktop shell shows a native notification). */
  readonly onAlert?: (alert: NotificationRecord) => void;
  /** Told of what an administrator should know as it happens (a clock that went back); the doors log it. */
  readonly onWarning?: (message: string) => void;
  /** Default: fetch, 5 tries from 2 s apart, doubling. */
  readonly webhook?: WebhookSenderOptions;
}

export async function openWorkspace(options: WorkspaceOptions): Promise<Result<Workspace, StoreErrorCode | AccountErrorCode>> {
  const store = await openDataStore<UsageEntry>({ directory: options.directory, clock: options.clock, role: options.role });
  if (!store.ok) return store;
  const closeAfter = async <T>(failure: { code: T & string; message: string }) => {
    await store.value.close();
    return fail(failure.code, failure.message);
  };
  const keyProvider = options.keyProvider ?? createFileKeyProvider(options.directory);
  const accounts = await openAccounts({ state: store.value.state, keyProvider, clock: options.clock });
  if (!accounts.ok) return closeAfter(accounts.error);
  const machine = options.machineId !== undefined ? options.machineId : await readMachineId().then((id) => (id.ok ? id.value : null));
  const webhook = createWebhookSender(options.webhook);
  const billing = await openBilling({
    webhook,
    ...(options.onAlert ? { onAlert: options.onAlert } : {}),
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
    state: store.value.state,
    ledger: store.value.ledger,
    clock: options.clock,
    licencePublicKey: options.licencePublicKey ?? (await readFile(path.join(findAppRoot(), 'assets', 'licence', 'public-key.pem'), 'utf8')),
    machineId: machine,
  });
  if (!billing.ok) {
    await webhook.close();
    return closeAfter(billing.error);
  }
  return ok({
    directory: options.directory,
    accounts: accounts.value,
    billing: billing.value,
    settings: createServerSettingsStore(store.value.state),
    keyProvider,
    warnings: [...store.value.ledger.repaired, ...billing.value.warnings],
    verifyLedger: () => store.value.ledger.verify(),
    async close() {
      // The counters are rebuilt from the ledger anyway; the checkpoint only makes the next start quick.
      await billing.value.checkpoint();
      await webhook.close();
      await store.value.close();
    },
  });
}
