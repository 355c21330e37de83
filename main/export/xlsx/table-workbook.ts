import ExcelJS from 'exceljs';
import type { RecognizedTable } from '../../../shared/table-result.js';
import { cellValue } from './cell-value.js';

/** Width in Excel's character units: CJK characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return width;
}

const thin = { style: 'thin' as const, color: { argb: 'FF808080' } };

/**
 * One worksheet per table, as the table looked: merged ranges for spanning cells, numbers as
 * numbers with their format (cell-value.ts; headers stay text), header rows bold, borders when the table was ruled,
 * column widths fitted to the text, titles above the grid. An image without tables gives a
 * workbook with one empty sheet, so the file always opens.
 */
export async function tableWorkbook(tables: readonly RecognizedTable[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'OCR Desk';
  if (tables.length === 0) workbook.addWorksheet('Table 1');
  tables.forEach((table, index) => {
    const sheet = workbook.addWorksheet(`Table ${index + 1}`);
    let firstRow = 1;
    for (const title of table.titles) {
      const row = sheet.getRow(firstRow);
      row.getCell(1).value = title;
      row.getCell(1).font = { bold: true };
      if (table.columns > 1) sheet.mergeCells(firstRow, 1, firstRow, table.columns);
      firstRow += 1;
    }
    const widths = Array.from({ length: table.columns }, () => 6);
    for (const cell of table.cells) {
      const top = firstRow + cell.rowTl;
      const left = 1 + cell.colTl;
      const bottom = firstRow + cell.rowBr - 1;
      const right = cell.colBr;
      const target = sheet.getCell(top, left);
      // Header cells are labels: "2025" over a column is a year's name, not an amount.
      const value = cell.kind === 'header' ? ({ kind: 'text', value: cell.text } as const) : cellValue(cell.text);
      if (value.kind === 'number') {
        target.value = value.value;
        target.numFmt = value.format;
      } else {
        target.value = value.value;
      }
      target.alignment = { vertical: 'top', wrapText: cell.text.includes('\n') };
      if (cell.kind === 'header') target.font = { bold: true };
      if (bottom > top || right > left) sheet.mergeCells(top, left, bottom, right);
      if (table.type === 1) {
        for (let row = top; row <= bottom; row += 1) for (let column = left; column <= right; column += 1) sheet.getCell(row, column).border = { top: thin, left: thin, bottom: thin, right: thin };
      }
      // A spanning cell's text is shared by its columns; a single column's sets its width.
      const longest = Math.max(...cell.text.split('\n').map(displayWidth));
      if (right === left) widths[left - 1] = Math.max(widths[left - 1] ?? 6, longest + 2);
    }
    widths.forEach((width, column) => (sheet.getColumn(column + 1).width = Math.min(60, width)));
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
