import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RecognitionResult, RecognizedLine } from '../../shared/ocr-result.js';
import { betterReading, readingQuality, readsAsUpright } from '../../main/engine/recognize/reading-quality.js';

function line(words: ReadonlyArray<readonly [string, number]>, width: number, height: number): RecognizedLine {
  const box = { x: 0, y: 0, width, height };
  return {
    text: words.map(([text]) => text).join(' '),
    confidence: 0,
    polygon: [{ x: 0, y: 0 }, { x: width, y: 0 }, { x: width, y: height }, { x: 0, y: height }],
    box,
    paragraph: 1,
    words: words.map(([text, confidence]) => ({ text, confidence, box })),
  };
}

function page(lines: RecognizedLine[]): RecognitionResult {
  return { text: lines.map((l) => l.text).join('\n'), angle: 0, language: 'eng', source: 'ocr', lines, width: 1000, height: 1000, inputWidth: 1000, inputHeight: 1000 };
}

test('confidence is weighted by characters, and vertical lines count against horizontal share', () => {
  const quality = readingQuality(page([line([['Hello', 90], ['a', 10]], 300, 30), line([['abcd', 50]], 30, 300)]));
  assert.equal(quality.characters, 10);
  assert.equal(quality.confidence, (5 * 90 + 10 + 4 * 50) / 10);
  assert.equal(quality.horizontalShare, 0.6);
  assert.deepEqual(readingQuality(page([])), { characters: 0, confidence: 0, horizontalShare: 0 });
});

test('only a confident horizontal reading skips orientation detection', () => {
  const upright = readingQuality(page([line([['The', 96], ['quick', 95]], 400, 40)]));
  const upsideDown = readingQuality(page([line([['ʎɔ!nb', 36]], 400, 40)]));
  const quarterTurned = readingQuality(page([line([['The', 96], ['quick', 95]], 40, 400)]));
  assert.ok(readsAsUpright(upright));
  assert.ok(!readsAsUpright(upsideDown));
  assert.ok(!readsAsUpright(quarterTurned), 'Tesseract reads a quarter-turned page confidently, as vertical lines');
  assert.ok(!readsAsUpright(readingQuality(page([]))), 'nothing read proves nothing');
});

test('after a turn the upright reading wins, then the more confident one', () => {
  const read = (width: number, height: number, confidence: number) => ({ quality: readingQuality(page([line([['words', confidence]], width, height)])) });
  const verticalConfident = read(40, 400, 96);
  const turnedUpright = read(400, 40, 94);
  assert.equal(betterReading(verticalConfident, turnedUpright), turnedUpright);
  const weak = read(400, 40, 40);
  const weaker = read(400, 40, 30);
  assert.equal(betterReading(weak, weaker), weak, 'a wrong turn from OSD does not replace a better first reading');
  assert.equal(betterReading(weaker, weak), weak);
  // Neither confident: lines the right way round still beat more confident vertical ones.
  const verticalWeak = read(40, 400, 78);
  const turnedWeak = read(400, 40, 74);
  assert.equal(betterReading(verticalWeak, turnedWeak), turnedWeak);
});
