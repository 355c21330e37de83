import { randomUUID } from 'node:crypto';
import { link, open, readFile, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { StoreErrorCode } from '../../shared/store-errors.js';
import { fail, ok, type Result } from '../../shared/result.js';

export const lockFileName = 'ocr-desk.lock';

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
  /** What holds it, e.g. `serve` or `cli`, for the message another process shows. */
  readonly role: string;
  /** When the owning process started (ms since the epoch; Linux), so a reused pid is not taken for it. */
  readonly processStart: number | null;
}

export interface StoreLock {
  release(): Promise<void>;
}

/**
 * Lock files this process holds. A per-process fact by nature: a lock file naming this pid that
 * is not in here was left by an earlier process with the same pid (a restarted container's pid 1).
 */
const heldHere = new Set<string>();

/**
 * One process owns a data directory: two writers would each keep their own copy of db.json in
 * memory and the last to write would erase the other's changes. The lock file is written whole
 * beside its name and then hard-linked into place, so it never exists empty or half-written and
 * only one creator can win. A lock whose owner no longer runs on this host (checked by pid and
 * process start time) is moved aside and, if it is still the one judged stale, removed.
 */
export async function acquireStoreLock(directory: string, role: string, now: Date): Promise<Result<StoreLock, StoreErrorCode>> {
  const file = path.join(directory, lockFileName);
  if (heldHere.has(file)) return fail('StoreLocked', `The data directory ${directory} is already open in this process.`);
  const owner: LockOwner = { pid: process.pid, host: os.hostname(), since: now.toISOString(), role, processStart: await processStartTime(process.pid) };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const created = await createWhole(file, owner);
    if (created === 'created') {
      heldHere.add(file);
      let released = false;
      return ok({
        async release() {
          if (released) return;
          released = true;
          heldHere.delete(file);
          await rm(file, { force: true });
        },
      });
    }
    if (created !== 'EEXIST') return fail('StoreIoFailed', `Cannot create the lock file ${file}: ${created}.`);
    const holder = await readOwner(file);
    if (holder && holder.host !== owner.host) {
      return fail('StoreLocked', `The data directory ${directory} is locked by OCR Desk on host ${holder.host} (process ${holder.pid}); one machine at a time may own it.`);
    }
    if (holder && (await stillRunning(holder))) {
      return fail(
        'StoreLocked',
        `The data directory ${directory} is in use by OCR Desk (${holder.role}, process ${holder.pid}, since ${holder.since}). Stop it, or manage it through its admin commands.`,
      );
    }
    // The owner is gone, or the file is not a lock this version wrote: take over, carefully.
    if (!(await takeOver(file, holder))) break;
  }
  return fail('StoreLocked', `The data directory ${directory} is being opened by another process at this moment; try again.`);
}

async function createWhole(file: string, owner: LockOwner): Promise<'created' | string> {
  const temporary = `${file}.${process.pid}.${randomUUID()}`;
  try {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(owner)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await link(temporary, file);
    return 'created';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  } finally {
    await rm(temporary, { force: true });
  }
}

/**
 * Moves the stale lock aside; if what was moved is not the lock judged stale (another process
 * replaced it meanwhile), it is put back and false is returned.
 */
async function takeOver(file: string, judged: LockOwner | null): Promise<boolean> {
  const aside = `${file}.stale.${randomUUID()}`;
  try {
    await rename(file, aside);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
  const moved = await readOwner(aside);
  const same = judged === null ? moved === null : moved !== null && moved.pid === judged.pid && moved.since === judged.since && moved.host === judged.host;
  if (!same) await link(aside, file).catch(() => undefined);
  await rm(aside, { force: true });
  return same;
}

async function readOwner(file: string): Promise<LockOwner | null> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<LockOwner> | null;
    return parsed && typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? ({ processStart: null, ...parsed } as LockOwner) : null;
  } catch {
    return null;
  }
}

async function stillRunning(holder: LockOwner): Promise<boolean> {
  // This pid and not held here: an earlier process that had the same pid.
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: it runs, under another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (holder.processStart === null) return true;
  const started = await processStartTime(holder.pid);
  // Another process now has the pid when it started at another time.
  return started === null || Math.abs(started - holder.processStart) < 2000;
}

/** A process's start (ms since the epoch) from /proc on Linux; null elsewhere or when unreadable. */
async function processStartTime(pid: number): Promise<number | null> {
  if (process.platform !== 'linux') return null;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces and parentheses); starttime is field 22.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    const bootSeconds = Number(/^btime (\d+)$/mu.exec(await readFile('/proc/stat', 'utf8'))?.[1]);
    // USER_HZ is 100 on Linux for every architecture Node runs on.
    return Number.isFinite(ticks) && Number.isFinite(bootSeconds) ? bootSeconds * 1000 + ticks * 10 : null;
  } catch {
    return null;
  }
}
