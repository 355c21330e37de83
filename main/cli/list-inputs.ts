import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { detectImageFormat } from '../engine/intake/image-format.js';

export interface InputListing {
  /** Files to recognise, in a stable order: arguments as given, folder contents sorted. */
  readonly files: readonly string[];
  /** Files inside folders that are not images (by their first bytes), left out. */
  readonly skipped: number;
}

/**
 * Expands the arguments: a file is always taken (and fails with a clear error if it is no
 * image); a folder is walked recursively and only files whose first bytes are an image format we
 * read are taken, so a folder of scans with a notes.txt beside them just works.
 */
export async function listInputs(args: readonly string[]): Promise<InputListing> {
  const files: string[] = [];
  let skipped = 0;
  for (const arg of args) {
    const info = await stat(arg).catch(() => null);
    if (!info?.isDirectory()) {
      files.push(arg);
      continue;
    }
    for (const file of await walk(arg)) {
      if (await looksLikeImage(file)) files.push(file);
      else skipped += 1;
    }
  }
  return { files, skipped };
}

async function walk(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const found: string[] = [];
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) found.push(...(await walk(full)));
    else if (entry.isFile()) found.push(full);
  }
  return found;
}

async function looksLikeImage(file: string): Promise<boolean> {
  const handle = await open(file, 'r').catch(() => null);
  if (!handle) return false;
  try {
    const head = Buffer.alloc(32);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const format = detectImageFormat(head.subarray(0, bytesRead));
    return format !== null && format !== 'pdf';
  } finally {
    await handle.close();
  }
}
