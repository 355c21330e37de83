import type { Point } from '../../shared/ocr-result.js';
import type { RecognizedTable, TableCell } from '../../shared/table-result.js';
import { recognizedTableSchema, tableCellSchema } from '../../shared/table-schema.js';
import { areaPolygon, gridPoints, type GridArea } from './table-geometry.js';

/**
 * The Tables page's edits, as a pure reducer over the tables read from one page. Kept free of React
 * and the DOM so its rules are unit-tested, and so every edit leaves each table valid for the xlsx
 * route (tableLayoutProblems finds nothing): every grid position is covered by exactly one cell
 * (holes in a reading are filled with empty cells when it is loaded, so each position can be
 * clicked), and an edit that cannot be made (merging one cell, removing the last row) changes
 * nothing rather than breaking the table.
 *
 * Cells are named by any grid position they cover. A cell made here (split off, in a new row or
 * column) is empty, confident (100: nothing was recognised there to doubt) and placed on the image
 * from the grid's lines (table-geometry.ts, newBand); typed text is confidence 100 too.
 */
export type CellKind = TableCell['kind'];

export type TableEdit =
  | { readonly type: 'load'; readonly tables: readonly RecognizedTable[] }
  | { readonly type: 'set-text'; readonly table: number; readonly row: number; readonly column: number; readonly text: string }
  | { readonly type: 'merge'; readonly table: number; readonly area: GridArea }
  | { readonly type: 'split'; readonly table: number; readonly row: number; readonly column: number }
  | { readonly type: 'insert-row'; readonly table: number; readonly row: number; readonly side: 'above' | 'below' }
  | { readonly type: 'insert-column'; readonly table: number; readonly column: number; readonly side: 'left' | 'right' }
  | { readonly type: 'remove-row'; readonly table: number; readonly row: number }
  | { readonly type: 'remove-column'; readonly table: number; readonly column: number }
  | { readonly type: 'set-row-kind'; readonly table: number; readonly row: number; readonly kind: CellKind }
  | { readonly type: 'set-title'; readonly table: number; readonly index: number; readonly text: string }
  | { readonly type: 'add-title'; readonly table: number }
  | { readonly type: 'remove-title'; readonly table: number; readonly index: number };

export type TablesState = readonly RecognizedTable[];

// The limits the xlsx route checks (shared/table-schema.ts), so an edit never makes a table it refuses.
const maxRows = recognizedTableSchema.shape.rows.maxValue ?? Infinity;
const maxColumns = recognizedTableSchema.shape.columns.maxValue ?? Infinity;
const titlesFit = (titles: readonly string[]) => recognizedTableSchema.shape.titles.safeParse(titles).success;
const maxCellText = tableCellSchema.shape.text.maxLength ?? Infinity;
const maxTitleText = recognizedTableSchema.shape.titles.element.maxLength ?? Infinity;

const covers = (cell: GridArea, row: number, column: number) => cell.rowTl <= row && row < cell.rowBr && cell.colTl <= column && column < cell.colBr;
const overlaps = (a: GridArea, b: GridArea) => a.rowTl < b.rowBr && b.rowTl < a.rowBr && a.colTl < b.colBr && b.colTl < a.colBr;

/** The cell covering a grid position, if any. */
export const cellAt = (table: Pick<RecognizedTable, 'cells'>, row: number, column: number): TableCell | undefined => table.cells.find((cell) => covers(cell, row, column));

/** Cells in reading order: row by row, left to right (how the grid is drawn and written). */
const ordered = (cells: readonly TableCell[]) => [...cells].sort((a, b) => a.rowTl - b.rowTl || a.colTl - b.colTl);

const newCell = (points: ReturnType<typeof gridPoints>, area: GridArea, kind: CellKind): TableCell => ({ ...area, text: '', confidence: 100, polygon: areaPolygon(points, area), kind });

/**
 * The smallest area holding `area` that cuts no cell: a selection dragged across part of a spanning
 * cell takes the whole cell, as spreadsheets do, so a merge never leaves half a cell behind.
 */
export function expandArea(table: Pick<RecognizedTable, 'cells'>, area: GridArea): GridArea {
  let current = area;
  for (;;) {
    const inside = table.cells.filter((cell) => overlaps(cell, current));
    const next = {
      rowTl: Math.min(current.rowTl, ...inside.map((cell) => cell.rowTl)),
      colTl: Math.min(current.colTl, ...inside.map((cell) => cell.colTl)),
      rowBr: Math.max(current.rowBr, ...inside.map((cell) => cell.rowBr)),
      colBr: Math.max(current.colBr, ...inside.map((cell) => cell.colBr)),
    };
    if (next.rowTl === current.rowTl && next.colTl === current.colTl && next.rowBr === current.rowBr && next.colBr === current.colBr) return current;
    current = next;
  }
}

/** The area two cells span together (a shift-click selection), cut to no cell. */
export function areaBetween(table: Pick<RecognizedTable, 'cells'>, a: GridArea, b: GridArea): GridArea {
  return expandArea(table, { rowTl: Math.min(a.rowTl, b.rowTl), colTl: Math.min(a.colTl, b.colTl), rowBr: Math.max(a.rowBr, b.rowBr), colBr: Math.max(a.colBr, b.colBr) });
}

/** A row's kind: that of the cells that start in it (a header label spanning down belongs to its first row). */
export function rowKind(table: Pick<RecognizedTable, 'cells'>, row: number): CellKind {
  return table.cells.find((cell) => cell.rowTl === row)?.kind ?? cellAt(table, row, 0)?.kind ?? 'body';
}

/** Empty cells where a reading left positions uncovered, so the editor can offer each one. */
function withoutHoles(table: RecognizedTable): RecognizedTable {
  const points = gridPoints(table);
  const added: TableCell[] = [];
  for (let row = 0; row < table.rows; row += 1) {
    for (let column = 0; column < table.columns; column += 1) {
      if (cellAt(table, row, column) || added.some((cell) => covers(cell, row, column))) continue;
      added.push(newCell(points, { rowTl: row, colTl: column, rowBr: row + 1, colBr: column + 1 }, rowKind(table, row)));
    }
  }
  return added.length === 0 ? { ...table, cells: ordered(table.cells) } : { ...table, cells: ordered([...table.cells, ...added]) };
}

function merge(table: RecognizedTable, requested: GridArea): RecognizedTable {
  const inGrid = { rowTl: Math.max(0, requested.rowTl), colTl: Math.max(0, requested.colTl), rowBr: Math.min(table.rows, requested.rowBr), colBr: Math.min(table.columns, requested.colBr) };
  if (inGrid.rowTl >= inGrid.rowBr || inGrid.colTl >= inGrid.colBr) return table;
  const area = expandArea(table, inGrid);
  const inside = ordered(table.cells.filter((cell) => overlaps(cell, area)));
  if (inside.length < 2) return table;
  const withText = inside.filter((cell) => cell.text.trim() !== '');
  const merged: TableCell = {
    ...area,
    // The texts as they read, top to bottom, left to right, each on its own line.
    text: withText.map((cell) => cell.text).join('\n').slice(0, maxCellText),
    // As doubtful as its most doubtful part.
    confidence: withText.length > 0 ? Math.min(...withText.map((cell) => cell.confidence)) : 100,
    polygon: areaPolygon(gridPoints(table), area),
    kind: inside[0]!.kind,
  };
  return { ...table, cells: ordered([...table.cells.filter((cell) => !overlaps(cell, area)), merged]) };
}

function split(table: RecognizedTable, row: number, column: number): RecognizedTable {
  const cell = cellAt(table, row, column);
  if (!cell || (cell.rowBr - cell.rowTl === 1 && cell.colBr - cell.colTl === 1)) return table;
  const points = gridPoints(table);
  const pieces: TableCell[] = [];
  for (let r = cell.rowTl; r < cell.rowBr; r += 1) {
    for (let c = cell.colTl; c < cell.colBr; c += 1) {
      const area = { rowTl: r, colTl: c, rowBr: r + 1, colBr: c + 1 };
      // The text stays where it was read from: in the first piece.
      pieces.push(r === cell.rowTl && c === cell.colTl ? { ...cell, ...area, polygon: areaPolygon(points, area) } : newCell(points, area, cell.kind));
    }
  }
  return { ...table, cells: ordered([...table.cells.filter((other) => other !== cell), ...pieces]) };
}

/**
 * Where a new grid line goes, given the old lines as points along it: beyond the first or last
 * line by the neighbouring row's (column's) size, so a row added at an edge of the table lies next
 * to it on the image; between two lines, on the line itself (no width), since the image has nothing
 * there. Either way the grid's crossings stay consistent, so later merges and splits place their
 * cells sensibly.
 */
function newBand(lines: readonly (readonly Point[])[], at: number): { before: Point[]; after: Point[] } {
  const last = lines.length - 1;
  const step = (from: readonly Point[], to: readonly Point[]) => from.map((point, index) => ({ x: 2 * point.x - to[index]!.x, y: 2 * point.y - to[index]!.y }));
  if (at === 0) return { before: step(lines[0]!, lines[1]!), after: [...lines[0]!] };
  if (at === last) return { before: [...lines[last]!], after: step(lines[last]!, lines[last - 1]!) };
  return { before: [...lines[at]!], after: [...lines[at]!] };
}

const roundPoint = (point: Point): Point => ({ x: Math.round(point.x), y: Math.round(point.y) });

/**
 * A new row at `at` (0..rows), beside row `beside`: cells below move down, a cell spanning across
 * the new row's place grows over it, and the rest of the row is new empty cells with the kind of
 * the row they were added beside.
 */
function insertRow(table: RecognizedTable, beside: number, side: 'above' | 'below'): RecognizedTable {
  if (table.rows >= maxRows || beside < 0 || beside >= table.rows) return table;
  const at = side === 'above' ? beside : beside + 1;
  const { before, after } = newBand(gridPoints(table), at);
  const moved = table.cells.map((cell) => (cell.rowTl >= at ? { ...cell, rowTl: cell.rowTl + 1, rowBr: cell.rowBr + 1 } : cell.rowBr > at ? { ...cell, rowBr: cell.rowBr + 1 } : cell));
  const added: TableCell[] = [];
  for (let column = 0; column < table.columns; column += 1) {
    if (moved.some((cell) => covers(cell, at, column))) continue;
    const polygon = [before[column]!, before[column + 1]!, after[column + 1]!, after[column]!].map(roundPoint) as [Point, Point, Point, Point];
    added.push({ rowTl: at, colTl: column, rowBr: at + 1, colBr: column + 1, text: '', confidence: 100, polygon, kind: cellAt(table, beside, column)?.kind ?? 'body' });
  }
  return { ...table, rows: table.rows + 1, cells: ordered([...moved, ...added]) };
}

/** As insertRow, for a column. */
function insertColumn(table: RecognizedTable, beside: number, side: 'left' | 'right'): RecognizedTable {
  if (table.columns >= maxColumns || beside < 0 || beside >= table.columns) return table;
  const at = side === 'left' ? beside : beside + 1;
  const points = gridPoints(table);
  const { before, after } = newBand(
    Array.from({ length: table.columns + 1 }, (_, column) => points.map((line) => line[column]!)),
    at,
  );
  const moved = table.cells.map((cell) => (cell.colTl >= at ? { ...cell, colTl: cell.colTl + 1, colBr: cell.colBr + 1 } : cell.colBr > at ? { ...cell, colBr: cell.colBr + 1 } : cell));
  const added: TableCell[] = [];
  for (let row = 0; row < table.rows; row += 1) {
    if (moved.some((cell) => covers(cell, row, at))) continue;
    const polygon = [before[row]!, after[row]!, after[row + 1]!, before[row + 1]!].map(roundPoint) as [Point, Point, Point, Point];
    added.push({ rowTl: row, colTl: at, rowBr: row + 1, colBr: at + 1, text: '', confidence: 100, polygon, kind: rowKind(table, row) });
  }
  return { ...table, columns: table.columns + 1, cells: ordered([...moved, ...added]) };
}

/**
 * Without one row: cells below move up, a cell spanning it shrinks by it (keeping its text and its
 * place on the image, where its text was read), and a cell wholly inside it goes. The last row stays.
 */
function removeRow(table: RecognizedTable, row: number): RecognizedTable {
  if (table.rows <= 1 || row < 0 || row >= table.rows) return table;
  const cells = table.cells.flatMap((cell) => {
    const rowTl = cell.rowTl > row ? cell.rowTl - 1 : cell.rowTl;
    const rowBr = cell.rowBr > row ? cell.rowBr - 1 : cell.rowBr;
    return rowTl < rowBr ? [{ ...cell, rowTl, rowBr }] : [];
  });
  return { ...table, rows: table.rows - 1, cells: ordered(cells) };
}

function removeColumn(table: RecognizedTable, column: number): RecognizedTable {
  if (table.columns <= 1 || column < 0 || column >= table.columns) return table;
  const cells = table.cells.flatMap((cell) => {
    const colTl = cell.colTl > column ? cell.colTl - 1 : cell.colTl;
    const colBr = cell.colBr > column ? cell.colBr - 1 : cell.colBr;
    return colTl < colBr ? [{ ...cell, colTl, colBr }] : [];
  });
  return { ...table, columns: table.columns - 1, cells: ordered(cells) };
}

function editTable(table: RecognizedTable, edit: Exclude<TableEdit, { type: 'load' }>): RecognizedTable {
  switch (edit.type) {
    case 'set-text': {
      const cell = cellAt(table, edit.row, edit.column);
      if (!cell) return table;
      const text = edit.text.slice(0, maxCellText);
      if (text === cell.text) return table;
      return { ...table, cells: table.cells.map((other) => (other === cell ? { ...cell, text, confidence: 100 } : other)) };
    }
    case 'merge':
      return merge(table, edit.area);
    case 'split':
      return split(table, edit.row, edit.column);
    case 'insert-row':
      return insertRow(table, edit.row, edit.side);
    case 'insert-column':
      return insertColumn(table, edit.column, edit.side);
    case 'remove-row':
      return removeRow(table, edit.row);
    case 'remove-column':
      return removeColumn(table, edit.column);
    case 'set-row-kind':
      return { ...table, cells: table.cells.map((cell) => (cell.rowTl === edit.row ? { ...cell, kind: edit.kind } : cell)) };
    case 'set-title':
      if (edit.index < 0 || edit.index >= table.titles.length) return table;
      return { ...table, titles: table.titles.map((title, index) => (index === edit.index ? edit.text.slice(0, maxTitleText) : title)) };
    case 'add-title':
      return titlesFit([...table.titles, '']) ? { ...table, titles: [...table.titles, ''] } : table;
    case 'remove-title':
      return { ...table, titles: table.titles.filter((_, index) => index !== edit.index) };
  }
}

export function tablesReducer(state: TablesState, edit: TableEdit): TablesState {
  if (edit.type === 'load') return edit.tables.map(withoutHoles);
  const table = state[edit.table];
  if (!table) return state;
  const edited = editTable(table, edit);
  return edited === table ? state : state.map((other, index) => (index === edit.table ? edited : other));
}

/**
 * The tables as the xlsx route takes them: a title left empty in the editor is no title (it would
 * be an empty merged row above the table).
 */
export const tablesForExport = (state: TablesState): RecognizedTable[] => state.map((table) => ({ ...table, titles: table.titles.filter((title) => title.trim() !== '') }));
