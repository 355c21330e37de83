import type { Tier } from '../../main/engine/tiers.js';
import type { SkippedItem } from './bench-corpus.js';
import type { ModelSource } from './bench-models.js';
import type { ImageRow, Totals } from './bench-summary.js';
import type { LanguageGroupLatency } from './measure-latency.js';
import type { ApiOverhead } from './measure-api.js';
import type { Throughput } from './measure-throughput.js';
import { formatMs, formatPercent, formatRatio, formatTable } from './text-table.js';
import { median, percentile, ratioOrNull } from './timing.js';

export type NativeStatus =
  | { readonly status: 'ok'; readonly binary: string; readonly version: string; readonly models: readonly ModelSource[]; readonly missingModels: readonly string[] }
  | { readonly status: 'unavailable'; readonly message: string };

export interface ColdStart {
  readonly itemId: string;
  readonly ms: number | null;
  readonly error: string | null;
}

/** Everything the bench measured; printed as text and, with --json, written as is. */
export interface BenchResults {
  readonly startedAt: string;
  readonly machine: { readonly cores: number; readonly node: string; readonly platform: string; readonly mallocArenaMax: string | null };
  readonly rounds: number;
  readonly deskWorkers: number;
  readonly tier: Tier;
  readonly corpus: { readonly dir: string; readonly items: number; readonly skipped: readonly SkippedItem[] };
  readonly sharedCorpus: { readonly path: string; readonly exists: boolean };
  readonly native: NativeStatus;
  readonly coldStart: ColdStart;
  readonly images: readonly ImageRow[];
  readonly groups: readonly LanguageGroupLatency[];
  readonly totals: readonly Totals[];
  readonly throughput: { readonly desk: Throughput; readonly native: Throughput | null; readonly nativeProcesses: number };
  readonly peakRssMb: { readonly afterSequential: number; readonly afterThroughput: number };
  readonly api: ApiOverhead;
}

/**
 * Below this the native warm figure (CLI minus load, both medians) is within the noise of process
 * start; a ratio against it would be meaningless, so none is printed.
 */
const minWarmMs = 20;

const installHint = 'Install it with: scripts/install-system-packages.sh --bench   (Debian: apt-get install -y tesseract-ocr)';

export function missingNativeBanner(message: string): string {
  const lines = ['NATIVE TESSERACT IS NOT AVAILABLE: every ratio against native is MISSING.', message, installHint, 'OCR Desk figures below are still measured.'];
  const width = Math.max(...lines.map((line) => line.length));
  const bar = '!'.repeat(width + 8);
  return [bar, ...lines.map((line) => `!!! ${line.padEnd(width)} !!!`), bar].join('\n');
}

const passes = (run: Throughput) => `[${run.passesMs.map(formatMs).join(', ')}]`;

export function formatReport(results: BenchResults): string {
  const out: string[] = [];
  const { native } = results;
  out.push(`OCR Desk benchmark, ${results.startedAt}`);
  out.push(`machine: ${results.machine.cores} cores, Node ${results.machine.node}, ${results.machine.platform}, MALLOC_ARENA_MAX=${results.machine.mallocArenaMax ?? 'unset'} (as the CLI sets it)`);
  out.push(`OCR Desk: createEngine({ workers: ${results.deskWorkers} }), ${results.tier} tier, options at defaults except language; warm = after one untimed call per language set`);
  if (native.status === 'ok') {
    out.push(`native: ${native.version} (${native.binary}), OMP_THREAD_LIMIT=1, --psm 3, --tessdata-dir with OCR Desk's own model files:`);
    for (const model of native.models) out.push(`  ${model.language}: ${model.file} (${(model.bytes / 1024 / 1024).toFixed(1)} MB unpacked)`);
    for (const missing of native.missingModels) out.push(`  MISSING: ${missing}`);
  } else {
    out.push('', missingNativeBanner(native.message), '');
  }
  out.push(`rounds: ${results.rounds} per image and engine, median shown`);
  out.push(`corpus: ${results.corpus.dir}: ${results.corpus.items} images${results.corpus.skipped.length ? `; skipped ${results.corpus.skipped.map((s) => `${s.id} (${s.reason})`).join(', ')}` : ''}`);
  out.push(
    results.sharedCorpus.exists
      ? `shared corpus: ${results.sharedCorpus.path} EXISTS but was NOT used (its layout is not known to this bench)`
      : `shared corpus: ${results.sharedCorpus.path} not present`,
  );

  out.push('', 'Per image: ms = median warm latency; native CLI = one process per image (start + model load included);');
  out.push(`native warm = native CLI minus the model load of its language set (no desk/warm ratio below ${minWarmMs} ms: that is noise).`);
  out.push('CER: NFKC, whitespace collapsed, no spaces for Chinese. Native runs --psm 3 without OSD, so it is expected to fail on turned pages.');
  out.push(
    formatTable(
      [
        { title: 'image', align: 'left' },
        { title: 'category', align: 'left' },
        { title: 'languages', align: 'left' },
        { title: 'desk ms' },
        { title: 'native CLI ms' },
        { title: 'native warm ms' },
        { title: 'desk/CLI' },
        { title: 'desk/warm' },
        { title: 'desk CER' },
        { title: 'native CER' },
      ],
      results.images.map((row) => [
        row.id,
        row.category,
        row.languages,
        row.deskFailure ? 'FAILED' : formatMs(row.deskMs),
        row.nativeFailure ? 'FAILED' : formatMs(row.nativeCliMs),
        formatMs(row.nativeWarmMs),
        formatRatio(ratioOrNull(row.deskMs, row.nativeCliMs)),
        formatRatio(row.nativeWarmMs !== null && row.nativeWarmMs >= minWarmMs ? ratioOrNull(row.deskMs, row.nativeWarmMs) : null),
        formatPercent(row.deskCer),
        formatPercent(row.nativeCer),
      ]),
    ),
  );

  out.push('', 'Totals: native warm = one process over a list file per language set, minus one model load (blank 64x32 image).');
  out.push(
    formatTable(
      [
        { title: 'scope', align: 'left' },
        { title: 'images' },
        { title: 'desk warm ms' },
        { title: 'native warm ms' },
        { title: 'native CLI ms' },
        { title: 'native load ms' },
        { title: 'desk/native warm' },
        { title: 'desk/native CLI' },
        { title: 'median img desk/CLI' },
        { title: 'desk CER' },
        { title: 'native CER' },
      ],
      results.totals.map((t) => [
        t.scope,
        String(t.images),
        formatMs(t.deskWarmMs),
        formatMs(t.nativeWarmMs),
        formatMs(t.nativeCliMs),
        formatMs(t.nativeLoadMs),
        formatRatio(t.deskOverNativeWarm),
        formatRatio(t.deskOverNativeCli),
        formatRatio(t.medianImageDeskOverNativeCli),
        formatPercent(t.deskMicroCer),
        formatPercent(t.nativeMicroCer),
      ]),
    ),
  );

  const { desk, native: nativeThroughput, nativeProcesses } = results.throughput;
  out.push('', `Throughput over all ${desk.images} images; wall ms = median of ${results.rounds} passes (each pass in brackets):`);
  out.push(
    formatTable(
      [{ title: 'engine', align: 'left' }, { title: 'how', align: 'left' }, { title: 'wall ms' }, { title: 'passes', align: 'left' }, { title: 'images/s' }, { title: 'failures' }],
      [
        ['OCR Desk', `${results.deskWorkers} workers, all jobs queued at once`, formatMs(desk.wallMs), passes(desk), desk.imagesPerSecond.toFixed(2), String(desk.failures)],
        nativeThroughput
          ? ['native', `${nativeProcesses} CLI processes in parallel`, formatMs(nativeThroughput.wallMs), passes(nativeThroughput), nativeThroughput.imagesPerSecond.toFixed(2), String(nativeThroughput.failures)]
          : ['native', 'not measured', '–', '', '–', '–'],
      ],
    ),
  );

  const all = results.totals[results.totals.length - 1];
  const throughputRatio = nativeThroughput ? ratioOrNull(desk.imagesPerSecond, nativeThroughput.imagesPerSecond) : null;
  const missing = 'MISSING (no native baseline)';
  const ratio = (value: number | null | undefined) => (value == null ? missing : formatRatio(value));
  out.push('', 'Key figures:');
  out.push(`  OCR Desk warm total / native warm total (1 thread each):   ${ratio(all?.deskOverNativeWarm)}`);
  out.push(`  OCR Desk warm total / native CLI-per-image total:          ${ratio(all?.deskOverNativeCli)}`);
  const spread = (values: readonly (number | null)[]) => {
    const known = values.filter((value): value is number => value !== null);
    return known.length === values.length ? `${formatMs(median(known))} / ${formatMs(percentile(known, 90))} ms` : 'incomplete';
  };
  out.push(
    `  per-image latency, median / p90 over the images: OCR Desk warm ${spread(results.images.map((row) => row.deskMs))}; native CLI ${spread(results.images.map((row) => row.nativeCliMs))}; native warm ${spread(results.images.map((row) => row.nativeWarmMs))}`,
  );
  out.push(`  throughput OCR Desk ${results.deskWorkers} workers / ${nativeProcesses} native CLI processes:   ${ratio(throughputRatio)}`);
  out.push(
    `  cold start (createEngine to first result, ${results.coldStart.itemId}):   ${results.coldStart.error ? `FAILED ${results.coldStart.error}` : `${formatMs(results.coldStart.ms)} ms`} (module import excluded)`,
  );
  out.push(`  peak RSS (maxRSS, main process + worker threads): ${results.peakRssMb.afterSequential.toFixed(0)} MB after the one-at-a-time runs, ${results.peakRssMb.afterThroughput.toFixed(0)} MB after the throughput run`);
  const { api } = results;
  const overhead = (value: number | null) => (value === null ? 'n/a' : `${formatRatio(value)} (${((value - 1) * 100).toFixed(1)}% overhead; target <= 5%)`);
  out.push(`  API (GeneralBasicOCR through the official SDK vs the same engine called directly, ${api.items} images):`);
  out.push(`    latency one at a time, median / p90 over the images: direct ${formatMs(api.latencyMs.direct.p50)} / ${formatMs(api.latencyMs.direct.p90)} ms, API ${formatMs(api.latencyMs.api.p50)} / ${formatMs(api.latencyMs.api.p90)} ms; total ${overhead(api.sequentialRatio)}`);
  out.push(`    every image at once: direct ${api.requestsPerSecond.direct.toFixed(2)} img/s, API ${api.requestsPerSecond.api.toFixed(2)} requests/s; API / direct ${api.throughputRatio === null ? 'n/a' : formatRatio(api.throughputRatio)}`);
  out.push(`  CER micro, OCR Desk vs native: ${formatPercent(all?.deskMicroCer ?? null)} vs ${formatPercent(all?.nativeMicroCer ?? null)}`);

  const failures = results.images.flatMap((row) => [
    ...(row.deskFailure ? [`  ${row.id} OCR Desk: ${row.deskFailure}`] : []),
    ...(row.nativeFailure ? [`  ${row.id} native: ${row.nativeFailure}`] : []),
  ]);
  for (const group of results.groups) if (group.nativeError) failures.push(`  ${group.languages} native load or list run: ${group.nativeError}`);
  for (const run of [desk, nativeThroughput]) if (run?.firstError) failures.push(`  throughput: ${run.firstError}`);
  for (const failure of api.failures.slice(0, 10)) failures.push(`  ${failure}`);
  if (failures.length > 0) out.push('', 'Failures:', ...failures);
  if (native.status !== 'ok') out.push('', missingNativeBanner(native.message));
  return out.join('\n');
}
