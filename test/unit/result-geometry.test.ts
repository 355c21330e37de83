import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toInputPoint } from '../../shared/result-geometry.js';
import type { RecognitionResult } from '../../shared/ocr-result.js';

const result = (angle: number, width: number, height: number, inputWidth: number, inputHeight: number): RecognitionResult => ({ text: '', angle, language: 'eng', source: 'ocr', lines: [], width, height, inputWidth, inputHeight });

test('points of the corrected image map back to the image as sent, for every quarter turn and a small tilt', () => {
  // Upright: unchanged.
  assert.deepEqual(toInputPoint({ x: 10, y: 20 }, result(0, 100, 50, 100, 50)), { x: 10, y: 20 });
  // Sent turned a quarter clockwise (text runs downwards, angle 90): the input is 50 wide, 100 tall.
  // The corrected top-left corner was the input's top-right corner.
  assert.deepEqual(toInputPoint({ x: 0, y: 0 }, result(90, 100, 50, 50, 100)), { x: 50, y: 0 });
  assert.deepEqual(toInputPoint({ x: 100, y: 0 }, result(90, 100, 50, 50, 100)), { x: 50, y: 100 });
  // Upside down: the top-left corner was the bottom-right one.
  assert.deepEqual(toInputPoint({ x: 0, y: 0 }, result(180, 100, 50, 100, 50)), { x: 100, y: 50 });
  assert.deepEqual(toInputPoint({ x: 0, y: 0 }, result(270, 100, 50, 50, 100)), { x: 0, y: 100 });
  // The centre stays the centre whatever the turn, also when deskewing grew the canvas.
  assert.deepEqual(toInputPoint({ x: 52, y: 27 }, result(359, 104, 54, 100, 50)), { x: 50, y: 25 });
});
