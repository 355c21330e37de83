import { z } from 'zod';
import { coord } from './text-ocr-responses.js';
import { wireBoolean, wireImageText, wirePositiveInt } from './wire-values.js';

/**
 * RecognizeTableOCR (V2) and RecognizeTableAccurateOCR (V3), requests and responses
 * (`tencent-ocr-api.md` 3.7), as the SDK models them. Unknown parameters are dropped, as for the
 * text actions.
 */
export const recognizeTableRequest = z.object({
  ImageBase64: wireImageText,
  ImageUrl: wireImageText,
  IsPdf: wireBoolean.optional(),
  PdfPageNumber: wirePositiveInt.optional(),
  TableLanguage: z.enum(['zh', 'jap']).optional(),
});

export const recognizeTableAccurateRequest = z.object({
  ImageBase64: wireImageText,
  ImageUrl: wireImageText,
  PdfPageNumber: wirePositiveInt.optional(),
  UseNewModel: wireBoolean.optional(),
});

const cellFields = {
  ColTl: z.number().int(),
  RowTl: z.number().int(),
  ColBr: z.number().int(),
  RowBr: z.number().int(),
  Text: z.string(),
  /** body | header | footer. */
  Type: z.enum(['body', 'header', 'footer']),
  /** 0-100, a float in the cloud's models. */
  Confidence: z.number().min(0).max(100),
  Polygon: z.array(coord).length(4),
};

/** V2's cell: also AdvancedInfo and Contents (paragraphs and their word counts). */
export const tableCellV2 = z.object({
  ...cellFields,
  AdvancedInfo: z.string().nullable(),
  Contents: z.array(z.object({ ParagNo: z.number().int(), WordSize: z.number().int() })),
});
export const tableCellV3 = z.object(cellFields);

/** 0 text outside every table, 1 ruled (wired), 2 unruled (wireless). */
const tableType = z.union([z.literal(0), z.literal(1), z.literal(2)]);

export const tableDetectInfo = z.object({ Type: tableType, TableCoordPoint: z.array(coord).length(4), Titles: z.array(z.object({ Text: z.string() })), Cells: z.array(tableCellV2) });
export const tableInfo = z.object({ Type: tableType, TableCoordPoint: z.array(coord).length(4), Cells: z.array(tableCellV3) });

export const recognizeTableResponse = z.object({
  TableDetections: z.array(tableDetectInfo),
  /** The tables as an xlsx file, base64 (starts `UEsDB`). */
  Data: z.string(),
  PdfPageSize: z.number().int(),
  /** Degrees, -360..0: counter-clockwise negative. */
  Angle: z.number(),
  RequestId: z.string(),
});

export const recognizeTableAccurateResponse = recognizeTableResponse.extend({ TableDetections: z.array(tableInfo) });

export type RecognizeTableRequest = z.infer<typeof recognizeTableRequest>;
export type RecognizeTableAccurateRequest = z.infer<typeof recognizeTableAccurateRequest>;
export type TableDetectInfo = z.infer<typeof tableDetectInfo>;
export type TableInfo = z.infer<typeof tableInfo>;
export type RecognizeTableResponse = z.infer<typeof recognizeTableResponse>;
export type RecognizeTableAccurateResponse = z.infer<typeof recognizeTableAccurateResponse>;
