import type { RecognitionResult, RecognizedLine } from '../../../shared/ocr-result.js';
import { boxInInput } from '../../../shared/result-geometry.js';
import type { Coord, HandwritingDetection, TextDetection } from '../../../shared/cloud-api/text-ocr-responses.js';

const corners = (item: { readonly box: RecognizedLine['box'] }, result: RecognitionResult): Coord[] => boxInInput(item.box, result).map((point) => ({ X: point.x, Y: point.y }));

const paragraphInfo = (line: RecognizedLine) => JSON.stringify({ Parag: { ParagNo: line.paragraph } });

/**
 * The cloud's TextDetections of a reading. Polygon is in the image as sent, ItemPolygon in the
 * rotation-corrected image (as the cloud defines them). With IsWords, Words and WordCoordPoint
 * hold Tesseract's words: for Chinese and Japanese one character each, as the cloud's; for
 * alphabetic scripts whole words, since Tesseract's character boxes are not kept.
 */
export function textDetections(result: RecognitionResult, options: { readonly words: boolean; readonly language?: string }): TextDetection[] {
  return result.lines.map((line) => ({
    DetectedText: line.text,
    Confidence: Math.round(line.confidence),
    Polygon: corners(line, result),
    AdvancedInfo: paragraphInfo(line),
    ItemPolygon: { X: line.box.x, Y: line.box.y, Width: line.box.width, Height: line.box.height },
    Words: options.words ? line.words.map((word) => ({ Confidence: Math.round(word.confidence), Character: word.text })) : [],
    WordCoordPoint: options.words ? line.words.map((word) => ({ WordCoordinate: corners(word, result) })) : [],
    ...(options.language ? { Language: options.language } : {}),
  }));
}

/** GeneralHandwritingOCR's detections: no ItemPolygon; word polygons on request. */
export function handwritingDetections(result: RecognitionResult, options: { readonly wordPolygons: boolean }): HandwritingDetection[] {
  return result.lines.map((line) => ({
    DetectedText: line.text,
    Confidence: Math.round(line.confidence),
    Polygon: corners(line, result),
    AdvancedInfo: paragraphInfo(line),
    WordPolygon: options.wordPolygons
      ? line.words.map((word) => {
          const [LeftTop, RightTop, RightBottom, LeftBottom] = corners(word, result) as [Coord, Coord, Coord, Coord];
          return { LeftTop, RightTop, RightBottom, LeftBottom };
        })
      : null,
  }));
}

/** The cloud's Angle: degrees, as the reading found the text's direction in the input. */
export const cloudAngle = (result: RecognitionResult) => Math.round(result.angle * 100) / 100;
