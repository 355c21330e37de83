import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { prepareDesktopMain } from '../../main/desktop/desktop-build.js';

// The step `npm start` takes before Electron (launch.ts) and build:desktop takes before packing,
// run into a scratch folder: Electron cannot run here, but what it would load can be checked.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const scratch = await mkdtemp(path.join(os.tmpdir(), 'ocr-desk-desktop-dist-'));
after(() => rm(scratch, { recursive: true, force: true }));

test('preparing dist for Electron compiles main and puts the thread entries beside the modules that load them', { timeout: 180_000 }, async () => {
  const { threadEntries } = await prepareDesktopMain({ root, outDir: scratch, clean: true });
  assert.deepEqual(threadEntries, ['main/engine/tesseract/worker-thread.cjs', 'main/engine/vision/vision-thread.mjs']);
  for (const file of [
    'main/desktop/electron-main.js',
    'main/desktop/preload.cjs',
    // tesseract-worker.js starts ./worker-thread.cjs; vision-thread.js starts ./vision-thread.mjs,
    // which imports the compiled ./vision-tasks.js when it is there.
    'main/engine/tesseract/tesseract-worker.js',
    'main/engine/tesseract/worker-thread.cjs',
    'main/engine/vision/vision-thread.js',
    'main/engine/vision/vision-thread.mjs',
    'main/engine/vision/vision-tasks.js',
    'shared/desktop-bridge.js',
  ]) {
    assert.ok((await stat(path.join(scratch, file))).isFile(), `${file} is in dist`);
  }
});
