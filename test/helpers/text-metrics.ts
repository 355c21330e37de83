/**
 * Accuracy measures shared by the tests, `npm run eval` and `npm run bench`, following the method
 * of ../shared/reference/engine-benchmark.md so our numbers compare with its tables.
 */

export interface NormaliseOptions {
  /**
   * Remove every space instead of collapsing runs. For Chinese the models emit spaces between
   * characters that the reference does not have; counting them would measure the model's spacing
   * habit, not what it read.
   */
  readonly dropSpaces?: boolean;
}

/** NFKC, straight quotes, one kind of dash, collapsed whitespace (none at all with dropSpaces). */
export function normaliseText(text: string, options: NormaliseOptions = {}): string {
  const normalised = text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/gu, ' ')
    .trim();
  return options.dropSpaces ? normalised.replace(/ /g, '') : normalised;
}

/** Edit distance over code points (not UTF-16 units), so one CJK character counts once. */
export function levenshtein(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  if (left.length === 0) return right.length;
  if (right.length === 0) return left.length;
  // Two rows suffice; a full matrix for a 5,000-character page would be 25 M cells.
  let previous = new Int32Array(right.length + 1);
  let current = new Int32Array(right.length + 1);
  for (let j = 0; j <= right.length; j += 1) previous[j] = j;
  for (let i = 1; i <= left.length; i += 1) {
    current[0] = i;
    const char = left[i - 1];
    for (let j = 1; j <= right.length; j += 1) {
      const substitution = previous[j - 1]! + (char === right[j - 1] ? 0 : 1);
      current[j] = Math.min(substitution, previous[j]! + 1, current[j - 1]! + 1);
    }
    [previous, current] = [current, previous];
  }
  return previous[right.length]!;
}

export interface CharacterErrors {
  /** Levenshtein distance between the normalised output and the normalised reference. */
  readonly distance: number;
  /** Characters (code points) in the normalised reference. */
  readonly referenceLength: number;
}

export function characterErrors(reference: string, output: string, options: NormaliseOptions = {}): CharacterErrors {
  const normalisedReference = normaliseText(reference, options);
  return { distance: levenshtein(normalisedReference, normaliseText(output, options)), referenceLength: Array.from(normalisedReference).length };
}

/** Character error rate: edit distance / reference length (can exceed 1 when output is long). */
export function characterErrorRate(reference: string, output: string, options: NormaliseOptions = {}): number {
  const { distance, referenceLength } = characterErrors(reference, output, options);
  return referenceLength === 0 ? (distance === 0 ? 0 : 1) : distance / referenceLength;
}

/** Pooled ("micro") CER: total edits over total reference characters; null when nothing was measured. */
export function microCer(errors: readonly CharacterErrors[]): number | null {
  const reference = errors.reduce((sum, e) => sum + e.referenceLength, 0);
  if (errors.length === 0 || reference === 0) return null;
  return errors.reduce((sum, e) => sum + e.distance, 0) / reference;
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
