/**
 * The part of tesseract.js's `blocks` output (Tesseract's JSON renderer) that we read.
 * Declared here because tesseract.js's hand-written index.d.ts does not match what v7 sends.
 */
export interface TesseractBox {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface TesseractWordJson {
  readonly text: string;
  readonly confidence: number;
  readonly bbox: TesseractBox;
}

export interface TesseractLineJson {
  readonly text: string;
  readonly confidence: number;
  readonly bbox: TesseractBox;
  readonly words: readonly TesseractWordJson[];
}

export interface TesseractParagraphJson {
  readonly text: string;
  readonly bbox: TesseractBox;
  readonly lines: readonly TesseractLineJson[];
}

export interface TesseractBlockJson {
  readonly bbox: TesseractBox;
  readonly paragraphs: readonly TesseractParagraphJson[];
}

export interface TesseractPage {
  readonly blocks: readonly TesseractBlockJson[] | null;
  readonly confidence: number | null;
}
