import { open, readFile, rm } from 'node:fs/promises';
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
}

export interface StoreLock {
  release(): Promise<void>;
}

/**
 * One process owns a data directory: two writers would each keep their own copy of db.json in
 * memory and the last to write would erase the other's changes. The lock is a file created
 * exclusively; a lock left by a process that no longer runs on this host is taken over.
 */
export async function acquireStoreLock(directory: string, role: string, now: Date): Promise<Result<StoreLock, StoreErrorCode>> {
  const file = path.join(directory, lockFileName);
  const owner: LockOwner = { pid: process.pid, host: os.hostname(), since: now.toISOString(), role };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(file, 'wx', 0o600);
      await handle.writeFile(`${JSON.stringify(owner)}\n`);
      await handle.close();
      let released = false;
      return ok({
        async release() {
          if (released) return;
          released = true;
          await rm(file, { force: true });
        },
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        return fail('StoreIoFailed', `Cannot create the lock file ${file}: ${(error as Error).message}.`);
      }
    }
    const holder = await readOwner(file);
    if (holder && holder.host === owner.host && isRunning(holder.pid) && holder.pid !== process.pid) {
      return fail(
        'StoreLocked',
        `The data directory ${directory} is in use by OCR Desk (${holder.role}, process ${holder.pid}, since ${holder.since}). Stop it, or manage it through its admin commands.`,
      );
    }
    if (holder && holder.host !== owner.host) {
      return fail('StoreLocked', `The data directory ${directory} is locked by OCR Desk on host ${holder.host} (process ${holder.pid}); one machine at a time may own it.`);
    }
    if (holder?.pid === process.pid) return fail('StoreLocked', `The data directory ${directory} is already open in this process.`);
    // The owner is gone (or the file is unreadable, from a crash while it was written): take over.
    await rm(file, { force: true });
  }
  return fail('StoreLocked', `The lock file ${file} keeps reappearing; another process is starting on this data directory.`);
}

async function readOwner(file: string): Promise<LockOwner | null> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<LockOwner>;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? (parsed as LockOwner) : null;
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
