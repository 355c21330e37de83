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
 * Rows holding ink form bands, one per text line. The median band height approximates the line
 * height well enough to decide whether text is too small to read. Pages are cut into vertical
 * strips first, so the staggered lines of neighbouring columns do not merge into one band, and
 * on tall pages columns inked in most rows (scan borders, vertical rules) are left out, or every
 * row would count as text.
 */
function medianBandHeight(image: GreyImage, threshold: number, darkBackground: boolean): number | null {
  const { width, height, data } = image;
  const isInk = (value: number) => (darkBackground ? value > threshold : value <= threshold);
  const textColumn = new Uint8Array(width).fill(1);
  if (height >= 200) {
    const columnInk = new Uint32Array(width);
    for (let y = 0; y < height; y += 1) {
      const row = y * width;
      for (let x = 0; x < width; x += 1) if (isInk(data[row + x]!)) columnInk[x]! += 1;
    }
    for (let x = 0; x < width; x += 1) if (columnInk[x]! > height * 0.5) textColumn[x] = 0;
  }
  const stripCount = Math.max(1, Math.round(width / 500));
  const bands: number[] = [];
  for (let strip = 0; strip < stripCount; strip += 1) {
    const from = Math.floor((strip * width) / stripCount);
    const to = Math.floor(((strip + 1) * width) / stripCount);
    let columns = 0;
    for (let x = from; x < to; x += 1) columns += textColumn[x]!;
    // A row counts as text when at least 0.5% of its pixels (and 2) are ink; this skips specks.
    const minInk = Math.max(2, Math.floor(columns * 0.005));
    let run = 0;
    for (let y = 0; y <= height; y += 1) {
      let ink = 0;
      if (y < height) {
        const row = y * width;
        for (let x = from; x < to; x += 1) if (textColumn[x] && isInk(data[row + x]!)) ink += 1;
      }
      if (ink >= minInk) {
        run += 1;
      } else {
        if (run >= 4) bands.push(run);
        run = 0;
      }
    }
  }
  if (bands.length === 0) return null;
  bands.sort((a, b) => a - b);
  const median = bands[Math.floor(bands.length / 2)]!;
  // A median band over most of a tall page is a photo or a shaded scan, not a line of text.
  return median > 0.4 * height && height > 200 ? null : median;
}
