import type { OrientationDetection } from '../tesseract/tesseract-worker.js';

/**
 * Tesseract's OSD reports the orientation of the text; turning the image clockwise by that many
 * degrees makes it upright (measured: an upright page turned 90 degrees clockwise reports 270).
 * Below this confidence OSD is guessing, typically on a line or two of text, and a wrong quarter
 * turn destroys a result that reading as-is would have got right.
 */
const minOrientationConfidence = 2;
/**
 * OSD's script scores run lower than its orientation scores: a clear photographed English page
 * scored 0.86, a clean scan 4-10; wrong guesses on small or low-resolution images scored below 0.4.
 */
const minScriptConfidence = 0.5;
/** OSD needs a few lines of text; on smaller images it is noise. */
export const minOrientationSide = 100;

export interface OrientationDecision {
  /** Clockwise degrees to turn the image by to make it upright. */
  readonly correction: 0 | 90 | 180 | 270;
  /** Script name as OSD reports it (`Latin`, `Han`, `Japanese`, ...) when confident. */
  readonly script: string | null;
}

export function decideOrientation(detection: OrientationDetection): OrientationDecision {
  const degrees = detection.orientationDegrees;
  const confident = degrees !== null && (detection.orientationConfidence ?? 0) >= minOrientationConfidence;
  const correction = confident && (degrees === 90 || degrees === 180 || degrees === 270) ? degrees : 0;
  const script = (detection.scriptConfidence ?? 0) >= minScriptConfidence ? detection.script : null;
  return { correction, script };
}

/**
 * Text direction in the input (the cloud's Angle) from the quarter turn applied and the skew found
 * on the upright page (clockwise degrees).
 */
export function textAngle(correction: number, skewDegrees: number): number {
  const degrees = (360 - correction + skewDegrees) % 360;
  const normalised = degrees < 0 ? degrees + 360 : degrees;
  // Two decimals, like the cloud; 359.999 rounds to 0, not 360.
  const rounded = Math.round(normalised * 100) / 100;
  return rounded >= 360 ? 0 : rounded;
}
