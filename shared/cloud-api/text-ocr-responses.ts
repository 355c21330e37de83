import { z } from 'zod';

/** Response shapes of the general text actions (`tencent-ocr-api.md` 3.1-3.5), as the SDK models them. */
export const coord = z.object({ X: z.number().int(), Y: z.number().int() });
export const itemCoord = z.object({ X: z.number().int(), Y: z.number().int(), Width: z.number().int(), Height: z.number().int() });
const confidence = z.number().int().min(0).max(100);

export const textDetection = z.object({
  DetectedText: z.string(),
  Confidence: confidence,
  Polygon: z.array(coord).length(4),
  /** JSON text `{"Parag":{"ParagNo":n}}`. */
  AdvancedInfo: z.string(),
  ItemPolygon: itemCoord,
  Words: z.array(z.object({ Confidence: confidence, Character: z.string() })),
  WordCoordPoint: z.array(z.object({ WordCoordinate: z.array(coord).length(4) })),
  /** Only with ConfigID MulOCR. */
  Language: z.string().optional(),
});

export const generalTextResponse = z.object({
  TextDetections: z.array(textDetection),
  Angel: z.number(),
  Angle: z.number(),
  Language: z.string().optional(),
  PdfPageSize: z.number().int().optional(),
  RequestId: z.string(),
});

export const handwritingDetection = z.object({
  DetectedText: z.string(),
  Confidence: confidence,
  Polygon: z.array(coord).length(4),
  AdvancedInfo: z.string(),
  WordPolygon: z
    .array(z.object({ LeftTop: coord, RightTop: coord, RightBottom: coord, LeftBottom: coord }))
    .nullable(),
});

export const handwritingResponse = z.object({
  TextDetections: z.array(handwritingDetection),
  Angel: z.number(),
  Angle: z.number(),
  RequestId: z.string(),
});

export const errorResponse = z.object({
  Error: z.object({ Code: z.string(), Message: z.string() }),
  RequestId: z.string(),
});

export type Coord = z.infer<typeof coord>;
export type TextDetection = z.infer<typeof textDetection>;
export type GeneralTextResponse = z.infer<typeof generalTextResponse>;
export type HandwritingDetection = z.infer<typeof handwritingDetection>;
export type HandwritingResponse = z.infer<typeof handwritingResponse>;
