import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { openImage } from '../../main/engine/intake/decode-image.js';
import { defaultImageLimits } from '../../main/engine/intake/image-limits.js';
import { analysePage } from '../../main/engine/preprocess/analyse-page.js';
import { preparePage, allPreprocessSteps } from '../../main/engine/preprocess/prepare-page.js';
import { corpusPath } from '../helpers/fixture-corpus.js';

async function firstPage(file: string) {
  const opened = await openImage(readFileSync(corpusPath(file)), defaultImageLimits);
  assert.ok(opened.ok, file);
  const page = await opened.value.decodePage(0);
  assert.ok(page.ok, file);
  return page.value;
}

test('dark backgrounds are recognised on real and derived white-on-black images', async () => {
  assert.equal(analysePage(await firstPage('inverted-text.tif')).darkBackground, true);
  assert.equal(analysePage(await firstPage('derived-testocr-white-on-black.png')).darkBackground, true);
  assert.equal(analysePage(await firstPage('phototest.tif')).darkBackground, false);
});

test('line height is estimated from the ink bands of a real page', async () => {
  // phototest: 12 point text at about 100 dpi; ascender to descender about 30 px.
  const analysis = analysePage(await firstPage('phototest.tif'));
  assert.ok(analysis.lineHeight !== null && analysis.lineHeight >= 20 && analysis.lineHeight <= 40, String(analysis.lineHeight));
  // A multi-column UNLV scan at 300 dpi with a photo and a black border: still about 10 pt lines.
  const unlv = analysePage(await firstPage('unlv-8071_093.3B.tif'));
  assert.ok(unlv.lineHeight !== null && unlv.lineHeight >= 25 && unlv.lineHeight <= 60, String(unlv.lineHeight));
});

test('small text is upscaled and padded; the mapping back is exact', async () => {
  const page = await firstPage('node-tesseract.png');
  const analysis = analysePage(page);
  const prepared = await preparePage(page, analysis, allPreprocessSteps);
  assert.ok(prepared.scale > 1, `scale ${prepared.scale}`);
  assert.ok(prepared.padding >= 10);
  assert.equal(prepared.image.width, Math.round(page.width * prepared.scale) + 2 * prepared.padding);
  assert.equal(prepared.image.data.length, prepared.image.width * prepared.image.height);
});

test('inversion makes the background light, including the added margin', async () => {
  const page = await firstPage('inverted-text.tif');
  const prepared = await preparePage(page, analysePage(page), allPreprocessSteps);
  assert.equal(analysePage(prepared.image).darkBackground, false);
  assert.equal(prepared.image.data[0], 255, 'the corner of the margin is white');
});
