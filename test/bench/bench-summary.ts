import { comparesWithoutSpaces } from './bench-languages.js';
import type { ImageLatency, LanguageGroupLatency } from './measure-latency.js';
import { characterErrors, microCer, type CharacterErrors } from '../helpers/text-metrics.js';
import { median, ratioOrNull, sumOrNull } from './timing.js';

/** One printed row per image: speed and accuracy of both engines side by side. */
export interface ImageRow {
  readonly id: string;
  readonly category: string;
  readonly languages: string;
  readonly deskMs: number | null;
  readonly nativeCliMs: number | null;
  readonly nativeWarmMs: number | null;
  readonly deskCer: number | null;
  readonly nativeCer: number | null;
  readonly deskErrors: CharacterErrors | null;
  readonly nativeErrors: CharacterErrors | null;
  readonly deskFailure: string | null;
  readonly nativeFailure: string | null;
}

export interface Totals {
  /** A language set, or `all`. */
  readonly scope: string;
  readonly images: number;
  readonly deskWarmMs: number | null;
  readonly nativeCliMs: number | null;
  /** From the list-file runs: one process per language set, minus one model load each. */
  readonly nativeWarmMs: number | null;
  readonly nativeLoadMs: number | null;
  readonly deskOverNativeWarm: number | null;
  readonly deskOverNativeCli: number | null;
  /** Median over images of desk ÷ native CLI; less dominated by the few large pages than the total. */
  readonly medianImageDeskOverNativeCli: number | null;
  readonly deskMicroCer: number | null;
  readonly nativeMicroCer: number | null;
}

export function imageRows(images: readonly ImageLatency[]): ImageRow[] {
  return images.map(({ item, languages, desk, nativeCli, nativeWarmMs }) => {
    const options = { dropSpaces: comparesWithoutSpaces(languages.split('+')) };
    const score = (text: string | null) => (text === null ? null : characterErrors(item.truth, text, options));
    const deskErrors = score(desk.text);
    const nativeErrors = score(nativeCli?.text ?? null);
    return {
      id: item.id,
      category: item.category,
      languages,
      deskMs: desk.medianMs,
      nativeCliMs: nativeCli?.medianMs ?? null,
      nativeWarmMs,
      deskCer: deskErrors ? microCer([deskErrors]) : null,
      nativeCer: nativeErrors ? microCer([nativeErrors]) : null,
      deskErrors,
      nativeErrors,
      deskFailure: desk.error,
      nativeFailure: nativeCli?.error ?? null,
    };
  });
}

export function totalsFor(scope: string, rows: readonly ImageRow[], groups: readonly LanguageGroupLatency[]): Totals {
  const deskWarmMs = sumOrNull(rows.map((row) => row.deskMs));
  const nativeCliMs = sumOrNull(rows.map((row) => row.nativeCliMs));
  const nativeWarmMs = groups.length === 0 ? null : sumOrNull(groups.map((group) => group.nativeWarmTotalMs));
  const perImage = rows.flatMap((row) => (row.deskMs !== null && row.nativeCliMs ? [row.deskMs / row.nativeCliMs] : []));
  return {
    scope,
    images: rows.length,
    deskWarmMs,
    nativeCliMs,
    nativeWarmMs,
    nativeLoadMs: groups.length === 1 ? (groups[0]?.nativeLoadMs ?? null) : null,
    deskOverNativeWarm: ratioOrNull(deskWarmMs, nativeWarmMs),
    deskOverNativeCli: ratioOrNull(deskWarmMs, nativeCliMs),
    medianImageDeskOverNativeCli: perImage.length === rows.length ? median(perImage) : null,
    deskMicroCer: scoredCer(rows.map((row) => row.deskErrors)),
    nativeMicroCer: scoredCer(rows.map((row) => row.nativeErrors)),
  };
}

/** Per language set and overall; the overall row is what the product's targets are stated against. */
export function allTotals(rows: readonly ImageRow[], groups: readonly LanguageGroupLatency[]): Totals[] {
  const perGroup = groups.map((group) =>
    totalsFor(
      group.languages,
      rows.filter((row) => row.languages === group.languages),
      [group],
    ),
  );
  return [...perGroup, totalsFor('all', rows, groups)];
}

function scoredCer(errors: readonly (CharacterErrors | null)[]): number | null {
  return errors.every((e) => e !== null) ? microCer(errors as CharacterErrors[]) : null;
}
