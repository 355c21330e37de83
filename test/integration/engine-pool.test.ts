import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEngine, type Engine, type EngineOptions } from '../../main/engine/create-engine.js';
import { createTesseractWorker, type TesseractWorker, type TesseractWorkerSpec } from '../../main/engine/tesseract/tesseract-worker.js';
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

/** Runs a test body against a fresh engine that is always closed afterwards. */
async function withEngine(engineOptions: EngineOptions, body: (engine: Engine) => Promise<void>): Promise<void> {
  const engine = createEngine(engineOptions);
  try {
    await body(engine);
  } finally {
    await engine.close();
  }
}

/**
 * Real workers, with a record of what the pool asked of them: which language sets it started
 * threads for and which it switched running threads to.
 */
function recordingWorkers() {
  const started: string[] = [];
  const switched: string[] = [];
  const startWorker = async (spec: TesseractWorkerSpec) => {
    started.push(spec.languages.join('+'));
    const created = await createTesseractWorker(spec);
    if (!created.ok) return created;
    const worker = created.value;
    const recording: TesseractWorker = {
      get spec() {
        return worker.spec;
      },
      get dead() {
        return worker.dead;
      },
      recognize: (request, onProgress) => worker.recognize(request, onProgress),
      detectOrientation: (image) => worker.detectOrientation(image),
      terminate: () => worker.terminate(),
      switchLanguages: (next) => {
        switched.push(next.languages.join('+'));
        return worker.switchLanguages(next);
      },
    };
    return { ok: true as const, value: recording };
  };
  return { started, switched, startWorker };
}

/** Worker threads hold MessagePorts; none may outlive close(). */
const openThreads = () => process.getActiveResourcesInfo().filter((kind) => kind === 'MessagePort').length;

test('cancelling a running job stops it at once; the next job gets a fresh worker', async () => {
  await withEngine({ workers: 1 }, async (engine) => {
    const abort = new AbortController();
    let threadsWhileRunning = 0;
    let abortedAt = 0;
    // Progress above 0 comes from inside the worker thread: the page is really being read.
    const onProgress = (p: { stage: string; progress: number }) => {
      if (p.stage === 'recognizing' && p.progress > 0.15 && !abort.signal.aborted) {
        threadsWhileRunning = openThreads();
        abortedAt = Date.now();
        abort.abort();
      }
    };
    const result = await engine.recognize(bigPage, options, { signal: abort.signal, onProgress });
    assert.equal(!result.ok && result.error.code, 'Cancelled');
    assert.ok(abortedAt > 0, 'the abort came while the worker was reading');
    assert.ok(Date.now() - abortedAt < 1000, 'the result came at once, not when the page was done');
    assert.equal(threadsWhileRunning, 1);
    assert.equal(engine.stats().workers, 0, 'the interrupted worker is gone');
    await waitFor(() => openThreads() === 0, 'the thread to exit');
    const next = await engine.recognize(smallPage, options);
    assert.ok(next.ok);
  });
});

test('a queued job can be cancelled, and a signal aborted before the call is refused at once', async () => {
  await withEngine({ workers: 1 }, async (engine) => {
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
  });
});

test('the queue is bounded: beyond it callers get QueueFull instead of unbounded memory', async () => {
  await withEngine({ workers: 1, maxQueue: 1 }, async (engine) => {
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
  });
});

test('a page over its time limit is stopped with Timeout, and its thread with it', async () => {
  await withEngine({ workers: 1 }, async (engine) => {
    // That a cold worker's start does not count is the pool's rule, tested with a clock-free fake
    // (test/unit/worker-pool.test.ts): timed here it failed on a loaded machine.
    assert.ok((await engine.recognize(smallPage, options)).ok);
    const started = Date.now();
    const result = await engine.recognize(bigPage, { ...options, timeoutMs: 1000 });
    assert.equal(!result.ok && result.error.code, 'Timeout');
    assert.ok(Date.now() - started < 2500, 'stopped near its limit, not when the page was done');
    assert.equal(engine.stats().workers, 0);
    await waitFor(() => openThreads() === 0, 'the stopped thread to exit');
    assert.ok((await engine.recognize(smallPage, options)).ok);
  });
});

test('workers are recycled after N jobs and keep giving the same answers', async () => {
  await withEngine({ workers: 1, recycleAfter: 1 }, async (engine) => {
    const texts: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      texts.push(pageResults(await engine.recognize(smallPage, options))[0]!.text);
    }
    assert.equal(new Set(texts).size, 1);
  });
});

test('lanes are served round-robin: a single call is not stuck behind a long batch', async () => {
  await withEngine({ workers: 1, maxInputsInProgress: 8 }, async (engine) => {
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
  });
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

test('cancelling while a worker starts never leaves more threads than the pool size', async () => {
  await withEngine({ workers: 1 }, async (engine) => {
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, openThreads())), 5);
    const abort = new AbortController();
    const first = engine.recognize(smallPage, options, { signal: abort.signal });
    await waitFor(() => engine.stats().workers === 1, 'the worker to start');
    abort.abort();
    const cancelled = await first;
    assert.equal(!cancelled.ok && cancelled.error.code, 'Cancelled');
    // The started worker is kept and serves the next job.
    assert.ok((await engine.recognize(smallPage, options)).ok);
    clearInterval(watch);
    assert.equal(most, 1, `at most one thread, saw ${most}`);
  });
});

test('close() twice waits for the threads both times; an idle pool takes a job even with no queue', async () => {
  const engine = createEngine({ workers: 1, maxQueue: 0 });
  assert.ok((await engine.recognize(smallPage, options)).ok);
  const closes = [engine.close(), engine.close()];
  await closes[1];
  assert.equal(openThreads(), 0);
  await closes[0];
});

test('a multi-page input fails page by page: both pages of a TIFF time out, the input does not', async () => {
  await withEngine({ workers: 1 }, async (engine) => {
    const result = await engine.recognize({ kind: 'path', path: corpusPath('derived-two-pages.tif') }, { ...options, timeoutMs: 1 });
    assert.ok(result.ok);
    assert.deepEqual(
      result.value.map((page) => [page.page, page.ok ? 'ok' : page.error.code]),
      [
        [1, 'Timeout'],
        [2, 'Timeout'],
      ],
    );
  });
});

test('a progress callback that throws does not break the job; close() waits for inputs still being read', async () => {
  const engine = createEngine({ workers: 1 });
  const thrown = await engine.recognize(smallPage, options, {
    onProgress: () => {
      throw new Error('a bug in the caller');
    },
  });
  assert.ok(thrown.ok);
  const reading = engine.recognize({ kind: 'path', path: corpusPath('derived-two-pages.pdf') }, options);
  await engine.close();
  let settled = false;
  void reading.then(() => (settled = true));
  await Promise.resolve();
  assert.ok(settled, 'close() resolved only after the input in progress had settled');
  const outcome = await reading;
  assert.ok(outcome.ok || outcome.error.code === 'EngineClosed');
  assert.equal(openThreads(), 0);
});

test('orientation detection runs only for pages that do not read as upright', async () => {
  const workers = recordingWorkers();
  await withEngine({ workers: 1, startWorker: workers.startWorker }, async (engine) => {
    const [upright] = pageResults(await engine.recognize(smallPage, { language: 'eng' }));
    assert.ok(upright!.text.includes('This is a lot of 12 point text'), upright!.text);
    assert.deepEqual(workers.started, ['eng'], 'an upright page never starts the OSD thread');
    const [turned] = pageResults(await engine.recognize({ kind: 'path', path: corpusPath('phototest-rotated-180.png') }, { language: 'eng' }));
    assert.equal(turned!.angle, 180);
    assert.ok(turned!.text.includes('This is a lot of 12 point text'), turned!.text);
    assert.deepEqual(workers.started, ['eng', 'osd']);
  });
});

test('a mixed-language queue runs loaded languages first, switches threads instead of restarting them, and passes a job over at most 8 times', async () => {
  const workers = recordingWorkers();
  await withEngine({ workers: 1, startWorker: workers.startWorker, maxInputsInProgress: 16, maxPagesInMemory: 16 }, async (engine) => {
    const finished: string[] = [];
    const read = (name: string, language: string, input: typeof smallPage | typeof bigPage = smallPage) =>
      engine.recognize(input, { language, detectOrientation: false }).then((result) => {
        const [page] = pageResults(result);
        assert.ok(input === bigPage || page!.text.includes('This is a lot of 12 point text'), `${name}: ${page!.text}`);
        finished.push(name);
      });
    // A long first job, so that every other job is queued before it ends.
    const first = read('eng-0', 'eng', bigPage);
    await waitFor(() => engine.stats().busy === 1, 'the first job to start');
    // One at a time, so the queue holds them in this order.
    const rest: Array<Promise<unknown>> = [];
    for (const [name, language] of [['fra', 'fre'], ...Array.from({ length: 10 }, (_, i) => [`eng-${i + 1}`, 'eng'])] as const) {
      const queuedBefore = engine.stats().queued;
      rest.push(read(name, language));
      await waitFor(() => engine.stats().queued === queuedBefore + 1, `${name} to queue`);
    }
    await Promise.all([first, ...rest]);
    // FIFO would switch to French and back for one page; unbounded affinity would starve it.
    assert.equal(finished.indexOf('fra'), 9, finished.join(' '));
    assert.deepEqual(workers.started, ['eng'], 'one thread, never restarted');
    assert.deepEqual(workers.switched, ['fra+eng', 'eng']);
  });
});
