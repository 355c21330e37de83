import { z } from 'zod';
import { wireBoolean, wireImageText } from './wire-values.js';

/**
 * IDCardOCR (`tencent-ocr-api.md` 3.6): request and response as the SDK models them. Config is a
 * string holding JSON; its flags are read by `idCardConfig`, so a Config that is not JSON is the
 * cloud's ConfigFormatError rather than a schema problem.
 */
export const idCardRequest = z.object({
  ImageBase64: wireImageText,
  ImageUrl: wireImageText,
  CardSide: z.enum(['FRONT', 'BACK']).optional(),
  Config: z.string().max(2000).optional(),
  EnableRecognitionRectify: wireBoolean.optional(),
  EnableReflectDetail: wireBoolean.optional(),
  EnableDateVerify: wireBoolean.optional(),
  CardWarnType: z.enum(['Basic', 'Advanced']).optional(),
});

const flag = z.boolean().optional();

/** The flags Config may hold, all false by default; unknown flags are ignored, as newer SDKs add some. */
export const idCardConfig = z.object({
  CropIdCard: flag,
  CropPortrait: flag,
  CopyWarn: flag,
  BorderCheckWarn: flag,
  ReshootWarn: flag,
  DetectPsWarn: flag,
  TempIdWarn: flag,
  InvalidDateWarn: flag,
  Quality: flag,
  MultiCardDetect: flag,
  ReflectWarn: flag,
});

export const idCardResponse = z.object({
  Name: z.string(),
  Sex: z.string(),
  Nation: z.string(),
  Birth: z.string(),
  Address: z.string(),
  IdNum: z.string(),
  Authority: z.string(),
  ValidDate: z.string(),
  /** JSON text: at least `{"WarnInfos":[]}`; IdCard, Portrait, Quality, BorderCodeValue when asked for. */
  AdvancedInfo: z.string(),
  ReflectDetailInfos: z.array(z.object({ Position: z.enum(['NationalEmblem', 'Portrait', 'RecognitionField', 'Others']) })),
  RequestId: z.string(),
});

export const idCardAdvancedInfo = z.object({
  WarnInfos: z.array(z.number().int()),
  IdCard: z.string().optional(),
  Portrait: z.string().optional(),
  Quality: z.number().int().min(0).max(100).optional(),
  BorderCodeValue: z.number().int().min(0).max(100).optional(),
});

export type IdCardRequest = z.infer<typeof idCardRequest>;
export type IdCardConfig = z.infer<typeof idCardConfig>;
export type IdCardResponse = z.infer<typeof idCardResponse>;
