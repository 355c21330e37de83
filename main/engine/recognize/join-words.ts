/**
 * Chinese and Japanese are written without spaces, but Tesseract's npm models put one between
 * nearly every character ("网 络 支付"). A space is kept only where neither neighbour is CJK.
 * Hangul is not included: Korean separates words with spaces.
 */
const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;

export function isCjk(character: string): boolean {
  return cjk.test(character);
}

export function joinWords(words: readonly string[]): string {
  let text = '';
  for (const word of words) {
    if (word.length === 0) continue;
    if (text.length > 0 && !isCjk(text.at(-1)!) && !isCjk(word[0]!)) text += ' ';
    text += word;
  }
  return text;
}
