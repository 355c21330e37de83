import { createRequire } from 'node:module';

/** The parts of OpenCV's WebAssembly build the table finder uses (its typings are loose). */
export type OpenCv = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Wrapped: the module is a thenable, and a promise resolved with a thenable adopts it (and never settles). */
let loading: Promise<{ readonly cv: OpenCv }> | null = null;

/**
 * OpenCV's WebAssembly build (`@techstark/opencv-js`), loaded once and only when a table is
 * looked for: it takes ~300 ms and ~60 MB, which plain text reading never needs.
 */
export function loadOpenCv(): Promise<{ readonly cv: OpenCv }> {
  loading ??= new Promise((resolve, reject) => {
    // The Emscripten runtime registers process-wide handlers that rethrow any uncaught exception
    // and abort the process on any unhandled rejection: they are removed, so OpenCV never decides
    // how the server's own errors end.
    const before = { exception: process.listeners('uncaughtException'), rejection: process.listeners('unhandledRejection') };
    const cv = createRequire(import.meta.url)('@techstark/opencv-js') as OpenCv;
    for (const listener of process.listeners('uncaughtException')) if (!before.exception.includes(listener)) process.off('uncaughtException', listener);
    for (const listener of process.listeners('unhandledRejection')) if (!before.rejection.includes(listener)) process.off('unhandledRejection', listener);
    // The runtime starts on its own after the require; its `Mat` appears when it is up. (Its
    // onRuntimeInitialized may have fired already, and the module is a thenable that must never be
    // awaited itself, so readiness is watched for.)
    const started = Date.now();
    const check = () => {
      if (cv['Mat']) return resolve({ cv });
      if (Date.now() - started > 30_000) return reject(new Error('OpenCV did not start within 30 s'));
      setTimeout(check, 10);
    };
    check();
  });
  return loading;
}

/** Keeps the OpenCV objects a piece of work makes, to free them all when it ends. */
export interface Mats {
  keep<T extends { delete(): void }>(mat: T): T;
}

/**
 * Runs OpenCV work with every Mat it keeps deleted afterwards, thrown or not: the WebAssembly heap
 * is not garbage-collected, and a Mat left behind is memory lost until the thread ends.
 */
export async function withMats<T>(use: (cv: OpenCv, mats: Mats) => T): Promise<T> {
  const { cv } = await loadOpenCv();
  const held: Array<{ delete(): void }> = [];
  try {
    return use(cv, { keep: (mat) => (held.push(mat), mat) });
  } finally {
    for (const mat of held) mat.delete();
  }
}
