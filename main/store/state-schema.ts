/**
 * The shape of db.json. Every version that was ever released stays described by its migration to
 * the next one; test/fixtures/store/ holds a db.json of each older version and the migration tests
 * open every one of them.
 */
import type { NotificationRecord } from '../../shared/billing-views.js';
import { defaultServerSettings, type ServerSettings } from '../../shared/server-settings.js';
import type { ServiceId } from '../../shared/services.js';

export const currentSchemaVersion = 6;

export interface LedgerCheckpoint {
  /** Entries in the ledger when the checkpoint was written, and the hash of the last one. */
  readonly entries: number;
  readonly lastHash: string;
}

/** What an account may do; only root and full-access accounts manage packages and services. */
export type Permission =
  | { readonly kind: 'full' }
  | { readonly kind: 'readonly' }
  | { readonly kind: 'services'; readonly services: readonly ServiceId[] };

export interface AccountRecord {
  readonly id: string;
  readonly name: string;
  /** The account created on first run; it cannot be disabled or lose full access. */
  readonly root: boolean;
  status: 'active' | 'disabled';
  permission: Permission;
  readonly createdAt: string;
  /** scrypt hash for the UI's login; null until `account password` sets one. */
  passwordHash: string | null;
}

export interface KeyRecord {
  /** 36 characters, `AKID` first, as the cloud's. */
  readonly secretId: string;
  readonly accountId: string;
  /** The 32-character SecretKey, sealed (accounts/secret-box.ts). */
  readonly sealedSecretKey: string;
  status: 'enabled' | 'disabled';
  readonly createdAt: string;
  lastUsedAt: string | null;
}

/** A prepaid package, from an imported licence file. */
export interface PackageRecord {
  /** The licence's id. */
  readonly id: string;
  readonly service: ServiceId;
  readonly calls: number;
  readonly validFrom: string;
  readonly validTo: string;
  readonly machineId: string | null;
  /** When it was imported: prepaid packages are drawn on in this order. */
  readonly activatedAt: string;
  /** Set when refunded; a refunded package is never drawn on again. */
  refundedAt: string | null;
}

export interface BillingSettings {
  /** IANA zone the billing month and refund days are counted in (the deployment's local time). */
  timeZone: string;
  /** Calls beyond all packages are allowed and billed monthly, instead of refused. */
  payAsYouGo: boolean;
  disabledServices: ServiceId[];
  /** POSTed a JSON copy of every alert, when set. */
  alertWebhookUrl: string | null;
  /** What pay-as-you-go calls cost, per service, in tiers of calls per month. */
  priceTable: PriceTable;
}

/**
 * Prices in thousandths of the currency unit per call (0.15 CNY is 150), so bills add up in whole
 * numbers. Each tier prices the calls of the month up to `upTo` (null: all the rest) not priced by
 * the tiers before it.
 */
export interface PriceTable {
  readonly currency: string;
  readonly services: Readonly<Record<ServiceId, ReadonlyArray<{ readonly upTo: number | null; readonly milliPerCall: number }>>>;
}

/** The cloud's list prices (CNY, per call: 10k / 100k / 1M calls a month, the last tier beyond). */
export function defaultPriceTable(): PriceTable {
  const tiers = (a: number, b: number, c: number) => [
    { upTo: 10_000, milliPerCall: a },
    { upTo: 100_000, milliPerCall: b },
    { upTo: null, milliPerCall: c },
  ];
  const basic = tiers(150, 100, 60);
  const accurate = tiers(500, 350, 200);
  return {
    currency: 'CNY',
    services: { 'general-basic': basic, idcard: basic, handwriting: basic, table: basic, 'general-accurate': accurate, 'general-fast': accurate, 'table-accurate': accurate },
  };
}

export type { NotificationRecord } from '../../shared/billing-views.js';

export interface StoreState {
  readonly schemaVersion: typeof currentSchemaVersion;
  /** When this data directory was first opened (ISO 8601). */
  readonly createdAt: string;
  /** Where the usage ledger stood at the last checkpoint; the ledger itself is the truth. */
  ledgerCheckpoint: LedgerCheckpoint | null;
  accounts: AccountRecord[];
  keys: KeyRecord[];
  packages: PackageRecord[];
  billing: BillingSettings;
  /** Calls used per package (free:<service>:<month>, a licence id, payg:<service>:<month>) at the ledger checkpoint. */
  usedAtCheckpoint: Record<string, number>;
  /** Newest last; the UI shows unread ones. */
  notifications: NotificationRecord[];
  /** `<package>:<kind>` of every alert that has fired: each fires once per package and threshold. */
  alertsFired: string[];
  /** The server's settings (shared/server-settings.ts). */
  server: ServerSettings;
}

export function initialState(now: Date): StoreState {
  return { schemaVersion: currentSchemaVersion, createdAt: now.toISOString(), ledgerCheckpoint: null, accounts: [], keys: [], ...billingDefaults(), server: defaultServerSettings() };
}

/** migrations[n] turns a version-n document into version n + 1. */
export const migrations: Readonly<Record<number, (document: Record<string, unknown>) => Record<string, unknown>>> = {
  // 2: accounts and API keys (the root account is created by accounts/ when it finds none).
  1: (v1) => ({ ...v1, schemaVersion: 2, accounts: [], keys: [] }),
  // 3: resource packages and billing settings; usage counters are rebuilt from the ledger.
  2: (v2) => ({
    ...v2,
    schemaVersion: 3,
    packages: [],
    billing: { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, payAsYouGo: false, disabledServices: [] },
    usedAtCheckpoint: {},
  }),
  // 4: alerts (notification list, fired alerts, webhook).
  3: (v3) => ({ ...v3, schemaVersion: 4, notifications: [], alertsFired: [], billing: { ...(v3['billing'] as object), alertWebhookUrl: null } }),
  // 5: the pay-as-you-go price table.
  4: (v4) => ({ ...v4, schemaVersion: 5, billing: { ...(v4['billing'] as object), priceTable: defaultPriceTable() } }),
  // 6: the server's settings (ImageUrl allow list, QPS limits, port, LAN mode).
  5: (v5) => ({ ...v5, schemaVersion: 6, server: defaultServerSettings() }),
};

function billingDefaults(): Pick<StoreState, 'packages' | 'billing' | 'usedAtCheckpoint' | 'notifications' | 'alertsFired'> {
  return {
    packages: [],
    billing: { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, payAsYouGo: false, disabledServices: [], alertWebhookUrl: null, priceTable: defaultPriceTable() },
    usedAtCheckpoint: {},
    notifications: [],
    alertsFired: [],
  };
}

/** What must hold of a current-version document; a message saying what is wrong, or null. */
export function problemWith(document: Record<string, unknown>): string | null {
  if (typeof document['createdAt'] !== 'string' || Number.isNaN(Date.parse(document['createdAt']))) return 'createdAt is missing or not a date';
  const checkpoint = document['ledgerCheckpoint'];
  if (checkpoint !== null) {
    const { entries, lastHash } = (checkpoint ?? {}) as Record<string, unknown>;
    if (!Number.isInteger(entries) || typeof lastHash !== 'string') return 'ledgerCheckpoint is malformed';
  }
  if (!Array.isArray(document['accounts']) || !Array.isArray(document['keys'])) return 'accounts or keys are not lists';
  const isRecord = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!Array.isArray(document['packages']) || !isRecord(document['billing']) || !isRecord(document['usedAtCheckpoint'])) return 'packages or billing settings are missing';
  if (!Array.isArray(document['notifications']) || !Array.isArray(document['alertsFired'])) return 'notifications are missing';
  if (!isRecord(document['server'])) return 'server settings are missing';
  return null;
}
