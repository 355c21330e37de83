import type { FoundRules } from '../vision/find-rules.js';
import type { HorizontalRule } from './grid-from-rules.js';
import { alignedGrid, columnGap, segmentsOf, textRows, wordHeight, type WordOnPage } from './aligned-grid.js';
import { gridFromRules, type RuledGrid } from './grid-from-rules.js';

/** A table's grid and how it was found: 1 from drawn rules, 2 from the words' alignment. */
export interface FoundGrid {
  readonly type: 1 | 2;
  readonly grid: RuledGrid;
  /** Header rows when a rule said where the header ends; null: judged from the text. */
  readonly headerRows: number | null;
}

const inside = (word: WordOnPage, grid: RuledGrid) => {
  const x = word.box.x + word.box.width / 2;
  const y = word.box.y + word.box.height / 2;
  return x >= grid.columnLines[0]! && x <= grid.columnLines.at(-1)! && y >= grid.rowLines[0]! && y <= grid.rowLines.at(-1)!;
};

/**
 * Tables whose rules touch each other (a page may hold several): ruled grids, and the horizontal
 * rules that made no grid (a table ruled only across, as most financial and scientific ones).
 */
function ruledGrids(rules: FoundRules, tolerance: number): { grids: RuledGrid[]; loose: HorizontalRule[] } {
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
  const loose: HorizontalRule[] = [];
  for (const group of groups.values()) {
    const horizontal = group.flatMap((entry) => (entry.kind === 'h' ? [entry.rule] : []));
    const vertical = group.flatMap((entry) => (entry.kind === 'v' ? [entry.rule] : []));
    const grid = horizontal.length >= 2 && vertical.length >= 2 ? gridFromRules(horizontal, vertical, tolerance) : null;
    // A box drawn round a paragraph or a picture is a frame, not a table: a table has two rows and two columns.
    if (grid && grid.rowLines.length >= 3 && grid.columnLines.length >= 3) grids.push(grid);
    else loose.push(...horizontal);
  }
  return { grids, loose };
}

/**
 * Horizontal rules stacked over one another at the same width (the top, header and bottom rules
 * of a table ruled only across), as groups of at least two, top to bottom. A shorter rule under
 * a spanning header (within the widest rule's extent) belongs to the group too.
 */
function stackedRules(loose: readonly HorizontalRule[], tolerance: number): HorizontalRule[][] {
  const groups: HorizontalRule[][] = [];
  for (const rule of [...loose].sort((a, b) => b.x1 - b.x0 - (a.x1 - a.x0))) {
    const group = groups.find((candidate) => rule.x0 >= candidate[0]!.x0 - 3 * tolerance && rule.x1 <= candidate[0]!.x1 + 3 * tolerance);
    if (group) group.push(rule);
    else groups.push([rule]);
  }
  return groups.filter((group) => group.length >= 2 && group.filter((rule) => rule.x1 - rule.x0 >= 0.8 * (group[0]!.x1 - group[0]!.x0)).length >= 2).map((group) => group.sort((a, b) => a.y - b.y));
}

/** A table ruled only across: its words between the outer full-width rules, the header above the first rule within. */
function partlyRuledGrid(rules: readonly HorizontalRule[], words: readonly WordOnPage[]): RuledGrid & { headerRows: number | null } | null {
  const full = rules.filter((rule) => rule.x1 - rule.x0 >= 0.8 * (rules[0]!.x1 - rules[0]!.x0));
  const top = full[0]!.y;
  const bottom = full.at(-1)!.y;
  const left = Math.min(...rules.map((rule) => rule.x0));
  const right = Math.max(...rules.map((rule) => rule.x1));
  const within = words.filter((word) => {
    const x = word.box.x + word.box.width / 2;
    const y = word.box.y + word.box.height / 2;
    return x >= left && x <= right && y > top && y < bottom;
  });
  const inner = full.filter((rule) => rule.y > top && rule.y < bottom).map((rule) => rule.y);
  const grid = alignedGrid(within, { bounds: { left, top, right, bottom }, rules: rules.map((rule) => rule.y), ...(inner.length > 0 ? { headerEnd: inner[0]! } : {}) });
  return grid;
}

/**
 * Runs of rows laid out in columns in text no rule encloses: at least three rows of which most
 * have two or more segments, a lone line between them allowed (a section label, a wrapped cell),
 * no blank wider than two rows. Two columns of long text are a page's columns, not a table.
 */
function unruledGrids(words: readonly WordOnPage[]): RuledGrid[] {
  if (words.length < 6) return [];
  const height = wordHeight(words);
  const rows = textRows(words);
  const segmented = rows.map((row, index) => segmentsOf(row, index, columnGap(height)));
  const blocks: number[][] = [];
  let block: number[] = [];
  const close = () => {
    // A block ends on a row of columns, not on a trailing lone line.
    while (block.length > 0 && segmented[block.at(-1)!]!.length < 2) block.pop();
    if (block.filter((index) => segmented[index]!.length >= 2).length >= 3) blocks.push(block);
    block = [];
  };
  rows.forEach((row, index) => {
    const previous = block.at(-1);
    const apart = previous !== undefined && row.top - rows[previous]!.bottom > 2 * height;
    if (apart) close();
    if (segmented[index]!.length >= 2) block.push(index);
    else if (block.length > 0 && segmented[block.at(-1)!]!.length >= 2) block.push(index);
    else close();
  });
  close();
  const grids: RuledGrid[] = [];
  for (const members of blocks) {
    const blockWords = members.flatMap((index) => rows[index]!.words);
    const grid = alignedGrid(blockWords);
    if (!grid) continue;
    const columns = grid.columnLines.length - 1;
    const segments = members.flatMap((index) => segmented[index]!);
    const characters = segments.map((segment) => segment.words.reduce((sum, word) => sum + word.text.length, 0));
    const meanCharacters = characters.reduce((sum, count) => sum + count, 0) / Math.max(1, characters.length);
    const medianCharacters = [...characters].sort((a, b) => a - b)[Math.floor(characters.length / 2)] ?? 0;
    // Cells hold short labels and amounts; prose set in columns holds long runs of words.
    if (medianCharacters > 22 || (columns === 2 && meanCharacters > 25)) continue;
    // Words read with little confidence are marks in a picture, not a table's text: at least two
    // columns must hold confidently read text in half the rows.
    const filledRows = Array.from({ length: columns }, () => new Set<number>());
    for (const segment of segments) {
      const confidence = segment.words.reduce((sum, word) => sum + word.confidence, 0) / segment.words.length;
      const middle = (segment.left + segment.right) / 2;
      const column = grid.columnLines.findIndex((line, index) => index < columns && middle >= line && middle < grid.columnLines[index + 1]!);
      if (confidence >= 60 && column >= 0) filledRows[column]!.add(segment.row);
    }
    if (filledRows.filter((rowsFilled) => rowsFilled.size >= Math.max(2, members.length / 2)).length < 2) continue;
    grids.push(grid);
  }
  return grids;
}

/**
 * Every table of a page: ruled grids first, then tables ruled only across, then tables found
 * from the alignment of the words no table has taken. `words` are in the image as given.
 */
export function findTableGrids(rules: FoundRules, words: readonly WordOnPage[], tolerance: number): FoundGrid[] {
  const found: FoundGrid[] = [];
  const { grids, loose } = ruledGrids(rules, tolerance);
  for (const grid of grids) found.push({ type: 1, grid, headerRows: null });
  const free = () => words.filter((word) => !found.some((table) => inside(word, table.grid)));
  for (const stack of stackedRules(loose, tolerance)) {
    const grid = partlyRuledGrid(stack, free());
    if (grid) found.push({ type: 2, grid, headerRows: grid.headerRows });
  }
  for (const grid of unruledGrids(free())) found.push({ type: 2, grid, headerRows: null });
  return found.sort((a, b) => a.grid.rowLines[0]! - b.grid.rowLines[0]!);
}
