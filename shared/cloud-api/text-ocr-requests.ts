import { z } from 'zod';
import { wireBoolean, wireImageText, wirePositiveInt } from './wire-values.js';

/**
 * Request parameters of the general text actions (`tencent-ocr-api.md` 3.1-3.4). Unknown
 * parameters are dropped, not refused: newer SDKs add fields. Either image field may be given;
 * ImageUrl wins when both are.
 */
const imageFields = {
  ImageBase64: wireImageText,
  ImageUrl: wireImageText,
};

const pdfFields = {
  IsPdf: wireBoolean.optional(),
  PdfPageNumber: wirePositiveInt.optional(),
};

export const generalBasicRequest = z.object({
  ...imageFields,
  ...pdfFields,
  Scene: z.string().optional(),
  LanguageType: z.string().min(1).optional(),
  IsWords: wireBoolean.optional(),
});

export const generalAccurateRequest = z.object({
  ...imageFields,
  ...pdfFields,
  IsWords: wireBoolean.optional(),
  EnableDetectSplit: wireBoolean.optional(),
  EnableDetectText: wireBoolean.optional(),
  ConfigID: z.enum(['OCR', 'MulOCR']).optional(),
  WordsType: z.enum(['0', '1', '2']).optional(),
});

export const generalFastRequest = z.object({ ...imageFields, ...pdfFields });

export const generalHandwritingRequest = z.object({
  ...imageFields,
  Scene: z.string().optional(),
  EnableWordPolygon: wireBoolean.optional(),
  EnableDetectText: wireBoolean.optional(),
});

/** The image fields alone: what every action, served or not yet, is checked for. */
export const imageOnlyRequest = z.object(imageFields);

export type GeneralBasicRequest = z.infer<typeof generalBasicRequest>;
export type GeneralAccurateRequest = z.infer<typeof generalAccurateRequest>;
export type GeneralFastRequest = z.infer<typeof generalFastRequest>;
export type GeneralHandwritingRequest = z.infer<typeof generalHandwritingRequest>;
