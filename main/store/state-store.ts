import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import type { StoreErrorCode } from '../../shared/store-errors.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { fileExists } from '../platform/file-exists.js';
import { createDurableJsonFile } from './durable-json-file.js';
import { currentSchemaVersion, initialState, migrations, problemWith, type StoreState } from './state-schema.js';

export const stateFileName = 'db.json';

export interface StateStore {
  /** The current state; treat as read-only outside update(). */
  readonly state: Readonly<StoreState>;
  /**
   * Changes the state and writes it durably. Updates run one at a time in the order called, so a
   * read-modify-write inside `change` never interleaves with another.
   */
  update(change: (state: StoreState) => void): Promise<Result<void, StoreErrorCode>>;
  /** Resolves when every update called so far has been written (or has failed). */
  settled(): Promise<void>;
}

/**
 * Opens db.json: creates it on first run, migrates an older version (keeping the old file as
 * `db.v<N>.json`), and refuses, changing nothing, when it is damaged or from a newer OCR Desk.
 */
export async function openStateStore(directory: string, now: Date): Promise<Result<StateStore, StoreErrorCode>> {
  const file = path.join(directory, stateFileName);
  const adapter = createDurableJsonFile<StoreState>(file);
  const loaded = await loadState(file, adapter.lastGoodFile, now);
  if (!loaded.ok) return loaded;
  const db = new Low<StoreState>(adapter, loaded.value.state);
  if (loaded.value.needsWrite) {
    const written = await writeState(db, file);
    if (!written.ok) return written;
  }
  let queue: Promise<unknown> = Promise.resolve();
  return ok({
    get state() {
      return db.data;
    },
    update(change) {
      const next = queue.then(async () => {
        // A change that fails half-way must not leave a half-changed state in memory.
        const draft = structuredClone(db.data);
        change(draft);
        const previous = db.data;
        db.data = draft;
        const written = await writeState(db, file);
        if (!written.ok) db.data = previous;
        return written;
      });
      queue = next.catch(() => undefined);
      return next;
    },
    async settled() {
      await queue;
    },
  });
}

async function writeState(db: Low<StoreState>, file: string): Promise<Result<void, StoreErrorCode>> {
  try {
    await db.write();
    return ok(undefined);
  } catch (error) {
    return fail('StoreIoFailed', `Cannot write ${file}: ${(error as Error).message}. Nothing was changed.`);
  }
}

async function loadState(file: string, lastGoodFile: string, now: Date): Promise<Result<{ state: StoreState; needsWrite: boolean }, StoreErrorCode>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return fail('StoreIoFailed', `Cannot read ${file}: ${(error as Error).message}.`);
    // A missing db.json beside a last good copy is a lost file, not a first run.
    if (await fileExists(lastGoodFile)) return fail('StoreCorrupt', `${file} is missing. ${await restoreAdvice(file, lastGoodFile)}`);
    return ok({ state: initialState(now), needsWrite: true });
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return fail('StoreCorrupt', `${file} is damaged (${(error as Error).message}); it was left as it is. ${await restoreAdvice(file, lastGoodFile)}`);
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document) || !Number.isInteger((document as Record<string, unknown>)['schemaVersion'])) {
    return fail('StoreCorrupt', `${file} is not an OCR Desk database (no schema version); it was left as it is. ${await restoreAdvice(file, lastGoodFile)}`);
  }
  let current = document as Record<string, unknown>;
  const version = current['schemaVersion'] as number;
  if (version > currentSchemaVersion) {
    return fail('StoreTooNew', `${file} was written by a newer OCR Desk (schema ${version}; this one knows ${currentSchemaVersion}). Run the newer version, or restore a backup made by this one.`);
  }
  if (version < currentSchemaVersion) {
    // The version being replaced is kept whole: an upgrade never loses data, even a buggy one.
    try {
      await writeFile(path.join(path.dirname(file), `db.v${version}.json`), text, { mode: 0o600 });
    } catch (error) {
      return fail('StoreIoFailed', `Cannot keep a copy of ${file} before upgrading it: ${(error as Error).message}.`);
    }
    for (let from = version; from < currentSchemaVersion; from += 1) {
      const migrate = migrations[from];
      if (!migrate) return fail('StoreCorrupt', `${file} has schema ${version}, which this OCR Desk cannot upgrade.`);
      current = migrate(current);
    }
  }
  const problem = problemWith(current);
  if (problem) return fail('StoreCorrupt', `${file} is damaged: ${problem}; it was left as it is. ${await restoreAdvice(file, lastGoodFile)}`);
  return ok({ state: current as unknown as StoreState, needsWrite: version < currentSchemaVersion });
}

async function restoreAdvice(file: string, lastGoodFile: string): Promise<string> {
  try {
    const { mtime } = await stat(lastGoodFile);
    return `The previous version, written ${mtime.toISOString()}, is ${lastGoodFile}: stop OCR Desk, copy it over ${path.basename(file)}, and start again.`;
  } catch {
    return `No previous version exists: restore ${path.basename(file)} from a backup, or move it away to start with an empty store.`;
  }
}
