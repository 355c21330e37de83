import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEngine } from '../../main/engine/create-engine.js';
import { pageResults } from '../helpers/engine-results.js';
import { corpusPath } from '../helpers/fixture-corpus.js';

// A large real page keeps a worker busy for seconds: long enough to cancel mid-recognition.
const bigPage = { kind: 'path', path: corpusPath('unlv-8071_093.3B.tif') } as const;
const smallPage = { kind: 'path', path: corpusPath('phototest.tif') } as const;
const options = { language: 'eng', detectOrientation: false } as const;

/** Polls until the engine reaches a state; decoding before the queue is asynchronous. */
async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Worker threads hold MessagePorts; none may outlive close(). */
const openThreads = () => process.getActiveResourcesInfo().filter((kind) => kind === 'MessagePort').length;

test('cancelling a running job stops it at once; the next job gets a fresh worker', async () => {
  const engine = createEngine({ workers: 1 });
  try {
    const abort = new AbortController();
    const started = Date.now();
    const running = engine.recognize(bigPage, options, { signal: abort.signal, onProgress: (p) => p.stage === 'recognizing' && abort.abort() });
    const result = await running;
    assert.equal(!result.ok && result.error.code, 'Cancelled');
    assert.ok(Date.now() - started < 5000);
    assert.equal(engine.stats().workers, 0, 'the interrupted worker is gone');
    const next = await engine.recognize(smallPage, options);
    assert.ok(next.ok);
  } finally {
    await engine.close();
  }
});

test('a queued job can be cancelled, and a signal aborted before the call is refused at once', async () => {
  const engine = createEngine({ workers: 1 });
  try {
    const first = engine.recognize(smallPage, options);
    await waitFor(() => engine.stats().busy === 1, 'the first job to run');
    const abort = new AbortController();
    const queued = engine.recognize(smallPage, options, { signal: abort.signal });
    await waitFor(() => engine.stats().queued === 1, 'the second job to queue');
    abort.abort();
    const cancelled = await queued;
    assert.equal(engine.stats().queued, 0);
    assert.equal(!cancelled.ok && cancelled.error.code, 'Cancelled');
    const early = await engine.recognize(smallPage, options, { signal: AbortSignal.abort() });
    assert.equal(!early.ok && early.error.code, 'Cancelled');
    assert.ok((await first).ok);
  } finally {
    await engine.close();
  }
});

test('the queue is bounded: beyond it callers get QueueFull instead of unbounded memory', async () => {
  const engine = createEngine({ workers: 1, maxQueue: 1 });
  try {
    const stopBigPage = new AbortController();
    const running = engine.recognize(bigPage, options, { signal: stopBigPage.signal });
    await waitFor(() => engine.stats().busy === 1, 'the first job to run');
    const waiting = engine.recognize(smallPage, options);
    await waitFor(() => engine.stats().queued === 1, 'the second job to queue');
    const refused = await engine.recognize(smallPage, options);
    assert.equal(!refused.ok && refused.error.code, 'QueueFull');
    assert.match(!refused.ok ? refused.error.message : '', /queue is full/);
    stopBigPage.abort();
    assert.equal((await running).ok, false);
    assert.ok((await waiting).ok);
  } finally {
    await engine.close();
  }
});

test('a page over its time limit is stopped with Timeout', async () => {
  const engine = createEngine({ workers: 1 });
  try {
    const result = await engine.recognize(bigPage, { ...options, timeoutMs: 300 });
    assert.equal(!result.ok && result.error.code, 'Timeout');
    assert.ok((await engine.recognize(smallPage, options)).ok);
  } finally {
    await engine.close();
  }
});

test('workers are recycled after N jobs and keep giving the same answers', async () => {
  const engine = createEngine({ workers: 1, recycleAfter: 1 });
  try {
    const texts: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      texts.push(pageResults(await engine.recognize(smallPage, options))[0]!.text);
    }
    assert.equal(new Set(texts).size, 1);
  } finally {
    await engine.close();
  }
});

test('lanes are served round-robin: a single call is not stuck behind a long batch', async () => {
  const engine = createEngine({ workers: 1 });
  try {
    const finished: string[] = [];
    const track = (name: string, lane: string) => engine.recognize(smallPage, options, { lane }).then((r) => (assert.ok(r.ok), finished.push(name)));
    const batch = [track('batch-1', 'batch')];
    await waitFor(() => engine.stats().busy === 1, 'the batch to start');
    for (const name of ['batch-2', 'batch-3', 'batch-4']) {
      const queuedBefore = engine.stats().queued;
      batch.push(track(name, 'batch'));
      await waitFor(() => engine.stats().queued === queuedBefore + 1, `${name} to queue`);
    }
    const api = track('api-1', 'api');
    await Promise.all([...batch, api]);
    // FIFO would serve the API call last; round-robin serves it right after the next batch job.
    assert.deepEqual(finished, ['batch-1', 'batch-2', 'api-1', 'batch-3', 'batch-4']);
  } finally {
    await engine.close();
  }
});

test('close() fails queued jobs, lets the running one finish, and leaves no thread behind', async () => {
  const before = openThreads();
  const engine = createEngine({ workers: 1 });
  const running = engine.recognize(smallPage, options);
  await waitFor(() => engine.stats().busy === 1, 'the first job to run');
  const queued = engine.recognize(smallPage, options);
  await waitFor(() => engine.stats().queued === 1, 'the second job to queue');
  await engine.close();
  assert.ok((await running).ok, 'the running job completed');
  const closedOut = await queued;
  assert.equal(!closedOut.ok && closedOut.error.code, 'EngineClosed');
  const afterClose = await engine.recognize(smallPage, options);
  assert.equal(!afterClose.ok && afterClose.error.code, 'EngineClosed');
  assert.equal(engine.stats().workers, 0);
  assert.equal(openThreads(), before);
});
