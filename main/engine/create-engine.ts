import os from 'node:os';
import type { EngineErrorCode } from '../../shared/engine-errors.js';
import type { RecognitionResult, RecognizedPage } from '../../shared/ocr-result.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { defaultModelsFolder } from '../platform/app-paths.js';
import { decodeImage } from './intake/decode-image.js';
import { toPgm, type GreyImage } from './intake/grey-image.js';
import { readImageInput, type ImageInput } from './intake/image-input.js';
import { defaultImageLimits, type ImageLimits } from './intake/image-limits.js';
import { autoLanguage, resolveLanguageRequest } from './languages/language-registry.js';
import { languagesForScript } from './languages/languages-for-script.js';
import { decideOrientation, minOrientationSide, textAngle, type OrientationDecision } from './orientation/read-orientation.js';
import { estimateSkew } from './orientation/estimate-skew.js';
import { rotateGrey } from './orientation/rotate-grey.js';
import { createWorkerPool, type PoolStats } from './pool/worker-pool.js';
import { analysePage, type PageAnalysis } from './preprocess/analyse-page.js';
import { allPreprocessSteps, preparePage, type PreparedPage, type PreprocessSteps } from './preprocess/prepare-page.js';
import { pageToResult } from './recognize/page-to-result.js';
import { createTesseractWorker, OcrEngineMode, type TesseractWorker, type TesseractWorkerSpec } from './tesseract/tesseract-worker.js';

export interface EngineOptions {
  /** Folder of carried models; npm-shipped models are found by package. */
  readonly modelsFolder?: string;
  /** Concurrent OCR threads (default: one per core). */
  readonly workers?: number;
  /** Jobs waiting at most before QueueFull (default 64). */
  readonly maxQueue?: number;
  /** Jobs a thread serves before it is replaced (default 200). */
  readonly recycleAfter?: number;
  readonly limits?: Partial<ImageLimits>;
}

export interface RecognizeOptions {
  /** A cloud LanguageType (`zh`, `auto`, ...) or Tesseract names joined with `+`. Default `auto`. */
  readonly language?: string;
  /** Detect and correct quarter turns (default true). */
  readonly detectOrientation?: boolean;
  /** Correct small skew (default true). */
  readonly deskew?: boolean;
  /** Preprocessing steps (default all). */
  readonly preprocess?: Partial<PreprocessSteps>;
  /** Time limit per page, in milliseconds. */
  readonly timeoutMs?: number;
}

export interface RecognizeProgress {
  readonly stage: 'decoding' | 'orientation' | 'recognizing' | 'done';
  /** From 1; 0 while decoding. */
  readonly page: number;
  readonly pages: number;
  /** Overall progress of this input, 0..1. */
  readonly progress: number;
}

export interface RecognizeControl {
  readonly signal?: AbortSignal;
  /** Fair-queueing lane, e.g. one per caller. */
  readonly lane?: string;
  readonly onProgress?: (progress: RecognizeProgress) => void;
}

export interface Engine {
  recognize(input: ImageInput, options?: RecognizeOptions, control?: RecognizeControl): Promise<Result<RecognizedPage[], EngineErrorCode>>;
  stats(): PoolStats;
  /** Waits for running jobs, fails queued ones, stops every thread. */
  close(): Promise<void>;
}

const minSkewDegrees = 0.3;

const osdSpec = (modelsFolder: string): TesseractWorkerSpec => ({ languages: ['osd'], mode: OcrEngineMode.legacy, modelsFolder, variant: '4.0.0' });

/**
 * Tesseract's layout analysis (PSM 3, what its CLI uses) finds the columns and blocks of a page;
 * TessBaseAPI's own default (PSM 6, one uniform block) runs the columns of a page together. On a
 * crop holding a single line, layout analysis can find nothing at all (measured: two of six digit
 * crops came back empty), so such crops are read as one line (PSM 7).
 */
function pageSegmentationMode(image: GreyImage, analysis: PageAnalysis): string {
  const singleLine = analysis.lineHeight !== null && image.height <= analysis.lineHeight * 1.8;
  return singleLine ? '7' : '3';
}

export function createEngine(options: EngineOptions = {}): Engine {
  const modelsFolder = options.modelsFolder ?? defaultModelsFolder();
  const limits: ImageLimits = { ...defaultImageLimits, ...options.limits };
  const specs = new Map<string, TesseractWorkerSpec>();
  const keyFor = (spec: TesseractWorkerSpec): string => {
    const key = `${spec.mode}:${spec.variant}:${spec.languages.join('+')}`;
    specs.set(key, spec);
    return key;
  };
  const spawn = (key: string) => createTesseractWorker(specs.get(key)!);
  const maxQueue = options.maxQueue ?? 64;
  const recycleAfter = options.recycleAfter ?? 200;
  const pool = createWorkerPool<TesseractWorker>({ size: options.workers ?? Math.max(1, os.availableParallelism()), maxQueue, recycleAfter, spawn });
  // Orientation needs the legacy engine and its own thread; one small extra thread serves it, so
  // recognition threads are not evicted and reloaded for every page (OSD takes ~150-300 ms a page).
  const orientationPool = createWorkerPool<TesseractWorker>({ size: 1, maxQueue, recycleAfter, spawn });

  async function orient(prepared: PreparedPage, control: RecognizeControl, timeoutMs?: number): Promise<Result<OrientationDecision, EngineErrorCode>> {
    if (Math.min(prepared.image.width, prepared.image.height) < minOrientationSide) return ok({ correction: 0, script: null });
    const image = toPgm(prepared.image);
    const detection = await orientationPool.run({
      key: keyFor(osdSpec(modelsFolder)),
      lane: control.lane,
      signal: control.signal,
      timeoutMs,
      run: (worker) => worker.detectOrientation(image),
    });
    return detection.ok ? ok(decideOrientation(detection.value)) : detection;
  }

  async function recognizePage(
    upright: GreyImage,
    request: { languages: readonly string[] | typeof autoLanguage; options: RecognizeOptions },
    control: RecognizeControl,
    report: (stage: RecognizeProgress['stage'], fraction: number) => void,
  ): Promise<Result<RecognitionResult, EngineErrorCode>> {
    const steps: PreprocessSteps = { ...allPreprocessSteps, ...request.options.preprocess };
    let grey = upright;
    let analysis = analysePage(grey);
    let prepared = await preparePage(grey, analysis, steps);
    let decision: OrientationDecision = { correction: 0, script: null };
    if (request.options.detectOrientation !== false || request.languages === autoLanguage) {
      report('orientation', 0);
      const oriented = await orient(prepared, control, request.options.timeoutMs);
      if (!oriented.ok) return oriented;
      decision = request.options.detectOrientation === false ? { ...oriented.value, correction: 0 } : oriented.value;
      if (decision.correction !== 0) {
        grey = await rotateGrey(grey, decision.correction);
        analysis = analysePage(grey);
      }
    }
    let skew = 0;
    if (request.options.deskew !== false && Math.min(grey.width, grey.height) >= minOrientationSide) {
      skew = estimateSkew(grey, analysis) ?? 0;
      // Below a third of a degree Tesseract reads as well unrotated; rotating only blurs.
      if (Math.abs(skew) >= minSkewDegrees) {
        grey = await rotateGrey(grey, -skew, analysis.darkBackground ? 'black' : 'white');
        analysis = analysePage(grey);
      } else {
        skew = 0;
      }
    }
    if (grey !== upright) prepared = await preparePage(grey, analysis, steps);
    const languages = request.languages === autoLanguage ? languagesForScript(decision.script) : request.languages;
    const spec: TesseractWorkerSpec = { languages, mode: OcrEngineMode.lstm, modelsFolder, variant: '4.0.0_best_int' };
    const image = toPgm(prepared.image);
    report('recognizing', 0);
    const recognized = await pool.run({
      key: keyFor(spec),
      lane: control.lane,
      signal: control.signal,
      timeoutMs: request.options.timeoutMs,
      run: (worker) =>
        worker.recognize(
          {
            image,
            parameters: {
              tessedit_pageseg_mode: pageSegmentationMode(grey, analysis),
              // Our PGM carries no resolution; without this Tesseract guesses one and warns.
              user_defined_dpi: '300',
            },
          },
          (progress) => {
            if (progress.status === 'recognizing text') report('recognizing', progress.progress);
          },
        ),
    });
    if (!recognized.ok) return recognized;
    return ok(
      pageToResult(recognized.value, {
        geometry: { scale: prepared.scale, padding: prepared.padding, width: grey.width, height: grey.height },
        language: languages.join('+'),
        angle: textAngle(decision.correction, skew),
      }),
    );
  }

  return {
    async recognize(input, options = {}, control = {}) {
      const languages = resolveLanguageRequest(options.language ?? autoLanguage);
      if (!languages.ok) return languages;
      if (options.timeoutMs !== undefined && !(options.timeoutMs > 0)) return fail('InvalidOption', 'timeoutMs must be a positive number of milliseconds.');
      control.onProgress?.({ stage: 'decoding', page: 0, pages: 0, progress: 0 });
      const bytes = await readImageInput(input, limits);
      if (!bytes.ok) return bytes;
      const decoded = await decodeImage(bytes.value, limits);
      if (!decoded.ok) return decoded;
      const pages: RecognizedPage[] = [];
      const total = decoded.value.length;
      for (const [index, grey] of decoded.value.entries()) {
        if (control.signal?.aborted) return fail('Cancelled', 'The job was cancelled.');
        const report = (stage: RecognizeProgress['stage'], fraction: number) => {
          const within = stage === 'orientation' ? 0.1 * fraction : 0.1 + 0.9 * fraction;
          control.onProgress?.({ stage, page: index + 1, pages: total, progress: (index + within) / total });
        };
        const result = await recognizePage(grey, { languages: languages.value, options }, control, report);
        if (!result.ok) return result;
        pages.push({ page: index + 1, result: result.value });
      }
      control.onProgress?.({ stage: 'done', page: total, pages: total, progress: 1 });
      return ok(pages);
    },
    stats: () => {
      const recognition = pool.stats();
      const orientation = orientationPool.stats();
      return { workers: recognition.workers + orientation.workers, busy: recognition.busy + orientation.busy, queued: recognition.queued + orientation.queued };
    },
    close: async () => {
      await Promise.all([pool.close(), orientationPool.close()]);
    },
  };
}
