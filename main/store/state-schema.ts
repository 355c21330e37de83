/**
 * The shape of db.json. Every version that was ever released stays described by its migration to
 * the next one; test/fixtures/store/ holds a db.json of each older version and the migration tests
 * open every one of them.
 */
export const currentSchemaVersion = 1;

export interface LedgerCheckpoint {
  /** Entries in the ledger when the checkpoint was written, and the hash of the last one. */
  readonly entries: number;
  readonly lastHash: string;
}

export interface StoreState {
  readonly schemaVersion: typeof currentSchemaVersion;
  /** When this data directory was first opened (ISO 8601). */
  readonly createdAt: string;
  /** Where the usage ledger stood at the last checkpoint; the ledger itself is the truth. */
  ledgerCheckpoint: LedgerCheckpoint | null;
}

export function initialState(now: Date): StoreState {
  return { schemaVersion: currentSchemaVersion, createdAt: now.toISOString(), ledgerCheckpoint: null };
}

/**
 * migrations[n] turns a version-n document into version n + 1. Version 1 is the first; the next
 * schema change adds `1: (v1) => ({ ...v1, schemaVersion: 2, ... })` and a fixture of version 1.
 */
export const migrations: Readonly<Record<number, (document: Record<string, unknown>) => Record<string, unknown>>> = {};

/** What must hold of a current-version document; a message saying what is wrong, or null. */
export function problemWith(document: Record<string, unknown>): string | null {
  if (typeof document['createdAt'] !== 'string' || Number.isNaN(Date.parse(document['createdAt']))) return 'createdAt is missing or not a date';
  const checkpoint = document['ledgerCheckpoint'];
  if (checkpoint !== null) {
    const { entries, lastHash } = (checkpoint ?? {}) as Record<string, unknown>;
    if (!Number.isInteger(entries) || typeof lastHash !== 'string') return 'ledgerCheckpoint is malformed';
  }
  return null;
}
