/** A drawn rule of a table, in pixels: horizontal at `y` from x0 to x1, or vertical at `x` from y0 to y1. */
export interface HorizontalRule {
  readonly y: number;
  readonly x0: number;
  readonly x1: number;
}
export interface VerticalRule {
  readonly x: number;
  readonly y0: number;
  readonly y1: number;
}

export interface GridCell {
  readonly rowTl: number;
  readonly colTl: number;
  /** Exclusive, as the cloud's RowBr/ColBr. */
  readonly rowBr: number;
  readonly colBr: number;
  readonly box: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
}

export interface RuledGrid {
  /** Rule positions: rows + 1 horizontal lines, columns + 1 vertical lines. */
  readonly rowLines: readonly number[];
  readonly columnLines: readonly number[];
  readonly cells: readonly GridCell[];
}

/** Positions closer than `tolerance` are one line (a rule drawn 2-3 px thick, or slightly tilted). */
function cluster(values: readonly number[], tolerance: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const groups: number[][] = [];
  for (const value of sorted) {
    const last = groups.at(-1);
    if (last && value - last[last.length - 1]! <= tolerance) last.push(value);
    else groups.push([value]);
  }
  return groups.map((group) => Math.round(group.reduce((sum, value) => sum + value, 0) / group.length));
}

/** Share of [from, to] that rules at `at` (within tolerance) cover. */
function coverage(rules: ReadonlyArray<{ at: number; from: number; to: number }>, at: number, from: number, to: number, tolerance: number): number {
  const pieces = rules
    .filter((rule) => Math.abs(rule.at - at) <= tolerance && rule.to >= from && rule.from <= to)
    .map((rule) => [Math.max(rule.from, from), Math.min(rule.to, to)] as const)
    .sort((a, b) => a[0] - b[0]);
  let covered = 0;
  let reach = from;
  for (const [start, end] of pieces) {
    if (end <= reach) continue;
    covered += end - Math.max(start, reach);
    reach = end;
  }
  return to > from ? covered / (to - from) : 0;
}

/**
 * The cells of one ruled table from its rules: every horizontal rule position is a row line,
 * every vertical one a column line, and two neighbouring grid cells are one cell when no rule runs
 * between them (the rule covers under half of their shared edge). So a header cell over two
 * columns, or a label down three rows, comes out as one spanning cell, not as pieces. Null when
 * the rules do not make a grid of at least two rows or two columns.
 */
export function gridFromRules(horizontal: readonly HorizontalRule[], vertical: readonly VerticalRule[], tolerance: number): RuledGrid | null {
  const rowLines = cluster(
    horizontal.map((rule) => rule.y),
    tolerance,
  );
  const columnLines = cluster(
    vertical.map((rule) => rule.x),
    tolerance,
  );
  const rows = rowLines.length - 1;
  const columns = columnLines.length - 1;
  if (rows < 1 || columns < 1 || rows * columns < 2) return null;
  const hRules = horizontal.map((rule) => ({ at: rule.y, from: rule.x0, to: rule.x1 }));
  const vRules = vertical.map((rule) => ({ at: rule.x, from: rule.y0, to: rule.y1 }));

  // Union-find over grid positions: joined where the rule between them is missing.
  const parent = Array.from({ length: rows * columns }, (_, index) => index);
  const find = (index: number): number => (parent[index] === index ? index : (parent[index] = find(parent[index]!)));
  const join = (a: number, b: number) => void (parent[find(a)] = find(b));
  for (let row = 0; row < rows; row += 1) {
    for (let column = 0; column < columns; column += 1) {
      const here = row * columns + column;
      if (column + 1 < columns && coverage(vRules, columnLines[column + 1]!, rowLines[row]!, rowLines[row + 1]!, tolerance) < 0.5) join(here, here + 1);
      if (row + 1 < rows && coverage(hRules, rowLines[row + 1]!, columnLines[column]!, columnLines[column + 1]!, tolerance) < 0.5) join(here, here + columns);
    }
  }
  const groups = new Map<number, { rowTl: number; colTl: number; rowBr: number; colBr: number }>();
  for (let row = 0; row < rows; row += 1) {
    for (let column = 0; column < columns; column += 1) {
      const key = find(row * columns + column);
      const group = groups.get(key);
      if (!group) groups.set(key, { rowTl: row, colTl: column, rowBr: row + 1, colBr: column + 1 });
      else {
        group.rowTl = Math.min(group.rowTl, row);
        group.colTl = Math.min(group.colTl, column);
        group.rowBr = Math.max(group.rowBr, row + 1);
        group.colBr = Math.max(group.colBr, column + 1);
      }
    }
  }
  // A group that is not a rectangle (a broken rule) becomes its bounding rectangle; a position
  // already taken by an earlier rectangle is not given out twice.
  const taken = new Set<number>();
  const cells: GridCell[] = [];
  const ordered = [...groups.values()].sort((a, b) => a.rowTl - b.rowTl || a.colTl - b.colTl);
  for (const group of ordered) {
    const positions: number[] = [];
    for (let row = group.rowTl; row < group.rowBr; row += 1) for (let column = group.colTl; column < group.colBr; column += 1) positions.push(row * columns + column);
    if (positions.some((position) => taken.has(position))) continue;
    for (const position of positions) taken.add(position);
    const x = columnLines[group.colTl]!;
    const y = rowLines[group.rowTl]!;
    cells.push({ ...group, box: { x, y, width: columnLines[group.colBr]! - x, height: rowLines[group.rowBr]! - y } });
  }
  return { rowLines, columnLines, cells };
}
