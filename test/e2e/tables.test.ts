import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { corpusPath } from '../helpers/fixture-corpus.js';
import { dropFiles, screenshotFolder, startUiSession, type UiSession } from '../helpers/ui-session.js';

// The Tables page as a person uses it, on the SYNTHETIC ruled table (scripts/make-table-fixture.ts):
// a header "2025" over two columns, a label "Item" over two rows, the title "Quarterly results".
let session: UiSession;
let page: Page;
let downloads = '';

before(async () => {
  session = await startUiSession();
  page = session.page;
  downloads = await mkdtemp(path.join(os.tmpdir(), 'ocr-desk-xlsx-'));
  await page.goto(session.loginLink);
  await page.getByRole('navigation').getByRole('button', { name: 'Tables' }).click();
});

after(async () => {
  await session?.close();
  await rm(downloads, { recursive: true, force: true });
});

const cell = (row: number, column: number) => page.locator(`[data-testid="table-grid"] [data-row="${row}"][data-col="${column}"]`);
const cells = () => page.locator('[data-testid="table-grid"] [data-testid="table-cell"]');
const status = () => page.getByTestId('tables-status').getAttribute('data-status');

/** Types into a cell as a person does: click, type (lines and all), Ctrl+Enter keeps it. */
async function typeInto(row: number, column: number, text: string) {
  await cell(row, column).click();
  const box = cell(row, column).getByLabel('Cell text');
  await box.fill(text);
  await box.press('Control+Enter');
  await page.waitForFunction(`!document.querySelector('[data-testid="table-grid"] textarea')`);
}

test('a file that is no image fails with its message in the page', async () => {
  await dropFiles(page, '[data-testid="tables-drop-zone"]', [{ name: 'broken.png', type: 'image/png', bytes: Buffer.from('this is not an image at all') }]);
  await page.waitForFunction(`document.querySelector('[data-testid="tables-status"]')?.getAttribute('data-status') === 'failed'`, null, { timeout: 30_000 });
  assert.match(await page.getByRole('alert').innerText(), /^The page could not be read: .*(not an image|format|decode)/iu);
});

test('a TIFF, which a browser cannot show, is shown from the server\'s preview with the grid over it', async () => {
  // Scoped: the Recognize page, kept mounted while hidden, has a language menu of the same name.
  await page.locator('.tables-page').getByLabel('Text language').selectOption('eng');
  const tiff = await sharp(corpusPath('synthetic-ruled-table.png')).tiff().toBuffer();
  await dropFiles(page, '[data-testid="tables-drop-zone"]', [{ name: 'ruled-table.tif', type: 'image/tiff', bytes: tiff }]);
  await page.waitForFunction(`document.querySelector('[data-testid="tables-status"]')?.getAttribute('data-status') === 'done'`, null, { timeout: 60_000 });
  assert.match((await page.locator('.tables-result .overlay-frame img').getAttribute('src')) ?? '', /^data:image\/png;base64,/u);
  assert.equal(await page.locator('[data-testid="table-cells"] polygon[data-cell]').count(), 13);
});

test('a reading can be cancelled while it runs, and read again', async () => {
  // The request is held in the browser until the Cancel click, so the click never races a warm
  // engine that reads this small page in a fraction of a second.
  let release = () => undefined as void;
  await page.route('**/console/api/tables', async (route) => {
    await new Promise<void>((resolve) => (release = resolve));
    await route.continue().catch(() => undefined);
  });
  await page.getByTestId('tables-file-input').setInputFiles(corpusPath('synthetic-ruled-table.png'));
  await page.waitForFunction(`['uploading', 'reading'].includes(document.querySelector('[data-testid="tables-status"]')?.getAttribute('data-status'))`);
  await page.getByTestId('tables-status').getByRole('button', { name: 'Cancel' }).click();
  await page.waitForFunction(`document.querySelector('[data-testid="tables-status"]')?.getAttribute('data-status') === 'cancelled'`);
  release();
  await page.unroute('**/console/api/tables');
  assert.equal(await page.getByRole('alert').count(), 0, 'a cancellation is no error');
  await page.getByRole('button', { name: 'Read again' }).click();
  await page.waitForFunction(`document.querySelector('[data-testid="tables-status"]')?.getAttribute('data-status') === 'done'`, null, { timeout: 60_000 });
  assert.equal(await status(), 'done');
});

test('the grid over the image and in the editor: 13 cells, "2025" over two columns, "Item" over two rows, linked by hover and focus', async () => {
  await page.getByTestId('table-grid').waitFor();
  assert.equal(await page.getByTestId('table-editor').count(), 1);
  assert.equal(await cells().count(), 13);
  assert.equal(await page.locator('[data-testid="table-cells"] polygon[data-cell]').count(), 13, 'one outline per cell on the image');
  assert.equal(await cell(0, 1).innerText(), '2025');
  assert.equal(await cell(0, 1).getAttribute('colspan'), '2');
  assert.equal(await cell(0, 0).innerText(), 'Item');
  assert.equal(await cell(0, 0).getAttribute('rowspan'), '2');
  assert.equal(await page.locator('[data-testid="table-grid"] th[data-row="0"][data-col="0"]').count(), 1, 'the header rows are header cells');
  assert.equal(await page.locator('[data-testid="table-grid"] td[data-row="2"][data-col="0"]').count(), 1);
  assert.match(await page.getByLabel('Titles 1').inputValue(), /Quarterly results/u);
  // The image is the file itself (an object URL), the outlines in its pixels.
  assert.match((await page.locator('.tables-result .overlay-frame img').getAttribute('src')) ?? '', /^blob:/u);
  // Hovering an outline lights its cell in the editor; focusing a cell lights its outline.
  await page.locator('[data-testid="table-cells"] polygon[data-cell="0:0:1"]').hover();
  assert.match((await cell(0, 1).getAttribute('class')) ?? '', /hovered/u);
  await cell(3, 2).focus();
  assert.match((await page.locator('[data-testid="table-cells"] polygon[data-cell="0:3:2"]').getAttribute('class')) ?? '', /hovered/u);
  // Doubtful cells are marked on both sides alike.
  const doubtful = await page.locator('[data-testid="table-cells"] polygon.low').count();
  assert.equal(await page.locator('[data-testid="table-grid"] .low').count(), doubtful);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(screenshotFolder, 'tables.png'), fullPage: true });
});

test('edit a cell, split "2025", add a row, export: the workbook has the edit, the merges left and the new row', async () => {
  await typeInto(2, 0, 'Revenue\n(restated)');
  assert.equal(await cell(2, 0).innerText(), 'Revenue\n(restated)');
  // By keyboard: Enter opens the cell, Esc leaves it as it was.
  await cell(3, 0).focus();
  await page.keyboard.press('Enter');
  await cell(3, 0).getByLabel('Cell text').fill('not kept');
  await page.keyboard.press('Escape');
  assert.equal(await cell(3, 0).innerText(), 'Cost');
  await cell(0, 1).click();
  await page.getByRole('button', { name: 'Split', exact: true }).click();
  assert.equal(await cells().count(), 14);
  assert.equal(await cell(0, 1).getAttribute('colspan'), '1');
  assert.equal(await cell(0, 2).innerText(), '');
  await cell(4, 0).click();
  await page.getByRole('button', { name: 'Row below' }).click();
  assert.equal(await cells().count(), 17);
  await typeInto(5, 0, 'Checked');
  // A rectangle selected with shift-click merges into one cell; merged back, it is as it was.
  await cell(5, 1).click();
  await cell(5, 2).click({ modifiers: ['Shift'] });
  await page.getByRole('button', { name: 'Merge', exact: true }).click();
  assert.equal(await cell(5, 1).getAttribute('colspan'), '2');
  await page.getByRole('button', { name: 'Split', exact: true }).click();
  assert.equal(await cells().count(), 17);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(screenshotFolder, 'tables-edited.png'), fullPage: true });

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export xlsx' }).click();
  const download = await downloading;
  assert.equal(download.suggestedFilename(), 'synthetic-ruled-table.xlsx');
  const file = path.join(downloads, download.suggestedFilename());
  await download.saveAs(file);
  await page.getByText('Exported').waitFor();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile(file)) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  const sheet = workbook.worksheets[0]!;
  // The title row merged over the three columns, then the table from row 2: "Item" still over two
  // rows, "2025" split (no B2:C2 any more).
  assert.deepEqual((sheet.model as unknown as { merges: string[] }).merges.sort(), ['A1:C1', 'A2:A3']);
  assert.match(String(sheet.getCell('A1').value), /Quarterly results/u);
  assert.equal(sheet.getCell('B2').value, '2025');
  assert.ok(!sheet.getCell('C2').value, 'the cell split off is empty');
  assert.equal(sheet.getCell('A4').value, 'Revenue\n(restated)');
  assert.equal(sheet.getCell('C5').value, -602, 'untouched amounts are still numbers');
  assert.equal(sheet.getCell('A7').value, 'Checked', 'the new row');
  assert.ok(!sheet.getCell('B7').value);
  assert.equal(sheet.rowCount, 7);
});

test('the page fits 1280x800; in Chinese; no console errors', async () => {
  const overflow = await page.evaluate('document.scrollingElement.scrollWidth - window.innerWidth');
  assert.ok(Number(overflow) <= 0, `the Tables page is ${overflow} px too wide`);
  await page.getByLabel('Language', { exact: true }).selectOption('zh-CN');
  await page.getByRole('navigation').getByRole('button', { name: '表格' }).waitFor();
  await page.getByRole('button', { name: '导出 xlsx' }).waitFor();
  await page.getByRole('button', { name: '下方插入行' }).waitFor();
  await page.getByText('已导出').waitFor(); // the last action's line follows the language too
  await page.screenshot({ path: path.join(screenshotFolder, 'tables-zh.png'), fullPage: true });
  // A failed request shows in the console as a resource error; the broken file above is one (4xx).
  assert.deepEqual(session.consoleErrors.filter((message) => !/status of 4\d\d/u.test(message)), []);
});
