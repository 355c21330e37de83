import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { tableWorkbook } from '../../main/export/xlsx/table-workbook.js';
import type { RecognizedTable } from '../../shared/table-result.js';
import { cell, unitBox } from '../helpers/table-cells.js';


// A financial table of the usual shape: a header spanning two columns, a label spanning two rows.
const table: RecognizedTable = {
  type: 1,
  rows: 4,
  columns: 3,
  corners: unitBox,
  titles: ['Quarterly results 季度业绩'],
  cells: [
    cell(0, 0, 'Item', { rows: 2, kind: 'header' }),
    cell(0, 1, '2025', { columns: 2, kind: 'header' }),
    cell(1, 1, 'Q1', { kind: 'header' }),
    cell(1, 2, 'Q2', { kind: 'header' }),
    cell(2, 0, '营业收入 Revenue'),
    cell(2, 1, '1,234.50'),
    cell(2, 2, '(56)'),
    cell(3, 0, 'Code'),
    cell(3, 1, '007'),
    cell(3, 2, '12.5%'),
  ],
};

/** The xlsx as exceljs reads it back (its typings predate Node's generic Buffer). */
async function readBack(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

test('the xlsx holds the table as it looked: merges, numbers as numbers, text kept, bold headers, borders, fitted widths', async () => {
  const workbook = await readBack(await tableWorkbook([table, { ...table, type: 2, titles: [] }]));
  assert.deepEqual(workbook.worksheets.map((sheet) => sheet.name), ['Table 1', 'Table 2']);
  const sheet = workbook.getWorksheet('Table 1')!;
  assert.equal(sheet.getCell('A1').value, 'Quarterly results 季度业绩');
  const merges = (sheet.model as unknown as { merges: string[] }).merges.sort();
  assert.deepEqual(merges, ['A1:C1', 'A2:A3', 'B2:C2']);
  assert.equal(sheet.getCell('B2').value, '2025');
  assert.equal(sheet.getCell('B2').font?.bold, true);
  assert.equal(sheet.getCell('B4').value, 1234.5);
  assert.equal(sheet.getCell('B4').numFmt, '#,##0.00');
  assert.equal(sheet.getCell('C4').value, -56);
  assert.equal(sheet.getCell('B5').value, '007', 'a leading zero stays text');
  assert.equal(sheet.getCell('C5').value, 0.125);
  assert.equal(sheet.getCell('C5').numFmt, '0.0%');
  assert.equal(sheet.getCell('A4').border?.top?.style, 'thin', 'a ruled table has borders');
  assert.ok((sheet.getColumn(1).width ?? 0) >= '营业收入 Revenue'.length + 4, 'CJK counted double');
  const unruled = workbook.getWorksheet('Table 2')!;
  assert.equal(unruled.getCell('A3').border?.top, undefined, 'an unruled table has none');
  assert.equal(unruled.getCell('A1').value, 'Item', 'no titles: the grid starts at A1');
});

test('an image without tables still gives a workbook that opens', async () => {
  const workbook = await readBack(await tableWorkbook([]));
  assert.equal(workbook.worksheets.length, 1);
});
