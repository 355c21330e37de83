import { fail, type Failure, type Result } from '../../../shared/result.js';

/** What the pool needs of a worker. */
export interface PooledWorker {
  readonly dead: boolean;
  terminate(): Promise<void>;
}

export type PoolErrorCode = 'Cancelled' | 'QueueFull' | 'Timeout' | 'EngineClosed' | 'EngineFailed';

export interface PoolOptions<W extends PooledWorker> {
  /** Live workers at most, across all keys (default: one per core). */
  readonly size: number;
  /** Jobs waiting at most; one more is refused with QueueFull rather than growing memory. */
  readonly maxQueue: number;
  /** A worker is replaced after this many jobs: long-lived wasm heaps only grow. */
  readonly recycleAfter: number;
  /** Starts a worker able to serve `key` (e.g. a language set). */
  readonly spawn: (key: string) => Promise<Result<W, 'EngineFailed'>>;
}

export interface PoolJob<W, T, Code extends string> {
  /** Workers are interchangeable only within a key. */
  readonly key: string;
  /** Jobs are taken round-robin across lanes (e.g. one per caller), FIFO within one. */
  readonly lane?: string;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  readonly run: (worker: W) => Promise<Result<T, Code>>;
}

export interface PoolStats {
  readonly workers: number;
  readonly busy: number;
  readonly queued: number;
}

export interface WorkerPool<W extends PooledWorker> {
  run<T, Code extends string>(job: PoolJob<W, T, Code>): Promise<Result<T, Code | PoolErrorCode>>;
  stats(): PoolStats;
  /** Refuses new jobs, fails queued ones with EngineClosed, lets running ones finish, stops every worker. */
  close(): Promise<void>;
}

interface Slot<W> {
  readonly key: string;
  worker: W | null;
  busy: boolean;
  jobs: number;
}

interface Queued<W> {
  readonly job: PoolJob<W, unknown, string>;
  readonly settle: (result: Result<unknown, string>) => void;
  readonly detach: () => void;
}

export function createWorkerPool<W extends PooledWorker>(options: PoolOptions<W>): WorkerPool<W> {
  if (options.size < 1 || options.maxQueue < 0 || options.recycleAfter < 1) throw new Error('invalid pool options');
  const slots = new Set<Slot<W>>();
  const lanes = new Map<string, Queued<W>[]>();
  const running = new Set<Promise<void>>();
  const stopping = new Set<Promise<void>>();
  let queued = 0;
  let closed = false;

  const stop = (slot: Slot<W>): void => {
    slots.delete(slot);
    const worker = slot.worker;
    if (!worker) return;
    const stopped = worker.terminate().finally(() => stopping.delete(stopped));
    stopping.add(stopped);
  };

  const takeNext = (): Queued<W> | undefined => {
    const [lane, jobs] = lanes.entries().next().value ?? [];
    if (lane === undefined || !jobs) return undefined;
    const next = jobs.shift()!;
    lanes.delete(lane);
    // Re-inserting moves the lane to the back of the round.
    if (jobs.length > 0) lanes.set(lane, jobs);
    queued -= 1;
    return next;
  };

  const peekKey = (): string | undefined => lanes.values().next().value?.[0]?.job.key;

  const slotFor = (key: string): Slot<W> | undefined => {
    const idle = [...slots].filter((slot) => !slot.busy);
    const same = idle.find((slot) => slot.key === key);
    if (same) return same;
    if (slots.size >= options.size) {
      // Evict an idle worker of another language set rather than let the job wait forever.
      const other = idle[0];
      if (!other) return undefined;
      stop(other);
    }
    const fresh: Slot<W> = { key, worker: null, busy: false, jobs: 0 };
    slots.add(fresh);
    return fresh;
  };

  const pump = (): void => {
    while (!closed) {
      const key = peekKey();
      if (key === undefined) return;
      const slot = slotFor(key);
      if (!slot) return;
      const next = takeNext()!;
      slot.busy = true;
      const execution = execute(slot, next).finally(() => {
        running.delete(execution);
        pump();
      });
      running.add(execution);
    }
  };

  const execute = async (slot: Slot<W>, { job, settle, detach }: Queued<W>): Promise<void> => {
    let interrupted = false;
    // A running wasm call cannot be interrupted; stopping its thread is the only way to cancel.
    const interrupt = (code: 'Cancelled' | 'Timeout', message: string): void => {
      interrupted = true;
      settle(fail(code, message));
      stop(slot);
    };
    const onAbort = () => interrupt('Cancelled', 'The job was cancelled.');
    job.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = job.timeoutMs === undefined ? undefined : setTimeout(() => interrupt('Timeout', `The job took longer than ${job.timeoutMs} ms and was stopped.`), job.timeoutMs);
    detach();
    try {
      if (!slot.worker) {
        const spawned = await options.spawn(slot.key);
        if (!spawned.ok) {
          slots.delete(slot);
          settle(spawned);
          return;
        }
        slot.worker = spawned.value;
        if (interrupted) {
          stop(slot);
          return;
        }
      }
      const result = await job.run(slot.worker);
      settle(result);
    } catch (error) {
      // A job's run() must return failures as values; reaching here is a bug, but keep serving.
      settle(fail('EngineFailed', `Internal error: ${error instanceof Error ? error.message : String(error)}`));
      stop(slot);
      return;
    } finally {
      job.signal?.removeEventListener('abort', onAbort);
      if (timer) clearTimeout(timer);
    }
    slot.jobs += 1;
    slot.busy = false;
    if (slots.has(slot) && (slot.worker.dead || slot.jobs >= options.recycleAfter)) stop(slot);
  };

  return {
    run<T, Code extends string>(job: PoolJob<W, T, Code>) {
      return new Promise<Result<T, Code | PoolErrorCode>>((resolve) => {
        if (closed) return resolve(fail('EngineClosed', 'The OCR engine has been shut down.'));
        if (job.signal?.aborted) return resolve(fail('Cancelled', 'The job was cancelled before it started.'));
        if (queued >= options.maxQueue) {
          return resolve(fail('QueueFull', `The OCR queue is full (${options.maxQueue} jobs waiting); try again shortly.`));
        }
        let settled = false;
        const settle = (result: Result<unknown, string>) => {
          if (settled) return;
          settled = true;
          resolve(result as Result<T, Code | PoolErrorCode>);
        };
        const lane = job.lane ?? 'default';
        const entry: Queued<W> = {
          job: job as PoolJob<W, unknown, string>,
          settle,
          detach: () => job.signal?.removeEventListener('abort', onQueuedAbort),
        };
        const onQueuedAbort = () => {
          const jobs = lanes.get(lane);
          const index = jobs?.indexOf(entry) ?? -1;
          if (jobs && index >= 0) {
            jobs.splice(index, 1);
            if (jobs.length === 0) lanes.delete(lane);
            queued -= 1;
            settle(fail('Cancelled', 'The job was cancelled while waiting.'));
          }
        };
        job.signal?.addEventListener('abort', onQueuedAbort, { once: true });
        const laneJobs = lanes.get(lane);
        if (laneJobs) laneJobs.push(entry);
        else lanes.set(lane, [entry]);
        queued += 1;
        pump();
      });
    },
    stats() {
      return { workers: slots.size, busy: [...slots].filter((slot) => slot.busy).length, queued };
    },
    async close() {
      if (closed) {
        await Promise.all([...running, ...stopping]);
        return;
      }
      closed = true;
      const closedFailure: Failure<'EngineClosed'> = { code: 'EngineClosed', message: 'The OCR engine was shut down before this job started.' };
      for (const jobs of lanes.values()) for (const entry of jobs) entry.settle({ ok: false, error: closedFailure });
      lanes.clear();
      queued = 0;
      await Promise.all(running);
      for (const slot of [...slots]) stop(slot);
      await Promise.all(stopping);
    },
  };
}
