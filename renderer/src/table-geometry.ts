import type { Point } from '../../shared/ocr-result.js';
import type { RecognizedTable } from '../../shared/table-result.js';

export type Corners = readonly [Point, Point, Point, Point];

/** A block of grid positions; the bottom-right bounds are exclusive, as in the table model. */
export interface GridArea {
  readonly rowTl: number;
  readonly colTl: number;
  readonly rowBr: number;
  readonly colBr: number;
}

type Known = Array<Array<Point | null>>;

const lerp = (a: Point, b: Point, share: number): Point => ({ x: a.x + (b.x - a.x) * share, y: a.y + (b.y - a.y) * share });

/** Fills the gaps of one grid line between its nearest known points on either side, by index. */
function fillBetween(line: Array<Point | null>): Array<Point | null> {
  return line.map((point, at) => {
    if (point) return point;
    let before = at - 1;
    while (before >= 0 && !line[before]) before -= 1;
    let after = at + 1;
    while (after < line.length && !line[after]) after += 1;
    if (before < 0 || after >= line.length) return null;
    return lerp(line[before]!, line[after]!, (at - before) / (after - before));
  });
}

/**
 * Where the grid's lines cross, (rows + 1) x (columns + 1) points in image pixels, as the cells'
 * corners show them. Cells made in the editor need a place on the image (the overlay draws them
 * and the xlsx request must carry a polygon), and the image's own lines are the best guess: a
 * crossing no cell corner marks (inside a spanning cell) lies between its neighbours on the same
 * grid line, and one with no neighbours on either line falls back to the table's corners.
 */
export function gridPoints(table: Pick<RecognizedTable, 'rows' | 'columns' | 'corners' | 'cells'>): Point[][] {
  const sums = Array.from({ length: table.rows + 1 }, () => Array.from({ length: table.columns + 1 }, () => ({ x: 0, y: 0, count: 0 })));
  const add = (row: number, column: number, point: Point) => {
    const sum = sums[row]?.[column];
    if (!sum) return;
    sum.x += point.x;
    sum.y += point.y;
    sum.count += 1;
  };
  for (const cell of table.cells) {
    add(cell.rowTl, cell.colTl, cell.polygon[0]);
    add(cell.rowTl, cell.colBr, cell.polygon[1]);
    add(cell.rowBr, cell.colBr, cell.polygon[2]);
    add(cell.rowBr, cell.colTl, cell.polygon[3]);
  }
  const known: Known = sums.map((line) => line.map((sum) => (sum.count > 0 ? { x: sum.x / sum.count, y: sum.y / sum.count } : null)));
  // Along the row lines first, then down the column lines for what is still missing.
  const byRows = known.map(fillBetween);
  const byColumns = Array.from({ length: table.columns + 1 }, (_, column) => fillBetween(byRows.map((line) => line[column] ?? null)));
  const [topLeft, topRight, bottomRight, bottomLeft] = table.corners;
  return byRows.map((line, row) =>
    line.map((_, column) => {
      const point = byColumns[column]![row] ?? null;
      if (point) return point;
      const across = column / table.columns;
      return lerp(lerp(topLeft, topRight, across), lerp(bottomLeft, bottomRight, across), row / table.rows);
    }),
  );
}

/** An area's four corners from the grid's crossings, clockwise from top-left, in whole pixels. */
export function areaPolygon(points: readonly Point[][], area: GridArea): [Point, Point, Point, Point] {
  const at = (row: number, column: number): Point => {
    const point = points[row]![column]!;
    return { x: Math.round(point.x), y: Math.round(point.y) };
  };
  return [at(area.rowTl, area.colTl), at(area.rowTl, area.colBr), at(area.rowBr, area.colBr), at(area.rowBr, area.colTl)];
}
