import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { defaultModelsFolder } from '../../main/platform/app-paths.js';
import { tierProfiles, type Tier } from '../../main/engine/tiers.js';
import type { NativeStatus } from './bench-report.js';
import { writeTessdata } from './bench-models.js';
import { createNativeTesseract, findExecutable, type NativeTesseract } from './native-tesseract.js';


/**
 * Finds the CLI and gives it OCR Desk's model files. A missing binary or model is reported, not
 * thrown: the OCR Desk half of the bench is still worth printing.
 */
export async function prepareNativeBaseline(scratch: string, languages: readonly string[], tier: Tier): Promise<{ native: NativeTesseract | null; status: NativeStatus }> {
  const binary = await findExecutable('tesseract', process.env['PATH']);
  if (!binary) return { native: null, status: { status: 'unavailable', message: 'The `tesseract` command was not found on PATH.' } };
  const tessdataDir = path.join(scratch, 'tessdata');
  await mkdir(tessdataDir);
  const models = await writeTessdata(languages, tessdataDir, { modelsFolder: defaultModelsFolder(), variant: tierProfiles[tier].variant });
  const created = await createNativeTesseract({ binary, tessdataDir, baseEnv: process.env });
  if (!created.ok) return { native: null, status: { status: 'unavailable', message: created.error.message } };
  return {
    native: created.value,
    status: { status: 'ok', binary, version: created.value.version, models: models.sources, missingModels: models.missing },
  };
}
