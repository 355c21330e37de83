import type { BenchItem } from './bench-corpus.js';
import type { Recognizer } from './ocr-runners.js';
import { mapConcurrent, median, timed } from './timing.js';

export interface Throughput {
  readonly images: number;
  /** Failed calls in the worst pass; any failure makes the figure suspect. */
  readonly failures: number;
  /** Median wall time of the passes. */
  readonly wallMs: number;
  readonly passesMs: readonly number[];
  /** Images per second at the median wall time. */
  readonly imagesPerSecond: number;
  readonly firstError: string | null;
}

/**
 * Wall time for the whole list with `concurrency` calls in flight. OCR Desk gets every job at
 * once and its pool does the scheduling (what a busy server sees); native gets a fixed number of
 * CLI processes, the way an app shelling out would use the cores. A single pass swung by ±40 %
 * between runs on the shared machine, so there are `passes` and the median counts.
 */
export async function measureThroughput(items: readonly BenchItem[], recognizer: Recognizer, concurrency: number, passes: number): Promise<Throughput> {
  const passesMs: number[] = [];
  let failures = 0;
  let firstError: string | null = null;
  for (let pass = 0; pass < passes; pass += 1) {
    const { value: results, ms } = await timed(() => mapConcurrent(items, concurrency, recognizer));
    passesMs.push(ms);
    const failed = results.filter((result) => !result.ok);
    failures = Math.max(failures, failed.length);
    const first = failed[0];
    if (firstError === null && first && !first.ok) firstError = `${first.error.code}: ${first.error.message}`;
  }
  const wallMs = median(passesMs) ?? 0;
  return {
    images: items.length,
    failures,
    wallMs,
    passesMs,
    imagesPerSecond: wallMs > 0 ? ((items.length - failures) * 1000) / wallMs : 0,
    firstError,
  };
}
