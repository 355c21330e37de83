/**
 * For `auto`: the language set to read a page with, from the script Tesseract's OSD detected.
 * - OSD cannot tell Simplified from Traditional Chinese, so Han reads with both.
 * - OSD names Chinese pages with a little kana, and some Chinese pages, "Japanese": both models.
 * - Latin reads with English only: the other Latin-script models would slow every English page for
 *   a few accented letters; ask for the language (e.g. `fre`) to read them.
 * - Unknown (a small crop, no confident script): Chinese with English, the cloud's default.
 */
const byScript: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['Latin', ['eng']],
  ['Han', ['chi_sim', 'chi_tra', 'eng']],
  ['Japanese', ['jpn', 'chi_sim', 'eng']],
  ['Hiragana', ['jpn', 'eng']],
  ['Katakana', ['jpn', 'eng']],
  ['Hangul', ['kor', 'eng']],
  ['Korean', ['kor', 'eng']],
  ['Cyrillic', ['rus', 'eng']],
  ['Thai', ['tha', 'eng']],
]);

const fallback: readonly string[] = ['chi_sim', 'eng'];

export function languagesForScript(script: string | null): readonly string[] {
  return (script && byScript.get(script)) || fallback;
}
