/** A package a call may draw on, with what is left of it right now (used and reserved taken off). */
export interface Drawable {
  readonly key: string;
  readonly available: number;
}

export interface Draw {
  /** `free:<service>:<month>`, a prepaid package's id, or `payg:<service>:<month>`. */
  readonly package: string;
  readonly calls: number;
}

/**
 * The cloud's deduction order: the free package, then prepaid packages in the order they were
 * activated, then pay-as-you-go when it is on. `candidates` come in that order; a call of 2 (both
 * sides of an ID card) may take its last call from one package and the next from another. Null
 * when the packages cannot cover it and pay-as-you-go is off: nothing is reserved then.
 */
export function deduct(calls: number, candidates: readonly Drawable[], payAsYouGo: string | null): Draw[] | null {
  const draws: Draw[] = [];
  let left = calls;
  for (const candidate of candidates) {
    if (left === 0) break;
    const take = Math.min(left, candidate.available);
    if (take > 0) {
      draws.push({ package: candidate.key, calls: take });
      left -= take;
    }
  }
  if (left === 0) return draws;
  if (payAsYouGo === null) return null;
  return [...draws, { package: payAsYouGo, calls: left }];
}
