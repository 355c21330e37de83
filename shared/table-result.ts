import type { Point } from './ocr-result.js';

/**
 * The table model: what the engine finds, the cloud's table actions map, the xlsx writer writes and
 * the UI edits. Rows and columns count from 0; the bottom-right bounds are exclusive, as the
 * cloud's RowBr/ColBr (a single cell at row 1, column 2 is rows 1-2, columns 2-3).
 */
export interface TableCell {
  readonly rowTl: number;
  readonly colTl: number;
  readonly rowBr: number;
  readonly colBr: number;
  /** Lines joined with `\n`. */
  readonly text: string;
  /** 0-100. */
  readonly confidence: number;
  /** Four corners clockwise from top-left, in the corrected image. */
  readonly polygon: readonly [Point, Point, Point, Point];
  readonly kind: 'header' | 'body' | 'footer';
}

export interface RecognizedTable {
  /** 1 ruled (lines drawn), 2 unruled (found from the alignment of the words). */
  readonly type: 1 | 2;
  readonly rows: number;
  readonly columns: number;
  /** The table's corners, clockwise from top-left. */
  readonly corners: readonly [Point, Point, Point, Point];
  /** Text just above the table. */
  readonly titles: readonly string[];
  readonly cells: readonly TableCell[];
}

export interface TableReading {
  readonly tables: readonly RecognizedTable[];
  /** Text outside every table (the cloud's type-0 detections). */
  readonly outside: ReadonlyArray<{ readonly text: string; readonly confidence: number; readonly polygon: readonly [Point, Point, Point, Point] }>;
  readonly angle: number;
  readonly width: number;
  readonly height: number;
  readonly inputWidth: number;
  readonly inputHeight: number;
  /** Pages in the whole input (1 for an image); one page's tables are read per call. */
  readonly pageCount: number;
}

/** A cell's span in rows and columns. */
export const spanOf = (cell: Pick<TableCell, 'rowTl' | 'colTl' | 'rowBr' | 'colBr'>) => ({ rows: cell.rowBr - cell.rowTl, columns: cell.colBr - cell.colTl });
