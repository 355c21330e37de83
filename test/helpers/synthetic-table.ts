import sharp from 'sharp';

/**
 * SYNTHETIC tables, drawn at test time with an SVG and Noto Sans CJK (Debian's fonts-noto-cjk),
 * because ../shared/corpus/table (real PubTabNet tables) is not on these machines. Each comes with
 * its truth: every cell of the grid (empty ones too) with its span, Br exclusive.
 */
export interface SyntheticCell {
  readonly row: number;
  readonly col: number;
  readonly rows?: number;
  readonly cols?: number;
  /** Lines joined with `\n`. */
  readonly text: string;
}

export interface SyntheticTable {
  /** Left edges of the columns and the right edge of the last. */
  readonly columns: readonly number[];
  /** Top edges of the rows and the bottom edge of the last. */
  readonly rows: readonly number[];
  readonly cells: readonly SyntheticCell[];
  /** grid: every rule drawn (none inside a span); across: top, under the header, bottom; none. */
  readonly rules: 'grid' | 'across' | 'none';
  readonly headerRows: number;
  readonly title?: string;
  readonly align?: 'left' | 'middle';
}

export interface TruthCell {
  readonly rowTl: number;
  readonly colTl: number;
  readonly rowBr: number;
  readonly colBr: number;
  readonly text: string;
}

const escape = (text: string) => text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
const fontSize = 28;
const linePitch = 36;

function tableSvg(table: SyntheticTable): string {
  const { columns, rows } = table;
  const parts: string[] = [];
  const line = (x1: number, y1: number, x2: number, y2: number) => parts.push(`<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="black" stroke-width="2"/>`);
  const [left, right] = [columns[0]!, columns.at(-1)!];
  if (table.rules === 'across') {
    line(left, rows[0]!, right, rows[0]!);
    line(left, rows[table.headerRows]!, right, rows[table.headerRows]!);
    line(left, rows.at(-1)!, right, rows.at(-1)!);
  }
  if (table.rules === 'grid') {
    // A rule runs along every cell edge; spans have none inside them.
    for (const cell of table.cells) {
      const [x0, x1] = [columns[cell.col]!, columns[cell.col + (cell.cols ?? 1)]!];
      const [y0, y1] = [rows[cell.row]!, rows[cell.row + (cell.rows ?? 1)]!];
      line(x0, y0, x1, y0);
      line(x0, y1, x1, y1);
      line(x0, y0, x0, y1);
      line(x1, y0, x1, y1);
    }
  }
  for (const cell of table.cells) {
    const [x0, x1] = [columns[cell.col]!, columns[cell.col + (cell.cols ?? 1)]!];
    const [y0, y1] = [rows[cell.row]!, rows[cell.row + (cell.rows ?? 1)]!];
    const lines = cell.text === '' ? [] : cell.text.split('\n');
    const firstBaseline = (y0 + y1) / 2 - ((lines.length - 1) * linePitch) / 2 + fontSize * 0.35;
    const middle = table.align !== 'left' || (cell.cols ?? 1) > 1;
    lines.forEach((text, index) => {
      const x = middle ? (x0 + x1) / 2 : x0 + 12;
      parts.push(`<text x="${x}" y="${firstBaseline + index * linePitch}" font-family="Noto Sans CJK SC" font-size="${fontSize}" text-anchor="${middle ? 'middle' : 'start'}">${escape(text)}</text>`);
    });
  }
  if (table.title) parts.push(`<text x="${left}" y="${rows[0]! - 30}" font-family="Noto Sans CJK SC" font-size="30" font-weight="bold">${escape(table.title)}</text>`);
  return parts.join('');
}

/** The truth of a table: every position of the grid covered by exactly one cell. */
export function truthOf(table: SyntheticTable): TruthCell[] {
  return [...table.cells]
    .sort((a, b) => a.row - b.row || a.col - b.col)
    .map((cell) => ({ rowTl: cell.row, colTl: cell.col, rowBr: cell.row + (cell.rows ?? 1), colBr: cell.col + (cell.cols ?? 1), text: cell.text }));
}

/** A page holding the tables (and any free text lines at their heights), as a PNG. */
export async function renderPage(width: number, height: number, tables: readonly SyntheticTable[], text: ReadonlyArray<{ x: number; y: number; text: string }> = []): Promise<Buffer> {
  const free = text.map((item) => `<text x="${item.x}" y="${item.y}" font-family="Noto Sans CJK SC" font-size="${fontSize}">${escape(item.text)}</text>`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="white"/>${tables.map(tableSvg).join('')}${free.join('')}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** Every position of a rows x columns grid not covered by a given cell, as an empty cell. */
export function withEmptyCells(rows: number, columns: number, cells: readonly SyntheticCell[]): SyntheticCell[] {
  const covered = new Set<string>();
  for (const cell of cells) for (let r = cell.row; r < cell.row + (cell.rows ?? 1); r += 1) for (let c = cell.col; c < cell.col + (cell.cols ?? 1); c += 1) covered.add(`${r},${c}`);
  const empty: SyntheticCell[] = [];
  for (let r = 0; r < rows; r += 1) for (let c = 0; c < columns; c += 1) if (!covered.has(`${r},${c}`)) empty.push({ row: r, col: c, text: '' });
  return [...cells, ...empty];
}

/**
 * A ruled table with a header over two columns and a label over two rows: the committed fixture
 * test/fixtures/corpus/synthetic-ruled-table.png (scripts/make-table-fixture.ts draws it).
 */
export const ruledTable: SyntheticTable = {
  columns: [80, 420, 760, 1100],
  rows: [120, 190, 260, 330, 400, 470],
  rules: 'grid',
  headerRows: 2,
  title: 'Quarterly results',
  cells: [
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
  ],
};

/**
 * A table ruled only across (top, under the header, bottom), as scientific papers print them: a
 * two-level header ("Variable" down both header rows, "Treatment" over two sub-columns), and a
 * first-column label wrapped onto a second line.
 */
export const acrossRuledTable: SyntheticTable = {
  columns: [80, 420, 640, 860, 1080],
  rows: [140, 196, 252, 308, 400, 456, 512],
  rules: 'across',
  headerRows: 2,
  title: 'Table 2. Outcomes by group',
  cells: [
    { row: 0, col: 0, rows: 2, text: 'Variable' },
    { row: 0, col: 1, cols: 2, text: 'Treatment' },
    { row: 0, col: 3, rows: 2, text: 'Control' },
    { row: 1, col: 1, text: 'Dose A' },
    { row: 1, col: 2, text: 'Dose B' },
    { row: 2, col: 0, text: 'Patients' },
    { row: 2, col: 1, text: '1,204' },
    { row: 2, col: 2, text: '1,187' },
    { row: 2, col: 3, text: '1,210' },
    { row: 3, col: 0, text: 'Median age\nin years' },
    { row: 3, col: 1, text: '54.2' },
    { row: 3, col: 2, text: '55.0' },
    { row: 3, col: 3, text: '53.8' },
    { row: 4, col: 0, text: 'Recovered' },
    { row: 4, col: 1, text: '81.5%' },
    { row: 4, col: 2, text: '79.9%' },
    { row: 4, col: 3, text: '62.3%' },
    { row: 5, col: 0, text: 'Side effects' },
    { row: 5, col: 1, text: '(12)' },
    { row: 5, col: 2, text: '(15)' },
    { row: 5, col: 3, text: '(9)' },
  ],
};

/** A table with no rules at all: columns only by alignment, one empty cell. */
export const unruledTable: SyntheticTable = {
  columns: [80, 400, 640, 880],
  rows: [760, 814, 868, 922, 976],
  rules: 'none',
  headerRows: 1,
  align: 'left',
  cells: withEmptyCells(4, 3, [
    { row: 0, col: 0, text: 'Region' },
    { row: 0, col: 1, text: 'Stores' },
    { row: 0, col: 2, text: 'Sales' },
    { row: 1, col: 0, text: 'North' },
    { row: 1, col: 1, text: '42' },
    { row: 1, col: 2, text: '3,120' },
    { row: 2, col: 0, text: 'South' },
    { row: 2, col: 1, text: '37' },
    { row: 3, col: 0, text: 'East' },
    { row: 3, col: 1, text: '29' },
    { row: 3, col: 2, text: '2,045' },
  ]),
};

/** A fully ruled Chinese table (a budget), with a region label down two rows and a note over two columns. */
export const chineseRuledTable: SyntheticTable = {
  columns: [80, 300, 520, 740, 960],
  rows: [140, 200, 260, 320, 380, 440],
  rules: 'grid',
  headerRows: 1,
  title: '二〇二五年部门预算',
  cells: [
    { row: 0, col: 0, text: '地区' },
    { row: 0, col: 1, text: '部门' },
    { row: 0, col: 2, text: '预算' },
    { row: 0, col: 3, text: '已用' },
    { row: 1, col: 0, rows: 2, text: '华东' },
    { row: 1, col: 1, text: '研发部' },
    { row: 1, col: 2, text: '1,200,000' },
    { row: 1, col: 3, text: '85.5%' },
    { row: 2, col: 1, text: '市场部' },
    { row: 2, col: 2, text: '650,000' },
    { row: 2, col: 3, text: '72.0%' },
    { row: 3, col: 0, text: '华南' },
    { row: 3, col: 1, text: '销售部' },
    { row: 3, col: 2, text: '980,000' },
    { row: 3, col: 3, text: '91.3%' },
    { row: 4, col: 0, text: '备注' },
    { row: 4, col: 1, cols: 3, text: '单位为人民币元' },
  ],
};
