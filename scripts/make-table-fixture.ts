/**
 * Writes test/fixtures/corpus/synthetic-ruled-table.png and its truth: a SYNTHETIC ruled table
 * (drawn here with an SVG and Noto Sans CJK, no real scan) with a header over two columns and a
 * label over two rows, because ../shared/corpus/table (real PubTabNet tables) is not on these
 * machines. Run: node --import tsx scripts/make-table-fixture.ts
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'corpus');
const columns = [80, 420, 760, 1100];
const rows = [120, 190, 260, 330, 400, 470];
const cells: Array<{ row: number; col: number; rows?: number; cols?: number; text: string }> = [
  { row: 0, col: 0, rows: 2, text: 'Item' },
  { row: 0, col: 1, cols: 2, text: '2025' },
  { row: 1, col: 1, text: 'Q1' },
  { row: 1, col: 2, text: 'Q2' },
  { row: 2, col: 0, text: 'Revenue' },
  { row: 2, col: 1, text: '1,234.50' },
  { row: 2, col: 2, text: '1,410.00' },
  { row: 3, col: 0, text: 'Cost' },
  { row: 3, col: 1, text: '(560)' },
  { row: 3, col: 2, text: '(602)' },
  { row: 4, col: 0, text: 'Margin' },
  { row: 4, col: 1, text: '54.6%' },
  { row: 4, col: 2, text: '57.3%' },
];
const line = (x1: number, y1: number, x2: number, y2: number) => `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="black" stroke-width="2"/>`;
const rules: string[] = [];
// Horizontal rules, leaving out the one inside the label "Item" (rows 0-1, column 0).
rules.push(line(columns[0]!, rows[0]!, columns[3]!, rows[0]!));
rules.push(line(columns[1]!, rows[1]!, columns[3]!, rows[1]!));
for (const y of rows.slice(2)) rules.push(line(columns[0]!, y, columns[3]!, y));
// Vertical rules, leaving out the one inside the header "2025" (row 0, columns 1-2).
rules.push(line(columns[0]!, rows[0]!, columns[0]!, rows[5]!));
rules.push(line(columns[1]!, rows[0]!, columns[1]!, rows[5]!));
rules.push(line(columns[2]!, rows[1]!, columns[2]!, rows[5]!));
rules.push(line(columns[3]!, rows[0]!, columns[3]!, rows[5]!));
const texts = cells.map((cell) => {
  const x = (columns[cell.col]! + columns[cell.col + (cell.cols ?? 1)]!) / 2;
  const y = (rows[cell.row]! + rows[cell.row + (cell.rows ?? 1)]!) / 2 + 10;
  return `<text x="${x}" y="${y}" font-family="Noto Sans CJK SC" font-size="28" text-anchor="middle">${cell.text}</text>`;
});
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1180" height="540"><rect width="100%" height="100%" fill="white"/>
<text x="80" y="90" font-family="Noto Sans CJK SC" font-size="30" font-weight="bold">Quarterly results</text>${rules.join('')}${texts.join('')}</svg>`;
await writeFile(path.join(folder, 'synthetic-ruled-table.png'), await sharp(Buffer.from(svg)).png().toBuffer());
const truth = { title: 'Quarterly results', rows: 5, columns: 3, cells: cells.map((cell) => ({ rowTl: cell.row, colTl: cell.col, rowBr: cell.row + (cell.rows ?? 1), colBr: cell.col + (cell.cols ?? 1), text: cell.text })) };
await writeFile(path.join(folder, 'synthetic-ruled-table.truth.json'), `${JSON.stringify(truth, null, 1)}\n`);
