import { copyFile, open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';

/**
 * lowdb's adapter, built here rather than taken from its presets: JSONFilePreset silently keeps the
 * data in memory when NODE_ENV=test, and steno's atomic write (temp file + rename) never fsyncs, so
 * a power cut can leave an empty db.json behind the rename. Here the temp file and the folder are
 * synced, the previous version is kept as `<name>.last-good.json` before it is replaced, and
 * writes are serialised.
 */
export function createDurableJsonFile<T>(file: string): Adapter<T> & { readonly lastGoodFile: string } {
  const lastGoodFile = file.replace(/\.json$/u, '') + '.last-good.json';
  let queue: Promise<unknown> = Promise.resolve();
  return {
    lastGoodFile,
    async read() {
      // The state store reads db.json itself, to tell a missing file from a broken one and to
      // migrate; this plain read is lowdb's contract.
      try {
        return JSON.parse(await readFile(file, 'utf8')) as T;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    write(data: T) {
      const next = queue.then(() => writeDurably(file, `${JSON.stringify(data, null, 1)}\n`, lastGoodFile));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}

async function writeDurably(file: string, text: string, lastGoodFile: string): Promise<void> {
  const temporary = `${file}.tmp-${process.pid}`;
  await writeSynced(temporary, text);
  await keepCopy(file, lastGoodFile);
  await rename(temporary, file);
  await syncFolder(path.dirname(file));
}

/** The current version becomes the last good copy (copied and synced first, then renamed into place). */
async function keepCopy(file: string, lastGoodFile: string): Promise<void> {
  const temporary = `${lastGoodFile}.tmp-${process.pid}`;
  try {
    await copyFile(file, temporary);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const handle = await open(temporary, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, lastGoodFile);
}

export async function writeSynced(file: string, content: string | Uint8Array): Promise<void> {
  const handle = await open(file, 'w', 0o600);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A rename is durable once its folder is synced; Windows cannot open folders and needs no such step. */
export async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
