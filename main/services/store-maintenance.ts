import { mkdir } from 'node:fs/promises';
import { fail, ok, type Result } from '../../shared/result.js';
import type { StoreErrorCode } from '../../shared/store-errors.js';
import type { Clock } from '../platform/clock.js';
import { restoreBackup, writeBackup } from '../store/store-backup.js';
import { acquireStoreLock } from '../store/store-lock.js';
import type { Workspace } from './open-workspace.js';

/**
 * Writes a backup of an open workspace, with its counters checkpointed first so db.json is current.
 * The secret-encryption key goes in plain, whichever way this directory keeps it (a file, or sealed
 * by the desktop's OS keychain): a backup must restore on another machine or for another user.
 */
export async function backupWorkspace(workspace: Workspace, target: string, clock: Clock): Promise<Result<{ files: number; bytes: number }, StoreErrorCode>> {
  const checkpointed = await workspace.billing.checkpoint();
  if (!checkpointed.ok) return checkpointed;
  // The workspace opened its secrets with this key, so it is there to be read again.
  const key = await workspace.keyProvider.encryptionKey({ createIfMissing: false });
  if (!key.ok) return fail('StoreIoFailed', `The backup was not written: ${key.error.message}`);
  return writeBackup(workspace.directory, target, key.value, clock.now());
}

/**
 * Restores a backup into a data directory, owning it meanwhile but without opening it: a damaged
 * db.json is exactly when a restore is needed.
 */
export async function restoreWorkspace(directory: string, source: string, clock: Clock): Promise<Result<{ files: number; keptAside: string | null }, StoreErrorCode>> {
  try {
    await mkdir(directory, { recursive: true, mode: 0o700 });
  } catch (error) {
    return fail('StoreIoFailed', `Cannot create the data directory ${directory}: ${(error as Error).message}.`);
  }
  const lock = await acquireStoreLock(directory, 'restore', clock.now());
  if (!lock.ok) return lock;
  try {
    const restored = await restoreBackup(directory, source, clock.now());
    return restored.ok ? ok(restored.value) : fail(restored.error.code, restored.error.message);
  } finally {
    await lock.value.release();
  }
}
