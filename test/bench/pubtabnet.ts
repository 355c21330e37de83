import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { TruthCell } from '../helpers/synthetic-table.js';

/**
 * PubTabNet's annotation (one JSON object per table, in a `.jsonl` file or a `.json` per image):
 * `filename`, and `html.structure.tokens` (`<thead>`, `<tr>`, `<td>` or `<td` ` colspan="2"` `>`,
 * `</td>`, ...) with `html.cells` in the order of their `<td>`s, each `tokens` (characters and
 * inline tags such as `<b>`) and, when not empty, `bbox`.
 */
export interface PubTabNetRecord {
  readonly filename: string;
  readonly html: {
    readonly structure: { readonly tokens: readonly string[] };
    readonly cells: ReadonlyArray<{ readonly tokens: readonly string[]; readonly bbox?: readonly number[] }>;
  };
}

export interface TableTruth {
  readonly id: string;
  readonly image: string;
  readonly cells: readonly TruthCell[];
  /** Rows inside <thead>. */
  readonly headerRows: number;
}

/**
 * The cells of a PubTabNet structure with their grid positions: a `<td>` takes the first column
 * of its row that no cell from a row above (rowspan) holds, and spans as its attributes say.
 */
export function cellsOfStructure(record: PubTabNetRecord): { cells: TruthCell[]; headerRows: number } {
  const cells: TruthCell[] = [];
  const taken = new Set<string>();
  let row = -1;
  let column = 0;
  let headerRows = 0;
  let inHeader = false;
  let cellIndex = 0;
  const tokens = record.html.structure.tokens;
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index]!;
    if (token === '<thead>') inHeader = true;
    else if (token === '</thead>') inHeader = false;
    else if (token === '<tr>') {
      row += 1;
      column = 0;
      if (inHeader) headerRows += 1;
    } else if (token === '<td>' || token === '<td') {
      let rowSpan = 1;
      let columnSpan = 1;
      if (token === '<td') {
        // Attributes follow as their own tokens up to '>'.
        for (index += 1; index < tokens.length && tokens[index] !== '>'; index += 1) {
          const attribute = /(rowspan|colspan)="(\d+)"/u.exec(tokens[index]!);
          if (attribute?.[1] === 'rowspan') rowSpan = Number(attribute[2]);
          if (attribute?.[1] === 'colspan') columnSpan = Number(attribute[2]);
        }
      }
      while (taken.has(`${row},${column}`)) column += 1;
      for (let r = row; r < row + rowSpan; r += 1) for (let c = column; c < column + columnSpan; c += 1) taken.add(`${r},${c}`);
      const content = record.html.cells[cellIndex]?.tokens ?? [];
      cellIndex += 1;
      cells.push({ rowTl: row, colTl: column, rowBr: row + rowSpan, colBr: column + columnSpan, text: content.filter((part) => !/^<\/?[a-z]+>$/u.test(part)).join('').trim() });
      column += columnSpan;
    }
  }
  return { cells, headerRows };
}

/** The tables of a folder in PubTabNet's format: every `.jsonl` line and every `.json` file that is one. */
export function loadPubTabNet(folder: string): TableTruth[] {
  const records: PubTabNetRecord[] = [];
  for (const name of readdirSync(folder).sort()) {
    const file = path.join(folder, name);
    if (name.endsWith('.jsonl')) for (const line of readFileSync(file, 'utf8').split('\n')) line.trim() && records.push(JSON.parse(line) as PubTabNetRecord);
    else if (name.endsWith('.json')) {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as PubTabNetRecord | PubTabNetRecord[];
      records.push(...(Array.isArray(parsed) ? parsed : [parsed]));
    }
  }
  return records
    .filter((record) => record.html?.structure?.tokens && record.filename)
    .map((record) => ({ id: path.parse(record.filename).name, image: path.join(folder, record.filename), ...cellsOfStructure(record) }));
}
