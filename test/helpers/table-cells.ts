import type { TableCell } from '../../shared/table-result.js';

/** A unit square: where a hand-made table's cells lie matters to no writer. */
export const unitBox = [
  { x: 0, y: 0 },
  { x: 1, y: 0 },
  { x: 1, y: 1 },
  { x: 0, y: 1 },
] as const;

/** A cell of a table written by hand for a test: its place, text and span (Br exclusive). */
export const cell = (rowTl: number, colTl: number, text: string, span: { rows?: number; columns?: number; kind?: TableCell['kind'] } = {}): TableCell => ({
  rowTl,
  colTl,
  rowBr: rowTl + (span.rows ?? 1),
  colBr: colTl + (span.columns ?? 1),
  text,
  confidence: 90,
  polygon: unitBox,
  kind: span.kind ?? 'body',
});
