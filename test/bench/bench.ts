/**
 * `npm run bench`: OCR Desk's engine against native Tesseract on the fixture corpus, measured in the
 * same run on the same machine with the same model files, following the method of
 * shared/reference/engine-benchmark.md (the figures the product's targets were set from).
 * Prints text tables on stdout, progress on stderr; `--json FILE` also writes the numbers.
 */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { createEngine } from '../../main/engine/create-engine.js';
import { relaunchWithOneMallocArena } from '../../main/platform/one-malloc-arena.js';
import { benchUsage, parseBenchArgs } from './bench-args.js';
import { loadBenchCorpus, sharedCorpusNote, type BenchItem, type SkippedItem } from './bench-corpus.js';
import { tesseractLanguagesFor } from './bench-languages.js';
import { formatReport, type BenchResults, type ColdStart } from './bench-report.js';
import { allTotals, imageRows } from './bench-summary.js';
import { measureLatency, type NativeLatencyProbes } from './measure-latency.js';
import { measureApiOverhead } from './measure-api.js';
import { measureThroughput, type Throughput } from './measure-throughput.js';
import { prepareNativeBaseline } from './native-baseline.js';
import { deskRecognizer, nativeListRunner, nativeRecognizer } from './ocr-runners.js';

/** Both cores, as the product's default on the 2-core machines the targets are set for. */
const deskWorkers = 2;
/** The native side of the throughput comparison: one single-threaded process per core. */
const nativeProcesses = 2;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

async function main(): Promise<number> {
  const args = parseBenchArgs(process.argv.slice(2));
  if (!args.ok) {
    process.stderr.write(`${args.error.message}\n\n${benchUsage}\n`);
    return 2;
  }
  if (args.value.help) {
    process.stdout.write(`${benchUsage}\n`);
    return 0;
  }
  // Measured the way the product runs (bin/ocr-desk.js does the same).
  const relaunched = await relaunchWithOneMallocArena();
  if (relaunched !== null) return relaunched;
  const { rounds, jsonFile, tier } = args.value;
  const startedAt = new Date().toISOString();

  const corpusDir = path.join(repoRoot, 'test', 'fixtures', 'corpus');
  const corpus = await loadBenchCorpus(corpusDir);
  if (!corpus.ok) {
    process.stderr.write(`${corpus.error.message}\n`);
    return 1;
  }
  const skipped: SkippedItem[] = [...corpus.value.skipped];
  const languagesById = new Map<string, string>();
  const items: BenchItem[] = [];
  for (const item of corpus.value.items) {
    const languages = tesseractLanguagesFor(item.language);
    if (!languages.ok) skipped.push({ id: item.id, reason: languages.error.message });
    else {
      languagesById.set(item.id, languages.value.join('+'));
      items.push(item);
    }
  }
  if (items.length === 0) {
    process.stderr.write('No corpus item can be benchmarked.\n');
    return 1;
  }
  const languagesOf = (item: BenchItem) => languagesById.get(item.id)!;

  const scratch = await mkdtemp(path.join(os.tmpdir(), 'ocr-desk-bench-'));
  try {
    const nativeSetup = await prepareNativeBaseline(scratch, [...new Set([...languagesById.values()].flatMap((set) => set.split('+')))], tier);
    const native = nativeSetup.native;
    const blankImage = path.join(scratch, 'blank.png');
    await sharp({ create: { width: 64, height: 32, channels: 3, background: '#ffffff' } }).png().toFile(blankImage);

    // Cold start first, before anything else has touched the engine: createEngine is lazy, so this
    // covers starting the worker threads and loading the models, as a user's first request does.
    const coldItem = items.find((item) => item.category === 'english-line') ?? (await smallestFile(items));
    log(`cold start on ${coldItem.id}`);
    const coldStarted = performance.now();
    // The queue must hold every image of the throughput run at once (plus their OSD jobs).
    const engine = createEngine({ workers: deskWorkers, maxQueue: Math.max(64, 2 * items.length), maxInputsInProgress: items.length + deskWorkers });
    const first = await engine.recognize({ kind: 'path', path: coldItem.imagePath }, { language: coldItem.language, tier });
    const coldStart: ColdStart = first.ok
      ? { itemId: coldItem.id, ms: performance.now() - coldStarted, error: null }
      : { itemId: coldItem.id, ms: null, error: `${first.error.code}: ${first.error.message}` };

    try {
      const desk = deskRecognizer(engine, tier);
      const probes: NativeLatencyProbes | null = native
        ? {
            cli: nativeRecognizer(native, languagesOf),
            load: (languages) => native.recognize(blankImage, languages),
            list: nativeListRunner(native, scratch),
          }
        : null;
      const latency = await measureLatency({ items, rounds, languagesOf, desk, native: probes, log });
      const afterSequential = peakRssMb();

      log(`throughput: OCR Desk, ${items.length} jobs at once`);
      const deskThroughput = await measureThroughput(items, desk, items.length, rounds);
      let nativeThroughput: Throughput | null = null;
      if (probes) {
        log(`throughput: native, ${nativeProcesses} processes`);
        nativeThroughput = await measureThroughput(items, probes.cli, nativeProcesses, rounds);
      }
      const afterThroughput = peakRssMb();
      const api = await measureApiOverhead(items, rounds, tier, log);
      const rows = imageRows(latency.images);
      const results: BenchResults = {
        startedAt,
        machine: { cores: os.availableParallelism(), node: process.version, platform: `${process.platform} ${process.arch}`, mallocArenaMax: process.env['MALLOC_ARENA_MAX'] ?? null },
        rounds,
        deskWorkers,
        tier,
        corpus: { dir: path.relative(repoRoot, corpusDir), items: items.length, skipped },
        sharedCorpus: sharedCorpusNote(repoRoot),
        native: nativeSetup.status,
        coldStart,
        images: rows,
        groups: latency.groups,
        totals: allTotals(rows, latency.groups),
        throughput: { desk: deskThroughput, native: nativeThroughput, nativeProcesses },
        peakRssMb: { afterSequential, afterThroughput },
        api,
      };
      process.stdout.write(`${formatReport(results)}\n`);
      if (jsonFile) {
        await writeFile(path.resolve(jsonFile), `${JSON.stringify(results, null, 1)}\n`);
        log(`results written to ${jsonFile}`);
      }
    } finally {
      await engine.close();
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return 0;
}

async function smallestFile(items: readonly BenchItem[]): Promise<BenchItem> {
  const sized = await Promise.all(items.map(async (item) => ({ item, size: (await stat(item.imagePath)).size })));
  return sized.reduce((best, next) => (next.size < best.size ? next : best)).item;
}

process.exitCode = await main();
