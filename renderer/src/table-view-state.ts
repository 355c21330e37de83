import type { TableCell } from '../../shared/table-result.js';
import type { GridArea } from './table-geometry.js';

/**
 * What the Tables page's image and grid editors share: which cell the pointer or keyboard is on
 * (lit on both sides) and which cells are selected. A cell is named by its table and its top-left
 * position, which no other cell of the table has.
 */
export interface CellRef {
  readonly table: number;
  readonly row: number;
  readonly column: number;
}

export interface CellSelection {
  readonly table: number;
  /** The cell clicked first: a shift-click spans from it. */
  readonly anchor: GridArea;
  readonly area: GridArea;
}

/** Below this a cell is marked as doubtful, as lines are on the Recognize page. */
export const lowConfidence = 60;

/**
 * Doubtful: read with little confidence. An empty cell is not marked: the engine gives it 0 because
 * nothing was read there, which is no doubt about a reading.
 */
export const isDoubtful = (cell: TableCell) => cell.text.trim() !== '' && cell.confidence < lowConfidence;

export const cellKey = (table: number, cell: Pick<TableCell, 'rowTl' | 'colTl'>) => `${table}:${cell.rowTl}:${cell.colTl}`;

export const isRef = (ref: CellRef | null, table: number, cell: Pick<TableCell, 'rowTl' | 'colTl'>) => ref !== null && ref.table === table && ref.row === cell.rowTl && ref.column === cell.colTl;

export const inSelection = (selection: CellSelection | null, table: number, cell: GridArea) =>
  selection !== null && selection.table === table && selection.area.rowTl <= cell.rowTl && cell.rowBr <= selection.area.rowBr && selection.area.colTl <= cell.colTl && cell.colBr <= selection.area.colBr;
