/** Stable codes of what opening and writing the data directory can fail with. */
export const storeErrorCodes = [
  /** Another live process owns the data directory (its lock file names it). */
  'StoreLocked',
  /** db.json cannot be parsed or does not have the expected shape; nothing was changed. */
  'StoreCorrupt',
  /** db.json was written by a newer OCR Desk; this one would lose what it does not know. */
  'StoreTooNew',
  /** The usage ledger's hash chain is broken: an entry is missing or was edited. */
  'LedgerBroken',
  /** The file system refused a read or write (permissions, disk full). */
  'StoreIoFailed',
] as const;

export type StoreErrorCode = (typeof storeErrorCodes)[number];
