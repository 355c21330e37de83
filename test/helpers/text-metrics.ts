/**
 * Accuracy measures shared by the tests, `npm run eval` and `npm run bench`, following the method
 * of ../shared/reference/engine-benchmark.md so our numbers compare with its table.
 */

/** NFKC, straight quotes, one kind of dash, collapsed whitespace; no spaces at all for CJK/Thai. */
export function normaliseText(text: string, options: { dropSpaces?: boolean } = {}): string {
  const normalised = text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
  return options.dropSpaces ? normalised.replace(/ /g, '') : normalised;
}

export function levenshtein(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0) return b.length;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Character error rate: edit distance / reference length (can exceed 1 when output is long). */
export function characterErrorRate(reference: string, output: string, options: { dropSpaces?: boolean } = {}): number {
  const ref = [...normaliseText(reference, options)];
  const out = [...normaliseText(output, options)];
  return ref.length === 0 ? (out.length === 0 ? 0 : 1) : levenshtein(ref, out) / ref.length;
}

/** Share of reference words missing from the output, as multisets: blind to reading order. */
export function missingWordRate(reference: string, output: string): number {
  const words = (text: string) => normaliseText(text).split(' ').filter(Boolean);
  const available = new Map<string, number>();
  for (const word of words(output)) available.set(word, (available.get(word) ?? 0) + 1);
  const referenceWords = words(reference);
  let missing = 0;
  for (const word of referenceWords) {
    const count = available.get(word) ?? 0;
    if (count > 0) available.set(word, count - 1);
    else missing += 1;
  }
  return referenceWords.length === 0 ? 0 : missing / referenceWords.length;
}

/** Languages written without spaces, whose CER ignores spaces. */
export function dropsSpaces(language: string): boolean {
  return /chi_|zh|mix|jpn|jap|tha/.test(language);
}
