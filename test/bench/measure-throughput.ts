import type { BenchItem } from './bench-corpus.js';
import type { Recognizer } from './ocr-runners.js';
import { mapConcurrent, timed } from './timing.js';

export interface Throughput {
  readonly images: number;
  readonly failures: number;
  readonly wallMs: number;
  /** Successful images per second of wall time. */
  readonly imagesPerSecond: number;
  readonly firstError: string | null;
}

/**
 * Wall time for the whole list with `concurrency` calls in flight. OCR Desk gets every job at
 * once and its pool does the scheduling (what a busy server sees); native gets a fixed number of
 * CLI processes, the way an app shelling out would use the cores.
 */
export async function measureThroughput(items: readonly BenchItem[], recognizer: Recognizer, concurrency: number): Promise<Throughput> {
  const { value: results, ms } = await timed(() => mapConcurrent(items, concurrency, recognizer));
  const failed = results.filter((result) => !result.ok);
  const first = failed[0];
  return {
    images: items.length,
    failures: failed.length,
    wallMs: ms,
    imagesPerSecond: ms > 0 ? ((items.length - failed.length) * 1000) / ms : 0,
    firstError: first && !first.ok ? `${first.error.code}: ${first.error.message}` : null,
  };
}
