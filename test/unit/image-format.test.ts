import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { detectImageFormat } from '../../main/engine/intake/image-format.js';
import { corpusPath } from '../helpers/fixture-corpus.js';

test('formats are told by their first bytes, whatever the file is called', () => {
  assert.equal(detectImageFormat(readFileSync(corpusPath('phototest.tif'))), 'tiff');
  assert.equal(detectImageFormat(readFileSync(corpusPath('testocr.png'))), 'png');
  assert.equal(detectImageFormat(readFileSync(corpusPath('tyger.jpg'))), 'jpeg');
  assert.equal(detectImageFormat(readFileSync(corpusPath('derived-testocr.bmp'))), 'bmp');
  assert.equal(detectImageFormat(readFileSync(corpusPath('derived-testocr.webp'))), 'webp');
  assert.equal(detectImageFormat(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')), 'gif');
  assert.equal(detectImageFormat(Buffer.from('%PDF-1.7\n')), 'pdf');
});

test('text, empty input and a bare "BM" prefix are not images', () => {
  assert.equal(detectImageFormat(Buffer.from('hello world, this is text')), null);
  assert.equal(detectImageFormat(Buffer.alloc(0)), null);
  assert.equal(detectImageFormat(Buffer.from('BMW is a car maker, not a bitmap header')), null);
  // OS/2 bitmaps (12-byte header, 16-bit sizes) are refused rather than misread as 32-bit sizes.
  const os2 = Buffer.alloc(40);
  os2.write('BM', 0, 'latin1');
  os2.writeUInt32LE(12, 14);
  assert.equal(detectImageFormat(os2), null);
});
