import type { Point, RecognitionResult } from './ocr-result.js';

/**
 * Maps a point of the corrected image (where a result's boxes are) back to the image as given
 * (what a viewer shows and the cloud's Polygon describes). The corrected image is the input turned
 * (360 - angle) degrees clockwise about its centre on a canvas grown to fit, so the input point is
 * the corrected point's offset from the corrected centre, turned `angle` degrees clockwise, from
 * the input's centre. Image y grows downwards, so this matrix turns clockwise. Rounded to whole
 * pixels and kept inside the input (a deskewed canvas has corners outside it).
 */
export function toInputPoint(point: Point, result: Pick<RecognitionResult, 'angle' | 'width' | 'height' | 'inputWidth' | 'inputHeight'>): Point {
  const radians = (result.angle * Math.PI) / 180;
  const dx = point.x - result.width / 2;
  const dy = point.y - result.height / 2;
  const x = result.inputWidth / 2 + dx * Math.cos(radians) - dy * Math.sin(radians);
  const y = result.inputHeight / 2 + dx * Math.sin(radians) + dy * Math.cos(radians);
  // `+ 0` turns -0 into 0.
  return { x: clamp(Math.round(x), result.inputWidth) + 0, y: clamp(Math.round(y), result.inputHeight) + 0 };
}

const clamp = (value: number, limit: number) => Math.min(Math.max(value, 0), limit);

/** A box of the corrected image as four corners in the input, clockwise from the box's top-left. */
export function boxInInput(box: { readonly x: number; readonly y: number; readonly width: number; readonly height: number }, result: Parameters<typeof toInputPoint>[1]): Point[] {
  const { x, y, width, height } = box;
  return [
    { x, y },
    { x: x + width, y },
    { x: x + width, y: y + height },
    { x, y: y + height },
  ].map((point) => toInputPoint(point, result));
}
