import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { resolveModelFile } from '../../main/engine/models/model-files.js';

/** Where one traineddata file came from, to print beside the figures. */
export interface ModelSource {
  readonly language: string;
  readonly file: string;
  readonly bytes: number;
}

/**
 * Writes uncompressed `<lang>.traineddata` files, the only form the native CLI reads, into
 * `tessdataDir`: the very files OCR Desk loads (resolved by its own model-files.ts), so the
 * comparison is of engines, not of models.
 */
export async function writeTessdata(
  languages: readonly string[],
  tessdataDir: string,
  lookup: { readonly modelsFolder: string; readonly variant: string },
): Promise<{ sources: ModelSource[]; missing: string[] }> {
  const sources: ModelSource[] = [];
  const missing: string[] = [];
  for (const language of languages) {
    const file = resolveModelFile(language, lookup.variant, lookup.modelsFolder);
    if (!file.ok) {
      missing.push(file.error.message);
      continue;
    }
    const raw = await readFile(file.value);
    const data = file.value.endsWith('.gz') ? gunzipSync(raw) : raw;
    await writeFile(path.join(tessdataDir, `${language}.traineddata`), data);
    sources.push({ language, file: file.value, bytes: data.length });
  }
  return { sources, missing };
}
