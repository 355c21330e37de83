import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { detectImageFormat } from '../engine/intake/image-format.js';

export interface InputListing {
  /** Files to recognise, in a stable order: arguments as given, folder contents sorted. */
  readonly files: readonly string[];
  /** Files inside folders that are not images (by their first bytes), left out. */
  readonly skipped: number;
  /** Folders that could not be read, with why; the rest of the batch goes on. */
  readonly unreadable: ReadonlyArray<{ readonly path: string; readonly message: string }>;
}

/**
 * Expands the arguments: a file is always taken (and fails with a clear error if it is no image);
 * a folder is walked recursively, following links, and only files whose first bytes are an image
 * format we read are taken, so a folder of scans with a notes.txt beside them just works.
 */
export async function listInputs(args: readonly string[]): Promise<InputListing> {
  const files: string[] = [];
  const unreadable: Array<{ path: string; message: string }> = [];
  let skipped = 0;
  const walk = async (folder: string, visited: Set<string>): Promise<void> => {
    let entries: string[];
    try {
      entries = (await readdir(folder)).sort((a, b) => a.localeCompare(b));
    } catch (error) {
      unreadable.push({ path: folder, message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    for (const name of entries) {
      const full = path.join(folder, name);
      // stat, not the directory entry's type: links to files and folders are followed.
      const info = await stat(full).catch(() => null);
      if (info?.isDirectory()) {
        // A link back up the tree would otherwise walk forever.
        const id = `${info.dev}:${info.ino}`;
        if (!visited.has(id)) await walk(full, new Set([...visited, id]));
      } else if (info?.isFile() && (await looksLikeImage(full))) {
        files.push(full);
      } else {
        skipped += 1;
      }
    }
  };
  for (const arg of args) {
    const info = await stat(arg).catch(() => null);
    if (info?.isDirectory()) await walk(arg, new Set([`${info.dev}:${info.ino}`]));
    else files.push(arg);
  }
  return { files, skipped, unreadable };
}

async function looksLikeImage(file: string): Promise<boolean> {
  const handle = await open(file, 'r').catch(() => null);
  if (!handle) return false;
  try {
    const head = Buffer.alloc(32);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return detectImageFormat(head.subarray(0, bytesRead)) !== null;
  } finally {
    await handle.close();
  }
}
