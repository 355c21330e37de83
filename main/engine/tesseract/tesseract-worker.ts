import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { fail, ok, type Result } from '../../../shared/result.js';
import { resolveModelFile } from '../models/model-files.js';
import type { TesseractPage } from './tesseract-page.js';

/**
 * Host side of one tesseract.js worker thread, written here rather than using tesseract.js's
 * createWorker: that one throws inside its message callback when no errorHandler is set, never
 * listens for the thread's 'error' or 'exit' events (a crash there kills the process) and resolves
 * terminate() before the thread is gone. Here every failure settles the job that caused it as a
 * value, and terminate() resolves when the thread has exited.
 */

/** Engine modes, as Tesseract numbers them. */
export const OcrEngineMode = { legacy: 0, lstm: 1 } as const;
export type OcrEngineMode = (typeof OcrEngineMode)[keyof typeof OcrEngineMode];

export interface TesseractWorkerSpec {
  /** Tesseract language names, e.g. ['chi_sim', 'eng']. */
  readonly languages: readonly string[];
  readonly mode: OcrEngineMode;
  /** Folder of carried models (see models/model-files.ts). */
  readonly modelsFolder: string;
  /** Model variant folder name, e.g. `4.0.0_best_int`. */
  readonly variant: string;
  /** Parameters fixed at initialisation (Tesseract's config file). */
  readonly initParameters?: Readonly<Record<string, string>>;
}

export interface WorkerProgress {
  readonly status: string;
  /** 0..1 */
  readonly progress: number;
}

export interface OrientationDetection {
  readonly script: string | null;
  readonly scriptConfidence: number | null;
  /** Tesseract's orientation in degrees (0, 90, 180, 270) or null when undetected. */
  readonly orientationDegrees: number | null;
  readonly orientationConfidence: number | null;
}

export interface RecognizeRequest {
  /** Encoded image (PNG, PNM ...) that Leptonica reads. */
  readonly image: Uint8Array;
  /** Tesseract parameters for this call only, and tesseract.js options such as rotateAuto. */
  readonly parameters?: Readonly<Record<string, string | number | boolean>>;
}

export interface TesseractWorker {
  /** What the worker has loaded now (switchLanguages changes it). */
  readonly spec: TesseractWorkerSpec;
  /**
   * Loads another language set into the running thread: ~20-150 ms instead of ~180-320 ms for a
   * new thread, which must also start and compile the wasm core. Only within one engine mode; a
   * failure retires the worker.
   */
  switchLanguages(spec: TesseractWorkerSpec): Promise<Result<void, 'EngineFailed'>>;
  recognize(request: RecognizeRequest, onProgress?: (p: WorkerProgress) => void): Promise<Result<TesseractPage, 'EngineFailed'>>;
  detectOrientation(image: Uint8Array): Promise<Result<OrientationDetection, 'EngineFailed'>>;
  /** True once the thread has failed or been terminated; such a worker must be replaced. */
  readonly dead: boolean;
  terminate(): Promise<void>;
}

interface ModelBytes {
  readonly code: string;
  readonly data: Uint8Array;
}

/**
 * The models are read here and handed over as bytes, so the thread never touches the file system
 * or the network for them, and each language may come from a different folder.
 */
async function readModels(spec: TesseractWorkerSpec): Promise<Result<ModelBytes[], 'EngineFailed'>> {
  const models: ModelBytes[] = [];
  for (const lang of spec.languages) {
    const file = resolveModelFile(lang, spec.variant, spec.modelsFolder);
    const data = file.ok ? await readFile(file.value).catch(() => null) : null;
    if (!data) {
      return fail('EngineFailed', file.ok ? `The model file ${file.value} cannot be read.` : file.error.message);
    }
    models.push({ code: lang, data });
  }
  return ok(models);
}

const workerScript = fileURLToPath(new URL('./worker-thread.cjs', import.meta.url));

interface Pending {
  resolve(reply: { ok: true; data: unknown } | { ok: false; message: string }): void;
  onProgress?: ((p: WorkerProgress) => void) | undefined;
}

interface ThreadReply {
  jobId: string;
  action: string;
  status: 'resolve' | 'reject' | 'progress';
  data: unknown;
}

/** Spawns a thread and loads its models. Resolves once the worker can recognise, or with why not. */
export async function createTesseractWorker(spec: TesseractWorkerSpec): Promise<Result<TesseractWorker, 'EngineFailed'>> {
  const models = await readModels(spec);
  if (!models.ok) return models;
  const workerId = `ocr-thread-${randomUUID()}`;
  const thread = new Worker(workerScript);
  const pending = new Map<string, Pending>();
  let jobCounter = 0;
  let dead = false;
  let deathReason = '';
  const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));

  const failAll = (reason: string): void => {
    if (!dead) {
      dead = true;
      deathReason = reason;
    }
    for (const job of pending.values()) job.resolve({ ok: false, message: reason });
    pending.clear();
  };
  thread.on('error', (error: Error) => failAll(`OCR worker crashed: ${error.message}`));
  thread.on('exit', (code) => failAll(`OCR worker stopped (exit code ${code})`));
  thread.on('messageerror', (error) => failAll(`OCR worker sent an unreadable message: ${error.message}`));
  thread.on('message', (reply: ThreadReply) => {
    const job = pending.get(reply.jobId);
    if (!job) return;
    if (reply.status === 'progress') {
      const data = reply.data as { status?: unknown; progress?: unknown };
      try {
        job.onProgress?.({ status: String(data.status ?? ''), progress: Number(data.progress ?? 0) });
      } catch {
        // A caller's progress callback must not take the thread's message handling down with it.
      }
      return;
    }
    pending.delete(reply.jobId);
    job.resolve(reply.status === 'resolve' ? { ok: true, data: reply.data } : { ok: false, message: String(reply.data) });
  });

  const send = (action: string, payload: unknown, onProgress?: (p: WorkerProgress) => void) =>
    new Promise<{ ok: true; data: unknown } | { ok: false; message: string }>((resolve) => {
      if (dead) {
        resolve({ ok: false, message: deathReason });
        return;
      }
      jobCounter += 1;
      const jobId = `${workerId}-${jobCounter}`;
      pending.set(jobId, { resolve, onProgress });
      thread.postMessage({ workerId, jobId, action, payload });
    });

  const terminate = async (): Promise<void> => {
    failAll('OCR worker terminated');
    await thread.terminate();
    await exited;
  };

  const lstmOnly = spec.mode === OcrEngineMode.lstm;
  let current = spec;
  /** Loads `next`'s models into the running core; the message says which step failed. */
  const initialise = async (next: TesseractWorkerSpec, bytes: readonly ModelBytes[]): Promise<Result<void, 'EngineFailed'>> => {
    const steps: ReadonlyArray<readonly [string, unknown]> = [
      [
        'loadLanguage',
        // langPath is never read (the models come as bytes) but must be set: tesseract.js falls
        // back to a CDN without it.
        { langs: bytes, options: { langPath: next.modelsFolder, cacheMethod: 'none', gzip: true, lstmOnly } },
      ],
      ['initialize', { langs: next.languages.join('+'), oem: next.mode, config: next.initParameters ?? {} }],
      // Tesseract has read the models into its own heap; the copies in the in-memory file system
      // (4-12 MB a language) would only hold memory.
      ...next.languages.map((lang) => ['FS', { method: 'unlink', args: [`./${lang}.traineddata`] }] as const),
    ];
    for (const [action, payload] of steps) {
      const reply = await send(action, payload);
      if (!reply.ok) return fail('EngineFailed', `Could not start the OCR engine for ${next.languages.join('+')} (${action}): ${reply.message}`);
    }
    current = next;
    return ok(undefined);
  };

  const loaded = await send('load', { options: { lstmOnly, corePath: '', logging: false } });
  const started = loaded.ok ? await initialise(spec, models.value) : fail('EngineFailed', `Could not start the OCR engine for ${spec.languages.join('+')} (load): ${loaded.message}`);
  if (!started.ok) {
    await terminate();
    return started;
  }

  // tesseract.js reports a wasm abort (out of memory, a failed assertion) as an ordinary failure,
  // after which the module is unusable: any failed job retires the worker, and the pool replaces it.
  const retire = (message: string): void => {
    dead = true;
    deathReason = `OCR worker retired after a failure: ${message}`;
  };

  return ok({
    get spec() {
      return current;
    },
    async switchLanguages(next) {
      if (next.mode !== current.mode) return fail('EngineFailed', 'A worker cannot change its engine mode.');
      const bytes = await readModels(next);
      if (!bytes.ok) return bytes;
      const switched = await initialise(next, bytes.value);
      if (!switched.ok) retire(switched.error.message);
      return switched;
    },
    get dead() {
      return dead;
    },
    terminate,
    async recognize(request, onProgress) {
      const reply = await send(
        'recognize',
        { image: request.image, options: request.parameters ?? {}, output: { text: false, blocks: true } },
        onProgress,
      );
      if (!reply.ok) {
        retire(reply.message);
        return fail('EngineFailed', `Recognition failed: ${reply.message}`);
      }
      return ok(reply.data as TesseractPage);
    },
    async detectOrientation(image) {
      const reply = await send('detect', { image });
      if (!reply.ok) {
        retire(reply.message);
        return fail('EngineFailed', `Orientation detection failed: ${reply.message}`);
      }
      const data = reply.data as Record<string, number | string | null>;
      return ok({
        script: (data['script'] as string | null) ?? null,
        scriptConfidence: (data['script_confidence'] as number | null) ?? null,
        orientationDegrees: (data['orientation_degrees'] as number | null) ?? null,
        orientationConfidence: (data['orientation_confidence'] as number | null) ?? null,
      });
    },
  });
}
