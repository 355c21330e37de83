import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { readImageInput } from '../../main/engine/intake/image-input.js';
import { defaultImageLimits } from '../../main/engine/intake/image-limits.js';
import { corpusPath } from '../helpers/fixture-corpus.js';

const png = readFileSync(corpusPath('testocr.png'));

test('base64 is accepted with or without a data: prefix and with line breaks', async () => {
  const plain = await readImageInput({ kind: 'base64', text: png.toString('base64') }, defaultImageLimits);
  const prefixed = await readImageInput({ kind: 'base64', text: `data:image/png;base64,${png.toString('base64')}` }, defaultImageLimits);
  const wrapped = await readImageInput({ kind: 'base64', text: png.toString('base64').replace(/(.{76})/g, '$1\r\n') }, defaultImageLimits);
  const padded = await readImageInput({ kind: 'base64', text: `  data:image/png;base64,${png.toString('base64')}\n` }, defaultImageLimits);
  for (const result of [plain, prefixed, wrapped, padded]) {
    assert.ok(result.ok);
    assert.deepEqual(Buffer.from(result.value), png);
  }
});

test('text that is not base64 is refused, not silently decoded to garbage', async () => {
  const result = await readImageInput({ kind: 'base64', text: 'this is not base64 at all!' }, defaultImageLimits);
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.error.code, 'InvalidBase64');
});

test('empty input of every kind is EmptyImage', async () => {
  for (const input of [{ kind: 'bytes', bytes: new Uint8Array() }, { kind: 'base64', text: '' }, { kind: 'base64', text: 'data:image/png;base64,' }] as const) {
    const result = await readImageInput(input, defaultImageLimits);
    assert.equal(!result.ok && result.error.code, 'EmptyImage', JSON.stringify(input));
  }
});

test('the byte limits follow the cloud: 10 MB of base64, and the file size that encodes to it', async () => {
  const limits = { ...defaultImageLimits, maxBase64Length: 1000, maxFileBytes: 750 };
  const tooLongText = await readImageInput({ kind: 'base64', text: 'A'.repeat(1004) }, limits);
  assert.equal(!tooLongText.ok && tooLongText.error.code, 'FileTooLarge');
  const tooManyBytes = await readImageInput({ kind: 'bytes', bytes: new Uint8Array(751) }, limits);
  assert.equal(!tooManyBytes.ok && tooManyBytes.error.code, 'FileTooLarge');
  assert.match(!tooManyBytes.ok ? tooManyBytes.error.message : '', /limit/);
  const tooLargeFile = await readImageInput({ kind: 'path', path: corpusPath('testocr.png') }, limits);
  assert.equal(!tooLargeFile.ok && tooLargeFile.error.code, 'FileTooLarge');
  assert.equal(defaultImageLimits.maxBase64Length, 10 * 1024 * 1024);
});

test('a missing path or a folder is FileNotFound with the path in the message', async () => {
  const missing = await readImageInput({ kind: 'path', path: '/nonexistent/scan.png' }, defaultImageLimits);
  assert.equal(!missing.ok && missing.error.code, 'FileNotFound');
  assert.match(!missing.ok ? missing.error.message : '', /\/nonexistent\/scan\.png does not exist/);
  const folder = await readImageInput({ kind: 'path', path: '/tmp' }, defaultImageLimits);
  assert.equal(!folder.ok && folder.error.code, 'FileNotFound');
});
