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
  readonly lane: string;
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
  let closing: Promise<void> | null = null;

  const stop = (slot: Slot<W>): void => {
    slots.delete(slot);
    const worker = slot.worker;
    if (!worker) return;
    const stopped = worker
      .terminate()
      .catch(() => undefined)
      .finally(() => stopping.delete(stopped));
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

  const removeQueued = (entry: Queued<W>): boolean => {
    const jobs = lanes.get(entry.lane);
    const index = jobs?.indexOf(entry) ?? -1;
    if (!jobs || index < 0) return false;
    jobs.splice(index, 1);
    if (jobs.length === 0) lanes.delete(entry.lane);
    queued -= 1;
    return true;
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
    while (!closing) {
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

  /** Starts the slot's worker if needed; false when it could not be started (the job is settled). */
  const ensureWorker = async (slot: Slot<W>, settle: Queued<W>['settle']): Promise<boolean> => {
    if (slot.worker) return true;
    // An evicted or recycled thread exits first, so live threads never exceed the pool size.
    await Promise.all(stopping);
    const spawned = await options.spawn(slot.key);
    if (!spawned.ok) {
      slots.delete(slot);
      settle(spawned);
      return false;
    }
    slot.worker = spawned.value;
    return true;
  };

  const execute = async (slot: Slot<W>, { job, settle, detach }: Queued<W>): Promise<void> => {
    detach();
    let phase: 'starting' | 'running' | 'done' = 'starting';
    // While a worker starts, a cancelled job just gives up its place; the worker still comes up
    // and serves the next job. A running wasm call cannot be interrupted: stopping its thread is
    // the only way, and the slot is freed at once.
    const interrupt = (code: 'Cancelled' | 'Timeout', message: string): void => {
      settle(fail(code, message));
      if (phase === 'running') {
        stop(slot);
        pump();
      }
    };
    const onAbort = () => interrupt('Cancelled', 'The job was cancelled.');
    job.signal?.addEventListener('abort', onAbort, { once: true });
    let timer: NodeJS.Timeout | undefined;
    try {
      if (!(await ensureWorker(slot, settle))) return;
      const worker = slot.worker!;
      if (job.signal?.aborted) {
        slot.busy = false;
        return;
      }
      phase = 'running';
      // The time limit covers the work, not the start of a cold worker, which is kept either way.
      if (job.timeoutMs !== undefined) {
        timer = setTimeout(() => interrupt('Timeout', `The job took longer than ${job.timeoutMs} ms and was stopped.`), job.timeoutMs);
      }
      settle(await job.run(worker));
    } catch (error) {
      // A job's run() must return failures as values; reaching here is a bug, but keep serving.
      settle(fail('EngineFailed', `Internal error: ${error instanceof Error ? error.message : String(error)}`));
      stop(slot);
      return;
    } finally {
      phase = 'done';
      job.signal?.removeEventListener('abort', onAbort);
      if (timer) clearTimeout(timer);
    }
    if (!slots.has(slot)) return;
    slot.jobs += 1;
    slot.busy = false;
    if (slot.worker!.dead || slot.jobs >= options.recycleAfter) stop(slot);
  };

  return {
    run<T, Code extends string>(job: PoolJob<W, T, Code>) {
      return new Promise<Result<T, Code | PoolErrorCode>>((resolve) => {
        if (closing) return resolve(fail('EngineClosed', 'The OCR engine has been shut down.'));
        if (job.signal?.aborted) return resolve(fail('Cancelled', 'The job was cancelled before it started.'));
        let settled = false;
        const settle = (result: Result<unknown, string>) => {
          if (settled) return;
          settled = true;
          resolve(result as Result<T, Code | PoolErrorCode>);
        };
        const onQueuedAbort = () => {
          if (removeQueued(entry)) settle(fail('Cancelled', 'The job was cancelled while waiting.'));
        };
        const entry: Queued<W> = {
          job: job as PoolJob<W, unknown, string>,
          lane: job.lane ?? 'default',
          settle,
          detach: () => job.signal?.removeEventListener('abort', onQueuedAbort),
        };
        job.signal?.addEventListener('abort', onQueuedAbort, { once: true });
        const laneJobs = lanes.get(entry.lane);
        if (laneJobs) laneJobs.push(entry);
        else lanes.set(entry.lane, [entry]);
        queued += 1;
        pump();
        // The bound applies to jobs that must wait, so an idle pool takes a job even with maxQueue 0.
        if (queued > options.maxQueue && removeQueued(entry)) {
          entry.detach();
          settle(fail('QueueFull', `The OCR queue is full (${options.maxQueue} jobs waiting); try again shortly.`));
        }
      });
    },
    stats() {
      return { workers: slots.size, busy: [...slots].filter((slot) => slot.busy).length, queued };
    },
    close() {
      closing ??= (async () => {
        const closedFailure: Failure<'EngineClosed'> = { code: 'EngineClosed', message: 'The OCR engine was shut down before this job started.' };
        for (const jobs of lanes.values()) {
          for (const entry of jobs) {
            entry.detach();
            entry.settle({ ok: false, error: closedFailure });
          }
        }
        lanes.clear();
        queued = 0;
        await Promise.all(running);
        for (const slot of [...slots]) stop(slot);
        await Promise.all(stopping);
      })();
      return closing;
    },
  };
}
