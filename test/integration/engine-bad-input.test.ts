import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import sharp from 'sharp';
import { createEngine } from '../../main/engine/create-engine.js';
import type { ImageInput } from '../../main/engine/intake/image-input.js';
import { corpusPath } from '../helpers/fixture-corpus.js';
import { gifWithFrames, pngClaimingSize } from '../helpers/crafted-images.js';
import { pageResults } from '../helpers/engine-results.js';

const engine = createEngine({ workers: 1, limits: { maxFileBytes: 3_000_000 } });
after(() => engine.close());

const png = readFileSync(corpusPath('testocr.png'));
const jpeg = readFileSync(corpusPath('tyger.jpg'));

async function expectCode(input: ImageInput, code: string, message?: RegExp, language = 'eng') {
  const result = await engine.recognize(input, { language });
  assert.equal(result.ok, false, `expected ${code}`);
  if (result.ok) return;
  assert.equal(result.error.code, code, result.error.message);
  assert.ok(result.error.message.length > 10, 'a sentence a person can read');
  if (message) assert.match(result.error.message, message);
}

const bytes = (data: Uint8Array): ImageInput => ({ kind: 'bytes', bytes: data });

test('every bad input gets its own stable code, and the engine keeps serving afterwards', async (t) => {
  await t.test('an animated GIF is refused; a still GIF is read', async () => {
    await expectCode(bytes(gifWithFrames(2)), 'AnimatedGifUnsupported', /2 frames/);
    const [still] = pageResults(await engine.recognize(bytes(gifWithFrames(1)), { language: 'eng' }));
    assert.equal(still!.text, '');
  });
  await t.test('truncated PNG and JPEG files', async () => {
    await expectCode(bytes(png.subarray(0, Math.floor(png.length / 2))), 'ImageDecodeFailed', /PNG/);
    await expectCode(bytes(jpeg.subarray(0, Math.floor(jpeg.length / 3))), 'ImageDecodeFailed', /JPEG/);
    await expectCode(bytes(png.subarray(0, 30)), 'ImageDecodeFailed');
  });
  await t.test('corrupt bytes behind a valid signature', async () => {
    const corrupt = Buffer.from(png);
    corrupt.fill(0x5a, 60, 4000);
    await expectCode(bytes(corrupt), 'ImageDecodeFailed');
  });
  await t.test('a TIFF libvips cannot read (old-style JPEG pages) is refused cleanly', async () => {
    await expectCode({ kind: 'path', path: corpusPath('multipage.tiff') }, 'ImageDecodeFailed', /TIFF/);
  });
  await t.test('a decompression bomb is refused from its header, before decoding', async () => {
    await expectCode(bytes(pngClaimingSize(png, 50_000, 50_000)), 'ImageTooLarge', /50000 x 50000/);
    await expectCode(bytes(pngClaimingSize(png, 10_000, 8_000)), 'ImageTooLarge');
  });
  await t.test('a TIFF with too many pages, or too many pixels in all, is refused from its headers', async () => {
    const twoPages = { kind: 'path', path: corpusPath('derived-two-pages.tif') } as const;
    const fewPages = createEngine({ workers: 1, limits: { maxPages: 1 } });
    const fewPixels = createEngine({ workers: 1, limits: { maxTotalPixels: 500_000 } });
    try {
      const pages = await fewPages.recognize(twoPages, { language: 'eng' });
      assert.equal(!pages.ok && pages.error.code, 'ImageTooLarge');
      assert.match(!pages.ok ? pages.error.message : '', /2 pages/);
      const pixels = await fewPixels.recognize(twoPages, { language: 'eng' });
      assert.equal(!pixels.ok && pixels.error.code, 'ImageTooLarge');
      assert.equal(fewPages.stats().workers + fewPixels.stats().workers, 0, 'refused before any OCR work');
    } finally {
      await Promise.all([fewPages.close(), fewPixels.close()]);
    }
  });
  await t.test('a file over the byte limit', async () => {
    const large = await sharp({ create: { width: 1500, height: 1500, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).png({ compressionLevel: 0 }).toBuffer();
    assert.ok(large.length > 3_000_000);
    await expectCode(bytes(large), 'FileTooLarge', /limit/);
    await expectCode({ kind: 'base64', text: 'A'.repeat(11 * 1024 * 1024) }, 'FileTooLarge');
  });
  await t.test('empty input, text, PDF and an unknown format', async () => {
    await expectCode(bytes(new Uint8Array()), 'EmptyImage');
    await expectCode({ kind: 'base64', text: '' }, 'EmptyImage');
    await expectCode(bytes(Buffer.from('just some text, not an image')), 'UnsupportedFormat');
    await expectCode(bytes(Buffer.from('%PDF-1.4\n%...')), 'PdfParseFailed', /PDF/);
    await expectCode({ kind: 'base64', text: '***' }, 'InvalidBase64');
    await expectCode({ kind: 'path', path: '/nonexistent/a.png' }, 'FileNotFound');
  });
  await t.test('an unsupported language and a bad option', async () => {
    await expectCode({ kind: 'path', path: corpusPath('phototest.tif') }, 'LanguageNotSupported', /klingon/, 'klingon');
    const result = await engine.recognize({ kind: 'path', path: corpusPath('phototest.tif') }, { language: 'eng', timeoutMs: -1 });
    assert.equal(!result.ok && result.error.code, 'InvalidOption');
  });
  await t.test('after all that, the pool still recognises', async () => {
    const [page] = pageResults(await engine.recognize({ kind: 'path', path: corpusPath('phototest.tif') }, { language: 'eng' }));
    assert.match(page!.text, /quick brown dog/);
  });
});

test('hostile PDFs: pages too large in all are refused, an image bomb inside a page is not decoded', async () => {
  const huge = await engine.recognize({ kind: 'path', path: corpusPath('crafted-huge-pages.pdf') }, { language: 'eng' });
  assert.equal(!huge.ok && huge.error.code, 'ImageTooLarge');
  const before = process.memoryUsage().rss;
  const started = Date.now();
  const bomb = await engine.recognize({ kind: 'path', path: corpusPath('crafted-image-bomb.pdf') }, { language: 'eng' });
  assert.ok(bomb.ok, 'the page itself is fine; its oversized image is left out');
  assert.ok(Date.now() - started < 5000, 'not the 20 s a full decode took');
  assert.ok(process.memoryUsage().rss - before < 1_000_000_000, 'not the 5 GB a full decode took');
});
