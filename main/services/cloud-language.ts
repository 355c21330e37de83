import { findLanguageModel } from '../engine/languages/language-registry.js';

/**
 * The cloud's `Language` answer for a reading: the LanguageType that names the models it used.
 * English alone answers `zh`, as the cloud does (its `zh` reads Chinese and English); a PDF text
 * layer, which uses no model, answers `auto`.
 */
export function cloudLanguageOf(tesseractLanguages: string): string {
  const names = tesseractLanguages.split('+').filter((name) => name.length > 0);
  if (names.length === 0) return 'auto';
  if (names.some((name) => name.startsWith('chi_'))) return 'zh';
  for (const name of names) {
    const code = findLanguageModel(name)?.cloudCode;
    if (code) return code;
  }
  return 'zh';
}
