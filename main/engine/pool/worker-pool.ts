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
  /**
   * Makes a running worker serve another key, when that is cheaper than starting a new one. On
   * failure the worker is stopped and a new one spawned.
   */
  readonly switchKey?: (worker: W, key: string) => Promise<Result<void, 'EngineFailed'>>;
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
  key: string;
  /** The worker still serves the previous key; switchKey runs before the next job. */
  switching: boolean;
  worker: W | null;
  busy: boolean;
  jobs: number;
}

interface Queued<W> {
  readonly job: PoolJob<W, unknown, string>;
  readonly lane: string;
  /** Times a later job of a loaded key went first (see maxOvertaken). */
  overtaken: number;
  readonly settle: (result: Result<unknown, string>) => void;
  readonly detach: () => void;
}

/**
 * How often a waiting job may be passed over by later jobs for an already loaded key. Measured on
 * the bench's mixed queue (README, "Speed"); it bounds what one language's backlog costs another's.
 */
const maxOvertaken = 8;
const maxRememberedLanes = 4096;

export function createWorkerPool<W extends PooledWorker>(options: PoolOptions<W>): WorkerPool<W> {
  if (options.size < 1 || options.maxQueue < 0 || options.recycleAfter < 1) throw new Error('invalid pool options');
  const slots = new Set<Slot<W>>();
  const lanes = new Map<string, Queued<W>[]>();
  /**
   * When each lane was last served (a running count); a lane never seen sorts first. Kept after a
   * lane empties: a caller whose pages arrive one at a time empties its lane after every page and
   * must not jump ahead of everyone each time it comes back.
   */
  const lastServed = new Map<string, number>();
  let served = 0;
  const running = new Set<Promise<void>>();
  const stopping = new Set<Promise<void>>();
  let queued = 0;
  let closing: Promise<void> | null = null;

  const terminate = (worker: W): void => {
    const stopped = worker
      .terminate()
      .catch(() => undefined)
      .finally(() => stopping.delete(stopped));
    stopping.add(stopped);
  };

  const stop = (slot: Slot<W>): void => {
    slots.delete(slot);
    if (slot.worker) terminate(slot.worker);
  };

  /**
   * Lanes least recently served first. Plain rotation would put a caller whose job arrives just
   * after a batch job started behind the batch's next job too.
   */
  const laneOrder = (): Queued<W>[][] =>
    [...lanes.entries()].sort(([a], [b]) => (lastServed.get(a) ?? -1) - (lastServed.get(b) ?? -1)).map(([, jobs]) => jobs);

  const peekNext = (): Queued<W> | undefined => laneOrder()[0]?.[0];

  /** The first waiting job, in round-robin order, that `fits`. */
  const findQueued = (fits: (entry: Queued<W>) => boolean): Queued<W> | undefined => {
    for (const jobs of laneOrder()) {
      const found = jobs.find(fits);
      if (found) return found;
    }
    return undefined;
  };

  const forgetLane = (lane: string): void => {
    lanes.delete(lane);
    // Bounded: beyond this many callers remembered, those with nothing waiting are forgotten.
    if (lastServed.size > maxRememberedLanes) for (const known of lastServed.keys()) if (!lanes.has(known)) lastServed.delete(known);
  };

  const take = (entry: Queued<W>): void => {
    const jobs = lanes.get(entry.lane)!;
    jobs.splice(jobs.indexOf(entry), 1);
    served += 1;
    lastServed.set(entry.lane, served);
    if (jobs.length === 0) forgetLane(entry.lane);
    queued -= 1;
  };

  const removeQueued = (entry: Queued<W>): boolean => {
    const jobs = lanes.get(entry.lane);
    const index = jobs?.indexOf(entry) ?? -1;
    if (!jobs || index < 0) return false;
    jobs.splice(index, 1);
    if (jobs.length === 0) forgetLane(entry.lane);
    queued -= 1;
    return true;
  };

  const newSlot = (key: string): Slot<W> => {
    const slot: Slot<W> = { key, switching: false, worker: null, busy: false, jobs: 0 };
    slots.add(slot);
    return slot;
  };

  /**
   * The next job and the slot to run it in. The job next in turn goes first when a worker of its
   * key is idle or the pool has room. Otherwise an idle worker takes a later job of the key it has
   * loaded, if there is one: replacing a worker means starting a thread and loading models (0.2-1.5
   * s), so a mixed queue would spend much of its time switching. The job next in turn is passed over
   * at most maxOvertaken times, then an idle worker is replaced for it.
   */
  const choose = (): { entry: Queued<W>; slot: Slot<W> } | undefined => {
    const head = peekNext();
    if (!head) return undefined;
    const idle = [...slots].filter((slot) => !slot.busy);
    const same = idle.find((slot) => slot.key === head.job.key);
    if (same) return { entry: head, slot: same };
    if (slots.size < options.size) return { entry: head, slot: newSlot(head.job.key) };
    if (idle.length === 0) return undefined;
    if (head.overtaken < maxOvertaken) {
      const warm = findQueued((entry) => idle.some((slot) => slot.key === entry.job.key));
      if (warm) {
        head.overtaken += 1;
        return { entry: warm, slot: idle.find((slot) => slot.key === warm.job.key)! };
      }
    }
    // The worker to replace is one no waiting job wants, if there is one.
    const victim = idle.find((slot) => !findQueued((entry) => entry.job.key === slot.key)) ?? idle[0]!;
    if (options.switchKey && victim.worker) {
      victim.key = head.job.key;
      victim.switching = true;
      return { entry: head, slot: victim };
    }
    stop(victim);
    return { entry: head, slot: newSlot(head.job.key) };
  };

  const pump = (): void => {
    while (!closing) {
      const next = choose();
      if (!next) return;
      take(next.entry);
      const { slot } = next;
      slot.busy = true;
      const execution = execute(slot, next.entry).finally(() => {
        running.delete(execution);
        pump();
      });
      running.add(execution);
    }
  };

  /** Starts the slot's worker if needed; false when it could not be started (the job is settled). */
  const ensureWorker = async (slot: Slot<W>, settle: Queued<W>['settle']): Promise<boolean> => {
    if (slot.worker && slot.switching) {
      slot.switching = false;
      const switched = await options.switchKey!(slot.worker, slot.key);
      if (switched.ok) return true;
      terminate(slot.worker);
      slot.worker = null;
    }
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
          overtaken: 0,
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
        lastServed.clear();
        queued = 0;
        await Promise.all(running);
        for (const slot of [...slots]) stop(slot);
        await Promise.all(stopping);
      })();
      return closing;
    },
  };
}
