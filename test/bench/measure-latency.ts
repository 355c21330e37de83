import { stat } from 'node:fs/promises';
import type { Result } from '../../shared/result.js';
import type { BenchItem } from './bench-corpus.js';
import type { OcrRun, Recognizer } from './ocr-runners.js';
import { median } from './timing.js';

/** Median and texts of one engine on one image. */
export interface EngineSample {
  readonly medianMs: number | null;
  readonly runsMs: readonly number[];
  /** Output of the first successful run (Tesseract is deterministic, so any run would do). */
  readonly text: string | null;
  readonly error: string | null;
}

export interface ImageLatency {
  readonly item: BenchItem;
  readonly languages: string;
  readonly desk: EngineSample;
  /** Null when native Tesseract is not available. */
  readonly nativeCli: EngineSample | null;
  /** CLI median minus the group's model load: what a long-lived native process would pay. */
  readonly nativeWarmMs: number | null;
}

export interface LanguageGroupLatency {
  readonly languages: string;
  readonly itemIds: readonly string[];
  readonly deskWarmupId: string;
  /** Native on a blank image: process start + model load + a trivial page. */
  readonly nativeLoadMs: number | null;
  /** One native process over a list file of the group's images (median of rounds). */
  readonly nativeListMs: number | null;
  /** nativeListMs minus one load. */
  readonly nativeWarmTotalMs: number | null;
  readonly nativeError: string | null;
}

export interface NativeLatencyProbes {
  readonly cli: Recognizer;
  /** Native CLI on a blank image in `languages`. */
  readonly load: (languages: string) => Promise<Result<OcrRun>>;
  /** One native process over a list file of `items`. */
  readonly list: (items: readonly BenchItem[], languages: string) => Promise<Result<OcrRun>>;
}

export interface LatencyPlan {
  readonly items: readonly BenchItem[];
  readonly rounds: number;
  /** Tesseract language set per item, e.g. `chi_sim+eng`. */
  readonly languagesOf: (item: BenchItem) => string;
  readonly desk: Recognizer;
  readonly native: NativeLatencyProbes | null;
  readonly log: (line: string) => void;
}

/**
 * Per language set, so each engine keeps one set of models loaded: OCR Desk's pool holds two
 * threads, and a third language set would evict one and make the next call pay a model load.
 * Within a group the engines alternate image by image and round by round, so a slow spell on a
 * shared machine hits both rather than one.
 */
export async function measureLatency(plan: LatencyPlan): Promise<{ images: ImageLatency[]; groups: LanguageGroupLatency[] }> {
  const groups = new Map<string, BenchItem[]>();
  for (const item of plan.items) {
    const key = plan.languagesOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }

  const images: ImageLatency[] = [];
  const groupResults: LanguageGroupLatency[] = [];
  for (const [languages, items] of groups) {
    // The largest file is the likeliest to need orientation detection, so its untimed run starts
    // both the OSD thread and the recognition thread; a tiny first image would leave OSD cold.
    const warmup = await largestFile(items);
    plan.log(`[${languages}] warming OCR Desk up on ${warmup.id}`);
    await plan.desk(warmup);

    let nativeLoadMs: number | null = null;
    let nativeError: string | null = null;
    if (plan.native) {
      const load = await sample(plan.rounds, () => plan.native!.load(languages));
      nativeLoadMs = load.medianMs;
      nativeError = load.error;
    }

    for (const item of items) {
      plan.log(`[${languages}] ${item.id}`);
      const deskRuns: Result<OcrRun>[] = [];
      const nativeRuns: Result<OcrRun>[] = [];
      for (let round = 0; round < plan.rounds; round += 1) {
        deskRuns.push(await plan.desk(item));
        if (plan.native) nativeRuns.push(await plan.native.cli(item));
      }
      const desk = summarise(deskRuns);
      const nativeCli = plan.native ? summarise(nativeRuns) : null;
      const nativeWarmMs = nativeCli?.medianMs != null && nativeLoadMs !== null ? Math.max(0, nativeCli.medianMs - nativeLoadMs) : null;
      images.push({ item, languages, desk, nativeCli, nativeWarmMs });
    }

    let nativeListMs: number | null = null;
    if (plan.native) {
      plan.log(`[${languages}] native list file of ${items.length} images`);
      const list = await sample(plan.rounds, () => plan.native!.list(items, languages));
      nativeListMs = list.medianMs;
      nativeError ??= list.error;
    }
    groupResults.push({
      languages,
      itemIds: items.map((item) => item.id),
      deskWarmupId: warmup.id,
      nativeLoadMs,
      nativeListMs,
      nativeWarmTotalMs: nativeListMs !== null && nativeLoadMs !== null ? Math.max(0, nativeListMs - nativeLoadMs) : null,
      nativeError,
    });
  }
  return { images, groups: groupResults };
}

async function sample(rounds: number, run: () => Promise<Result<OcrRun>>): Promise<EngineSample> {
  const runs: Result<OcrRun>[] = [];
  for (let round = 0; round < rounds; round += 1) runs.push(await run());
  return summarise(runs);
}

/** Any failed round makes the image's figure missing: a median over fewer rounds would hide it. */
function summarise(runs: readonly Result<OcrRun>[]): EngineSample {
  const failure = runs.find((run) => !run.ok);
  if (failure && !failure.ok) return { medianMs: null, runsMs: [], text: null, error: `${failure.error.code}: ${failure.error.message}` };
  const succeeded = runs.flatMap((run) => (run.ok ? [run.value] : []));
  return { medianMs: median(succeeded.map((run) => run.ms)), runsMs: succeeded.map((run) => run.ms), text: succeeded[0]?.text ?? null, error: null };
}

async function largestFile(items: readonly BenchItem[]): Promise<BenchItem> {
  let best = items[0]!;
  let bestSize = -1;
  for (const item of items) {
    const size = await stat(item.imagePath).then((s) => s.size, () => -1);
    if (size > bestSize) [best, bestSize] = [item, size];
  }
  return best;
}
