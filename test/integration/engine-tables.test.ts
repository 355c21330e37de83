import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, test } from 'node:test';
import ExcelJS from 'exceljs';
import { createEngine } from '../../main/engine/create-engine.js';
import { tableWorkbook } from '../../main/export/xlsx/table-workbook.js';
import { corpusPath } from '../helpers/fixture-corpus.js';
import { characterErrors, microCer } from '../helpers/text-metrics.js';
import sharp from 'sharp';
import { acrossRuledTable, renderPage, truthOf, unruledTable, type SyntheticTable } from '../helpers/synthetic-table.js';
import type { RecognizedTable } from '../../shared/table-result.js';
import { createVisionThread } from '../../main/engine/vision/vision-thread.js';

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

// A SYNTHETIC page (test/helpers/synthetic-table.ts): a table ruled only across with a two-level
// header and a wrapped label, prose, then a table with no rules at all.
const twoTablePage = () => renderPage(1180, 1100, [acrossRuledTable, unruledTable], [{ x: 80, y: 640, text: 'Sales were steady in every region this year, as the table shows.' }]);

function assertLike(table: RecognizedTable | undefined, spec: SyntheticTable, t: { diagnostic(message: string): void }) {
  assert.ok(table, 'the table is found');
  const truth = truthOf(spec);
  assert.equal(table.type, 2);
  assert.deepEqual(
    table.cells.map((cell) => [cell.rowTl, cell.colTl, cell.rowBr, cell.colBr]),
    truth.map((cell) => [cell.rowTl, cell.colTl, cell.rowBr, cell.colBr]),
  );
  const errors = microCer(truth.map((cell, index) => characterErrors(cell.text, table.cells[index]!.text)));
  t.diagnostic(`cell text CER ${((errors ?? 1) * 100).toFixed(1)}%`);
  assert.ok(errors !== null && errors <= 0.05, `cell text CER ${errors}`);
  const headerRows = new Set(table.cells.filter((cell) => cell.kind === 'header').map((cell) => cell.rowTl));
  assert.deepEqual([...headerRows].sort(), Array.from({ length: spec.headerRows }, (_, row) => row));
}

test('a table ruled only across and a table without rules on one page: spans, wrapped cells, header and title from the alignment', async (t) => {
  const reading = await engine.recognizeTables({ kind: 'bytes', bytes: await twoTablePage() }, { language: 'eng' });
  assert.ok(reading.ok, reading.ok ? '' : reading.error.message);
  assert.equal(reading.value.tables.length, 2);
  assertLike(reading.value.tables[0], acrossRuledTable, t);
  assertLike(reading.value.tables[1], unruledTable, t);
  assert.deepEqual(reading.value.tables[0]!.titles, [acrossRuledTable.title]);
  assert.ok(reading.value.outside.some((line) => /steady in every region/u.test(line.text)), 'the prose between them stays outside');
  assert.equal(reading.value.tables[0]!.cells.find((cell) => cell.rowTl === 3 && cell.colTl === 0)!.text, 'Median age\nin years');
});

test('a page scanned sideways: the tables are found upright and their corners given in the image as sent', async (t) => {
  // Turned a quarter clockwise: the page's (x, y) is now at (1100 - y, x).
  const sideways = await sharp(await twoTablePage()).rotate(90).png().toBuffer();
  const reading = await engine.recognizeTables({ kind: 'bytes', bytes: sideways }, { language: 'eng' });
  assert.ok(reading.ok, reading.ok ? '' : reading.error.message);
  assert.equal(reading.value.tables.length, 2);
  assertLike(reading.value.tables[0], acrossRuledTable, t);
  const xs = reading.value.tables[0]!.corners.map((point) => point.x);
  const ys = reading.value.tables[0]!.corners.map((point) => point.y);
  const [left, top] = [acrossRuledTable.columns[0]!, acrossRuledTable.rows[0]!];
  const [right, bottom] = [acrossRuledTable.columns.at(-1)!, acrossRuledTable.rows.at(-1)!];
  const near = (a: number, b: number) => Math.abs(a - b) <= 12;
  assert.ok(near(Math.min(...xs), 1100 - bottom) && near(Math.max(...xs), 1100 - top), `x ${Math.min(...xs)}-${Math.max(...xs)}`);
  assert.ok(near(Math.min(...ys), left) && near(Math.max(...ys), right), `y ${Math.min(...ys)}-${Math.max(...ys)}`);
});

test('pages of prose, poetry over a picture, light-on-dark text, Chinese paragraphs and vertical text hold no table', async () => {
  const pages: Array<[string, string]> = [
    ['phototest-rotated-L.png', 'eng'],
    ['unlv-8071_093.3B.tif', 'eng'],
    ['unlv-8087_054.3B.tif', 'eng'],
    ['tyger.jpg', 'eng'],
    ['inverted-text.tif', 'eng'],
    ['derived-testocr-white-on-black.png', 'eng'],
    ['synthetic-chi-sim-paragraph.png', 'chi_sim'],
    ['synthetic-chi-sim-vertical.png', 'chi_sim_vert'],
  ];
  for (const [file, language] of pages) {
    const reading = await engine.recognizeTables({ kind: 'path', path: corpusPath(file) }, { language });
    assert.ok(reading.ok, `${file}: ${reading.ok ? '' : reading.error.message}`);
    assert.deepEqual(reading.value.tables, [], file);
    assert.ok(reading.value.outside.length > 0, `${file}: its text is outside tables`);
  }
});

test('an image too small or too thin for a table, or too large, is refused with its code', async () => {
  const blank = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#ffffff' } }).png().toBuffer();
  for (const [width, height, code] of [[1, 1, 'ImageTooSmall'], [3, 20_000, 'ImageTooSmall'], [25_000, 10, 'ImageTooLarge']] as const) {
    const reading = await engine.recognizeTables({ kind: 'bytes', bytes: await blank(width, height) }, { language: 'eng' });
    assert.equal(reading.ok ? 'ok' : reading.error.code, code, `${width} x ${height}`);
  }
});

test('the vision thread answers a task that fails with EngineFailed and goes on; closing stops it', async () => {
  const vision = createVisionThread();
  // More bytes than the size says: OpenCV throws inside the thread.
  const broken = await vision.run('findRules', { image: { data: Buffer.alloc(20), width: 4, height: 4 }, textHeight: 10 });
  assert.equal(broken.ok ? 'ok' : broken.error.code, 'EngineFailed');
  const page = Buffer.alloc(400 * 400, 255);
  for (let x = 20; x < 380; x += 1) for (const y of [50, 51, 300, 301]) page[y * 400 + x] = 0;
  const rules = await vision.run('findRules', { image: { data: page, width: 400, height: 400 }, textHeight: 10 });
  assert.ok(rules.ok);
  assert.equal(rules.value.horizontal.length, 2);
  await vision.close();
  const after = await vision.run('findRules', { image: { data: page, width: 400, height: 400 }, textHeight: 10 });
  assert.equal(after.ok ? 'ok' : after.error.code, 'EngineFailed');
});
