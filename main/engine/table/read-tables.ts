import type { Point, RecognitionResult } from '../../../shared/ocr-result.js';
import { boxInInput } from '../../../shared/result-geometry.js';
import type { RecognizedTable, TableCell, TableReading } from '../../../shared/table-result.js';
import { joinWords } from '../recognize/join-words.js';
import { textRows, type WordOnPage } from './aligned-grid.js';
import type { FoundGrid } from './find-tables.js';

type Box = { x: number; y: number; width: number; height: number };
type PlacedWord = WordOnPage;

/** Words in a cell as lines, top to bottom, each left to right, joined as the language joins them. */
const cellText = (words: readonly PlacedWord[]): string =>
  words.length === 0 ? '' : textRows(words).map((row) => joinWords(row.words, Math.max(...row.words.map((word) => word.box.height)))).join('\n');

/** The reading's words, in the upright page where its tables are found. */
export const wordsOfReading = (reading: RecognitionResult): WordOnPage[] =>
  reading.lines.flatMap((line, lineIndex) => line.words.map((word) => ({ text: word.text, confidence: word.confidence, line: lineIndex, box: word.box })));

/** An amount, as body rows hold them; a bare year ("2025") is a label, as headers hold them. */
const isAmount = (text: string) => /\d/u.test(text) && /^[\s\d.,%()¥$€£+-]+$/u.test(text) && !/^\s*(19|20)\d{2}\s*$/u.test(text);

/**
 * The tables of a page with their text: each word goes to the cell holding its centre; words in
 * no table are the page's text outside tables, as lines. The header is what a rule marked, or else
 * the leading rows without amounts when rows below hold amounts (a header cell spanning down
 * counts with the rows it starts in).
 */
export function readTables(found: readonly FoundGrid[], words: readonly WordOnPage[], reading: RecognitionResult): Omit<TableReading, 'pageCount'> {
  const linesInTables = new Set<number>();
  const inInput = (box: Box) => boxInInput(box, reading) as [Point, Point, Point, Point];
  const tables: Array<{ table: RecognizedTable; box: Box }> = found.map(({ type, grid, headerRows: markedHeader }) => {
    const cells: TableCell[] = grid.cells.map((cell) => {
      const inside = words.filter((word) => {
        const cx = word.box.x + word.box.width / 2;
        const cy = word.box.y + word.box.height / 2;
        return cx >= cell.box.x && cx <= cell.box.x + cell.box.width && cy >= cell.box.y && cy <= cell.box.y + cell.box.height;
      });
      for (const word of inside) linesInTables.add(word.line);
      const characters = inside.reduce((sum, word) => sum + word.text.length, 0);
      // An empty cell holds nothing doubtful.
      const confidence = characters > 0 ? inside.reduce((sum, word) => sum + word.confidence * word.text.length, 0) / characters : 100;
      return { rowTl: cell.rowTl, colTl: cell.colTl, rowBr: cell.rowBr, colBr: cell.colBr, text: cellText(inside), confidence: Math.round(confidence), polygon: inInput(cell.box), kind: 'body' as const };
    });
    const rows = grid.rowLines.length - 1;
    let headerRows = 0;
    while (headerRows < rows - 1 && !cells.some((cell) => cell.rowTl === headerRows && isAmount(cell.text))) headerRows += 1;
    const amountsBelow = cells.some((cell) => cell.rowTl >= headerRows && isAmount(cell.text));
    if (markedHeader !== null) headerRows = markedHeader;
    const withHeader = headerRows > 0 && (amountsBelow || markedHeader !== null) ? cells.map((cell) => (cell.rowTl < headerRows ? { ...cell, kind: 'header' as const } : cell)) : cells;
    const left = grid.columnLines[0]!;
    const top = grid.rowLines[0]!;
    const box = { x: left, y: top, width: grid.columnLines.at(-1)! - left, height: grid.rowLines.at(-1)! - top };
    return { table: { type, rows, columns: grid.columnLines.length - 1, corners: inInput(box), titles: [], cells: withHeader }, box };
  });
  // Text outside the tables: the reading's lines none of whose words went into a cell.
  const outsideLines = reading.lines.filter((_, index) => !linesInTables.has(index));
  // A line just above a table (less than three of its heights), across part of its width, is its title.
  const titled = tables.map(({ table, box }) => {
    const titles = outsideLines.filter((line) => {
      const bottom = line.box.y + line.box.height;
      const across = line.box.x < box.x + box.width && line.box.x + line.box.width > box.x;
      return across && bottom <= box.y + 2 && box.y - bottom < 3 * line.box.height;
    });
    return { ...table, titles: titles.map((line) => line.text) };
  });
  const outside = outsideLines.map((line) => ({ text: line.text, confidence: Math.round(line.confidence), polygon: inInput(line.box) }));
  return { tables: titled, outside, angle: reading.angle, width: reading.inputWidth, height: reading.inputHeight, inputWidth: reading.inputWidth, inputHeight: reading.inputHeight };
}
