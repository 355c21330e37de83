import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ok } from '../../shared/result.js';
import { createWorkerPool, type PooledWorker } from '../../main/engine/pool/worker-pool.js';

/** The pool is generic over its workers: a worker that does nothing isolates the scheduling. */
const idleWorker = (): PooledWorker => ({ dead: false, terminate: async () => undefined });

test('a lane with a backlog is not starved by callers whose lanes empty after every job', async () => {
  const pool = createWorkerPool({ size: 1, maxQueue: 100, recycleAfter: 1000, spawn: async () => ok(idleWorker()) });
  const order: string[] = [];
  const job = (lane: string, name: string) => pool.run({ key: 'eng', lane, run: async () => (order.push(name), ok(undefined)) });
  const backlog = Array.from({ length: 5 }, (_, i) => job('batch', `batch-${i}`));
  // Two interactive callers, each sending its next page when the last one is done.
  const interactive = ['a', 'b'].map(async (lane) => {
    for (let i = 0; i < 20; i += 1) await job(lane, `${lane}-${i}`);
  });
  await Promise.all([...backlog, ...interactive]);
  const lastBatch = order.indexOf('batch-4');
  assert.ok(lastBatch < 16, `the backlog's last job ran at position ${lastBatch} of ${order.length}: ${order.join(' ')}`);
  await pool.close();
});

test('a job\'s time limit covers its work, not the start of a cold worker', async () => {
  // The worker takes 300 ms to start, the job 50 ms, the limit is 150 ms: the job finishes.
  const slowStart = async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    return ok(idleWorker());
  };
  const pool = createWorkerPool({ size: 1, maxQueue: 10, recycleAfter: 1000, spawn: slowStart });
  const work = (ms: number) => async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return ok('done');
  };
  const cold = await pool.run({ key: 'eng', lane: 'a', timeoutMs: 150, run: work(50) });
  assert.deepEqual(cold, ok('done'));
  // The same limit does stop work that runs past it.
  const slow = await pool.run({ key: 'eng', lane: 'a', timeoutMs: 150, run: work(400) });
  assert.equal(!slow.ok && slow.error.code, 'Timeout');
  await pool.close();
});
