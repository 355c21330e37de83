import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { copyThreadEntries, exitCodeOf, npmInvocation } from '../../main/desktop/desktop-build.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('npm runs through its own entry under npm, through cmd.exe on Windows otherwise, never as a bare npm.cmd', () => {
  const underNpm = { npm_execpath: 'C:\\nodejs\\node_modules\\npm\\bin\\npm-cli.js' };
  assert.deepEqual(npmInvocation(['run', 'build:ui'], { env: underNpm, platform: 'win32', nodePath: 'C:\\nodejs\\node.exe' }), { command: 'C:\\nodejs\\node.exe', args: ['C:\\nodejs\\node_modules\\npm\\bin\\npm-cli.js', 'run', 'build:ui'], shell: false });
  assert.deepEqual(npmInvocation(['run', 'build:ui'], { env: { npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js' }, platform: 'linux', nodePath: '/usr/bin/node' }).command, '/usr/bin/node');
  assert.deepEqual(npmInvocation(['run', 'build:ui'], { env: {}, platform: 'win32', nodePath: 'node.exe' }), { command: 'npm run build:ui', args: [], shell: true });
  assert.deepEqual(npmInvocation(['run', 'build:ui'], { env: {}, platform: 'darwin', nodePath: '/n/node' }), { command: 'npm', args: ['run', 'build:ui'], shell: false });
  // An npm_execpath that is no JavaScript file (a native shim) is not handed to Node.
  assert.equal(npmInvocation(['run', 'x'], { env: { npm_execpath: '/usr/local/bin/bun' }, platform: 'linux', nodePath: '/n/node' }).command, 'npm');
  assert.throws(() => npmInvocation(['run', 'a & del x'], { env: {}, platform: 'win32', nodePath: 'node.exe' }), /not safe/u);
});

test('a child killed by a signal is reported as 128 + the signal number', () => {
  assert.equal(exitCodeOf(0, null), 0);
  assert.equal(exitCodeOf(3, null), 3);
  assert.equal(exitCodeOf(null, 'SIGINT'), 128 + os.constants.signals.SIGINT);
  assert.equal(exitCodeOf(null, 'SIGTERM'), 128 + os.constants.signals.SIGTERM);
  if (process.platform !== 'win32') {
    assert.equal(exitCodeOf(null, 'SIGINT'), 130);
    assert.equal(exitCodeOf(null, 'SIGTERM'), 143);
    assert.equal(exitCodeOf(null, 'SIGKILL'), 137);
  }
  assert.equal(exitCodeOf(null, null), 1);
});

test('the thread entries that are not TypeScript are copied to the same place under the output', async () => {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'ocr-desk-thread-entries-'));
  try {
    const copied = await copyThreadEntries(root, outDir);
    assert.ok(copied.includes('main/engine/tesseract/worker-thread.cjs'), copied.join(', '));
    assert.ok(copied.includes('main/engine/vision/vision-thread.mjs'), copied.join(', '));
    for (const entry of copied) {
      assert.match(entry, /\.(cjs|mjs)$/u);
      assert.equal(await readFile(path.join(outDir, entry), 'utf8'), await readFile(path.join(root, entry), 'utf8'));
    }
    assert.ok(!existsSync(path.join(outDir, 'main', 'engine', 'vision', 'vision-tasks.ts')), 'TypeScript is compiled, not copied');
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
});
