/** Plain aligned text tables: the bench prints to a terminal or a CI log, where Markdown would not render. */

export type Align = 'left' | 'right';

export interface Column {
  readonly title: string;
  readonly align?: Align;
}

export function formatTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((column, index) => Math.max(displayWidth(column.title), ...rows.map((row) => displayWidth(row[index] ?? ''))));
  const line = (cells: readonly string[]) =>
    columns
      .map((column, index) => pad(cells[index] ?? '', widths[index]!, column.align ?? 'right'))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(columns.map((column) => column.title)), rule, ...rows.map(line)].join('\n');
}

function pad(text: string, width: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'left' ? text + fill : fill + text;
}

/** CJK and full-width characters take two terminal columns; counting them as one skews the columns. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return width;
}

export const formatMs = (ms: number | null): string => (ms === null ? '–' : Math.round(ms).toLocaleString('en-US'));
export const formatPercent = (fraction: number | null): string => (fraction === null ? '–' : `${(fraction * 100).toFixed(1)}%`);
export const formatRatio = (ratio: number | null): string => (ratio === null ? '–' : `${ratio.toFixed(2)}×`);
