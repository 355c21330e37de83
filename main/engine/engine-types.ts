import type { EngineErrorCode } from '../../shared/engine-errors.js';
import type { PageOutcome } from '../../shared/ocr-result.js';
import type { TableReading } from '../../shared/table-result.js';
import type { CardSide, IdCardReading, IdCardWarningName } from '../../shared/idcard-result.js';
import type { Result } from '../../shared/result.js';
import type { ImageInput } from './intake/image-input.js';
import type { ImageLimits } from './intake/image-limits.js';
import type { PoolStats } from './pool/worker-pool.js';
import type { PreprocessSteps } from './preprocess/prepare-page.js';
import type { TesseractWorker, TesseractWorkerSpec } from './tesseract/tesseract-worker.js';
import type { ModelVariant, Tier } from './tiers.js';

export interface EngineOptions {
  /** Folder of carried models; npm-shipped models are found by package. */
  readonly modelsFolder?: string;
  /** Concurrent OCR threads (default: one per core). */
  readonly workers?: number;
  /** Jobs waiting for a thread at most before QueueFull (default 64). */
  readonly maxQueue?: number;
  /**
   * Inputs being decoded, prepared or recognised at once (default 4 per worker: each may hold a
   * decoded page of up to 60 MP). Checked before an input is decoded, so a flood of callers is
   * refused before it costs memory.
   */
  readonly maxInputsInProgress?: number;
  /**
   * Inputs waiting, still compressed, for one of those places (default: maxQueue). Beyond them a
   * caller gets QueueFull at once: a burst is absorbed, a flood is refused.
   */
  readonly maxInputsWaiting?: number;
  /**
   * Decoded pages held at once, waiting for or in a thread (default 4 per worker); the rest of the
   * inputs in progress wait as compressed bytes. More lets the pool group jobs by language over a
   * longer queue, at ~25 MB a 300 dpi page.
   */
  readonly maxPagesInMemory?: number;
  /** Jobs a thread serves before it is replaced (default 200). */
  readonly recycleAfter?: number;
  readonly limits?: Partial<ImageLimits>;
  /** Starts one OCR thread (default: a tesseract.js worker thread). */
  readonly startWorker?: (spec: TesseractWorkerSpec) => Promise<Result<TesseractWorker, 'EngineFailed'>>;
}

export interface RecognizeOptions {
  /** A cloud LanguageType (`zh`, `auto`, ...) or Tesseract names joined with `+`. Default `auto`. */
  readonly language?: string;
  /** fast, standard (default) or accurate: the cloud's three general OCR services. */
  readonly tier?: Tier;
  /** Detect and correct quarter turns (default: on, except in the fast tier). */
  readonly detectOrientation?: boolean;
  /** Correct small skew (default: on, except in the fast tier). */
  readonly deskew?: boolean;
  /** Preprocessing steps (default all). */
  readonly preprocess?: Partial<PreprocessSteps>;
  /**
   * Read only this page (from 1) of a multi-page TIFF or PDF: the cloud's PdfPageNumber. Default:
   * every page.
   */
  readonly page?: number;
  /**
   * Read the image as one line of text, without looking for lines and blocks (Tesseract's PSM 7):
   * the cloud's EnableDetectText=false, for a crop such as a signature or a single field.
   */
  readonly singleLine?: boolean;
  /**
   * Take a born-digital PDF page's own text instead of reading its pixels (default: true). Scanned
   * pages, and pages whose text is invisible or unmapped, are read from their pixels either way.
   */
  readonly useTextLayer?: boolean;
  /** Time limit per page (orientation and recognition together), in milliseconds. */
  readonly timeoutMs?: number;
}

/**
 * What the engine's own readers (ID cards) may ask of a reading beyond a caller's options: a
 * model measured better for their documents than the tier's. Not offered to callers, whose
 * choice is the tier.
 */
export interface ReaderRecognizeOptions extends RecognizeOptions {
  readonly variant?: ModelVariant;
}

export interface IdCardOptions {
  /** The side the caller says it is (the cloud's CardSide); default: decided from the card. */
  readonly side?: CardSide;
  readonly tier?: Tier;
  /** Reconcile IdNum, Birth and Sex (the cloud's EnableRecognitionRectify, default true). */
  readonly rectify?: boolean;
  readonly cropCard?: boolean;
  readonly cropPortrait?: boolean;
  /** Warnings to look for (each costs its own measure). */
  readonly warnings?: ReadonlySet<IdCardWarningName>;
  /** Where the glare lies, with the reflection warning. */
  readonly reflectionDetail?: boolean;
  /** The front and the back in one photo, read together (the cloud's MultiCardDetect). */
  readonly multiCard?: boolean;
  readonly timeoutMs?: number;
  /** Today, for the validity dates (the clock is the caller's, so tests can fix it). */
  readonly today: Date;
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

export interface PagePreview {
  readonly png: Uint8Array;
  readonly width: number;
  readonly height: number;
}

export interface Engine {
  /**
   * Reads every page of an input. Fails as a whole when the input cannot be read, is cancelled or
   * the engine is closed, and when the only page of a single-page image fails; the pages of a
   * multi-page TIFF succeed or fail one by one.
   */
  recognize(input: ImageInput, options?: RecognizeOptions, control?: RecognizeControl): Promise<Result<PageOutcome[], EngineErrorCode>>;
  /**
   * A page of an input as a person sees it (after its EXIF orientation), in grey, as PNG no larger
   * than `maxSide`: for viewers that cannot show TIFF or PDF. Results' input coordinates fit it
   * when scaled by width / inputWidth.
   */
  preview(input: ImageInput, options: { readonly page: number; readonly maxSide: number }): Promise<Result<PagePreview, EngineErrorCode>>;
  /**
   * The tables of one page (default the first): ruled, ruled only across and unruled, with their
   * cells' text, and the text outside them (README, "Tables").
   */
  recognizeTables(input: ImageInput, options?: RecognizeOptions, control?: RecognizeControl): Promise<Result<TableReading, EngineErrorCode>>;
  /**
   * A resident identity card of the Chinese mainland in the first page of an image: found,
   * straightened, its side decided, its fields read and reconciled, the asked-for warnings measured.
   */
  recognizeIdCard(input: ImageInput, options: IdCardOptions, control?: RecognizeControl): Promise<Result<IdCardReading, EngineErrorCode>>;
  stats(): PoolStats;
  /** Waits for running jobs, fails queued ones, stops every thread. */
  close(): Promise<void>;
}
