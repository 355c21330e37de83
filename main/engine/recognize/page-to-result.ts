import { boxCorners, type Box, type RecognitionResult, type RecognizedLine, type RecognizedWord } from '../../../shared/ocr-result.js';
import type { TesseractBox, TesseractPage } from '../tesseract/tesseract-page.js';
import { dropGhostLines } from './drop-ghost-lines.js';
import { joinWords } from './join-words.js';

/** How the image Tesseract saw relates to the corrected image the result describes. */
export interface PageGeometry {
  /** prepared = corrected * scale + padding */
  readonly scale: number;
  readonly padding: number;
  readonly width: number;
  readonly height: number;
}

export interface ResultContext {
  readonly geometry: PageGeometry;
  readonly language: string;
  /** Text direction in the input, degrees clockwise (see RecognitionResult.angle). */
  readonly angle: number;
  /** Size of the page as given, before any turn. */
  readonly input: { readonly width: number; readonly height: number };
}

export function pageToResult(page: TesseractPage, context: ResultContext): RecognitionResult {
  const toBox = (box: TesseractBox): Box => mapBox(box, context.geometry);
  const found: RecognizedLine[] = [];
  let paragraph = 0;
  for (const block of page.blocks ?? []) {
    for (const tesseractParagraph of block.paragraphs) {
      let paragraphHasText = false;
      for (const line of tesseractParagraph.lines) {
        const words: RecognizedWord[] = line.words
          .map((word) => ({ text: word.text.trim(), confidence: clampConfidence(word.confidence), box: toBox(word.bbox) }))
          .filter((word) => word.text.length > 0);
        if (words.length === 0) continue;
        if (!paragraphHasText) {
          paragraph += 1;
          paragraphHasText = true;
        }
        const box = toBox(line.bbox);
        found.push({
          text: joinWords(words, box.height),
          confidence: weightedConfidence(words),
          polygon: boxCorners(box),
          box,
          paragraph,
          words,
        });
      }
    }
  }
  const lines = dropGhostLines(found);
  return {
    text: lines.map((line) => line.text).join('\n'),
    angle: context.angle,
    language: context.language,
    source: 'ocr',
    lines,
    width: context.geometry.width,
    height: context.geometry.height,
    inputWidth: context.input.width,
    inputHeight: context.input.height,
  };
}

function mapBox(box: TesseractBox, geometry: PageGeometry): Box {
  const x0 = clamp(Math.round((box.x0 - geometry.padding) / geometry.scale), 0, geometry.width);
  const y0 = clamp(Math.round((box.y0 - geometry.padding) / geometry.scale), 0, geometry.height);
  const x1 = clamp(Math.round((box.x1 - geometry.padding) / geometry.scale), x0, geometry.width);
  const y1 = clamp(Math.round((box.y1 - geometry.padding) / geometry.scale), y0, geometry.height);
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

function weightedConfidence(words: readonly RecognizedWord[]): number {
  let weight = 0;
  let sum = 0;
  for (const word of words) {
    const characters = [...word.text].length;
    weight += characters;
    sum += word.confidence * characters;
  }
  return weight === 0 ? 0 : Math.round(sum / weight);
}

const clamp = (value: number, low: number, high: number): number => Math.min(high, Math.max(low, value));
const clampConfidence = (value: number): number => clamp(Math.round(value), 0, 100);
