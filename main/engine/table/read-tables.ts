import type { Point, RecognitionResult } from '../../../shared/ocr-result.js';
import { boxInInput } from '../../../shared/result-geometry.js';
import type { RecognizedTable, TableCell, TableReading } from '../../../shared/table-result.js';
import { joinWords } from '../recognize/join-words.js';
import type { FoundRules } from './find-rules.js';
import { gridFromRules, type RuledGrid } from './grid-from-rules.js';

type Box = { x: number; y: number; width: number; height: number };
interface PlacedWord {
  readonly text: string;
  readonly confidence: number;
  readonly box: Box;
  /** The reading's line it came from. */
  readonly line: number;
}

const corners = (box: Box): [Point, Point, Point, Point] => [
  { x: box.x, y: box.y },
  { x: box.x + box.width, y: box.y },
  { x: box.x + box.width, y: box.y + box.height },
  { x: box.x, y: box.y + box.height },
];

/** Rules that touch each other belong to one table; a page may hold several. */
export function ruledGrids(rules: FoundRules, tolerance: number): RuledGrid[] {
  const all = [...rules.horizontal.map((rule) => ({ kind: 'h' as const, rule })), ...rules.vertical.map((rule) => ({ kind: 'v' as const, rule }))];
  const parent = all.map((_, index) => index);
  const find = (index: number): number => (parent[index] === index ? index : (parent[index] = find(parent[index]!)));
  all.forEach((a, i) => {
    if (a.kind !== 'h') return;
    all.forEach((b, j) => {
      if (b.kind !== 'v') return;
      const h = a.rule;
      const v = b.rule;
      if (v.x >= h.x0 - tolerance && v.x <= h.x1 + tolerance && h.y >= v.y0 - tolerance && h.y <= v.y1 + tolerance) parent[find(i)] = find(j);
    });
  });
  const groups = new Map<number, typeof all>();
  all.forEach((entry, index) => groups.set(find(index), [...(groups.get(find(index)) ?? []), entry]));
  const grids: RuledGrid[] = [];
  for (const group of groups.values()) {
    const horizontal = group.flatMap((entry) => (entry.kind === 'h' ? [entry.rule] : []));
    const vertical = group.flatMap((entry) => (entry.kind === 'v' ? [entry.rule] : []));
    if (horizontal.length < 2 || vertical.length < 2) continue;
    const grid = gridFromRules(horizontal, vertical, tolerance);
    if (grid) grids.push(grid);
  }
  return grids.sort((a, b) => a.rowLines[0]! - b.rowLines[0]!);
}

/** Words in a cell as lines, top to bottom, each left to right, joined as the language joins them. */
function cellText(words: readonly PlacedWord[]): string {
  const lines: PlacedWord[][] = [];
  for (const word of [...words].sort((a, b) => a.box.y + a.box.height / 2 - (b.box.y + b.box.height / 2))) {
    const line = lines.at(-1);
    const middle = word.box.y + word.box.height / 2;
    if (line && middle <= line[0]!.box.y + line[0]!.box.height) line.push(word);
    else lines.push([word]);
  }
  return lines.map((line) => joinWords([...line].sort((a, b) => a.box.x - b.box.x), Math.max(...line.map((word) => word.box.height)))).join('\n');
}

/** An amount, as body rows hold them; a bare year ("2025") is a label, as headers hold them. */
const isAmount = (text: string) => /\d/u.test(text) && /^[\s\d.,%()¥$€£+-]+$/u.test(text) && !/^\s*(19|20)\d{2}\s*$/u.test(text);

/**
 * Ruled tables of a page with their text: the reading's words (mapped back into the image as
 * given, where the rules were found) go to the cell holding their centre; words in no table are
 * the page's text outside tables, as lines. The leading rows without amounts are the header when
 * rows below hold amounts (a header cell spanning down counts with the rows it starts in).
 */
export function readRuledTables(grids: readonly RuledGrid[], reading: RecognitionResult): Omit<TableReading, 'pageCount'> {
  const words: PlacedWord[] = reading.lines.flatMap((line, lineIndex) =>
    line.words.map((word) => {
      const points = boxInInput(word.box, reading);
      const xs = points.map((point) => point.x);
      const ys = points.map((point) => point.y);
      return { text: word.text, confidence: word.confidence, line: lineIndex, box: { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) } };
    }),
  );
  const linesInTables = new Set<number>();
  const tables: RecognizedTable[] = grids.map((grid) => {
    const cells: TableCell[] = grid.cells.map((cell) => {
      const inside = words.filter((word) => {
        const cx = word.box.x + word.box.width / 2;
        const cy = word.box.y + word.box.height / 2;
        return cx >= cell.box.x && cx <= cell.box.x + cell.box.width && cy >= cell.box.y && cy <= cell.box.y + cell.box.height;
      });
      for (const word of inside) linesInTables.add(word.line);
      const characters = inside.reduce((sum, word) => sum + word.text.length, 0);
      const confidence = characters > 0 ? inside.reduce((sum, word) => sum + word.confidence * word.text.length, 0) / characters : 0;
      return { rowTl: cell.rowTl, colTl: cell.colTl, rowBr: cell.rowBr, colBr: cell.colBr, text: cellText(inside), confidence: Math.round(confidence), polygon: corners(cell.box), kind: 'body' as const };
    });
    const rows = grid.rowLines.length - 1;
    let headerRows = 0;
    while (headerRows < rows - 1 && !cells.some((cell) => cell.rowTl === headerRows && isAmount(cell.text))) headerRows += 1;
    const amountsBelow = cells.some((cell) => cell.rowTl >= headerRows && isAmount(cell.text));
    const withHeader = headerRows > 0 && amountsBelow ? cells.map((cell) => (cell.rowTl < headerRows ? { ...cell, kind: 'header' as const } : cell)) : cells;
    const left = grid.columnLines[0]!;
    const top = grid.rowLines[0]!;
    const box = { x: left, y: top, width: grid.columnLines.at(-1)! - left, height: grid.rowLines.at(-1)! - top };
    return { type: 1 as const, rows, columns: grid.columnLines.length - 1, corners: corners(box), titles: [], cells: withHeader };
  });
  // Text outside the tables: the reading's lines none of whose words went into a cell.
  const outside = reading.lines
    .filter((_, index) => !linesInTables.has(index))
    .map((line) => ({ text: line.text, confidence: Math.round(line.confidence), polygon: boxInInput(line.box, reading) as [Point, Point, Point, Point] }));
  // A line just above a table, not inside another, is its title.
  const titled = tables.map((table) => {
    const top = table.corners[0].y;
    const title = outside.filter((line) => {
      const bottom = Math.max(...line.polygon.map((point) => point.y));
      return bottom <= top && top - bottom < 3 * (Math.max(...line.polygon.map((point) => point.y)) - Math.min(...line.polygon.map((point) => point.y)));
    });
    return { ...table, titles: title.map((line) => line.text) };
  });
  return { tables: titled, outside, angle: reading.angle, width: reading.inputWidth, height: reading.inputHeight, inputWidth: reading.inputWidth, inputHeight: reading.inputHeight };
}
