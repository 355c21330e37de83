import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { recognizeTableAccurateResponse, recognizeTableResponse } from '../../shared/cloud-api/table-ocr.js';
import { xlsxMediaType, type ConsoleTableReading } from '../../shared/console-api.js';
import type { TableReading } from '../../shared/table-result.js';
import { startTestServer, sdkClient, sdkErrorCode, type TestServerWithConsole, newKey } from '../helpers/api-server.js';
import { rawRequest } from '../helpers/signed-request.js';
import { corpusPath } from '../helpers/fixture-corpus.js';

// The two table actions through the official SDK against the real server. The table image is
// SYNTHETIC (scripts/make-table-fixture.ts): ../shared/corpus/table is not on these machines.
let server: TestServerWithConsole;
let key: { SecretId: string; SecretKey: string };
const image = async (name: string) => (await readFile(corpusPath(name))).toString('base64');

before(async () => {
  server = await startTestServer();
  key = await newKey(server);
});
after(() => server.close());

const used = (service: string) => server.workspace.billing.packages().find((pack) => pack.service === service)!.used;

async function sheetOf(base64: string) {
  assert.match(base64, /^UEsDB/u, 'Data is a zip (xlsx)');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

test('RecognizeTableOCR (V2): the ruled table with its spans, titles, type-0 text outside, the xlsx in Data, one call charged', async () => {
  const truth = JSON.parse(await readFile(corpusPath('synthetic-ruled-table.truth.json'), 'utf8')) as { cells: Array<{ rowTl: number; colTl: number; rowBr: number; colBr: number }> };
  const answer = recognizeTableResponse.parse(await sdkClient(server.endpoint, key).RecognizeTableOCR({ ImageBase64: await image('synthetic-ruled-table.png') }));
  const tables = answer.TableDetections.filter((table) => table.Type !== 0);
  assert.equal(tables.length, 1);
  const [table] = tables;
  assert.equal(table!.Type, 1);
  assert.deepEqual(
    table!.Cells.map((cell) => [cell.RowTl, cell.ColTl, cell.RowBr, cell.ColBr]),
    truth.cells.map((cell) => [cell.rowTl, cell.colTl, cell.rowBr, cell.colBr]),
  );
  assert.deepEqual(table!.Titles, [{ Text: 'Quarterly results' }]);
  assert.equal(table!.Cells.find((cell) => cell.RowTl === 0 && cell.ColTl === 0)!.Type, 'header');
  assert.equal(table!.Cells.find((cell) => cell.Text === 'Revenue')!.Type, 'body');
  const [left, top] = [table!.TableCoordPoint[0]!.X, table!.TableCoordPoint[0]!.Y];
  assert.ok(Math.abs(left - 80) <= 4 && Math.abs(top - 120) <= 4, `table corner ${left},${top}`);
  const outside = answer.TableDetections.find((detection) => detection.Type === 0);
  assert.deepEqual(outside?.Cells.map((cell) => cell.Text), ['Quarterly results']);
  assert.equal(answer.PdfPageSize, 0);
  assert.equal(answer.Angle, 0);

  const workbook = await sheetOf(answer.Data);
  const sheet = workbook.worksheets[0]!;
  assert.deepEqual((sheet.model as unknown as { merges: string[] }).merges.sort(), ['A1:C1', 'A2:A3', 'B2:C2']);
  assert.equal(sheet.getCell('B4').value, 1234.5);
  assert.equal(used('table'), 1);
});

test('RecognizeTableAccurateOCR (V3): the same table read by the accurate tier, V3 cells (no titles), charged to its own service', async () => {
  const answer = recognizeTableAccurateResponse.parse(await sdkClient(server.endpoint, key).RecognizeTableAccurateOCR({ ImageBase64: await image('synthetic-ruled-table.png'), UseNewModel: true }));
  const [table] = answer.TableDetections.filter((detection) => detection.Type !== 0);
  assert.equal(table!.Cells.length, 13);
  assert.ok(!('Titles' in table!));
  assert.equal(table!.Cells.find((cell) => cell.RowTl === 2 && cell.ColTl === 1)!.Text, '1,234.50');
  assert.equal(used('table-accurate'), 1);
});

test('a page without a table: no table, its text as type 0, an xlsx that opens, not an error; bad input gets its code', async () => {
  const client = sdkClient(server.endpoint, key);
  const answer = recognizeTableResponse.parse(await client.RecognizeTableOCR({ ImageBase64: await image('phototest.tif') }));
  assert.deepEqual(answer.TableDetections.map((detection) => detection.Type), [0]);
  assert.match(answer.TableDetections[0]!.Cells.map((cell) => cell.Text).join(' '), /quick brown dog/u);
  assert.equal((await sheetOf(answer.Data)).worksheets.length, 1);
  // A file that is no image, and a wrong TableLanguage, are refused as the cloud refuses them.
  assert.equal(await sdkErrorCode(client.RecognizeTableOCR({ ImageBase64: Buffer.from('not an image at all').toString('base64') })), 'FailedOperation.UnKnowFileTypeError');
  assert.equal(await sdkErrorCode(client.RecognizeTableOCR({ ImageBase64: await image('phototest.tif'), TableLanguage: 'fre' })), 'InvalidParameter');
});

test('the plain endpoint answers a table service with the page\'s tables', async () => {
  const answer = await fetch(`${server.url}/v1/ocr`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key.SecretId}:${key.SecretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ image: await image('synthetic-ruled-table.png'), service: 'table', lang: 'eng' }),
  });
  const record = (await answer.json()) as { ok: boolean; tables: TableReading };
  assert.equal(answer.status, 200);
  assert.equal(record.tables.tables[0]!.cells.length, 13);
});

test('the console reads tables and writes the edited ones as xlsx; a layout with overlapping cells is refused in words', async () => {
  await server.workspace.accounts.setPassword('root', 'root password 123');
  const login = await rawRequest(`${server.url}/console/api/login`, { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'root', password: 'root password 123' }) });
  const session = { cookie: String(login.headers['set-cookie']).split(';')[0]!, csrf: (login.json()['value'] as { csrf: string }).csrf };
  const headers = { cookie: session.cookie, 'x-ocr-desk-csrf': session.csrf };
  const form = new FormData();
  form.append('service', 'table');
  form.append('lang', 'eng');
  form.append('image', new Blob([await readFile(corpusPath('synthetic-ruled-table.png'))], { type: 'image/png' }), 'table.png');
  const read = await fetch(`${server.url}/console/api/tables`, { method: 'POST', headers, body: form });
  assert.equal(read.status, 200);
  const { reading } = ((await read.json()) as { value: ConsoleTableReading }).value;
  assert.equal(reading.tables[0]!.cells.length, 13);
  // A text service is sent to /recognize, not read here.
  const wrongDoor = new FormData();
  wrongDoor.append('service', 'general-basic');
  wrongDoor.append('image', new Blob([await readFile(corpusPath('phototest.tif'))]), 'page.tif');
  assert.equal((await fetch(`${server.url}/console/api/tables`, { method: 'POST', headers, body: wrongDoor })).status, 400);

  // Edited in the UI: the label is renamed and the header merge split into two cells.
  const [table] = reading.tables;
  const edited = {
    ...table!,
    cells: [
      ...table!.cells.filter((cell) => !(cell.rowTl === 0 && cell.colTl === 1)).map((cell) => (cell.text === 'Revenue' ? { ...cell, text: 'Sales' } : cell)),
      { ...table!.cells[1]!, colBr: 2, text: '2025 H1' },
      { ...table!.cells[1]!, colTl: 2, colBr: 3, text: '2025 H2' },
    ],
  };
  const xlsx = await fetch(`${server.url}/console/api/tables/xlsx`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ tables: [edited] }) });
  assert.equal(xlsx.status, 200);
  assert.equal(xlsx.headers.get('content-type'), xlsxMediaType);
  const workbook = await sheetOf(Buffer.from(await xlsx.arrayBuffer()).toString('base64'));
  const sheet = workbook.worksheets[0]!;
  assert.deepEqual((sheet.model as unknown as { merges: string[] }).merges.sort(), ['A1:C1', 'A2:A3']);
  assert.equal(sheet.getCell('A4').value, 'Sales');
  assert.equal(sheet.getCell('C2').value, '2025 H2');

  const overlapping = { ...table!, cells: [...table!.cells, { ...table!.cells[0]!, rowTl: 1, rowBr: 2 }] };
  const refused = await fetch(`${server.url}/console/api/tables/xlsx`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ tables: [overlapping] }) });
  assert.equal(refused.status, 400);
  assert.match(((await refused.json()) as { error: { message: string } }).error.message, /overlaps cell 1 at row 2, column 1/u);
});
