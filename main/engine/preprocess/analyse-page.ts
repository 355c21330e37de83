import type { GreyImage } from '../intake/grey-image.js';

/** What preprocessing needs to know about a page, measured from its pixels alone. */
export interface PageAnalysis {
  /** Otsu threshold separating ink from background. */
  readonly threshold: number;
  /** Light text on a dark background (the background is the more common class). */
  readonly darkBackground: boolean;
  /** Median height of the horizontal text bands, in pixels; null when no band was found. */
  readonly lineHeight: number | null;
}

export function analysePage(image: GreyImage): PageAnalysis {
  const histogram = new Float64Array(256);
  for (const value of image.data) histogram[value]! += 1;
  const threshold = otsuThreshold(histogram, image.data.length);
  let dark = 0;
  for (let v = 0; v <= threshold; v += 1) dark += histogram[v]!;
  const darkBackground = dark > image.data.length / 2;
  return { threshold, darkBackground, lineHeight: medianBandHeight(image, threshold, darkBackground) };
}

function otsuThreshold(histogram: Float64Array, total: number): number {
  let sum = 0;
  for (let v = 0; v < 256; v += 1) sum += v * histogram[v]!;
  let backgroundWeight = 0;
  let backgroundSum = 0;
  let best = 127;
  let bestVariance = -1;
  for (let v = 0; v < 256; v += 1) {
    backgroundWeight += histogram[v]!;
    if (backgroundWeight === 0) continue;
    const foregroundWeight = total - backgroundWeight;
    if (foregroundWeight === 0) break;
    backgroundSum += v * histogram[v]!;
    const meanBackground = backgroundSum / backgroundWeight;
    const meanForeground = (sum - backgroundSum) / foregroundWeight;
    const variance = backgroundWeight * foregroundWeight * (meanBackground - meanForeground) ** 2;
    if (variance > bestVariance) {
      bestVariance = variance;
      best = v;
    }
  }
  return best;
}

/**
 * Rows holding ink form bands, one per text line on a single-column page. The median band height
 * approximates the line height well enough to decide whether text is too small to read. On
 * multi-column pages with staggered lines bands merge and the estimate grows, which only makes
 * us less eager to upscale, never wrongly eager.
 */
function medianBandHeight(image: GreyImage, threshold: number, darkBackground: boolean): number | null {
  const { width, height, data } = image;
  // A row counts as text when at least 0.5% of its pixels (and 2) are ink; this skips specks.
  const minInk = Math.max(2, Math.floor(width * 0.005));
  const bands: number[] = [];
  let run = 0;
  for (let y = 0; y <= height; y += 1) {
    let ink = 0;
    if (y < height) {
      const row = y * width;
      for (let x = 0; x < width; x += 1) {
        const isInk = darkBackground ? data[row + x]! > threshold : data[row + x]! <= threshold;
        if (isInk) ink += 1;
      }
    }
    if (ink >= minInk) {
      run += 1;
    } else {
      if (run >= 4) bands.push(run);
      run = 0;
    }
  }
  if (bands.length === 0) return null;
  bands.sort((a, b) => a - b);
  return bands[Math.floor(bands.length / 2)]!;
}
