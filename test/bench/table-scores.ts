import type { RecognizedTable } from '../../shared/table-result.js';
import type { TruthCell } from '../helpers/synthetic-table.js';
import { characterErrors, type CharacterErrors } from '../helpers/text-metrics.js';

export interface TableScore {
  /** Ground-truth cells whose row/column box a found cell reproduces exactly. */
  readonly structure: number;
  /** The same among cells spanning several rows or columns; null when the truth has none. */
  readonly mergedRecall: number | null;
  readonly spanning: number;
  /** Character errors of the truth's non-empty cells against the found cell at their place. */
  readonly text: readonly CharacterErrors[];
  /** Tables found in the image (the best-matching one is scored). */
  readonly tablesFound: number;
}

const key = (cell: Pick<TruthCell, 'rowTl' | 'colTl' | 'rowBr' | 'colBr'>) => `${cell.rowTl},${cell.colTl},${cell.rowBr},${cell.colBr}`;

/**
 * The table measures for one ground-truth table against what was found: the found table
 * that reproduces most cells is the one scored (a page may hold others). A truth cell missing
 * from the structure is still read against the found cell covering its top-left position.
 */
export function scoreTable(truth: readonly TruthCell[], found: readonly RecognizedTable[]): TableScore {
  const spanning = truth.filter((cell) => cell.rowBr - cell.rowTl > 1 || cell.colBr - cell.colTl > 1);
  const matchesOf = (table: RecognizedTable) => {
    const boxes = new Set(table.cells.map(key));
    return truth.filter((cell) => boxes.has(key(cell)));
  };
  const best = [...found].sort((a, b) => matchesOf(b).length - matchesOf(a).length)[0];
  const matched = new Set((best ? matchesOf(best) : []).map(key));
  const errors = truth
    .filter((cell) => cell.text !== '')
    .map((cell) => {
      const at = best?.cells.find((candidate) => key(candidate) === key(cell)) ?? best?.cells.find((candidate) => candidate.rowTl <= cell.rowTl && cell.rowTl < candidate.rowBr && candidate.colTl <= cell.colTl && cell.colTl < candidate.colBr);
      return characterErrors(cell.text, at?.text ?? '');
    });
  return {
    structure: truth.length ? matched.size / truth.length : 1,
    mergedRecall: spanning.length ? spanning.filter((cell) => matched.has(key(cell))).length / spanning.length : null,
    spanning: spanning.length,
    text: errors,
    tablesFound: found.length,
  };
}
