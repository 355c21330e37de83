import type { Point } from './ocr-result.js';

/**
 * A resident identity card of the Chinese mainland as read: what the engine gives, the cloud's
 * IDCardOCR maps and the UI shows as a form. Field values are as printed, in the cloud's forms
 * (Birth `1987/1/1`, ValidDate `2017.08.12-2037.08.12` or `2017.08.12-长期`); the other side's
 * fields are `''`.
 */
export type CardSide = 'FRONT' | 'BACK';

export interface IdCardFields {
  readonly name: string;
  /** 男 or 女. */
  readonly sex: string;
  /** 汉, 蒙古, 回, ... (without 族). */
  readonly nation: string;
  readonly birth: string;
  readonly address: string;
  readonly idNum: string;
  readonly authority: string;
  readonly validDate: string;
}

export type IdCardFieldName = keyof IdCardFields;

/** The cloud's WarnInfos codes (`tencent-ocr-api.md` 3.6). */
export const idCardWarnings = {
  invalidDate: -9109,
  borderIncomplete: -9101,
  occlusion: -9105,
  photocopy: -9102,
  photocopyGrey: -9108,
  reshoot: -9103,
  temporaryCard: -9104,
  tampered: -9106,
  reflection: -9107,
} as const;

export type IdCardWarning = (typeof idCardWarnings)[keyof typeof idCardWarnings];

/** The warnings a caller may ask to be measured (each Config flag of the cloud asks for one). */
export const allIdCardWarnings = ['invalidDate', 'border', 'copy', 'reshoot', 'temporary', 'tampering', 'reflection'] as const;
export type IdCardWarningName = (typeof allIdCardWarnings)[number];

/** What reconciling the fields found (GB 11643 and the division code table). */
export interface IdCardChecks {
  /** The 18th character is the number's check digit. null: no number read. */
  readonly checkDigitValid: boolean | null;
  /** The number's birth date is Birth, and a real date. */
  readonly birthMatches: boolean | null;
  /** The 17th digit's parity is Sex (odd 男, even 女). */
  readonly sexMatches: boolean | null;
  /** The number's first six digits as a division of the code table (past divisions included), or null when unknown. */
  readonly region: string | null;
  /** ValidDate well formed, start before end, the span a card is issued for. null on the front. */
  readonly validDateWellFormed: boolean | null;
}

export interface IdCardReading {
  readonly side: CardSide;
  readonly fields: IdCardFields;
  /** 0-100 per field read (absent: not on this side). */
  readonly confidence: Partial<Record<IdCardFieldName, number>>;
  readonly checks: IdCardChecks;
  /** The card's corners in the image as sent, clockwise from the top-left of the card as read. */
  readonly corners: readonly [Point, Point, Point, Point];
  /** The image's size (after its EXIF turn), which the corners are in. */
  readonly imageWidth: number;
  readonly imageHeight: number;
  /** Warnings asked for and raised. */
  readonly warnings: readonly IdCardWarning[];
  /** 0-100 sharpness of the straightened card (lower is blurrier; >= 50 reads well). */
  readonly quality: number;
  /** 0-100 how complete the card's border is in the image (the cloud suggests <= 50 is cut off). */
  readonly borderCodeValue: number;
  /** Where glare covers the card, when asked for. */
  readonly reflections: ReadonlyArray<'NationalEmblem' | 'Portrait' | 'RecognitionField' | 'Others'>;
  /** The straightened card as a JPEG, when asked for. */
  readonly cardJpeg?: Uint8Array;
  /** The head photo (front) as a JPEG, when asked for. */
  readonly portraitJpeg?: Uint8Array;
}
