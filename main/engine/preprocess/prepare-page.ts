import type { GreyImage } from '../intake/grey-image.js';
import { fromGrey, toGrey } from '../intake/grey-pipeline.js';
import type { PageAnalysis } from './analyse-page.js';

/** Which preprocessing steps run; each can be switched off to measure what it gains. */
export interface PreprocessSteps {
  /** Turn light-on-dark text into dark-on-light. */
  readonly invert: boolean;
  /** Upscale small text towards `targetLineHeight`, downscale oversized pages. */
  readonly rescale: boolean;
  /** Add a background margin so text touching the edge is segmented. */
  readonly pad: boolean;
}

export const allPreprocessSteps: PreprocessSteps = { invert: true, rescale: true, pad: true };

/** The image handed to Tesseract and how to map its coordinates back to the corrected image. */
export interface PreparedPage {
  readonly image: GreyImage;
  /** prepared = corrected * scale + padding */
  readonly scale: number;
  readonly padding: number;
}

/** Tesseract's LSTM models read best with lines about this tall (x-height ~20-25 px). */
const targetLineHeight = 48;
/** Text whose lines are shorter than this is upscaled. */
const smallLineHeight = 26;
const maxUpscale = 4;
/** Longer sides than this (a 600 dpi A4 scan) cost time and gain nothing. */
const maxLongSide = 4200;
const maxPreparedPixels = 40_000_000;

export async function preparePage(image: GreyImage, analysis: PageAnalysis, steps: PreprocessSteps): Promise<PreparedPage> {
  let scale = 1;
  if (steps.rescale) {
    if (analysis.lineHeight !== null && analysis.lineHeight < smallLineHeight) {
      scale = Math.min(maxUpscale, targetLineHeight / analysis.lineHeight);
    }
    const longSide = Math.max(image.width, image.height);
    if (longSide * scale > maxLongSide && scale <= 1) scale = maxLongSide / longSide;
    const pixelsAfter = image.width * image.height * scale * scale;
    if (pixelsAfter > maxPreparedPixels) scale = Math.sqrt(maxPreparedPixels / (image.width * image.height));
  }
  // Half a line of margin lets Tesseract segment text that touches the edge; more only costs time.
  const padding = steps.pad ? Math.round(Math.min(40, Math.max(10, (analysis.lineHeight ?? 20) * scale * 0.5))) : 0;
  const invert = steps.invert && analysis.darkBackground;
  if (scale === 1 && padding === 0 && !invert) return { image, scale, padding };

  // One pipeline: sharp resizes, then extends, then negates, whatever the call order. So the
  // margin is painted in the colour that becomes white after negation.
  let pipeline = fromGrey(image);
  if (scale !== 1) {
    pipeline = pipeline.resize(Math.max(1, Math.round(image.width * scale)), Math.max(1, Math.round(image.height * scale)), {
      kernel: scale > 1 ? 'cubic' : 'lanczos3',
    });
  }
  if (padding > 0) {
    const margin = invert ? { r: 0, g: 0, b: 0 } : { r: 255, g: 255, b: 255 };
    pipeline = pipeline.extend({ top: padding, bottom: padding, left: padding, right: padding, background: margin });
  }
  if (invert) pipeline = pipeline.negate();
  return { image: await toGrey(pipeline), scale, padding };
}
