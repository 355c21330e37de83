import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { corpusPath } from '../helpers/fixture-corpus.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const guard = path.join(root, 'test/helpers/network-guard.cjs');

test('the engine recognises with every network API made to throw, in the main thread and in its workers', async () => {
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    ['--require', guard, path.join(root, 'bin/ocr-desk.js'), 'recognize', '--lang', 'auto', '--format', 'json', corpusPath('phototest.tif'), corpusPath('synthetic-chi-sim-paragraph.png')],
    { cwd: root, env: { ...process.env, http_proxy: '', https_proxy: '' } },
  );
  const guardedWorkers = stderr.split('\n').filter((line) => line.startsWith('network-guard: active in worker thread'));
  assert.match(stderr, /network-guard: active in main thread/);
  assert.ok(guardedWorkers.length >= 2, `the guard ran in the OCR threads too:\n${stderr}`);
  const records = stdout.trim().split('\n').map((line) => JSON.parse(line));
  assert.equal(records.length, 2);
  assert.ok(records.every((record) => record.ok));
  assert.match(records[0].result.text, /quick brown dog/);
  assert.match(records[1].result.text, /离线文字识别/);
});
