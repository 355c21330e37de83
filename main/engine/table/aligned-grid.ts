import type { Box } from '../../../shared/ocr-result.js';
import type { GridCell, RuledGrid } from './grid-from-rules.js';

/** A word where the table is looked for: its box in the image as given. */
export interface WordOnPage {
  readonly text: string;
  readonly confidence: number;
  readonly box: Box;
  /** The reading's line it came from. */
  readonly line: number;
}

/** A row of text across the table: words whose middles lie at one height. */
export interface TextRow {
  readonly words: readonly WordOnPage[];
  readonly top: number;
  readonly bottom: number;
  readonly middle: number;
}

/** Words of a row that belong together: the gaps between them are word spaces, not a column gap. */
export interface Segment {
  readonly row: number;
  readonly left: number;
  readonly right: number;
  readonly words: readonly WordOnPage[];
}

/** A grid found from where the words are, with the header rows when something (a rule) told them. */
export interface AlignedGrid extends RuledGrid {
  readonly headerRows: number | null;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.floor(sorted.length / 2)]!;
};

/**
 * The usual height of a line of text: what gaps and row distances are measured against. The
 * tallest half of the word boxes, as a word of small letters ("a", "or") is half a line high.
 */
export const wordHeight = (words: readonly WordOnPage[]): number => {
  const heights = words.map((word) => word.box.height).sort((a, b) => a - b);
  return Math.max(1, median(heights.slice(Math.floor(heights.length / 2))));
};

/**
 * Words grouped into rows by the height of their middles (within 0.45 word heights of a row's
 * middle), top to bottom. A rule between two words (`splitAt`) always parts them.
 */
export function textRows(words: readonly WordOnPage[], splitAt: readonly number[] = []): TextRow[] {
  const height = wordHeight(words);
  const middleOf = (word: WordOnPage) => word.box.y + word.box.height / 2;
  const rows: Array<{ words: WordOnPage[]; sum: number }> = [];
  for (const word of [...words].sort((a, b) => middleOf(a) - middleOf(b))) {
    const row = rows.at(-1);
    const middle = middleOf(word);
    const rowMiddle = row ? row.sum / row.words.length : 0;
    const ruleBetween = splitAt.some((y) => (y - rowMiddle) * (y - middle) < 0);
    if (row && !ruleBetween && middle - rowMiddle <= 0.45 * height) {
      row.words.push(word);
      row.sum += middle;
    } else rows.push({ words: [word], sum: middle });
  }
  return rows.map((row) => ({
    words: [...row.words].sort((a, b) => a.box.x - b.box.x),
    top: Math.min(...row.words.map((word) => word.box.y)),
    bottom: Math.max(...row.words.map((word) => word.box.y + word.box.height)),
    middle: row.sum / row.words.length,
  }));
}

/**
 * A row cut where the space between two words is wider than `gap` pixels: within a cell words are
 * a space apart (a third of a word's height), between columns far more.
 */
export function segmentsOf(row: TextRow, rowIndex: number, gap: number): Segment[] {
  const segments: Array<{ left: number; right: number; words: WordOnPage[] }> = [];
  for (const word of row.words) {
    const last = segments.at(-1);
    if (last && word.box.x - last.right <= gap) {
      last.words.push(word);
      last.right = Math.max(last.right, word.box.x + word.box.width);
    } else segments.push({ left: word.box.x, right: word.box.x + word.box.width, words: [word] });
  }
  return segments.map((segment) => ({ ...segment, row: rowIndex }));
}

/** The gap that parts columns: measured on real tables, a word space is 0.3-0.5 word heights. */
export const columnGap = (height: number) => 0.9 * height;

const overlaps = (a: { left: number; right: number }, b: { left: number; right: number }) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0;

/**
 * Columns as x ranges, left to right. A segment over or under two segments of another row (or
 * within `reach` of them: a header centred over its sub-columns may not quite reach them) is a cell
 * spanning columns and does not join them; the other segments that overlap horizontally are one
 * column.
 */
export function columnsOf(segments: readonly Segment[], reach: number): Array<{ left: number; right: number }> {
  const byRow = new Map<number, Segment[]>();
  for (const segment of segments) byRow.set(segment.row, [...(byRow.get(segment.row) ?? []), segment]);
  const near = (a: Segment, b: Segment) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > -reach;
  const spans = (segment: Segment) => [...byRow.entries()].some(([row, others]) => row !== segment.row && others.filter((other) => near(other, segment)).length >= 2);
  const base = segments.filter((segment) => !spans(segment));
  const parent = base.map((_, index) => index);
  const find = (index: number): number => (parent[index] === index ? index : (parent[index] = find(parent[index]!)));
  base.forEach((a, i) => base.forEach((b, j) => j > i && overlaps(a, b) && (parent[find(i)] = find(j))));
  const clusters = new Map<number, { left: number; right: number }>();
  base.forEach((segment, index) => {
    const key = find(index);
    const cluster = clusters.get(key);
    clusters.set(key, cluster ? { left: Math.min(cluster.left, segment.left), right: Math.max(cluster.right, segment.right) } : { left: segment.left, right: segment.right });
  });
  // Clusters that still overlap (chained through different rows) are one column.
  const merged: Array<{ left: number; right: number }> = [];
  for (const cluster of [...clusters.values()].sort((a, b) => a.left - b.left)) {
    const last = merged.at(-1);
    if (last && cluster.left < last.right) last.right = Math.max(last.right, cluster.right);
    else merged.push({ ...cluster });
  }
  return merged;
}

/**
 * The columns a segment covers, as [first, last + 1): those between whose lines lies at least a
 * quarter of it (text centred over two columns has half in each; a long label reaching a little
 * past its column's line stays in its column), else the one holding its middle.
 */
function columnRange(segment: Segment, columnLines: readonly number[]): [number, number] {
  const width = Math.max(1, segment.right - segment.left);
  const columns = columnLines.length - 1;
  const edge = (index: number) => (index === 0 ? -Infinity : index === columns ? Infinity : columnLines[index]!);
  const covered = Array.from({ length: columns }, (_, index) => index).filter((index) => Math.min(segment.right, edge(index + 1)) - Math.max(segment.left, edge(index)) >= 0.25 * width);
  if (covered.length > 0) return [covered[0]!, covered.at(-1)! + 1];
  const middle = (segment.left + segment.right) / 2;
  const holding = Array.from({ length: columns }, (_, index) => index).find((index) => middle >= edge(index) && middle < edge(index + 1)) ?? 0;
  return [holding, holding + 1];
}

export interface AlignedGridOptions {
  /** The table's extent, when rules drew it; otherwise the words' extent. */
  readonly bounds?: { readonly left: number; readonly top: number; readonly right: number; readonly bottom: number };
  /** Heights of rules inside the table: rows never run across them. */
  readonly rules?: readonly number[];
  /** Rows above this height are the header (a rule under the header says so). */
  readonly headerEnd?: number;
}

/**
 * The grid of a table drawn without (or with only horizontal) rules, from the alignment of its
 * words: rows by height, columns by the horizontal gaps every row leaves open, a cell spanning
 * columns where one segment lies over several columns, and a line continuing the cell above where
 * it fills only columns the row above filled and follows it closer than rows follow each other.
 * Header cells with nothing under them in the header reach down to its last row. Null when the
 * words do not make at least two columns and two rows.
 */
export function alignedGrid(words: readonly WordOnPage[], options: AlignedGridOptions = {}): AlignedGrid | null {
  if (words.length < 4) return null;
  const height = wordHeight(words);
  const rows = textRows(words, options.rules);
  const segments = rows.flatMap((row, index) => segmentsOf(row, index, columnGap(height)));
  const columns = columnsOf(segments, height);
  if (columns.length < 2 || rows.length < 2) return null;
  const bounds = options.bounds ?? {
    left: Math.min(...words.map((word) => word.box.x)),
    top: Math.min(...words.map((word) => word.box.y)),
    right: Math.max(...words.map((word) => word.box.x + word.box.width)),
    bottom: Math.max(...words.map((word) => word.box.y + word.box.height)),
  };
  const columnLines = [
    Math.min(bounds.left, columns[0]!.left),
    ...columns.slice(1).map((column, index) => Math.round((columns[index]!.right + column.left) / 2)),
    Math.max(bounds.right, columns.at(-1)!.right),
  ];

  // Each row's cells as column ranges; segments in one column of a row are one cell.
  const rowRanges = rows.map((_, index) => {
    const ranges: Array<[number, number]> = [];
    for (const segment of segments.filter((candidate) => candidate.row === index)) {
      const range = columnRange(segment, columnLines);
      const last = ranges.at(-1);
      if (last && range[0] < last[1]) last[1] = Math.max(last[1], range[1]);
      else ranges.push(range);
    }
    return ranges;
  });

  const columnsOfRow = (index: number) => new Set(rowRanges[index]!.flatMap(([from, to]) => Array.from({ length: to - from }, (_, k) => from + k)));
  const shares = (a: Set<number>, b: Set<number>) => [...a].some((column) => b.has(column));
  const ruleBetween = (above: number, below: number) => (options.rules ?? []).some((y) => y > rows[above]!.middle && y < rows[below]!.middle);
  // Rows follow each other at a usual distance, measured between rows that share a column.
  const pitches = rows.slice(1).flatMap((row, index) => (shares(columnsOfRow(index), columnsOfRow(index + 1)) ? [row.middle - rows[index]!.middle] : []));
  const usualPitch = pitches.length > 0 ? median(pitches) : median(rows.slice(1).map((row, index) => row.middle - rows[index]!.middle));

  // A row midway between the rows around it, in columns neither uses, holds cells centred on
  // both: a label over two header rows, the amounts beside a label wrapped onto two lines.
  const straddling = new Set<number>();
  for (let index = 1; index + 1 < rows.length; index += 1) {
    if (straddling.has(index - 1)) continue;
    const [above, below] = [rows[index - 1]!, rows[index + 1]!];
    const distance = below.middle - above.middle;
    const midway = Math.abs(rows[index]!.middle - (above.middle + below.middle) / 2) <= 0.25 * distance;
    const apart = !shares(columnsOfRow(index), columnsOfRow(index - 1)) && !shares(columnsOfRow(index), columnsOfRow(index + 1));
    if (apart && midway && distance <= 1.3 * usualPitch && !ruleBetween(index - 1, index + 1)) straddling.add(index);
  }
  const lines = rows.map((_, index) => index).filter((index) => !straddling.has(index));
  const between = (above: number, below: number) => [...straddling].filter((index) => index > above && index < below);

  // Rows grouped: a continuation line (a cell's text wrapped) joins the row above it when it fills
  // only columns filled above, closer than rows follow each other, below the header.
  const headerEnd = options.headerEnd ?? -Infinity;
  const groups: number[][] = [];
  lines.forEach((index, position) => {
    const group = groups.at(-1);
    const previous = lines[position - 1];
    if (group && previous !== undefined && rows[index]!.top > headerEnd) {
      const above = new Set([...group, ...between(previous, index)].flatMap((member) => [...columnsOfRow(member)]));
      const here = [...columnsOfRow(index)];
      const close = rows[index]!.middle - rows[previous]!.middle < 0.75 * usualPitch;
      if (close && !ruleBetween(previous, index) && above.size >= 2 && here.length <= Math.max(1, Math.floor(columns.length / 2)) && here.every((column) => above.has(column))) return void group.push(index);
    }
    groups.push([index]);
  });
  if (groups.length < 2) return null;

  const groupTop = (group: number[]) => Math.min(...group.map((index) => rows[index]!.top));
  const groupBottom = (group: number[]) => Math.max(...group.map((index) => rows[index]!.bottom));
  const rowLines = [
    Math.min(bounds.top, groupTop(groups[0]!)),
    ...groups.slice(1).map((group, index) => Math.round((groupBottom(groups[index]!) + groupTop(group)) / 2)),
    Math.max(bounds.bottom, groupBottom(groups.at(-1)!)),
  ];

  // Positions filled by a segment, then the rest as empty single cells.
  const headerRows = options.headerEnd === undefined ? null : groups.filter((group) => groupBottom(group) <= headerEnd).length;
  const owner: Array<Array<{ colTl: number; colBr: number; rowBr: number } | 'covered' | null>> = groups.map(() => Array.from({ length: columns.length }, () => null));
  const merge = (ranges: ReadonlyArray<[number, number]>) => {
    const merged: Array<[number, number]> = [];
    for (const [from, to] of [...ranges].sort((a, b) => a[0] - b[0])) {
      const last = merged.at(-1);
      if (last && from < last[1]) last[1] = Math.max(last[1], to);
      else merged.push([from, to]);
    }
    return merged;
  };
  const place = (row: number, rowBr: number, [from, to]: [number, number]) => {
    if (owner.slice(row, rowBr).some((cells) => cells.slice(from, to).some((cell) => cell !== null))) return;
    for (let r = row; r < rowBr; r += 1) for (let column = from; column < to; column += 1) owner[r]![column] = 'covered';
    owner[row]![from] = { colTl: from, colBr: to, rowBr };
  };
  groups.forEach((group, rowIndex) => {
    // A straddling row inside a group is part of it; one between two groups spans both.
    const inside = group.length > 1 ? between(group[0]!, group.at(-1)!) : [];
    for (const range of merge([...group, ...inside].flatMap((member) => rowRanges[member]!))) place(rowIndex, rowIndex + 1, range);
  });
  groups.forEach((group, rowIndex) => {
    const next = groups[rowIndex + 1];
    if (!next) return;
    for (const index of between(group.at(-1)!, next[0]!)) for (const range of merge(rowRanges[index]!)) place(rowIndex, rowIndex + 2, range);
  });
  // A header cell with nothing under it within the header reaches down to the header's last row.
  for (let row = 0; row + 1 < (headerRows ?? 0); row += 1) {
    owner[row]!.forEach((cell, column) => {
      if (!cell || cell === 'covered') return;
      let bottom = row + 1;
      while (bottom < headerRows! && owner[bottom]!.slice(column, cell.colBr).every((below) => below === null)) bottom += 1;
      if (bottom === headerRows && bottom > row + 1) {
        cell.rowBr = bottom;
        for (let below = row + 1; below < bottom; below += 1) for (let k = column; k < cell.colBr; k += 1) owner[below]![k] = 'covered';
      }
    });
  }
  const cells: GridCell[] = [];
  owner.forEach((cellsOfRow, row) =>
    cellsOfRow.forEach((cell, column) => {
      if (cell === 'covered') return;
      const span = cell ?? { colTl: column, colBr: column + 1, rowBr: row + 1 };
      const x = columnLines[span.colTl]!;
      const y = rowLines[row]!;
      cells.push({ rowTl: row, colTl: span.colTl, rowBr: span.rowBr, colBr: span.colBr, box: { x, y, width: columnLines[span.colBr]! - x, height: rowLines[span.rowBr]! - y } });
    }),
  );
  return { rowLines, columnLines, cells, headerRows };
}
