import type { Point, RecognitionResult, RecognizedLine } from '../../../shared/ocr-result.js';
import type { Coord, HandwritingDetection, TextDetection } from '../../../shared/cloud-api/text-ocr-responses.js';

/**
 * Maps a point of the corrected image back to the image as given. The corrected image is the input
 * turned (360 - angle) degrees clockwise about its centre on a canvas grown to fit, so the input
 * point is the corrected point's offset from the corrected centre, turned `angle` degrees clockwise,
 * from the input's centre. (Image y grows downwards, so this matrix turns clockwise.)
 */
export function toInputPoint(point: Point, result: RecognitionResult): Coord {
  const radians = (result.angle * Math.PI) / 180;
  const dx = point.x - result.width / 2;
  const dy = point.y - result.height / 2;
  const x = result.inputWidth / 2 + dx * Math.cos(radians) - dy * Math.sin(radians);
  const y = result.inputHeight / 2 + dx * Math.sin(radians) + dy * Math.cos(radians);
  // Kept inside the input (a deskewed canvas has corners outside it); `+ 0` turns -0 into 0.
  return { X: clamp(Math.round(x), result.inputWidth) + 0, Y: clamp(Math.round(y), result.inputHeight) + 0 };
}

const clamp = (value: number, limit: number) => Math.min(Math.max(value, 0), limit);

const corners = (line: { readonly box: RecognizedLine['box'] }, result: RecognitionResult): Coord[] => {
  const { x, y, width, height } = line.box;
  return [
    { x, y },
    { x: x + width, y },
    { x: x + width, y: y + height },
    { x, y: y + height },
  ].map((point) => toInputPoint(point, result));
};

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
