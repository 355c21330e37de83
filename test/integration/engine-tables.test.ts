import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, test } from 'node:test';
import ExcelJS from 'exceljs';
import { createEngine } from '../../main/engine/create-engine.js';
import { tableWorkbook } from '../../main/export/xlsx/table-workbook.js';
import { corpusPath } from '../helpers/fixture-corpus.js';
import { characterErrors, microCer } from '../helpers/text-metrics.js';

// Ruled tables through the real engine. The table is SYNTHETIC (scripts/make-table-fixture.ts):
// the shared corpus with real PubTabNet tables is not on these machines.
const engine = createEngine({ workers: 1 });
after(() => engine.close());

test('a ruled table with a header over two columns and a label over two rows: structure, text, header, title', async (t) => {
  const truth = JSON.parse(await readFile(corpusPath('synthetic-ruled-table.truth.json'), 'utf8')) as {
    title: string;
    rows: number;
    columns: number;
    cells: Array<{ rowTl: number; colTl: number; rowBr: number; colBr: number; text: string }>;
  };
  const reading = await engine.recognizeTables({ kind: 'path', path: corpusPath('synthetic-ruled-table.png') }, { language: 'eng' });
  assert.ok(reading.ok, reading.ok ? '' : reading.error.message);
  assert.equal(reading.value.tables.length, 1);
  const [table] = reading.value.tables;
  assert.equal(table!.type, 1);
  assert.equal(table!.rows, truth.rows);
  assert.equal(table!.columns, truth.columns);
  // Structure exactly (spans included); text as OCR reads it ("Q1" came back "Ql" when this was written).
  assert.deepEqual(
    table!.cells.map((cell) => [cell.rowTl, cell.colTl, cell.rowBr, cell.colBr]),
    truth.cells.map((cell) => [cell.rowTl, cell.colTl, cell.rowBr, cell.colBr]),
  );
  const errors = microCer(truth.cells.map((cell, index) => characterErrors(cell.text, table!.cells[index]!.text)));
  t.diagnostic(`cell text CER ${((errors ?? 1) * 100).toFixed(1)}%`);
  assert.ok(errors !== null && errors <= 0.05, `cell text CER ${errors}`);
  assert.deepEqual(
    table!.cells.filter((cell) => cell.kind === 'header').map((cell) => cell.text),
    ['Item', '2025', table!.cells[2]!.text, 'Q2'],
  );
  assert.deepEqual(table!.titles, [truth.title]);
  assert.deepEqual(reading.value.outside.map((line) => line.text), [truth.title]);

  // And into Excel: the merges and the amounts as numbers.
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await tableWorkbook(reading.value.tables)) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  const sheet = workbook.worksheets[0]!;
  assert.deepEqual((sheet.model as unknown as { merges: string[] }).merges.sort(), ['A1:C1', 'A2:A3', 'B2:C2']);
  assert.equal(sheet.getCell('C5').value, -602);
  assert.equal(sheet.getCell('B6').value, 0.546);
});

test('a page without a table gives no table and all its text outside, not an error', async () => {
  const reading = await engine.recognizeTables({ kind: 'path', path: corpusPath('phototest.tif') }, { language: 'eng' });
  assert.ok(reading.ok);
  assert.deepEqual(reading.value.tables, []);
  assert.ok(reading.value.outside.some((line) => /quick brown dog/u.test(line.text)));
});
