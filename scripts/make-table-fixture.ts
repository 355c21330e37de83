/**
 * Writes test/fixtures/corpus/synthetic-ruled-table.png and its truth: a SYNTHETIC ruled table
 * (test/helpers/synthetic-table.ts, drawn with an SVG and Noto Sans CJK, no real scan) with a header
 * over two columns and a label over two rows, because ../shared/corpus/table (real PubTabNet
 * tables) is not on these machines. Run: node --import tsx scripts/make-table-fixture.ts
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderPage, ruledTable, truthOf } from '../test/helpers/synthetic-table.js';

const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'corpus');
await writeFile(path.join(folder, 'synthetic-ruled-table.png'), await renderPage(1180, 540, [ruledTable]));
const truth = { title: ruledTable.title, rows: ruledTable.rows.length - 1, columns: ruledTable.columns.length - 1, cells: truthOf(ruledTable) };
await writeFile(path.join(folder, 'synthetic-ruled-table.truth.json'), `${JSON.stringify(truth, null, 1)}\n`);
