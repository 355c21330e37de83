import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fail, ok, type Result } from '../../shared/result.js';

/** Where one traineddata file came from, to print beside the figures. */
export interface ModelSource {
  readonly language: string;
  readonly file: string;
  readonly bytes: number;
}

export interface ModelLookup {
  /** OCR Desk's carried-models folder (`<folder>/<variant>/<lang>.traineddata[.gz]`). */
  readonly modelsFolder: string;
  /** The variant OCR Desk recognises with, e.g. `4.0.0_best_int`. */
  readonly variant: string;
  /** Resolves an npm package's folder; injected so the bench resolves from the app's node_modules. */
  readonly packageFolder: (packageName: string) => string | null;
}

/**
 * Finds the file OCR Desk would load for `language`, in the order main/engine/tesseract/worker-thread.cjs
 * uses (carried gz, carried raw, then the @tesseract.js-data package), so the native baseline reads
 * the very same model and the comparison is of engines, not of models.
 */
export async function readModelAsOcrDeskDoes(language: string, lookup: ModelLookup): Promise<Result<{ file: string; data: Buffer }, 'ModelMissing'>> {
  const carried = path.join(lookup.modelsFolder, lookup.variant, language);
  const packageFolder = lookup.packageFolder(`@tesseract.js-data/${language}`);
  const candidates = [`${carried}.traineddata.gz`, `${carried}.traineddata`];
  if (packageFolder) candidates.push(path.join(packageFolder, lookup.variant, `${language}.traineddata.gz`));
  for (const file of candidates) {
    try {
      const raw = await readFile(file);
      return ok({ file, data: file.endsWith('.gz') ? gunzipSync(raw) : raw });
    } catch {
      // absent in this form; the next candidate is OCR Desk's next choice too
    }
  }
  return fail('ModelMissing', `No ${lookup.variant} model for "${language}" (looked in ${candidates.join(', ')}).`);
}

/** Writes uncompressed `<lang>.traineddata` files, the only form the native CLI reads, into `tessdataDir`. */
export async function writeTessdata(languages: readonly string[], tessdataDir: string, lookup: ModelLookup): Promise<{ sources: ModelSource[]; missing: string[] }> {
  const sources: ModelSource[] = [];
  const missing: string[] = [];
  for (const language of languages) {
    const model = await readModelAsOcrDeskDoes(language, lookup);
    if (!model.ok) {
      missing.push(model.error.message);
      continue;
    }
    await writeFile(path.join(tessdataDir, `${language}.traineddata`), model.value.data);
    sources.push({ language, file: model.value.file, bytes: model.value.data.length });
  }
  return { sources, missing };
}
