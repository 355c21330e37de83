import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fail, ok, type Result } from '../../../shared/result.js';

/**
 * A variant that a language lacks is stood in for by this one: Debian's tessdata_fast is carried
 * only for some languages; the others read their npm best_int model, of about the same size.
 */
const standIn: ReadonlyMap<string, string> = new Map([['fast', '4.0.0_best_int']]);
/** The variant folders there are; anything else is refused rather than joined into a path. */
const knownVariants = new Set(['fast', '4.0.0', '4.0.0_best_int']);

/**
 * Where a language's model file lives, in this order:
 * 1. carried in the repository: `<modelsFolder>/<variant>/<lang>.traineddata[.gz]`;
 * 2. its npm package: `@tesseract.js-data/<lang>/<variant>/<lang>.traineddata.gz`;
 * 3. the same two for the variant's stand-in (`fast` -> `4.0.0_best_int`);
 * 4. carried as a fast model (`<modelsFolder>/fast/`): for languages that npm does not publish at
 *    all (Russian, vertical Simplified Chinese), the only model there is, in every variant.
 * Only local files: nothing is ever fetched.
 */
export function resolveModelFile(lang: string, variant: string, modelsFolder: string): Result<string, 'ModelMissing'> {
  if (!/^[a-z_]+$/.test(lang) || !knownVariants.has(variant)) return fail('ModelMissing', `"${lang}" (${variant}) is not a model name.`);
  const variantCandidates = (name: string) => [
    path.join(modelsFolder, name, `${lang}.traineddata.gz`),
    path.join(modelsFolder, name, `${lang}.traineddata`),
    ...packageCandidate(lang, name),
  ];
  const fallback = standIn.get(variant);
  const candidates = [
    ...variantCandidates(variant),
    ...(fallback ? variantCandidates(fallback) : []),
    path.join(modelsFolder, 'fast', `${lang}.traineddata.gz`),
  ];
  const found = candidates.find((file) => existsSync(file));
  return found ? ok(found) : fail('ModelMissing', `No ${variant} model for "${lang}" is installed (looked in ${candidates.join(', ')}).`);
}

const require = createRequire(import.meta.url);

function packageCandidate(lang: string, variant: string): string[] {
  try {
    return [path.join(path.dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`)), variant, `${lang}.traineddata.gz`)];
  } catch {
    return [];
  }
}
