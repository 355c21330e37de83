import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { tableWorkbook } from '../../main/export/xlsx/table-workbook.js';
import type { RecognizedTable, TableCell } from '../../shared/table-result.js';
import { cell, unitBox } from '../helpers/table-cells.js';

// exceljs wrote the workbook, so reading it back with exceljs (table-workbook.test.ts) cannot show
// what another spreadsheet program makes of it. LibreOffice, converting to CSV headless, is a second
// reader that shows both what each cell holds and what it displays.

const scratch = await mkdtemp(path.join(os.tmpdir(), 'ocr-desk-table-libreoffice-'));
after(() => rm(scratch, { recursive: true, force: true }));


const tables: RecognizedTable[] = [
  // A ruled financial table: a label over two rows, a year over three columns, amounts written the
  // ways tables write them.
  {
    type: 1,
    rows: 6,
    columns: 4,
    corners: unitBox,
    titles: ['2025 年度财务摘要 Financial summary'],
    cells: [
      cell(0, 0, 'Item 项目', { rows: 2, kind: 'header' }),
      cell(0, 1, '2025', { columns: 3, kind: 'header' }),
      cell(1, 1, 'Q1', { kind: 'header' }),
      cell(1, 2, 'Q2', { kind: 'header' }),
      cell(1, 3, 'Change', { kind: 'header' }),
      cell(2, 0, '营业收入 Revenue'),
      cell(2, 1, '1,234,567.89'),
      cell(2, 2, '(56,000)'),
      cell(2, 3, '12.5%'),
      cell(3, 0, 'Net, after "one-off" items'),
      cell(3, 1, '(1,234.50)'),
      cell(3, 2, '-7'),
      cell(3, 3, '(3.25%)'),
      cell(4, 0, '现金 Cash', { rows: 2 }),
      cell(4, 1, '¥1,000'),
      cell(4, 2, '$2,500.00'),
      cell(4, 3, '(€1,234.50)'),
      cell(5, 1, '0.75'),
      cell(5, 2, '42'),
      cell(5, 3, '100%'),
    ],
  },
  // An unruled list of codes and notes: numbers that are not amounts must stay as written.
  {
    type: 2,
    rows: 5,
    columns: 3,
    corners: unitBox,
    titles: [],
    cells: [
      cell(0, 0, 'Code 编号', { kind: 'header' }),
      cell(0, 1, 'Name 名称', { kind: 'header' }),
      cell(0, 2, 'Note 备注', { kind: 'header' }),
      cell(1, 0, '007'),
      cell(1, 1, '株式会社テスト'),
      cell(1, 2, 'line one\nline two, "quoted", 第三行'),
      cell(2, 0, '110101199003074578'),
      // A block over two rows and two columns.
      cell(2, 1, 'Merged 合并\nover rows and columns', { rows: 2, columns: 2 }),
      cell(3, 0, '00123'),
      cell(4, 0, '2024-01-05'),
      cell(4, 1, '=1+1'),
      cell(4, 2, 'N/A'),
    ],
  },
  // A block at the top-left corner under two titles, and a grid position no cell covers.
  {
    type: 1,
    rows: 3,
    columns: 3,
    corners: unitBox,
    titles: ['表三 Table three', 'continued 续'],
    cells: [cell(0, 0, '合计 Total', { rows: 2, columns: 2, kind: 'header' }), cell(0, 2, '9,999'), cell(1, 2, '(0.5)'), cell(2, 0, 'a,b'), cell(2, 1, '"')],
  },
];

/**
 * What LibreOffice writes unformatted for a cell that became a number: the stored value, in
 * LibreOffice's own notation (a percentage keeps its % sign, so that it reads back the same). Every
 * other cell holds text and is written as it is.
 */
const storedAs: Readonly<Record<string, string>> = {
  '1,234,567.89': '1234567.89',
  '(56,000)': '-56000',
  '12.5%': '12.5%',
  '(1,234.50)': '-1234.5',
  '-7': '-7',
  '(3.25%)': '-3.25%',
  '¥1,000': '1000',
  '$2,500.00': '2500',
  '(€1,234.50)': '-1234.5',
  '0.75': '0.75',
  '42': '42',
  '100%': '100%',
  '9,999': '9999',
  '(0.5)': '-0.5',
};

/** The sheet a table should give: titles above, each cell's value at its top-left, the rest of a span empty. */
function expectedSheet(table: RecognizedTable, valueOf: (cell: TableCell) => string): string[][] {
  const grid = Array.from({ length: table.titles.length + table.rows }, () => Array.from({ length: table.columns }, () => ''));
  table.titles.forEach((title, row) => (grid[row]![0] = title));
  for (const cell of table.cells) grid[table.titles.length + cell.rowTl]![cell.colTl] = valueOf(cell);
  return grid;
}

/** RFC 4180 CSV: quoted fields may hold separators, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  assert.equal(quoted, false, 'the CSV ends inside a quoted field');
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

const run = promisify(execFile);
const sheetNames = tables.map((_, index) => `Table ${index + 1}`);
const xlsx = path.join(scratch, 'tables.xlsx');
await writeFile(xlsx, await tableWorkbook(tables));

/**
 * Every sheet of the workbook as LibreOffice exports it to CSV, by sheet name. `shown`: the text each
 * cell displays through its number format, else the value it stores.
 */
async function libreOfficeCsv(shown: boolean): Promise<{ sheets: Map<string, string[][]>; milliseconds: number }> {
  try {
    await run('soffice', ['--version'], { timeout: 60_000 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      assert.fail('LibreOffice (soffice) is not installed: run scripts/install-system-packages.sh (as root) to install libreoffice-calc-nogui');
    }
    throw error;
  }
  const outDir = path.join(scratch, shown ? 'shown' : 'stored');
  await mkdir(outDir);
  // The CSV filter's options, by position: comma, double quote, UTF-8 (76), first line 1, no column
  // formats, default language, text quoted only when it must be, numbers as numbers, cells as shown
  // or stored, values rather than formulas, spaces kept, and -1: every sheet to its own file,
  // <name>-<sheet name>.csv (LibreOffice 7.2 and later; older versions write the first sheet only).
  const filter = `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,${shown},false,false,-1`;
  const started = performance.now();
  const { stdout, stderr } = await run(
    'soffice',
    // A private profile: parallel runs (and a LibreOffice the developer has open) each get their own,
    // otherwise the second soffice hands its job to the first and exits.
    [`-env:UserInstallation=${pathToFileURL(path.join(scratch, 'lo-profile')).href}`, '--headless', '--convert-to', filter, '--outdir', outDir, xlsx],
    { timeout: 120_000 },
  );
  const milliseconds = performance.now() - started;
  // soffice exits 0 even when it could not convert, so the files are the result.
  const files = (await readdir(outDir)).sort();
  assert.deepEqual(files, sheetNames.map((name) => `tables-${name}.csv`).sort(), `one CSV per sheet\nsoffice stdout: ${stdout}\nstderr: ${stderr}`);
  const sheets = new Map<string, string[][]>();
  for (const name of sheetNames) sheets.set(name, parseCsv(await readFile(path.join(outDir, `tables-${name}.csv`), 'utf8')));
  return { sheets, milliseconds };
}

test('LibreOffice shows every cell as the table wrote it: spans, formatted numbers, leading zeros, CJK and line breaks', { timeout: 180_000 }, async (t) => {
  const { sheets, milliseconds } = await libreOfficeCsv(true);
  t.diagnostic(`LibreOffice converted ${tables.length} sheets in ${Math.round(milliseconds)} ms`);
  tables.forEach((table, index) => {
    // Through their number formats, numbers read exactly as the OCR read them ("(56,000)",
    // "¥1,000", "(3.25%)"), and text is untouched.
    assert.deepEqual(sheets.get(sheetNames[index]!), expectedSheet(table, (cell) => cell.text), sheetNames[index]);
  });
});

test('LibreOffice reads amounts as numbers and everything else as text', { timeout: 180_000 }, async () => {
  const { sheets } = await libreOfficeCsv(false);
  tables.forEach((table, index) => {
    // Unformatted, a number shows its stored value ("(56,000)" is -56000), while "007", an 18-digit
    // ID card number and "2024-01-05" come back unchanged: they were stored as text.
    assert.deepEqual(sheets.get(sheetNames[index]!), expectedSheet(table, (cell) => (cell.kind === 'header' ? cell.text : (storedAs[cell.text] ?? cell.text))), sheetNames[index]);
  });
});
