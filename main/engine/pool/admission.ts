import { fail, ok, type Result } from '../../../shared/result.js';

export type AdmissionRefusal = 'QueueFull' | 'Cancelled' | 'EngineClosed';

export interface Admission {
  /**
   * A place among the inputs in progress: at once if one is free, else after waiting in line (as
   * the caller's compressed bytes, which cost little); refused when the line is full too.
   */
  enter(signal?: AbortSignal): Promise<Result<() => void, AdmissionRefusal>>;
  readonly waiting: number;
  /** Refuses everyone waiting and everyone after. */
  close(): void;
}

/** A bounded line in front of a bounded room: the engine's front door. */
export function createAdmission(inside: number, line: number): Admission {
  let active = 0;
  let closed = false;
  const waiters: Array<(admitted: Result<() => void, AdmissionRefusal>) => void> = [];

  const release = () => {
    active -= 1;
    const next = waiters.shift();
    if (next) {
      active += 1;
      next(ok(once(release)));
    }
  };

  return {
    get waiting() {
      return waiters.length;
    },
    async enter(signal) {
      if (closed) return fail('EngineClosed', 'The OCR engine has been shut down.');
      if (signal?.aborted) return fail('Cancelled', 'The job was cancelled.');
      if (active < inside) {
        active += 1;
        return ok(once(release));
      }
      if (waiters.length >= line) return fail('QueueFull', `The OCR queue is full (${inside} images in progress, ${line} waiting); try again shortly.`);
      return new Promise((resolve) => {
        const waiter = (admitted: Result<() => void, AdmissionRefusal>) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(admitted);
        };
        const onAbort = () => {
          const index = waiters.indexOf(waiter);
          if (index >= 0) waiters.splice(index, 1);
          resolve(fail('Cancelled', 'The job was cancelled while waiting.'));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        waiters.push(waiter);
      });
    },
    close() {
      closed = true;
      for (const waiter of waiters.splice(0)) waiter(fail('EngineClosed', 'The OCR engine was shut down.'));
    },
  };
}

function once(action: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    action();
  };
}
