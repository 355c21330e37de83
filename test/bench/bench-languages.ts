import { fail, ok, type Result } from '../../shared/result.js';
import { autoLanguage, findLanguageModel, resolveLanguageRequest } from '../../main/engine/languages/language-registry.js';

/**
 * The Tesseract language set OCR Desk reads a manifest language with (`zh` -> `chi_sim+eng`),
 * taken from OCR Desk's own registry so the native run cannot drift from what the product does.
 */
export function tesseractLanguagesFor(request: string): Result<readonly string[], 'LanguageNotComparable'> {
  const resolved = resolveLanguageRequest(request);
  if (!resolved.ok) return fail('LanguageNotComparable', resolved.error.message);
  // `auto` picks models per image inside OCR Desk; native has no equivalent single command line.
  if (resolved.value === autoLanguage) return fail('LanguageNotComparable', 'language "auto" has no fixed native equivalent');
  return ok(resolved.value);
}

/** Chinese output and truth are compared without spaces (see test/helpers/text-metrics.ts). */
export function comparesWithoutSpaces(languages: readonly string[]): boolean {
  return languages.some((name) => findLanguageModel(name)?.joinsWithoutSpaces === true);
}

/** Whether a manifest language (a cloud code or Tesseract names) is compared without spaces. */
export function comparesRequestWithoutSpaces(request: string): boolean {
  const languages = tesseractLanguagesFor(request);
  return languages.ok && comparesWithoutSpaces(languages.value);
}
