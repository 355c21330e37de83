import { fail, ok, type Result } from '../../../shared/result.js';

/**
 * The languages the engine can read. One entry per Tesseract model; a language is added here and
 * its model to package.json (an `@tesseract.js-data/*` package) or to assets/tessdata (see its
 * README), nothing else changes.
 */
export interface LanguageModel {
  /** Tesseract's model name, e.g. `chi_sim`. */
  readonly name: string;
  readonly displayName: string;
  /** The cloud's LanguageType for this language alone, where it has one. */
  readonly cloudCode?: string;
  /** Scripts whose spaces between characters are artefacts of the model, not text. */
  readonly joinsWithoutSpaces: boolean;
  /** Written in vertical columns, read top to bottom, columns right to left. */
  readonly vertical?: boolean;
  /**
   * Read the page as one block instead of with Tesseract's layout analysis, for scripts whose
   * layout analysis breaks lines apart. Columns then run together: the price of reading at all.
   */
  readonly singleBlock?: boolean;
}

const models: readonly LanguageModel[] = [
  { name: 'eng', displayName: 'English', joinsWithoutSpaces: false },
  { name: 'chi_sim', displayName: 'Chinese (Simplified)', joinsWithoutSpaces: true },
  { name: 'chi_tra', displayName: 'Chinese (Traditional)', joinsWithoutSpaces: true },
  { name: 'jpn', displayName: 'Japanese', cloudCode: 'jap', joinsWithoutSpaces: true },
  // Measured: with layout analysis (PSM 3) a two-line Hangul paragraph lost a line at most scales
  // (CER 72%); read as one block (PSM 6) both lines read at every scale from 1x to 3x.
  { name: 'kor', displayName: 'Korean', cloudCode: 'kor', joinsWithoutSpaces: false, singleBlock: true },
  { name: 'spa', displayName: 'Spanish', cloudCode: 'spa', joinsWithoutSpaces: false },
  { name: 'fra', displayName: 'French', cloudCode: 'fre', joinsWithoutSpaces: false },
  { name: 'deu', displayName: 'German', cloudCode: 'ger', joinsWithoutSpaces: false },
  { name: 'por', displayName: 'Portuguese', cloudCode: 'por', joinsWithoutSpaces: false },
  { name: 'vie', displayName: 'Vietnamese', cloudCode: 'vie', joinsWithoutSpaces: false },
  { name: 'msa', displayName: 'Malay', cloudCode: 'may', joinsWithoutSpaces: false },
  // Not on npm: Debian's tessdata_fast model is carried in assets/tessdata/fast.
  { name: 'rus', displayName: 'Russian', cloudCode: 'rus', joinsWithoutSpaces: false },
  { name: 'ita', displayName: 'Italian', cloudCode: 'ita', joinsWithoutSpaces: false },
  { name: 'nld', displayName: 'Dutch', cloudCode: 'hol', joinsWithoutSpaces: false },
  { name: 'swe', displayName: 'Swedish', cloudCode: 'swe', joinsWithoutSpaces: false },
  { name: 'fin', displayName: 'Finnish', cloudCode: 'fin', joinsWithoutSpaces: false },
  { name: 'dan', displayName: 'Danish', cloudCode: 'dan', joinsWithoutSpaces: false },
  { name: 'nor', displayName: 'Norwegian', cloudCode: 'nor', joinsWithoutSpaces: false },
  { name: 'hun', displayName: 'Hungarian', cloudCode: 'hun', joinsWithoutSpaces: false },
  { name: 'tha', displayName: 'Thai', cloudCode: 'tha', joinsWithoutSpaces: true },
  { name: 'chi_tra_vert', displayName: 'Chinese (Traditional), vertical', joinsWithoutSpaces: true, vertical: true },
  // Not on npm: Debian's tessdata_fast model is carried in assets/tessdata/fast.
  { name: 'chi_sim_vert', displayName: 'Chinese (Simplified), vertical', joinsWithoutSpaces: true, vertical: true },
  { name: 'jpn_vert', displayName: 'Japanese, vertical', joinsWithoutSpaces: true, vertical: true },
];

/**
 * The cloud's `LanguageType` codes, as Tesseract language sets. `zh` (the cloud's default) and
 * `zh_rare` read Simplified and Traditional Chinese mixed with English; `mix` adds Japanese and
 * Korean. Every other code reads its language with English, as documents in any language carry
 * English words, numbers and codes. `auto` is resolved per image from the script OSD detects
 * (languages-for-script.ts), so it is absent here. A Map, not an object literal: a request for
 * "constructor" must not find Object.prototype's.
 */
const cloudLanguageTypes: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['zh', ['chi_sim', 'chi_tra', 'eng']],
  ['zh_rare', ['chi_sim', 'chi_tra', 'eng']],
  ['mix', ['chi_sim', 'eng', 'jpn', 'kor']],
  ...models.flatMap((model): Array<[string, readonly string[]]> => (model.cloudCode ? [[model.cloudCode, [model.name, 'eng']]] : [])),
]);

const maxLanguagesPerRequest = 6;

/** The pseudo-language that asks the engine to choose from the detected script. */
export const autoLanguage = 'auto';

export function listLanguageModels(): readonly LanguageModel[] {
  return models;
}

/** True when the set reads vertical text, whose lines are columns: the horizontal skew estimate does not apply. */
export function readsVertically(languages: readonly string[] | typeof autoLanguage): boolean {
  return languages !== autoLanguage && languages.some((name) => findLanguageModel(name)?.vertical === true);
}

/**
 * True when the set's main (first) language asks for its pages to be read as one block: `mix`
 * includes Korean, but its Chinese and Japanese pages keep their layout analysis.
 */
export function readsAsSingleBlock(languages: readonly string[]): boolean {
  return languages[0] !== undefined && findLanguageModel(languages[0])?.singleBlock === true;
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
  // Each model costs memory and time on every word; a request naming them all is refused.
  if (names.length > maxLanguagesPerRequest) {
    return fail('LanguageNotSupported', `At most ${maxLanguagesPerRequest} languages can be read together; ${names.length} were asked for.`);
  }
  const unknown = names.filter((name) => !findLanguageModel(name));
  if (names.length === 0 || unknown.length > 0) {
    const known = [...cloudLanguageTypes.keys(), autoLanguage, ...models.map((m) => m.name)].join(', ');
    return fail('LanguageNotSupported', `Language "${unknown.join('+') || trimmed}" is not supported; use one of: ${known} (Tesseract names may be joined with +).`);
  }
  return ok([...new Set(names)]);
}
