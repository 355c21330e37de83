import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import type { StoreErrorCode } from '../../shared/store-errors.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { sealedKeyFileName, secretKeyFileName } from '../platform/key-provider.js';
import { fileExists } from '../platform/file-exists.js';
import { syncFolder, writeSynced } from './durable-json-file.js';
import { ledgerFolderName } from './usage-ledger.js';
import { stateFileName } from './state-store.js';

const format = 'ocr-desk-backup';
const chunkBytes = 1024 * 1024;
/** The files that make a data directory; the lock file and logs are not part of it. */
const keptFiles = (ledgerFiles: readonly string[]) => [stateFileName, ...ledgerFiles.map((name) => path.join(ledgerFolderName, name))];
/** The key sealing stored secrets is written as the plain key file `serve` uses, wherever it came from. */
const backupKeyFileName = secretKeyFileName;
/** Where a data directory may keep that key: moved aside on restore, so the restored key is the one used. */
const keyFileNames = [secretKeyFileName, sealedKeyFileName];

interface BackupHeader {
  readonly format: typeof format;
  readonly version: 1;
  readonly createdAt: string;
  readonly files: ReadonlyArray<{ readonly path: string; readonly bytes: number; readonly sha256: string }>;
}

/**
 * Writes the data directory (db.json, the ledger, the secret-encryption key) into one gzip'd JSON
 * Lines file: a header listing every file with its size and SHA-256, then the files in 1 MB
 * chunks. The caller owns the directory (its lock), so nothing changes while it is copied. The
 * file holds the key that opens the stored API keys: it is written owner-only.
 */
export async function writeBackup(directory: string, target: string, secretKey: Buffer, now: Date): Promise<Result<{ files: number; bytes: number }, StoreErrorCode>> {
  try {
    const ledgerFiles = (await readdir(path.join(directory, ledgerFolderName))).filter((name) => name.endsWith('.jsonl')).sort();
    const contents = new Map<string, Buffer>([[backupKeyFileName, Buffer.from(`${secretKey.toString('base64')}\n`)]]);
    for (const name of keptFiles(ledgerFiles)) contents.set(name, await readFile(path.join(directory, name)));
    const files: Array<BackupHeader['files'][number]> = [];
    for (const [name, bytes] of contents) files.push({ path: name, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    const header: BackupHeader = { format, version: 1, createdAt: now.toISOString(), files };
    const temporary = `${target}.tmp-${randomUUID()}`;
    async function* lines() {
      yield `${JSON.stringify(header)}\n`;
      for (const { path: name } of files) {
        const bytes = contents.get(name)!;
        for (let offset = 0; offset < bytes.length || offset === 0; offset += chunkBytes) {
          yield `${JSON.stringify({ path: name, offset, data: bytes.subarray(offset, offset + chunkBytes).toString('base64') })}\n`;
          if (bytes.length === 0) break;
        }
      }
    }
    await pipeline(Readable.from(lines()), createGzip(), createWriteStream(temporary, { mode: 0o600 }));
    await rename(temporary, target);
    return ok({ files: files.length, bytes: files.reduce((sum, file) => sum + file.bytes, 0) });
  } catch (error) {
    return fail('StoreIoFailed', `The backup could not be written to ${target}: ${(error as Error).message}.`);
  }
}

/**
 * Replaces the data directory's files with a backup's, after checking every file against the
 * header's size and SHA-256. What was there is moved to `before-restore-<time>/`, never deleted.
 * The caller owns the directory and must open it afresh afterwards.
 */
export async function restoreBackup(directory: string, source: string, now: Date): Promise<Result<{ files: number; keptAside: string | null }, StoreErrorCode>> {
  const staging = path.join(directory, `.restore-${randomUUID()}`);
  try {
    const contents = new Map<string, Buffer[]>();
    let header: BackupHeader | null = null;
    const reader = createInterface({ input: createReadStream(source).pipe(createGunzip()), crlfDelay: Infinity });
    for await (const line of reader) {
      if (!line) continue;
      const record = JSON.parse(line) as BackupHeader | { path: string; offset: number; data: string };
      if (!header) {
        if ((record as BackupHeader).format !== format || (record as BackupHeader).version !== 1) return fail('StoreCorrupt', `${source} is not an OCR Desk backup.`);
        header = record as BackupHeader;
        continue;
      }
      const chunk = record as { path: string; data: string };
      const parts = contents.get(chunk.path) ?? [];
      parts.push(Buffer.from(chunk.data, 'base64'));
      contents.set(chunk.path, parts);
    }
    if (!header) return fail('StoreCorrupt', `${source} is empty.`);
    await mkdir(path.join(staging, ledgerFolderName), { recursive: true, mode: 0o700 });
    for (const file of header.files) {
      const bytes = Buffer.concat(contents.get(file.path) ?? []);
      const safe = path.normalize(file.path);
      if (safe.startsWith('..') || path.isAbsolute(safe)) return fail('StoreCorrupt', `${source} names a file outside the data directory (${file.path}).`);
      if (bytes.length !== file.bytes || createHash('sha256').update(bytes).digest('hex') !== file.sha256) {
        return fail('StoreCorrupt', `${source} is damaged: ${file.path} does not match its checksum. Nothing was changed.`);
      }
      await writeSynced(path.join(staging, safe), bytes);
    }
    // What is there now goes aside, whole, before the backup's files take its place.
    const aside = path.join(directory, `before-restore-${now.toISOString().replace(/[:.]/gu, '-')}`);
    const movedAside: string[] = [];
    const placed: string[] = [];
    try {
      for (const name of [stateFileName, `${stateFileName.replace(/\.json$/u, '')}.last-good.json`, ...keyFileNames, ledgerFolderName]) {
        if (!(await fileExists(path.join(directory, name)))) continue;
        await mkdir(aside, { recursive: true, mode: 0o700 });
        await rename(path.join(directory, name), path.join(aside, name));
        movedAside.push(name);
      }
      for (const name of await readdir(staging)) {
        await rename(path.join(staging, name), path.join(directory, name));
        placed.push(name);
      }
      await syncFolder(directory);
    } catch (error) {
      // Half a restore is worse than none: what was placed goes, what was set aside comes back.
      const undone = await undoRestore(directory, aside, placed, movedAside);
      const state = undone ? 'Nothing was changed' : `The directory could not be put back as it was: its files are in ${aside}`;
      return fail(undone ? 'StoreCorrupt' : 'StoreIoFailed', `${source} could not be restored: ${(error as Error).message}. ${state}.`);
    }
    return ok({ files: header.files.length, keptAside: movedAside.length > 0 ? aside : null });
  } catch (error) {
    return fail('StoreCorrupt', `${source} could not be restored: ${(error as Error).message}. Nothing was changed.`);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function undoRestore(directory: string, aside: string, placed: readonly string[], movedAside: readonly string[]): Promise<boolean> {
  try {
    for (const name of placed) await rm(path.join(directory, name), { recursive: true, force: true });
    for (const name of movedAside) await rename(path.join(aside, name), path.join(directory, name));
    await rm(aside, { recursive: true, force: true });
    return true;
  } catch {
    return false;
  }
}
