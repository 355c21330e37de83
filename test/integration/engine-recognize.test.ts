import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import sharp from 'sharp';
import { createEngine } from '../../main/engine/create-engine.js';
import type { Box, RecognitionResult } from '../../shared/ocr-result.js';
import { corpusItem, corpusPath, readTruth } from '../helpers/fixture-corpus.js';
import { pageResults } from '../helpers/engine-results.js';
import { characterErrorRate } from '../helpers/text-metrics.js';

const engine = createEngine({ workers: 2 });
after(() => engine.close());

async function read(file: string | Buffer, language = 'eng', extra: { detectOrientation?: boolean } = {}): Promise<RecognitionResult[]> {
  const input = typeof file === 'string' ? ({ kind: 'path', path: corpusPath(file) } as const) : ({ kind: 'bytes', bytes: file } as const);
  return pageResults(await engine.recognize(input, { language, ...extra }));
}

const cer = (id: string, text: string) => characterErrorRate(readTruth(corpusItem(id)), text);

test('phototest (real scan) reads with CER <= 1%, with sound geometry', async () => {
  const [page] = await read('phototest.tif');
  assert.ok(cer('phototest', page!.text) <= 0.01, page!.text);
  assert.equal(page!.angle, 0);
  assert.equal(page!.language, 'eng');
  assert.deepEqual([page!.width, page!.height], [640, 480]);
  assert.ok(page!.lines.length >= 8);
  for (const line of page!.lines) {
    assert.ok(line.confidence >= 0 && line.confidence <= 100);
    assert.ok(line.paragraph >= 1);
    assert.ok(line.words.length > 0);
    const [topLeft, topRight, bottomRight, bottomLeft] = line.polygon;
    assert.deepEqual(topLeft, { x: line.box.x, y: line.box.y });
    assert.ok(topRight.x > topLeft.x && bottomRight.y > topRight.y && bottomLeft.x === topLeft.x);
    assert.ok(line.box.x + line.box.width <= page!.width && line.box.y + line.box.height <= page!.height);
    for (const word of line.words) assert.ok(word.box.x >= line.box.x - 1 && word.box.x + word.box.width <= line.box.x + line.box.width + 1);
  }
  assert.equal(page!.lines[0]!.paragraph, 1);
  assert.ok(page!.lines.at(-1)!.paragraph >= 2, 'the second paragraph is numbered apart');
});

test('auto picks English for a Latin page', async () => {
  const [page] = await read('phototest.tif', 'auto');
  assert.equal(page!.language, 'eng');
  assert.ok(cer('phototest', page!.text) <= 0.01);
});

test('PNG, BMP (via bmp-js), WebP and JPEG of the same real page all read', async () => {
  for (const file of ['testocr.png', 'derived-testocr.bmp', 'derived-testocr.webp']) {
    const [page] = await read(file);
    assert.ok(cer('testocr', page!.text) <= 0.02, `${file}: ${page!.text}`);
  }
  const jpeg = await sharp(corpusPath('testocr.png')).jpeg({ quality: 85 }).toBuffer();
  const [page] = await read(jpeg);
  assert.ok(cer('testocr', page!.text) <= 0.02, page!.text);
});

test('EXIF orientation is honoured before anything else', async () => {
  // Pixels stored a quarter turn anticlockwise, with the EXIF tag that says "turn 90 clockwise to view".
  const jpeg = await sharp(corpusPath('testocr.png')).rotate(-90).jpeg({ quality: 90 }).withMetadata({ orientation: 6 }).toBuffer();
  const [page] = await read(jpeg, 'eng', { detectOrientation: false });
  assert.ok(cer('testocr', page!.text) <= 0.02, page!.text);
  assert.deepEqual([page!.width, page!.height], [640, 480]);
});

test('rotated scans are turned upright, report the cloud angle and read like the upright original', async () => {
  const [upright] = await read('phototest.tif');
  const uprightCer = cer('phototest', upright!.text);
  for (const id of ['phototest-rotated-R', 'phototest-rotated-180', 'phototest-rotated-L']) {
    const item = corpusItem(id);
    const [page] = await read(item.file);
    assert.equal(Math.round(page!.angle), item.expectedAngle, `${id} angle ${page!.angle}`);
    assert.ok(cer(id, page!.text) <= uprightCer + 0.01, `${id}: ${page!.text}`);
  }
});

test('white text on a transparent background and white-on-black text read instead of coming back empty', async () => {
  for (const id of ['derived-testocr-white-on-transparent', 'derived-testocr-white-on-black']) {
    const [page] = await read(corpusItem(id).file);
    assert.ok(cer(id, page!.text) <= 0.02, `${id}: ${page!.text}`);
  }
  const [inverted] = await read('inverted-text.tif');
  assert.ok(cer('inverted-text', inverted!.text) <= 0.1, inverted!.text);
});

test('a multi-page TIFF gives one result per page', async () => {
  const pages = await read('derived-two-pages.tif');
  assert.equal(pages.length, 2);
  assert.ok(characterErrorRate(readFileSync(corpusPath('phototest.gt.txt'), 'utf8'), pages[0]!.text) <= 0.01);
  assert.ok(characterErrorRate(readFileSync(corpusPath('testocr.gt.txt'), 'utf8'), pages[1]!.text) <= 0.02);
});

// SYNTHETIC: no real Chinese image with a transcription is available here (test/fixtures/corpus/SOURCES.md).
test('Chinese paragraphs read with CER <= 3% and no spaces between characters (synthetic renders)', async () => {
  const [simplified] = await read('synthetic-chi-sim-paragraph.png', 'zh');
  assert.ok(characterErrorRate(readTruth(corpusItem('synthetic-chi-sim-paragraph')), simplified!.text, { dropSpaces: true }) <= 0.03, simplified!.text);
  assert.doesNotMatch(simplified!.text, /\p{Script=Han} +\p{Script=Han}/u);
  const [traditional] = await read('synthetic-chi-tra-paragraph.png', 'chi_tra+eng');
  assert.ok(characterErrorRate(readTruth(corpusItem('synthetic-chi-tra-paragraph')), traditional!.text, { dropSpaces: true }) <= 0.03, traditional!.text);
});

test('a tiny white-on-black Chinese crop is upscaled, inverted and read (synthetic render)', async () => {
  const [page] = await read('synthetic-chi-sim-crop-white-on-black.png', 'zh');
  assert.ok(page!.text.length > 0);
  assert.ok(characterErrorRate(readTruth(corpusItem('synthetic-chi-sim-crop-white-on-black')), page!.text, { dropSpaces: true }) <= 0.6, page!.text);
});

test('progress is reported per stage and ends at 1', async () => {
  const seen: string[] = [];
  let last = 0;
  const result = await engine.recognize({ kind: 'path', path: corpusPath('phototest.tif') }, { language: 'eng' }, {
    onProgress: (progress) => {
      seen.push(progress.stage);
      assert.ok(progress.progress >= last - 1e-9, 'progress never goes back');
      last = progress.progress;
    },
  });
  assert.ok(result.ok);
  assert.equal(seen[0], 'decoding');
  assert.ok(seen.includes('recognizing'));
  assert.equal(seen.at(-1), 'done');
  assert.equal(last, 1);
});

test('small text is upscaled: a 40% scan reads as well as the original, and not without the step', async () => {
  const input = { kind: 'path', path: corpusPath('derived-phototest-low-resolution.png') } as const;
  const [full] = pageResults(await engine.recognize(input, { language: 'eng' }));
  const [withoutRescale] = pageResults(await engine.recognize(input, { language: 'eng', preprocess: { rescale: false } }));
  assert.ok(cer('phototest', full!.text) <= 0.02, full!.text);
  assert.ok(cer('phototest', withoutRescale!.text) >= 0.1, 'this image really needs the step');
  // Coordinates refer to the image as given, not to the upscaled copy.
  const lastLine = full!.lines.at(-1)!;
  assert.ok(lastLine.box.x + lastLine.box.width <= 256 && full!.width === 256);
});

test('a page tilted a few degrees is straightened and reports its tilt', async () => {
  for (const tilt of [3, -2]) {
    const tilted = await sharp(corpusPath('phototest.tif')).rotate(tilt, { background: '#ffffff' }).png().toBuffer();
    const [page] = await read(tilted);
    const reported = page!.angle > 180 ? page!.angle - 360 : page!.angle;
    assert.ok(Math.abs(reported - tilt) <= 0.3, `tilt ${tilt}, reported ${page!.angle}`);
    assert.ok(cer('phototest', page!.text) <= 0.01, page!.text);
  }
});

test('tiers: fast skips orientation unless asked and reads as well; an unknown tier is refused', async () => {
  const rotated = { kind: 'path', path: corpusPath('phototest-rotated-R.png') } as const;
  const [fast] = pageResults(await engine.recognize({ kind: 'path', path: corpusPath('phototest.tif') }, { language: 'eng', tier: 'fast' }));
  assert.ok(cer('phototest', fast!.text) <= 0.01, fast!.text);
  const [fastRotated] = pageResults(await engine.recognize(rotated, { language: 'eng', tier: 'fast' }));
  assert.equal(fastRotated!.angle, 0, 'no orientation detection in the fast tier by default');
  const [asked] = pageResults(await engine.recognize(rotated, { language: 'eng', tier: 'fast', detectOrientation: true }));
  assert.equal(asked!.angle, 90);
  const [accurate] = pageResults(await engine.recognize(rotated, { language: 'eng', tier: 'accurate' }));
  assert.ok(cer('phototest', accurate!.text) <= 0.01 && accurate!.angle === 90);
  const bad = await engine.recognize(rotated, { language: 'eng', tier: 'turbo' as never });
  assert.equal(!bad.ok && bad.error.code, 'InvalidOption');
});

test('PDF: every page is rendered and read; one page can be asked for; bad PDFs get their own codes', async () => {
  const pdf = { kind: 'path', path: corpusPath('derived-two-pages.pdf') } as const;
  const pages = await engine.recognize(pdf, { language: 'eng' });
  const [first, second] = pageResults(pages);
  assert.ok(cer('phototest', first!.text) <= 0.01, first!.text);
  assert.ok(cer('testocr', second!.text) <= 0.02, second!.text);
  assert.ok(pages.ok && pages.value.every((page) => page.pageCount === 2));
  const only = await engine.recognize(pdf, { language: 'eng', page: 2 });
  assert.ok(only.ok && only.value.length === 1 && only.value[0]!.page === 2 && only.value[0]!.pageCount === 2);
  const beyond = await engine.recognize(pdf, { language: 'eng', page: 3 });
  assert.equal(!beyond.ok && beyond.error.code, 'PageOutOfRange');
  assert.match(!beyond.ok ? beyond.error.message : '', /has 2 pages/);
  const encrypted = await engine.recognize({ kind: 'path', path: corpusPath('derived-encrypted.pdf') }, { language: 'eng' });
  assert.equal(!encrypted.ok && encrypted.error.code, 'PdfEncrypted');
  const truncated = await engine.recognize({ kind: 'bytes', bytes: readFileSync(corpusPath('derived-two-pages.pdf')).subarray(0, 3000) }, { language: 'eng' });
  assert.equal(!truncated.ok && truncated.error.code, 'PdfParseFailed');
});

test('singleLine (the cloud EnableDetectText=false) reads the image as exactly one line', async () => {
  const [line] = pageResults(await engine.recognize({ kind: 'path', path: corpusPath('hello-google.tif') }, { language: 'eng', singleLine: true }));
  assert.equal(line!.text, 'Hello Google');
  const page = { kind: 'path', path: corpusPath('phototest.tif') } as const;
  const [asPage] = pageResults(await engine.recognize(page, { language: 'eng' }));
  const [asLine] = pageResults(await engine.recognize(page, { language: 'eng', singleLine: true }));
  assert.ok(asPage!.lines.length >= 6);
  assert.equal(asLine!.lines.length, 1, 'no line segmentation: one line, whatever the image holds');
});

test("a born-digital PDF page gives its own text, with boxes where OCR finds the same lines; scans are read from their pixels", async () => {
  const textPdf = { kind: 'path', path: corpusPath('synthetic-text-layer.pdf') } as const;
  const [layer] = pageResults(await engine.recognize(textPdf, { language: 'eng' }));
  assert.equal(layer!.source, 'pdf-text-layer');
  assert.equal(`${layer!.text}\n`, readFileSync(corpusPath('synthetic-text-layer.gt.txt'), 'utf8'), 'exact, accents included, column by column');
  assert.deepEqual([...new Set(layer!.lines.map((line) => line.paragraph))], [1, 2, 3]);
  const [ocr] = pageResults(await engine.recognize(textPdf, { language: 'eng', useTextLayer: false }));
  assert.equal(ocr!.source, 'ocr');
  assert.deepEqual([layer!.width, layer!.height], [ocr!.width, ocr!.height]);
  for (const line of layer!.lines.slice(0, 3)) {
    const same = ocr!.lines.find((candidate) => candidate.text.startsWith(line.text.split(' ')[0]!));
    assert.ok(same && overlap(line.box, same.box) >= 0.7, `${line.text}: ${JSON.stringify(line.box)} vs ${JSON.stringify(same?.box)}`);
  }
  const [annotated] = pageResults(await engine.recognize({ kind: 'path', path: corpusPath('synthetic-text-layer-annotated.pdf') }, { language: 'eng' }));
  assert.equal(annotated!.source, 'ocr', 'a filled-in note is not in the text layer: the pixels are read');
  // Another program's invisible OCR text over a scan is not trusted: the image is read.
  const [scan] = pageResults(await engine.recognize({ kind: 'path', path: corpusPath('derived-scan-with-hidden-text.pdf') }, { language: 'eng' }));
  assert.equal(scan!.source, 'ocr');
  assert.ok(cer('phototest', scan!.text) <= 0.01 && !scan!.text.includes('HIDDEN'), scan!.text);
});

/** Intersection over union of two boxes. */
function overlap(a: Box, b: Box): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  const inter = width > 0 && height > 0 ? width * height : 0;
  return inter / (a.width * a.height + b.width * b.height - inter);
}
