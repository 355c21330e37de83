import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { areaBetween, cellAt, expandArea, rowKind, tablesForExport, tablesReducer, type TableEdit, type TablesState } from '../../renderer/src/table-editing.js';
import { gridPoints } from '../../renderer/src/table-geometry.js';
import { tableTsv } from '../../renderer/src/table-tsv.js';
import type { Point } from '../../shared/ocr-result.js';
import type { RecognizedTable, TableCell } from '../../shared/table-result.js';
import { tableLayoutProblems, tablesForXlsx } from '../../shared/table-schema.js';
import { corpusPath } from '../helpers/fixture-corpus.js';

// The SYNTHETIC ruled table's structure (its truth file), placed on a regular grid: column lines
// at x = 100, 200, 300, 400 and row lines at y = 50, 90, ..., 250, so every polygon is checkable.
const truth = JSON.parse(readFileSync(corpusPath('synthetic-ruled-table.truth.json'), 'utf8')) as {
  title: string;
  rows: number;
  columns: number;
  cells: Array<{ rowTl: number; colTl: number; rowBr: number; colBr: number; text: string }>;
};
const at = (row: number, column: number): Point => ({ x: 100 + column * 100, y: 50 + row * 40 });
const box = (rowTl: number, colTl: number, rowBr: number, colBr: number): [Point, Point, Point, Point] => [at(rowTl, colTl), at(rowTl, colBr), at(rowBr, colBr), at(rowBr, colTl)];
const read: RecognizedTable = {
  type: 1,
  rows: truth.rows,
  columns: truth.columns,
  corners: box(0, 0, truth.rows, truth.columns),
  titles: [truth.title],
  cells: truth.cells.map((cell) => ({ ...cell, confidence: cell.text === 'Q1' ? 41 : 90, polygon: box(cell.rowTl, cell.colTl, cell.rowBr, cell.colBr), kind: cell.rowTl < 2 ? 'header' : 'body' })),
};

/** Every table valid for the xlsx route, and every grid position covered by exactly one cell. */
function assertValid(state: TablesState, after: string) {
  assert.ok(tablesForXlsx.safeParse({ tables: state }).success, `${after}: the xlsx route's shape`);
  state.forEach((table, index) => {
    assert.deepEqual(tableLayoutProblems(table), [], `${after}: table ${index + 1}`);
    const covered = table.cells.reduce((sum, cell) => sum + (cell.rowBr - cell.rowTl) * (cell.colBr - cell.colTl), 0);
    assert.equal(covered, table.rows * table.columns, `${after}: table ${index + 1} has no holes`);
  });
}

/** Applies edits one by one, checking the tables after each. */
function run(edits: TableEdit[], start: TablesState = []): TablesState {
  return edits.reduce((state, edit) => {
    const next = tablesReducer(state, edit);
    assertValid(next, JSON.stringify(edit));
    return next;
  }, start);
}

const loaded = () => run([{ type: 'load', tables: [read] }]);
const spans = (table: RecognizedTable) => table.cells.map((cell) => [cell.rowTl, cell.colTl, cell.rowBr, cell.colBr, cell.text]);

test('load: the reading as it is, in reading order; holes a reading left become empty cells in place', () => {
  const [table] = loaded();
  assert.deepEqual(spans(table!), spans(read));
  const holed = { ...read, cells: read.cells.filter((cell) => cell.text !== '(560)' && cell.text !== '2025') };
  const [filled] = run([{ type: 'load', tables: [holed] }]);
  assert.equal(filled!.cells.length, 14, 'the 2025 header was one cell over two columns; its place is two now');
  assert.deepEqual(cellAt(filled!, 3, 1)!.polygon, box(3, 1, 4, 2));
  assert.equal(cellAt(filled!, 3, 1)!.text, '');
  assert.equal(cellAt(filled!, 0, 2)!.kind, 'header', 'a hole in a header row is a header cell');
  // Where no cell corner marks the grid line (the top edge under the missing header), the table's corners do.
  assert.deepEqual(cellAt(filled!, 0, 2)!.polygon, box(0, 2, 1, 3));
});

test('set-text: typed text, several lines allowed, is confidence 100; the same text changes nothing', () => {
  const state = loaded();
  const edited = run([{ type: 'set-text', table: 0, row: 1, column: 1, text: 'Q1\n(restated)' }], state);
  assert.equal(cellAt(edited[0]!, 1, 1)!.text, 'Q1\n(restated)');
  assert.equal(cellAt(edited[0]!, 1, 1)!.confidence, 100);
  assert.equal(cellAt(edited[0]!, 2, 1)!.confidence, 90, 'other cells keep theirs');
  // Any position of a spanning cell names it.
  const header = run([{ type: 'set-text', table: 0, row: 1, column: 0, text: 'Line item' }], state);
  assert.equal(cellAt(header[0]!, 0, 0)!.text, 'Line item');
  assert.equal(tablesReducer(state, { type: 'set-text', table: 0, row: 2, column: 0, text: 'Revenue' }), state);
  assert.equal(tablesReducer(state, { type: 'set-text', table: 3, row: 0, column: 0, text: 'x' }), state, 'no such table');
});

test('selection: a rectangle dragged over part of a spanning cell takes the whole cell', () => {
  const [table] = loaded();
  // From Q2 to Revenue: Item spans rows 0-1 of column 0, so the rectangle grows to its top.
  assert.deepEqual(areaBetween(table!, cellAt(table!, 1, 2)!, cellAt(table!, 2, 0)!), { rowTl: 0, colTl: 0, rowBr: 3, colBr: 3 });
  assert.deepEqual(expandArea(table!, { rowTl: 2, colTl: 1, rowBr: 4, colBr: 3 }), { rowTl: 2, colTl: 1, rowBr: 4, colBr: 3 }, 'a block of single cells stays as it is');
  assert.deepEqual(expandArea(table!, { rowTl: 0, colTl: 2, rowBr: 1, colBr: 3 }), { rowTl: 0, colTl: 1, rowBr: 1, colBr: 3 });
});

test('merge: one cell over the rectangle, texts in reading order, as doubtful as its most doubtful part', () => {
  const state = loaded();
  const merged = run([{ type: 'merge', table: 0, area: { rowTl: 2, colTl: 1, rowBr: 4, colBr: 3 } }], state);
  const cell = cellAt(merged[0]!, 3, 2)!;
  assert.deepEqual([cell.rowTl, cell.colTl, cell.rowBr, cell.colBr], [2, 1, 4, 3]);
  assert.equal(cell.text, '1,234.50\n1,410.00\n(560)\n(602)');
  assert.deepEqual(cell.polygon, box(2, 1, 4, 3));
  assert.equal(merged[0]!.cells.length, 10);
  // Q1 (41) with Q2 (90): 41; the header kind of the top-left cell.
  const headers = run([{ type: 'merge', table: 0, area: { rowTl: 1, colTl: 1, rowBr: 2, colBr: 3 } }], state);
  assert.equal(cellAt(headers[0]!, 1, 1)!.confidence, 41);
  assert.equal(cellAt(headers[0]!, 1, 1)!.kind, 'header');
  // Part of a spanning cell: the whole of it is merged in.
  const grown = run([{ type: 'merge', table: 0, area: { rowTl: 1, colTl: 0, rowBr: 3, colBr: 1 } }], state);
  assert.deepEqual(spans(grown[0]!)[0], [0, 0, 3, 1, 'Item\nRevenue']);
  assert.equal(tablesReducer(state, { type: 'merge', table: 0, area: { rowTl: 0, colTl: 0, rowBr: 1, colBr: 1 } }), state, 'one cell is no merge');
});

test('split: a spanning cell becomes single cells, its text in the first, the others empty and placed on the grid', () => {
  const state = loaded();
  const split = run([{ type: 'split', table: 0, row: 0, column: 2 }], state);
  const [first, second] = [cellAt(split[0]!, 0, 1)!, cellAt(split[0]!, 0, 2)!];
  assert.deepEqual([first.text, first.confidence, first.colBr], ['2025', 90, 2]);
  assert.deepEqual([second.text, second.confidence, second.kind, second.colTl, second.colBr], ['', 100, 'header', 2, 3]);
  // The line between them is where Q1 and Q2 meet below.
  assert.deepEqual(first.polygon, box(0, 1, 1, 2));
  assert.deepEqual(second.polygon, box(0, 2, 1, 3));
  const item = run([{ type: 'split', table: 0, row: 1, column: 0 }], state);
  assert.deepEqual(cellAt(item[0]!, 1, 0)!.polygon, box(1, 0, 2, 1), 'the crossing inside a two-row label lies halfway down its edge');
  assert.equal(tablesReducer(state, { type: 'split', table: 0, row: 2, column: 2 }), state, 'a single cell has nothing to split');
  // Split then merge gives the cell back.
  const back = run([{ type: 'merge', table: 0, area: { rowTl: 0, colTl: 1, rowBr: 1, colBr: 3 } }], split);
  assert.deepEqual(spans(back[0]!), spans(state[0]!));
});

test('insert rows: below the last, above the first, and across a spanning label, which grows over it', () => {
  const state = loaded();
  const below = run([{ type: 'insert-row', table: 0, row: 4, side: 'below' }], state);
  assert.equal(below[0]!.rows, 6);
  const added = below[0]!.cells.filter((cell) => cell.rowTl === 5);
  assert.deepEqual(added.map((cell) => [cell.colTl, cell.text, cell.confidence, cell.kind]), [[0, '', 100, 'body'], [1, '', 100, 'body'], [2, '', 100, 'body']]);
  assert.deepEqual(added[1]!.polygon, box(5, 1, 6, 2), 'placed below the table, as high as the row it was added beside');
  // Merged and split again in the new row: the grid's crossings stayed consistent.
  const again = run([{ type: 'merge', table: 0, area: { rowTl: 5, colTl: 1, rowBr: 6, colBr: 3 } }], below);
  assert.deepEqual(cellAt(again[0]!, 5, 1)!.polygon, box(5, 1, 6, 3));
  assert.deepEqual(cellAt(run([{ type: 'split', table: 0, row: 5, column: 1 }], again)[0]!, 5, 2)!.polygon, box(5, 2, 6, 3));
  const above = run([{ type: 'insert-row', table: 0, row: 0, side: 'above' }], state);
  assert.deepEqual(spans(above[0]!).slice(3, 5), [[1, 0, 3, 1, 'Item'], [1, 1, 2, 3, '2025']]);
  assert.equal(rowKind(above[0]!, 0), 'header', 'a row added beside the header is a header row');
  assert.deepEqual(cellAt(above[0]!, 0, 2)!.polygon, box(-1, 2, 0, 3), 'above the table');
  // Between two rows the image has nothing: the new row lies on the line between them.
  const between = run([{ type: 'insert-row', table: 0, row: 2, side: 'below' }], state);
  assert.deepEqual(cellAt(between[0]!, 3, 1)!.polygon, box(3, 1, 3, 2));
  // Between the two header rows: Item, which spans both, covers the new row's first column.
  const inside = run([{ type: 'insert-row', table: 0, row: 0, side: 'below' }], state);
  assert.deepEqual(spans(inside[0]!)[0], [0, 0, 3, 1, 'Item']);
  assert.deepEqual(inside[0]!.cells.filter((cell) => cell.rowTl === 1).map((cell) => [cell.colTl, cell.colBr]), [[1, 2], [2, 3]]);
  assert.equal(tablesReducer(state, { type: 'insert-row', table: 0, row: 5, side: 'below' }), state, 'no row 6 to add beside');
});

test('insert columns: left of the first, right of the last, and inside the 2025 header, which grows', () => {
  const state = loaded();
  const right = run([{ type: 'insert-column', table: 0, column: 2, side: 'right' }], state);
  assert.equal(right[0]!.columns, 4);
  const added = right[0]!.cells.filter((cell) => cell.colTl === 3);
  assert.deepEqual(added.map((cell) => [cell.rowTl, cell.kind]), [[0, 'header'], [1, 'header'], [2, 'body'], [3, 'body'], [4, 'body']]);
  assert.deepEqual(added[2]!.polygon, box(2, 3, 3, 4), 'right of the table, as wide as its last column');
  const inside = run([{ type: 'insert-column', table: 0, column: 1, side: 'right' }], state);
  assert.deepEqual(spans(inside[0]!)[1], [0, 1, 1, 4, '2025']);
  assert.deepEqual(cellAt(inside[0]!, 1, 2)!.polygon, box(1, 2, 2, 2), 'between two columns: on the line between them');
  const left = run([{ type: 'insert-column', table: 0, column: 0, side: 'left' }], state);
  assert.deepEqual(spans(left[0]!)[1], [0, 1, 2, 2, 'Item']);
  assert.equal(left[0]!.cells.filter((cell) => cell.colTl === 0).length, 5);
});

test('remove rows and columns: spans crossing them shrink, a cell wholly inside goes, the last row and column stay', () => {
  const state = loaded();
  const withoutQuarters = run([{ type: 'remove-row', table: 0, row: 1 }], state);
  assert.deepEqual(spans(withoutQuarters[0]!).slice(0, 3), [[0, 0, 1, 1, 'Item'], [0, 1, 1, 3, '2025'], [1, 0, 2, 1, 'Revenue']]);
  assert.deepEqual(cellAt(withoutQuarters[0]!, 0, 0)!.polygon, box(0, 0, 2, 1), 'a shrunk cell keeps its place on the image, where its text is');
  const withoutTop = run([{ type: 'remove-row', table: 0, row: 0 }], state);
  assert.deepEqual(spans(withoutTop[0]!).slice(0, 3), [[0, 0, 1, 1, 'Item'], [0, 1, 1, 2, 'Q1'], [0, 2, 1, 3, 'Q2']], '2025 went with its row; Item lost its first row');
  const withoutMiddle = run([{ type: 'remove-column', table: 0, column: 1 }], state);
  assert.deepEqual(spans(withoutMiddle[0]!).slice(0, 3), [[0, 0, 2, 1, 'Item'], [0, 1, 1, 2, '2025'], [1, 1, 2, 2, 'Q2']]);
  let narrow = state;
  for (let step = 0; step < 3; step += 1) narrow = run([{ type: 'remove-column', table: 0, column: 0 }], narrow);
  assert.equal(narrow[0]!.columns, 1, 'the last column stays');
  let short = state;
  for (let step = 0; step < 6; step += 1) short = run([{ type: 'remove-row', table: 0, row: 0 }], short);
  assert.equal(short[0]!.rows, 1, 'the last row stays');
  assert.equal(short[0]!.cells.length, 3);
});

test('row kind, titles, and what goes to the xlsx route', () => {
  const state = loaded();
  const marked = run([{ type: 'set-row-kind', table: 0, row: 1, kind: 'body' }, { type: 'set-row-kind', table: 0, row: 4, kind: 'footer' }], state);
  assert.equal(rowKind(marked[0]!, 1), 'body');
  assert.equal(cellAt(marked[0]!, 1, 0)!.kind, 'header', 'Item starts in the header row and stays a header');
  assert.equal(rowKind(marked[0]!, 4), 'footer');
  const titled = run([{ type: 'set-title', table: 0, index: 0, text: 'Quarterly results (EUR)' }, { type: 'add-title', table: 0 }], state);
  assert.deepEqual(titled[0]!.titles, ['Quarterly results (EUR)', '']);
  assert.deepEqual(tablesForExport(titled)[0]!.titles, ['Quarterly results (EUR)'], 'an empty title is no title');
  assert.deepEqual(run([{ type: 'remove-title', table: 0, index: 0 }], titled)[0]!.titles, ['']);
  let many = state;
  for (let step = 0; step < 12; step += 1) many = tablesReducer(many, { type: 'add-title', table: 0 });
  assert.equal(many[0]!.titles.length, 10, "the route's limit");
  assertValid(many, 'twelve titles asked for');
});

test('grid points: a crossing no corner marks lies between its neighbours; a table of one spanning cell uses its corners', () => {
  const [table] = loaded();
  const points = gridPoints(table!);
  assert.deepEqual(points[0]![2], at(0, 2), 'the top edge under 2025, between its corners');
  assert.deepEqual(points[1]![0], at(1, 0), "Item's left edge halfway down");
  const tilted: RecognizedTable = {
    type: 2,
    rows: 2,
    columns: 2,
    corners: [{ x: 0, y: 0 }, { x: 200, y: 20 }, { x: 190, y: 120 }, { x: -10, y: 100 }],
    titles: [],
    cells: [{ rowTl: 0, colTl: 0, rowBr: 2, colBr: 2, text: 'all', confidence: 80, polygon: [{ x: 0, y: 0 }, { x: 200, y: 20 }, { x: 190, y: 120 }, { x: -10, y: 100 }], kind: 'body' }],
  };
  const split = run([{ type: 'load', tables: [tilted] }, { type: 'split', table: 0, row: 0, column: 0 }]);
  assert.deepEqual(cellAt(split[0]!, 1, 1)!.polygon, [{ x: 95, y: 60 }, { x: 195, y: 70 }, { x: 190, y: 120 }, { x: 90, y: 110 }]);
});

test('TSV: a spanning cell in its top-left position, fields with tabs, breaks or quotes quoted, titles first', () => {
  const state = run([{ type: 'load', tables: [read] }, { type: 'set-text', table: 0, row: 4, column: 0, text: 'Margin\n"net"' }]);
  assert.equal(
    tableTsv(state[0]!),
    ['Quarterly results', 'Item\t2025\t', '\tQ1\tQ2', 'Revenue\t1,234.50\t1,410.00', 'Cost\t(560)\t(602)', '"Margin\n""net"""\t54.6%\t57.3%'].join('\n'),
  );
});

test('any sequence of edits keeps every table valid', () => {
  // A fixed pseudo-random walk (so a failure repeats): edits at random positions, many no-ops among them.
  let seed = 7;
  const random = (limit: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return Math.floor((seed / 2 ** 31) * limit); // the high bits: an LCG's low bits repeat quickly
  };
  let state = loaded();
  let changes = 0;
  for (let step = 0; step < 400; step += 1) {
    const table = state[0]!;
    const row = random(table.rows + 1);
    const column = random(table.columns + 1);
    const edits: TableEdit[] = [
      { type: 'merge', table: 0, area: { rowTl: row, colTl: column, rowBr: row + 1 + random(2), colBr: column + 1 + random(2) } },
      { type: 'split', table: 0, row, column },
      { type: 'insert-row', table: 0, row, side: random(2) ? 'above' : 'below' },
      { type: 'insert-column', table: 0, column, side: random(2) ? 'left' : 'right' },
      { type: 'remove-row', table: 0, row },
      { type: 'remove-column', table: 0, column },
      { type: 'set-text', table: 0, row, column, text: `t${step}` },
      { type: 'set-row-kind', table: 0, row, kind: random(2) ? 'header' : 'body' },
    ];
    const next = run([edits[random(edits.length)]!], state);
    if (next !== state) changes += 1;
    state = next;
    // Never a 2000-row monster: the walk adds and removes about equally.
    assert.ok(state[0]!.rows < 60 && state[0]!.columns < 60);
  }
  assert.ok(changes > 150, `the walk changed the table ${changes} times`);
  const cells: readonly TableCell[] = state[0]!.cells;
  assert.ok(cells.every((cell) => cell.polygon.every((point) => Number.isFinite(point.x) && Number.isFinite(point.y))));
});
