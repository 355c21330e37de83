import { z } from 'zod';
import type { RecognizedTable } from './table-result.js';

/**
 * Tables as a client sends them back (edited in the UI) to be written as xlsx: checked for shape
 * here and for layout by tableLayoutProblems, so a bad edit is a clear refusal, never a writer
 * that throws halfway. Limits: Excel's 32,767 characters a cell; sizes far beyond any page.
 */
const point = z.object({ x: z.number().finite(), y: z.number().finite() });
const corners = z.tuple([point, point, point, point]);
const index = z.number().int().min(0).max(10_000);

export const tableCellSchema = z.object({
  rowTl: index,
  colTl: index,
  rowBr: index,
  colBr: index,
  text: z.string().max(32_767),
  confidence: z.number().min(0).max(100),
  polygon: corners,
  kind: z.enum(['header', 'body', 'footer']),
});

export const recognizedTableSchema = z.object({
  type: z.union([z.literal(1), z.literal(2)]),
  rows: z.number().int().min(1).max(2_000),
  columns: z.number().int().min(1).max(500),
  corners,
  titles: z.array(z.string().max(1_000)).max(10),
  cells: z.array(tableCellSchema).max(20_000),
});

export const tablesForXlsx = z.object({ tables: z.array(recognizedTableSchema).max(50) });

/**
 * What is wrong with a table's layout, in words, or nothing: every cell inside the grid with its
 * bottom-right after its top-left, and no position covered by two cells (a merge over a merge).
 */
export function tableLayoutProblems(table: Pick<RecognizedTable, 'rows' | 'columns' | 'cells'>): string[] {
  const problems: string[] = [];
  const owner = new Map<number, number>();
  table.cells.forEach((cell, position) => {
    const where = `cell ${position + 1} (row ${cell.rowTl + 1}, column ${cell.colTl + 1})`;
    if (!(cell.rowTl < cell.rowBr && cell.colTl < cell.colBr)) return void problems.push(`${where} ends before it starts`);
    if (cell.rowBr > table.rows || cell.colBr > table.columns) return void problems.push(`${where} reaches outside the ${table.rows}x${table.columns} grid`);
    for (let row = cell.rowTl; row < cell.rowBr; row += 1) {
      for (let column = cell.colTl; column < cell.colBr; column += 1) {
        const key = row * table.columns + column;
        const other = owner.get(key);
        if (other !== undefined) return void problems.push(`${where} overlaps cell ${other + 1} at row ${row + 1}, column ${column + 1}`);
        owner.set(key, position);
      }
    }
  });
  return problems;
}
