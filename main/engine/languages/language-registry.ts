import { fail, ok, type Result } from '../../../shared/result.js';

/**
 * The languages the engine can read. One entry per Tesseract model; the next languages are added
 * here (and their models to package.json or assets/tessdata), nothing else changes.
 */
export interface LanguageModel {
  /** Tesseract's model name, e.g. `chi_sim`. */
  readonly name: string;
  readonly displayName: string;
  /** Scripts whose spaces between characters are artefacts of the model, not text. */
  readonly joinsWithoutSpaces: boolean;
}

const models: readonly LanguageModel[] = [
  { name: 'eng', displayName: 'English', joinsWithoutSpaces: false },
  { name: 'chi_sim', displayName: 'Chinese (Simplified)', joinsWithoutSpaces: true },
  { name: 'chi_tra', displayName: 'Chinese (Traditional)', joinsWithoutSpaces: true },
];

/**
 * The cloud's `LanguageType` codes we serve so far, as Tesseract language sets. `zh` reads Chinese
 * mixed with English, as the cloud's default does. `auto` is resolved per image from the script
 * OSD detects (languages-for-script.ts), so it is absent here. A Map, not an object literal: a
 * request for "constructor" must not find Object.prototype's.
 */
const cloudLanguageTypes: ReadonlyMap<string, readonly string[]> = new Map([
  ['zh', ['chi_sim', 'eng']],
  ['mix', ['chi_sim', 'eng']],
]);

/** The pseudo-language that asks the engine to choose from the detected script. */
export const autoLanguage = 'auto';

export function listLanguageModels(): readonly LanguageModel[] {
  return models;
}

export function findLanguageModel(name: string): LanguageModel | undefined {
  return models.find((model) => model.name === name);
}

/**
 * Resolves what a caller asked for (a cloud code such as `zh`, or Tesseract names joined with `+`
 * such as `chi_sim+eng`) to a language set, or `auto`.
 */
export function resolveLanguageRequest(request: string): Result<readonly string[] | typeof autoLanguage, 'LanguageNotSupported'> {
  const trimmed = request.trim();
  if (trimmed === autoLanguage) return ok(autoLanguage);
  const cloud = cloudLanguageTypes.get(trimmed);
  if (cloud) return ok(cloud);
  const names = trimmed.split('+').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !findLanguageModel(name));
  if (names.length === 0 || unknown.length > 0) {
    const known = [...cloudLanguageTypes.keys(), autoLanguage, ...models.map((m) => m.name)].join(', ');
    return fail('LanguageNotSupported', `Language "${unknown.join('+') || trimmed}" is not supported; use one of: ${known} (Tesseract names may be joined with +).`);
  }
  return ok([...new Set(names)]);
}
