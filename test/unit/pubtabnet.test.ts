import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cellsOfStructure } from '../bench/pubtabnet.js';
import { scoreTable } from '../bench/table-scores.js';

test('PubTabNet structure tokens become cells with grid positions, spans and the header', () => {
  const tokens = ['<thead>', '<tr>', '<td', ' rowspan="2"', '>', '</td>', '<td', ' colspan="2"', '>', '</td>', '</tr>', '<tr>', '<td>', '</td>', '<td>', '</td>', '</tr>', '</thead>', '<tbody>', '<tr>', '<td>', '</td>', '<td>', '</td>', '<td>', '</td>', '</tr>', '</tbody>'];
  const cells = [['V', 'a', 'r'], ['T', 'r'], ['A'], ['B'], ['<b>', 'A', 'g', 'e', '</b>'], ['5', '4'], []].map((tokens) => ({ tokens }));
  const { cells: found, headerRows } = cellsOfStructure({ filename: 'x.png', html: { structure: { tokens }, cells } });
  assert.equal(headerRows, 2);
  assert.deepEqual(
    found.map((cell) => [cell.rowTl, cell.colTl, cell.rowBr, cell.colBr, cell.text]),
    [
      [0, 0, 2, 1, 'Var'],
      [0, 1, 1, 3, 'Tr'],
      [1, 1, 2, 2, 'A'],
      [1, 2, 2, 3, 'B'],
      [2, 0, 3, 1, 'Age'],
      [2, 1, 3, 2, '54'],
      [2, 2, 3, 3, ''],
    ],
  );
});

test('a table is scored by exact cell boxes, spans apart, text at each truth cell\'s place', () => {
  const truth = [
    { rowTl: 0, colTl: 0, rowBr: 1, colBr: 2, text: 'Head' },
    { rowTl: 1, colTl: 0, rowBr: 2, colBr: 1, text: 'a' },
    { rowTl: 1, colTl: 1, rowBr: 2, colBr: 2, text: 'b' },
  ];
  const corner = { x: 0, y: 0 };
  const cell = (rowTl: number, colTl: number, rowBr: number, colBr: number, text: string) => ({ rowTl, colTl, rowBr, colBr, text, confidence: 90, polygon: [corner, corner, corner, corner] as const, kind: 'body' as const });
  // The header was split in two: the span is missed, its text read from the cell at its corner.
  const found = { type: 2 as const, rows: 2, columns: 2, corners: [corner, corner, corner, corner] as const, titles: [], cells: [cell(0, 0, 1, 1, 'Hea'), cell(0, 1, 1, 2, 'd'), cell(1, 0, 2, 1, 'a'), cell(1, 1, 2, 2, 'b')] };
  const score = scoreTable(truth, [found]);
  assert.equal(score.structure, 2 / 3);
  assert.equal(score.mergedRecall, 0);
  assert.deepEqual(score.text.map((errors) => errors.distance), [1, 0, 0]);
  assert.equal(scoreTable(truth, []).structure, 0);
});
