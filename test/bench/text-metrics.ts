/**
 * Character error rate, defined as in the engine benchmark that set the product's targets, so the
 * figures printed next to the speeds are comparable with that report.
 */

export interface CharacterErrors {
  /** Levenshtein distance between the normalised output and the normalised reference. */
  readonly distance: number;
  /** Characters (code points) in the normalised reference. */
  readonly referenceLength: number;
}

export interface NormaliseOptions {
  /**
   * Remove every space instead of collapsing runs. For Chinese the models emit spaces between
   * characters that the reference does not have; counting them would measure the model's
   * spacing habit, not what it read.
   */
  readonly removeSpaces: boolean;
}

/** NFKC folds full-width Latin and compatibility forms, so the CER does not punish a code-point choice. */
export function normaliseForCer(text: string, options: NormaliseOptions): string {
  const folded = text.normalize('NFKC');
  return options.removeSpaces ? folded.replace(/\s+/gu, '') : folded.replace(/\s+/gu, ' ').trim();
}

/** Edit distance over code points (not UTF-16 units), so one CJK character or emoji counts once. */
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

export function characterErrors(output: string, reference: string, options: NormaliseOptions): CharacterErrors {
  const normalisedReference = normaliseForCer(reference, options);
  return {
    distance: levenshtein(normaliseForCer(output, options), normalisedReference),
    referenceLength: Array.from(normalisedReference).length,
  };
}

/** Pooled ("micro") CER: total edits over total reference characters; null when nothing was measured. */
export function microCer(errors: readonly CharacterErrors[]): number | null {
  const reference = errors.reduce((sum, e) => sum + e.referenceLength, 0);
  if (errors.length === 0 || reference === 0) return null;
  return errors.reduce((sum, e) => sum + e.distance, 0) / reference;
}
