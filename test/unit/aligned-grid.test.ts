import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alignedGrid, type WordOnPage } from '../../main/engine/table/aligned-grid.js';

// Word boxes laid out by hand, 20 px high, as a reading gives them.
let line = 0;
const word = (text: string, x: number, y: number, width = 12 * text.length): WordOnPage => ({ text, confidence: 90, box: { x, y, width, height: 20 }, line: line++ });
const spans = (grid: NonNullable<ReturnType<typeof alignedGrid>>) => grid.cells.map((cell) => [cell.rowTl, cell.colTl, cell.rowBr, cell.colBr]);

test('rows by height and columns by the gaps: three columns, an empty cell kept as a cell', () => {
  const grid = alignedGrid([word('Name', 0, 0), word('Qty', 200, 0), word('Price', 400, 0), word('Pens', 0, 40), word('12', 200, 40), word('1.20', 400, 40), word('Ink', 0, 80), word('3.50', 400, 80)]);
  assert.ok(grid);
  assert.deepEqual(spans(grid), [
    [0, 0, 1, 1], [0, 1, 1, 2], [0, 2, 1, 3],
    [1, 0, 2, 1], [1, 1, 2, 2], [1, 2, 2, 3],
    [2, 0, 3, 1], [2, 1, 3, 2], [2, 2, 3, 3],
  ]);
  assert.equal(grid.headerRows, null);
});

test('a header centred over two sub-columns spans them; labels midway between two header rows span both', () => {
  const words = [
    word('Treatment', 280, 0, 110), // centred over the two columns below, just reaching each
    word('Group', 0, 20), // midway between the two header rows
    word('Dose A', 200, 40, 84),
    word('Dose B', 400, 40, 84),
    word('Men', 0, 80),
    word('5', 200, 80),
    word('7', 400, 80),
    word('Women', 0, 120),
    word('6', 200, 120),
    word('8', 400, 120),
  ];
  const grid = alignedGrid(words, { headerEnd: 65 });
  assert.ok(grid);
  assert.deepEqual(spans(grid).slice(0, 4), [
    [0, 0, 2, 1],
    [0, 1, 1, 3],
    [1, 1, 2, 2],
    [1, 2, 2, 3],
  ]);
  assert.equal(grid.headerRows, 2);
});

test('a wrapped label continues its cell, with the amounts centred beside it; a sparse row evenly spaced stays a row', () => {
  const wrapped = alignedGrid([
    word('Item', 0, 0), word('Cost', 300, 0),
    word('Printer', 0, 50), word('120', 300, 50),
    word('Service', 0, 95), word('80', 300, 107), word('contract', 0, 119),
    word('Paper', 0, 170), word('15', 300, 170),
  ]);
  assert.ok(wrapped);
  assert.equal(wrapped.rowLines.length - 1, 4, 'Service/contract is one row');
  const sparse = alignedGrid([
    word('North', 0, 0), word('42', 300, 0),
    word('7', 500, 50),
    word('South', 0, 100), word('37', 300, 100),
  ]);
  assert.ok(sparse);
  assert.equal(sparse.rowLines.length - 1, 3, 'the lone amount is a row of its own');
});
