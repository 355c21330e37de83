/**
 * At most `limit` of a kind of work at once; the rest wait in order. Used for the memory-heavy
 * decode of a page (a 60 MP PDF page renders through ~0.9 GB of canvas): without it every input
 * in progress could be decoding at the same moment.
 */
export interface Semaphore {
  run<T>(work: () => Promise<T>): Promise<T>;
}

export function createSemaphore(limit: number): Semaphore {
  let active = 0;
  const waiting: Array<() => void> = [];
  return {
    async run(work) {
      if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
      active += 1;
      try {
        return await work();
      } finally {
        active -= 1;
        waiting.shift()?.();
      }
    },
  };
}
