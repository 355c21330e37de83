import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, truncate, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { StoreErrorCode } from '../../shared/store-errors.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { syncFolder } from './durable-json-file.js';

export const ledgerFolderName = 'ledger';
const genesisHash = '0'.repeat(64);
const segmentPattern = /^segment-(\d{8})\.jsonl$/u;

export interface LedgerEntry<T> {
  /** From 1, without gaps across segments. */
  readonly seq: number;
  /** ISO 8601, from the injected clock. */
  readonly at: string;
  /** Hash of the entry before (64 zeros for the first). */
  readonly prev: string;
  /** SHA-256 over seq, at, prev and the data: editing any of them breaks the chain from there on. */
  readonly hash: string;
  readonly data: T;
}

export interface Appended {
  readonly seq: number;
  readonly hash: string;
  /** The clock read earlier than the entry before: logged by the caller, kept in the entry as given. */
  readonly clockWentBack: boolean;
}

export type LedgerProblem = { readonly file: string; readonly line: number; readonly problem: string };

export interface UsageLedger<T> {
  readonly entries: number;
  readonly lastHash: string;
  /** What opening found and repaired (a line torn by a crash mid-write), for the log. */
  readonly repaired: readonly string[];
  /** Appends and syncs one entry; resolves once it is on disk. One write and one sync, whatever the size. */
  append(data: T, at: Date): Promise<Result<Appended, StoreErrorCode>>;
  /** Every entry, oldest first. */
  entriesFrom(seq?: number): AsyncGenerator<LedgerEntry<T>>;
  /**
   * Entries from the first segment that may hold `at` (ISO 8601) on, oldest first: for time-range
   * queries, which stop reading once past their range. A clock set back can put earlier times in
   * later segments; such entries are flagged when appended.
   */
  entriesSince(at: string): AsyncGenerator<LedgerEntry<T>>;
  /** Walks the whole chain: null when it holds, else the first place it breaks. */
  verify(): Promise<LedgerProblem | null>;
  close(): Promise<void>;
}

export interface LedgerOptions {
  /** Entries per segment file (default 100,000: ~25 MB, read whole only when verifying). */
  readonly segmentEntries?: number;
}

/**
 * Metered calls as append-only JSON Lines segments with a hash chain. lowdb would rewrite one
 * growing JSON file per call; here a call costs one appended line and one fdatasync, so millions
 * of calls cost what the first did. Opening reads only the last segment.
 */
export async function openUsageLedger<T>(directory: string, options: LedgerOptions = {}): Promise<Result<UsageLedger<T>, StoreErrorCode>> {
  const folder = path.join(directory, ledgerFolderName);
  const segmentEntries = options.segmentEntries ?? 100_000;
  const repaired: string[] = [];
  let segments: number[];
  try {
    await mkdir(folder, { recursive: true, mode: 0o700 });
    segments = (await readdir(folder)).flatMap((name) => {
      const match = segmentPattern.exec(name);
      return match ? [Number(match[1])] : [];
    });
  } catch (error) {
    return fail('StoreIoFailed', `Cannot read the usage ledger in ${folder}: ${(error as Error).message}.`);
  }
  segments.sort((a, b) => a - b);
  const fileOf = (segment: number) => path.join(folder, `segment-${String(segment).padStart(8, '0')}.jsonl`);
  // The first seq of every segment (from its first line only), so reading from a seq skips the
  // segments before it: opening and replaying after a checkpoint never read the whole ledger.
  const firstSeq = new Map<number, number>();
  const firstAt = new Map<number, string>();
  for (const number of segments) {
    const first = await readFirstEntry<T>(fileOf(number));
    if (first) {
      firstSeq.set(number, first.seq);
      firstAt.set(number, first.at);
    }
  }

  // Where the chain stands: the last entry of the last segment that has one.
  let entries = 0;
  let lastHash = genesisHash;
  let lastAt = '';
  let inSegment = 0;
  for (let i = segments.length - 1; i >= 0; i -= 1) {
    const file = fileOf(segments[i]!);
    const tail = await readSegmentTail(file, repaired);
    if (!tail.ok) return tail;
    if (i === segments.length - 1) inSegment = tail.value.count;
    if (tail.value.last) {
      entries = tail.value.last.seq;
      lastHash = tail.value.last.hash;
      lastAt = tail.value.last.at;
      break;
    }
  }
  if (segments.length === 0) segments.push(1);
  let segment = segments.at(-1)!;
  let handle: FileHandle;
  try {
    handle = await open(fileOf(segment), 'a', 0o600);
    await syncFolder(folder);
  } catch (error) {
    return fail('StoreIoFailed', `Cannot open the usage ledger ${fileOf(segment)}: ${(error as Error).message}.`);
  }

  let queue: Promise<unknown> = Promise.resolve();
  /** After a failed write the file may hold part of a line: only reopening (which repairs it) is safe. */
  let failedWrite: string | null = null;
  const appendNow = async (data: T, at: Date): Promise<Result<Appended, StoreErrorCode>> => {
    if (failedWrite) return fail('StoreIoFailed', `The usage ledger stopped after a failed write (${failedWrite}); restart OCR Desk to repair it. The call was not recorded.`);
    try {
      if (inSegment >= segmentEntries) {
        await handle.close();
        segment += 1;
        segments.push(segment);
        handle = await open(fileOf(segment), 'a', 0o600);
        await syncFolder(folder);
        inSegment = 0;
      }
      const seq = entries + 1;
      const iso = at.toISOString();
      const entry: LedgerEntry<T> = { seq, at: iso, prev: lastHash, hash: hashEntry(seq, iso, lastHash, data), data };
      await handle.write(`${JSON.stringify(entry)}\n`);
      await handle.datasync();
      if (!firstSeq.has(segment)) {
        firstSeq.set(segment, seq);
        firstAt.set(segment, iso);
      }
      const clockWentBack = lastAt !== '' && iso < lastAt;
      entries = seq;
      lastHash = entry.hash;
      lastAt = iso;
      inSegment += 1;
      return ok({ seq, hash: entry.hash, clockWentBack });
    } catch (error) {
      failedWrite = (error as Error).message;
      return fail('StoreIoFailed', `Cannot write to the usage ledger: ${failedWrite}. The call was not recorded.`);
    }
  };

  return ok({
    get entries() {
      return entries;
    },
    get lastHash() {
      return lastHash;
    },
    repaired,
    append(data, at) {
      const next = queue.then(() => appendNow(data, at));
      queue = next;
      return next;
    },
    async *entriesSince(at) {
      const starts = segments.filter((number) => (firstAt.get(number) ?? '\uffff') <= at);
      const startAt = starts.at(-1) ?? segments[0]!;
      for (const number of segments.filter((candidate) => candidate >= startAt)) {
        for (const { entry } of await readLines<T>(fileOf(number))) if (entry) yield entry;
      }
    },
    async *entriesFrom(from = 1) {
      // The last segment starting at or before `from`; segments without entries yet are read too.
      const starts = [...segments].filter((number) => (firstSeq.get(number) ?? Infinity) <= from);
      const startAt = starts.at(-1) ?? segments[0]!;
      for (const number of segments.filter((candidate) => candidate >= startAt)) {
        for (const { entry } of await readLines<T>(fileOf(number))) if (entry && entry.seq >= from) yield entry;
      }
    },
    async verify() {
      let expected = 1;
      let previous = genesisHash;
      for (const number of [...segments]) {
        const file = fileOf(number);
        for (const { entry, line } of await readLines<T>(file)) {
          const at = { file, line };
          if (!entry) return { ...at, problem: 'the line is not a ledger entry' };
          if (entry.seq !== expected) return { ...at, problem: `entry ${expected} is missing (found ${entry.seq})` };
          if (entry.prev !== previous) return { ...at, problem: `entry ${entry.seq} does not follow the entry before it` };
          if (hashEntry(entry.seq, entry.at, entry.prev, entry.data) !== entry.hash) return { ...at, problem: `entry ${entry.seq} was changed after it was written` };
          expected += 1;
          previous = entry.hash;
        }
      }
      return null;
    },
    async close() {
      await queue.catch(() => undefined);
      await handle.close();
    },
  });
}

function hashEntry(seq: number, at: string, prev: string, data: unknown): string {
  return createHash('sha256').update(`${seq}\n${at}\n${prev}\n${canonicalJson(data)}`).digest('hex');
}

/** JSON with object keys sorted, so the hash does not depend on the order fields were set in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

async function readFirstEntry<T>(file: string): Promise<LedgerEntry<T> | null> {
  let handle: FileHandle | null = null;
  try {
    handle = await open(file, 'r');
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    const end = text.indexOf('\n');
    return end < 0 ? null : parseEntry<T>(text.slice(0, end));
  } catch {
    return null;
  } finally {
    await handle?.close();
  }
}

async function readLines<T>(file: string): Promise<Array<{ line: number; entry: LedgerEntry<T> | null }>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .slice(0, -1)
    .map((raw, index) => ({ line: index + 1, entry: parseEntry<T>(raw) }));
}

function parseEntry<T>(raw: string): LedgerEntry<T> | null {
  try {
    const entry = JSON.parse(raw) as LedgerEntry<T>;
    return Number.isInteger(entry.seq) && typeof entry.hash === 'string' && typeof entry.prev === 'string' && typeof entry.at === 'string' ? entry : null;
  } catch {
    return null;
  }
}

/**
 * The entries in a segment and its last one. A crash mid-append leaves a last line without its
 * newline: that append never returned, so the call was never committed, and the fragment is cut off.
 */
async function readSegmentTail<T>(file: string, repaired: string[]): Promise<Result<{ count: number; last: LedgerEntry<T> | null }, StoreErrorCode>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return fail('StoreIoFailed', `Cannot read the usage ledger ${file}: ${(error as Error).message}.`);
  }
  const complete = text.lastIndexOf('\n') + 1;
  if (complete < text.length) {
    try {
      await truncate(file, Buffer.byteLength(text.slice(0, complete)));
    } catch (error) {
      return fail('StoreIoFailed', `Cannot repair the usage ledger ${file}: ${(error as Error).message}.`);
    }
    repaired.push(`${file}: cut off ${text.length - complete} characters of an entry a crash interrupted`);
    text = text.slice(0, complete);
  }
  const lines = text.split('\n').slice(0, -1);
  if (lines.length === 0) return ok({ count: 0, last: null });
  const last = parseEntry<T>(lines.at(-1)!);
  if (!last) return fail('LedgerBroken', `The last entry of the usage ledger ${file} (line ${lines.length}) is unreadable; the ledger was left as it is.`);
  return ok({ count: lines.length, last });
}
