import type { Box } from '../../../shared/ocr-result.js';

/**
 * Where the model's spaces between words are text and where they are artefacts:
 * - Chinese and Japanese are written without spaces, but Tesseract's npm models put one between
 *   nearly every character ("网 络 支付"): no space next to a CJK character.
 * - Thai puts spaces only between phrases, and the model puts one between every letter ("ก า ร"):
 *   no space between two Thai characters.
 * - Korean separates words with spaces, but the model splits words into syllables ("인 식 은"):
 *   between two Hangul syllables a space is kept only where the ink shows a gap, measured against
 *   the line's height.
 */
const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;
const thai = /\p{Script=Thai}/u;
const hangul = /\p{Script=Hangul}/u;
/** Measured on NanumGothic text: syllables of a word sit under 0.1 line heights apart, words 0.25 and more. */
const hangulWordGap = 0.18;

export function isCjk(character: string): boolean {
  return cjk.test(character);
}

export interface PlacedWord {
  readonly text: string;
  readonly box: Box;
}

function needsSpace(before: PlacedWord, after: PlacedWord, lineHeight: number): boolean {
  // Whole code points: rare CJK characters (zh_rare) lie outside the BMP, as surrogate pairs.
  const last = [...before.text].at(-1)!;
  const first = String.fromCodePoint(after.text.codePointAt(0)!);
  if (isCjk(last) || isCjk(first)) return false;
  if (thai.test(last) && thai.test(first)) return false;
  if (hangul.test(last) && hangul.test(first)) return after.box.x - (before.box.x + before.box.width) > hangulWordGap * lineHeight;
  return true;
}

/** Joins a line's words (left to right, with their boxes) into its text. */
export function joinWords(words: readonly PlacedWord[], lineHeight: number): string {
  let text = '';
  let previous: PlacedWord | null = null;
  for (const word of words) {
    if (word.text.length === 0) continue;
    if (previous && needsSpace(previous, word, lineHeight)) text += ' ';
    text += word.text;
    previous = word;
  }
  return text;
}
