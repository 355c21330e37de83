import type { EngineErrorCode } from './engine-errors.js';
import type { Failure } from './result.js';

/**
 * The recognition result model. It carries everything the cloud's TextDetections needs (so the API
 * only renames fields) and everything the UI draws. Coordinates are pixels of the corrected image:
 * after EXIF orientation, the detected quarter turn and the small deskew have been applied.
 */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Axis-aligned box; `x`,`y` is the top-left corner. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A box's four corners clockwise from top-left: the cloud's Polygon order. */
export function boxCorners(box: Box): [Point, Point, Point, Point] {
  const right = box.x + box.width;
  const bottom = box.y + box.height;
  return [
    { x: box.x, y: box.y },
    { x: right, y: box.y },
    { x: right, y: bottom },
    { x: box.x, y: bottom },
  ];
}

export interface RecognizedWord {
  readonly text: string;
  /** 0-100, as Tesseract reports it for the word. */
  readonly confidence: number;
  readonly box: Box;
}

export interface RecognizedLine {
  readonly text: string;
  /** 0-100; the mean of the line's word confidences, weighted by characters. */
  readonly confidence: number;
  /** Four corners clockwise from top-left (the cloud's Polygon order). */
  readonly polygon: readonly [Point, Point, Point, Point];
  readonly box: Box;
  /** Paragraph number, from 1, in reading order (the cloud's AdvancedInfo Parag.ParagNo). */
  readonly paragraph: number;
  readonly words: readonly RecognizedWord[];
}

export interface RecognitionResult {
  /** All lines joined with `\n`, paragraphs included, in reading order. */
  readonly text: string;
  /**
   * The direction of the text in the input, in degrees clockwise from horizontal, 0 <= angle < 360
   * (the cloud's `Angle`): a page turned a quarter clockwise reports 90, one tilted slightly
   * anticlockwise about 359.5. Reading it took a rotation of (360 - angle) clockwise.
   */
  readonly angle: number;
  /** Tesseract language set used, e.g. `eng` or `chi_sim+eng`; empty when the text came from a PDF's text layer. */
  readonly language: string;
  /**
   * `ocr`: read from the pixels. `pdf-text-layer`: a born-digital PDF page's own text, exact and
   * immediate; confidences are then 100, and a word's box is its share of its text run's width.
   */
  readonly source: 'ocr' | 'pdf-text-layer';
  readonly lines: readonly RecognizedLine[];
  /** Size of the corrected image the coordinates refer to. */
  readonly width: number;
  readonly height: number;
  /**
   * Size of the page as given (after its EXIF orientation), before any turn: the corrected image is
   * it rotated about its centre by (360 - angle) degrees clockwise, on a canvas grown to fit. The
   * cloud's Polygon refers to this image, its ItemPolygon to the corrected one.
   */
  readonly inputWidth: number;
  readonly inputHeight: number;
}

/**
 * What became of one page of an input: a multi-page TIFF gives several, and one bad page does not
 * cost the others.
 */
export type PageOutcome = { readonly page: number; /** Pages in the whole input (the cloud's PdfPageSize). */ readonly pageCount: number } & (
  | { readonly ok: true; readonly result: RecognitionResult }
  | { readonly ok: false; readonly error: Failure<EngineErrorCode> }
);
