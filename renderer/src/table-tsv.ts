import type { RecognizedTable } from '../../shared/table-result.js';

/** A field as spreadsheets paste it: quoted (quotes doubled) when it holds a tab, line break or quote. */
const field = (text: string) => (/[\t\n\r"]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text);

/**
 * A table as tab-separated text for the clipboard: one line a grid row, a spanning cell's text in
 * its top-left position and the positions it covers empty (what a spreadsheet's paste expects;
 * TSV has no merges). Titles come first, each on its own line.
 */
export function tableTsv(table: Pick<RecognizedTable, 'rows' | 'columns' | 'cells' | 'titles'>): string {
  const grid = Array.from({ length: table.rows }, () => Array.from({ length: table.columns }, () => ''));
  for (const cell of table.cells) {
    const line = grid[cell.rowTl];
    if (line && cell.colTl < line.length) line[cell.colTl] = cell.text;
  }
  const titles = table.titles.filter((title) => title.trim() !== '').map(field);
  return [...titles, ...grid.map((line) => line.map(field).join('\t'))].join('\n');
}
