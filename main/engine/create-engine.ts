import os from 'node:os';
import sharp from 'sharp';
import type { PageOutcome } from '../../shared/ocr-result.js';
import { fail, ok } from '../../shared/result.js';
import { defaultModelsFolder } from '../platform/app-paths.js';
import type { EngineErrorCode } from '../../shared/engine-errors.js';
import type { Result } from '../../shared/result.js';
import type { Engine, EngineOptions, ReaderRecognizeOptions, RecognizeControl, RecognizeProgress } from './engine-types.js';
import type { ImageInput } from './intake/image-input.js';
import { createAdmission } from './pool/admission.js';
import { createSemaphore } from './pool/semaphore.js';
import { openImage } from './intake/decode-image.js';
import type { OpenedImage } from './intake/opened-image.js';
import { readIdCard } from './idcard/read-id-card.js';
import type { GreyImage } from './intake/grey-image.js';
import { fromGrey } from './intake/grey-pipeline.js';
import { findTableGrids } from './table/find-tables.js';
import { createVisionThread } from './vision/vision-thread.js';
import { wordHeight } from './table/aligned-grid.js';
import { readTables, wordsOfReading } from './table/read-tables.js';
import { turnAsRead } from './orientation/rotate-grey.js';
import { readImageInput } from './intake/image-input.js';
import { defaultImageLimits, type ImageLimits } from './intake/image-limits.js';
import { autoLanguage, resolveLanguageRequest } from './languages/language-registry.js';
import { createWorkerPool } from './pool/worker-pool.js';
import { createPageRecognizer } from './recognize/recognize-page.js';
import { isTier } from './tiers.js';
import { createTesseractWorker, type TesseractWorker, type TesseractWorkerSpec } from './tesseract/tesseract-worker.js';

export type { Engine, EngineOptions, RecognizeControl, RecognizeOptions, RecognizeProgress } from './engine-types.js';

/** Failures that end the whole input rather than one page of it. */
const endsTheInput = new Set(['Cancelled', 'EngineClosed']);

/**
 * The recognition engine: image bytes in, results out, through a bounded pool of tesseract.js
 * threads. Plain Node; the doors (CLI, HTTP, desktop) share one engine.
 */
export function createEngine(options: EngineOptions = {}): Engine {
  // libvips keeps recent operations (up to 50 MB) for reuse; every image here is seen once, so the
  // cache only holds memory (and pixels of a caller's document) for nothing.
  sharp.cache(false);
  const modelsFolder = options.modelsFolder ?? defaultModelsFolder();
  const limits: ImageLimits = { ...defaultImageLimits, ...options.limits };
  const workers = options.workers ?? Math.max(1, os.availableParallelism());
  const maxQueue = options.maxQueue ?? 64;
  const maxInputsInProgress = options.maxInputsInProgress ?? workers * 4;
  if (options.maxPagesInMemory !== undefined && !(options.maxPagesInMemory >= 1)) throw new Error('maxPagesInMemory must be at least 1');
  const recycleAfter = options.recycleAfter ?? 200;

  const specs = new Map<string, TesseractWorkerSpec>();
  const keyFor = (spec: TesseractWorkerSpec): string => {
    const key = `${spec.mode}:${spec.variant}:${spec.languages.join('+')}`;
    specs.set(key, spec);
    return key;
  };
  const startWorker = options.startWorker ?? createTesseractWorker;
  const spawn = (key: string) => startWorker(specs.get(key)!);
  // Switching a running thread to another language set costs a third of starting one.
  const switchKey = (worker: TesseractWorker, key: string) => worker.switchLanguages(specs.get(key)!);
  const recognitionPool = createWorkerPool<TesseractWorker>({ size: workers, maxQueue, recycleAfter, spawn, switchKey });
  // Orientation needs the legacy engine and its own thread; one small extra thread serves it, so
  // recognition threads are not evicted and reloaded for every page (OSD takes ~150-500 ms a page).
  const orientationPool = createWorkerPool<TesseractWorker>({ size: 1, maxQueue, recycleAfter, spawn });
  const recognizePage = createPageRecognizer({ modelsFolder, recognitionPool, orientationPool, keyFor });
  const decoding = createSemaphore(workers);
  // Decoded pages waiting for a worker are what a busy engine's memory is made of (a 300 dpi page
  // is ~9 MB grey plus its prepared copy): a page is decoded only when one of these slots is free,
  // so the rest of a queue waits as compressed bytes. Two per worker keep the workers fed.
  const pageSlots = createSemaphore(options.maxPagesInMemory ?? workers * 4);
  const inProgress = new Set<Promise<unknown>>();
  const vision = createVisionThread();
  const admission = createAdmission(maxInputsInProgress, options.maxInputsWaiting ?? maxQueue);
  let closed = false;

  const engine: Engine = {
    // Typed wider than Engine's: the ID card reader asks for its model through this door.
    async recognize(input, options: ReaderRecognizeOptions = {}, given = {}) {
      if (closed) return fail('EngineClosed', 'The OCR engine has been shut down.');
      const languages = resolveLanguageRequest(options.language ?? autoLanguage);
      if (!languages.ok) return languages;
      if (options.timeoutMs !== undefined && !(options.timeoutMs > 0)) return fail('InvalidOption', 'timeoutMs must be a positive number of milliseconds.');
      if (options.tier !== undefined && !isTier(options.tier)) return fail('InvalidOption', `tier must be fast, standard or accurate, not "${String(options.tier)}".`);
      if (options.page !== undefined && !(Number.isInteger(options.page) && options.page >= 1)) return fail('InvalidOption', 'page must be a whole number from 1.');
      // A caller's progress callback that throws must not turn a result into a rejection.
      const control: RecognizeControl = {
        ...given,
        onProgress: (progress) => {
          try {
            given.onProgress?.(progress);
          } catch {
            // the caller's bug; the recognition goes on
          }
        },
      };
      // Tracked from the start, waiting included, so close() waits for every call made before it.
      const work = (async (): Promise<Result<PageOutcome[], EngineErrorCode>> => {
        const admitted = await admission.enter(given.signal);
        if (!admitted.ok) return admitted;
        try {
          return await recognizeInput(input, options, control, languages.value);
        } finally {
          admitted.value();
        }
      })();
      inProgress.add(work);
      try {
        return await work;
      } finally {
        inProgress.delete(work);
      }
    },
    async recognizeTables(input, tableOptions = {}, control = {}) {
      const page = tableOptions.page ?? 1;
      const bytes = await readImageInput(input, limits);
      if (!bytes.ok) return bytes;
      const read = await engine.recognize({ kind: 'bytes', bytes: bytes.value }, { ...tableOptions, page }, control);
      if (!read.ok) return read;
      const outcome = read.value[0];
      if (!outcome) return fail('EngineFailed', 'The engine returned no page.');
      if (!outcome.ok) return outcome;
      const reading = outcome.result;
      // Two rows and two columns of the smallest legible text (8 px) need 32 px each way; a sliver
      // (over 40 times longer than wide) is a scanner's edge, not a page.
      const [short, long] = [Math.min(reading.inputWidth, reading.inputHeight), Math.max(reading.inputWidth, reading.inputHeight)];
      if (short < 32 || long > 40 * short) return fail('ImageTooSmall', `A ${reading.inputWidth} x ${reading.inputHeight} px image cannot hold a table: it needs at least 32 px each way and a side at most 40 times the other.`);
      // Tables are found where the reading's boxes are: on the page turned upright and deskewed.
      const words = wordsOfReading(reading);
      const rules = await withDecodedPage(bytes.value, page, control.signal, async (grey) => vision.run('findRules', { image: await turnAsRead(grey, reading.angle), textHeight: wordHeight(words) }));
      if (!rules.ok) return rules;
      const tolerance = Math.max(4, Math.round(Math.min(reading.width, reading.height) / 200));
      return ok({ ...readTables(findTableGrids(rules.value, words, tolerance), words, reading), pageCount: outcome.pageCount });
    },
    async recognizeIdCard(input, cardOptions, control = {}) {
      if (closed) return fail('EngineClosed', 'The OCR engine has been shut down.');
      return readIdCard(
        {
          vision,
          recognize: (image, options, readControl) => engine.recognize(image, options, readControl),
          decodeColour: async (image, signal) => {
            const bytes = await readImageInput(image, limits);
            if (!bytes.ok) return bytes;
            return withOpenedImage(bytes.value, signal, async (opened) => {
              if (!opened.decodeColour) return fail('UnsupportedFormat', 'Identity cards are read from photos and scans (JPEG, PNG, BMP, TIFF, WebP), not PDFs.');
              return decoding.run(() => opened.decodeColour!(0));
            });
          },
        },
        input,
        cardOptions,
        control,
      );
    },
    async preview(input, previewOptions) {
      if (!(Number.isInteger(previewOptions.page) && previewOptions.page >= 1)) return fail('InvalidOption', 'page must be a whole number from 1.');
      const bytes = await readImageInput(input, limits);
      if (!bytes.ok) return bytes;
      return withDecodedPage(bytes.value, previewOptions.page, undefined, async (grey) => {
        const scale = Math.min(1, previewOptions.maxSide / Math.max(grey.width, grey.height));
        const width = Math.max(1, Math.round(grey.width * scale));
        const height = Math.max(1, Math.round(grey.height * scale));
        return ok({ png: await fromGrey(grey).resize(width, height).png().toBuffer(), width, height });
      });
    },
    stats: () => {
      const recognition = recognitionPool.stats();
      const orientation = orientationPool.stats();
      return { workers: recognition.workers + orientation.workers, busy: recognition.busy + orientation.busy, queued: recognition.queued + orientation.queued };
    },
    close: async () => {
      closed = true;
      admission.close();
      // Inputs still decoding hold open documents: they stop at their next page and are awaited.
      await Promise.all([recognitionPool.close(), orientationPool.close(), ...inProgress]);
      await vision.close();
    },
  };
  return engine;

  /**
   * Decodes one page of a file for work beside a reading (a preview, the rules of its tables),
   * through the engine's front door like a reading, so such work is bounded with the readings.
   */
  async function withDecodedPage<T>(bytes: Uint8Array, page: number, signal: AbortSignal | undefined, use: (grey: GreyImage) => Promise<Result<T, EngineErrorCode>>): Promise<Result<T, EngineErrorCode>> {
    return withOpenedImage(bytes, signal, async (image) => {
      if (page > image.pageCount) return fail('PageOutOfRange', `Page ${page} was asked for, but the file has ${image.pageCount} pages.`);
      const grey = await decoding.run(() => image.decodePage(page - 1));
      return grey.ok ? await use(grey.value) : grey;
    });
  }

  /** Opens a file through the engine's front door, as a reading does, and closes it after use. */
  async function withOpenedImage<T>(bytes: Uint8Array, signal: AbortSignal | undefined, use: (image: OpenedImage) => Promise<Result<T, EngineErrorCode>>): Promise<Result<T, EngineErrorCode>> {
    const admitted = await admission.enter(signal);
    if (!admitted.ok) return admitted;
    try {
      const image = await openImage(bytes, limits);
      if (!image.ok) return image;
      try {
        return await use(image.value);
      } finally {
        await image.value.close?.();
      }
    } finally {
      admitted.value();
    }
  }

  async function recognizeInput(
    input: ImageInput,
    options: ReaderRecognizeOptions,
    control: RecognizeControl,
    languages: readonly string[] | typeof autoLanguage,
  ): Promise<Result<PageOutcome[], EngineErrorCode>> {
    control.onProgress?.({ stage: 'decoding', page: 0, pages: 0, progress: 0 });
    const bytes = await readImageInput(input, limits);
    if (!bytes.ok) return bytes;
    const image = await openImage(bytes.value, limits);
    if (!image.ok) return image;
    try {
      const pageCount = image.value.pageCount;
      // Like the cloud's PdfPageNumber, a page number means nothing to a single image.
      const page = pageCount > 1 ? options.page : undefined;
      if (page !== undefined && page > pageCount) {
        return fail('PageOutOfRange', `Page ${page} was asked for, but the file has ${pageCount} pages.`);
      }
      const wanted = page === undefined ? Array.from({ length: pageCount }, (_, i) => i) : [page - 1];
      const pages: PageOutcome[] = [];
      for (const [position, index] of wanted.entries()) {
        if (control.signal?.aborted) return fail('Cancelled', 'The job was cancelled.');
        if (closed) return fail('EngineClosed', 'The OCR engine was shut down while this file was being read.');
        let pageProgress = 0;
        const report = (stage: RecognizeProgress['stage'], fraction: number) => {
          const within = stage === 'orientation' ? 0.1 * fraction : 0.1 + 0.9 * fraction;
          // A page read again after a turn was found must not send the progress bar backwards.
          pageProgress = Math.max(pageProgress, within);
          control.onProgress?.({ stage, page: index + 1, pages: pageCount, progress: (position + pageProgress) / wanted.length });
        };
        // Pages are decoded one at a time: a long TIFF or PDF never sits in memory whole.
        const result = await pageSlots.run(async () => {
          const textLayer = options.useTextLayer === false ? null : await image.value.readTextLayer?.(index);
          if (textLayer) return ok(textLayer);
          const grey = await decoding.run(() => image.value.decodePage(index), control.lane);
          return grey.ok ? recognizePage(grey.value, { languages, options }, control, report) : grey;
        }, control.lane);
        if (!result.ok && (wanted.length === 1 || endsTheInput.has(result.error.code))) return result;
        const number = index + 1;
        pages.push(result.ok ? { page: number, pageCount, ok: true, result: result.value } : { page: number, pageCount, ok: false, error: result.error });
      }
      control.onProgress?.({ stage: 'done', page: wanted.at(-1)! + 1, pages: pageCount, progress: 1 });
      return ok(pages);
    } finally {
      await image.value.close?.();
    }
  }
}
