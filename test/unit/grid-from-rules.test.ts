import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gridFromRules, type HorizontalRule, type VerticalRule } from '../../main/engine/table/grid-from-rules.js';

// A 4 x 3 grid on rules at x 0/100/200/300 and y 0/40/80/120/160, with a header over columns 1-2
// (no rule between them in row 0) and a label down rows 1-2 in column 0.
const horizontal: HorizontalRule[] = [
  { y: 0, x0: 0, x1: 300 },
  { y: 40, x0: 0, x1: 300 },
  { y: 80, x0: 100, x1: 300 }, // not under the label in column 0
  { y: 121, x0: 0, x1: 300 }, // a pixel off, as scans are
  { y: 160, x0: 0, x1: 300 },
];
const vertical: VerticalRule[] = [
  { x: 0, y0: 0, y1: 160 },
  { x: 100, y0: 0, y1: 160 },
  { x: 200, y0: 40, y1: 160 }, // not through the header
  { x: 299, y0: 0, y1: 160 },
];

test('a ruled grid with spans: merged header and label come out as one cell each', () => {
  const grid = gridFromRules(horizontal, vertical, 4)!;
  assert.deepEqual(grid.rowLines, [0, 40, 80, 121, 160]);
  assert.deepEqual(grid.columnLines, [0, 100, 200, 299]);
  const spans = grid.cells.map((cell) => [cell.rowTl, cell.colTl, cell.rowBr, cell.colBr]);
  assert.deepEqual(spans, [
    [0, 0, 1, 1],
    [0, 1, 1, 3],
    [1, 0, 3, 1],
    [1, 1, 2, 2],
    [1, 2, 2, 3],
    [2, 1, 3, 2],
    [2, 2, 3, 3],
    [3, 0, 4, 1],
    [3, 1, 4, 2],
    [3, 2, 4, 3],
  ]);
  assert.deepEqual(grid.cells[1]!.box, { x: 100, y: 0, width: 199, height: 40 });
});

test('too few rules make no grid', () => {
  assert.equal(gridFromRules([{ y: 0, x0: 0, x1: 100 }], [{ x: 0, y0: 0, y1: 50 }], 3), null);
});
