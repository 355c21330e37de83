import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RecognizedLine } from '../../shared/ocr-result.js';
import { dropGhostLines } from '../../main/engine/recognize/drop-ghost-lines.js';

function line(text: string, confidence: number, x: number, y: number, width: number, height: number, paragraph: number): RecognizedLine {
  const box = { x, y, width, height };
  return {
    text,
    confidence,
    polygon: [{ x, y }, { x: x + width, y }, { x: x + width, y: y + height }, { x, y: y + height }],
    box,
    paragraph,
    words: [{ text, confidence, box }],
  };
}

test('a weak sliver inside a confident line is dropped and paragraphs stay consecutive', () => {
  // The vertical Simplified Chinese render: a 16 px ghost inside a 31 px column.
  const column = line('让银行和医院', 96, 93, 30, 31, 212, 1);
  const ghost = line('《和所何不', 25, 92, 60, 16, 140, 2);
  const next = line('在本地处理文件', 95, 32, 30, 32, 248, 3);
  const kept = dropGhostLines([column, ghost, next]);
  assert.deepEqual(kept.map((l) => l.text), ['让银行和医院', '在本地处理文件']);
  assert.deepEqual(kept.map((l) => l.paragraph), [1, 2]);
});

test('weak lines on their own, touching lines and similar confidences are kept', () => {
  const strong = line('Total', 95, 0, 0, 200, 30, 1);
  const weakBelow = line('smudge', 20, 0, 28, 200, 30, 1);
  const weakAlone = line('faint', 15, 0, 100, 200, 30, 2);
  const lines = [strong, weakBelow, weakAlone];
  assert.deepEqual(dropGhostLines(lines), lines);
  const overlapping = line('Tota1', 80, 5, 2, 150, 25, 1);
  assert.equal(dropGhostLines([strong, overlapping]).length, 2, 'a confidence gap under 30 is not a ghost');
  const zeroArea = line('.', 10, 500, 500, 0, 0, 3);
  assert.equal(dropGhostLines([strong, zeroArea]).length, 2, 'a line without area lies inside nothing');
});
