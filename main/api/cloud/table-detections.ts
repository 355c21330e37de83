import type { Coord } from '../../../shared/cloud-api/text-ocr-responses.js';
import type { TableDetectInfo, TableInfo } from '../../../shared/cloud-api/table-ocr.js';
import type { Point } from '../../../shared/ocr-result.js';
import type { TableReading } from '../../../shared/table-result.js';
import type { RecognizedTables } from '../../services/recognition-service.js';
import { tableWorkbook } from '../../export/xlsx/table-workbook.js';
import { pdfPageSize } from './action-kit.js';

const coords = (points: readonly Point[]): Coord[] => points.map((point) => ({ X: Math.round(point.x), Y: Math.round(point.y) }));

/** The box around some polygons, as four corners clockwise from top-left. */
function around(polygons: ReadonlyArray<readonly Point[]>): Coord[] {
  const xs = polygons.flatMap((polygon) => polygon.map((point) => point.x));
  const ys = polygons.flatMap((polygon) => polygon.map((point) => point.y));
  const [left, top, right, bottom] = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  return coords([
    { x: left, y: top },
    { x: right, y: top },
    { x: right, y: bottom },
    { x: left, y: bottom },
  ]);
}

/**
 * V3's TableDetections: each table as it was found (Type 1 ruled, 2 unruled), then, when text lies
 * outside every table, one Type 0 entry holding it a line per row in a single column, top to
 * bottom, so a client that walks the cells of every entry gets the whole page's text.
 */
export function tableInfos(reading: TableReading): TableInfo[] {
  const tables: TableInfo[] = reading.tables.map((table) => ({
    Type: table.type,
    TableCoordPoint: coords(table.corners),
    Cells: table.cells.map((cell) => ({
      ColTl: cell.colTl,
      RowTl: cell.rowTl,
      ColBr: cell.colBr,
      RowBr: cell.rowBr,
      Text: cell.text,
      Type: cell.kind,
      Confidence: cell.confidence,
      Polygon: coords(cell.polygon),
    })),
  }));
  if (reading.outside.length === 0) return tables;
  const outside: TableInfo = {
    Type: 0,
    TableCoordPoint: around(reading.outside.map((line) => line.polygon)),
    Cells: reading.outside.map((line, row) => ({ ColTl: 0, RowTl: row, ColBr: 1, RowBr: row + 1, Text: line.text, Type: 'body', Confidence: line.confidence, Polygon: coords(line.polygon) })),
  };
  return [...tables, outside];
}

/** V2's TableDetections: V3's, with each table's titles and each cell's paragraphs (a cell is one paragraph). */
export function tableDetectInfos(reading: TableReading): TableDetectInfo[] {
  const titles = [...reading.tables.map((table) => table.titles), []];
  return tableInfos(reading).map((table, index) => ({
    ...table,
    Titles: (titles[index] ?? []).map((text) => ({ Text: text })),
    Cells: table.Cells.map((cell) => ({ ...cell, AdvancedInfo: null, Contents: cell.Text ? [{ ParagNo: 1, WordSize: [...cell.Text.replace(/\s/gu, '')].length }] : [] })),
  }));
}

/** The tables' Angle: the cloud gives the page's turn counter-clockwise, as a negative number of degrees. */
export const tableAngle = (reading: TableReading) => {
  const clockwise = ((reading.angle % 360) + 360) % 360;
  return clockwise === 0 ? 0 : Math.round((clockwise - 360) * 100) / 100;
};

/** The answer both table actions give, with their own shape of TableDetections. */
export async function tableAnswer(page: RecognizedTables, detections: (reading: TableReading) => unknown[]): Promise<Record<string, unknown>> {
  const { reading } = page;
  return {
    TableDetections: detections(reading),
    Data: Buffer.from(await tableWorkbook(reading.tables)).toString('base64'),
    PdfPageSize: pdfPageSize(page),
    Angle: tableAngle(reading),
  };
}
