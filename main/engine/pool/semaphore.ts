/**
 * At most `limit` of a kind of work at once; the rest wait. Used for the memory-heavy decode of a
 * page (a 60 MP PDF page renders through ~0.9 GB of canvas) and for the decoded pages an engine
 * holds at once. Waiters are served round-robin across lanes (one per caller, as in the worker
 * pool) and in order within one, so a long batch cannot hold a single call back here either.
 */
export interface Semaphore {
  run<T>(work: () => Promise<T>, lane?: string): Promise<T>;
}

export function createSemaphore(limit: number): Semaphore {
  let active = 0;
  const lanes = new Map<string, Array<() => void>>();

  const wakeNext = (): void => {
    const [lane, waiting] = lanes.entries().next().value ?? [];
    if (lane === undefined || !waiting) return;
    const wake = waiting.shift()!;
    lanes.delete(lane);
    // Re-inserting moves the lane to the back of the round.
    if (waiting.length > 0) lanes.set(lane, waiting);
    wake();
  };

  return {
    async run(work, lane = 'default') {
      if (active >= limit) {
        await new Promise<void>((resolve) => {
          const waiting = lanes.get(lane);
          if (waiting) waiting.push(resolve);
          else lanes.set(lane, [resolve]);
        });
      }
      active += 1;
      try {
        return await work();
      } finally {
        active -= 1;
        wakeNext();
      }
    },
  };
}
