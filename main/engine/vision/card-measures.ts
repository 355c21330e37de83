import type { Point } from '../../../shared/ocr-result.js';
import type { ColourImage } from '../intake/grey-image.js';
import { backLayout, frontLayout, type Region } from '../idcard/card-layout.js';
import { withMats, type Mats, type OpenCv } from './opencv.js';

/**
 * What the authenticity warnings decide on, measured on the straightened card (856 x 540, RGB).
 * Each is a number with a meaning of its own; the thresholds live with the decisions
 * (idcard/card-warnings.ts), where they are calibrated and explained.
 */
export interface CardMeasures {
  /** Median saturation (0-1) of the card's light background: a real card is tinted, a grey copy is not. */
  readonly backgroundSaturation: number;
  /** Median hue (degrees) of the background. */
  readonly backgroundHue: number;
  /** Share of the card that is blown-out white (glare), and where the largest patch is. */
  readonly glare: { readonly share: number; readonly centre: Point | null };
  /** Share of the card under one foreign patch (saturated, not the card's colours; emblem and portrait left out), and where. */
  readonly foreign: { readonly share: number; readonly centre: Point | null };
  /** The strongest isolated peak of the spectrum at fine periods, against its ring's median: a screen's pixel grid and moire make sharp peaks. */
  readonly spectralPeak: number;
  /**
   * Per value field: how dark its ink is (the grey level of its darkest tenth of pixels) and how far
   * its background's colour lies from the card's open background (RGB distance of the medians). A
   * value pasted over carries a patch of other background and ink of another printer.
   */
  readonly fields: Readonly<Record<string, { readonly ink: number; readonly backgroundShift: number }>>;
  /**
   * Straight seams where the card prints text: horizontal runs of at least 60 px and vertical runs
   * of at least 30 px of a faint, unbroken edge. Printed text breaks every few strokes and the
   * background's pattern is curved; the edge of a patch pasted over a value is straight.
   */
  readonly seams: number;
}

const median = (values: number[]): number => {
  if (values.length === 0) return 0;
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)]!;
};

/**
 * The measures of one card side. Plain loops over the pixels where OpenCV has no single call for
 * the statistic (medians over masks); OpenCV for colour conversion, morphology, components and
 * the spectrum.
 */
export async function measureCard(card: ColourImage, side: 'FRONT' | 'BACK'): Promise<CardMeasures> {
  return withMats((cv, mats) => {
    const { width, height } = card;
    const source = mats.keep(cv['matFromArray'](height, width, cv['CV_8UC3'], card.data));
    const hsv = mats.keep(new cv['Mat']());
    cv['cvtColor'](source, hsv, cv['COLOR_RGB2HSV']);
    const grey = mats.keep(new cv['Mat']());
    cv['cvtColor'](source, grey, cv['COLOR_RGB2GRAY']);
    const pixels = hsv.data as Uint8Array;
    const greyPixels = grey.data as Uint8Array;

    // Regions that are not background: the portrait (front) or the emblem (back), and a margin at
    // the rounded corners where the photo's background shows.
    const exempt: Region[] = side === 'FRONT' ? [frontLayout.portrait] : [backLayout.emblem];
    const inRegion = (x: number, y: number, region: Region) => x >= region.x && x < region.x + region.width && y >= region.y && y < region.y + region.height;
    const margin = 30;
    const counted = (x: number, y: number) => x >= margin && y >= margin && x < width - margin && y < height - margin && !exempt.some((region) => inRegion(x, y, region));

    // Background: light pixels (ink and portrait left out), sampled on a grid.
    const saturations: number[] = [];
    const hues: number[] = [];
    for (let y = margin; y < height - margin; y += 3) {
      for (let x = margin; x < width - margin; x += 3) {
        if (!counted(x, y)) continue;
        const at = (y * width + x) * 3;
        if (pixels[at + 2]! < 150) continue;
        saturations.push(pixels[at + 1]! / 255);
        hues.push(pixels[at]! * 2);
      }
    }

    // Glare: blown-out, colourless pixels, as connected patches.
    const glareMask = mats.keep(new cv['Mat'](height, width, cv['CV_8UC1'], new cv['Scalar'](0)));
    // Foreign: saturated pixels in hues the card does not print (its tint is blue-green; ink is dark).
    const foreignMask = mats.keep(new cv['Mat'](height, width, cv['CV_8UC1'], new cv['Scalar'](0)));
    const glareData = glareMask.data as Uint8Array;
    const foreignData = foreignMask.data as Uint8Array;
    for (let y = margin; y < height - margin; y += 1) {
      for (let x = margin; x < width - margin; x += 1) {
        const at = (y * width + x) * 3;
        const hue = pixels[at]! * 2;
        const saturation = pixels[at + 1]! / 255;
        const value = pixels[at + 2]! / 255;
        // Glare is looked for over the whole card, portrait and emblem included: it hides them too.
        if (value >= 0.985 && saturation <= 0.06) glareData[y * width + x] = 255;
        if (!counted(x, y)) continue;
        const cardHue = hue >= 140 && hue <= 220;
        if (saturation >= 0.2 && value >= 0.25 && !cardHue) foreignData[y * width + x] = 255;
      }
    }
    const largestPatch = (mask: { delete(): void }) => {
      // Opening with a large kernel: text strokes and speckle vanish, patches stay.
      const kernel = mats.keep(cv['getStructuringElement'](cv['MORPH_ELLIPSE'], new cv['Size'](9, 9)));
      const opened = mats.keep(new cv['Mat']());
      cv['morphologyEx'](mask, opened, cv['MORPH_OPEN'], kernel);
      const labels = mats.keep(new cv['Mat']());
      const stats = mats.keep(new cv['Mat']());
      const centroids = mats.keep(new cv['Mat']());
      const count = cv['connectedComponentsWithStats'](opened, labels, stats, centroids, 8, cv['CV_32S']) as number;
      let best = { area: 0, centre: null as Point | null };
      for (let label = 1; label < count; label += 1) {
        const area = stats.intPtr(label, cv['CC_STAT_AREA'])[0] as number;
        if (area > best.area) best = { area, centre: { x: Math.round(centroids.doublePtr(label, 0)[0] as number), y: Math.round(centroids.doublePtr(label, 1)[0] as number) } };
      }
      return { share: best.area / (width * height), centre: best.centre };
    };

    return {
      backgroundSaturation: median(saturations),
      backgroundHue: median(hues),
      glare: largestPatch(glareMask),
      foreign: largestPatch(foreignMask),
      spectralPeak: spectralPeak(cv, mats, grey),
      fields: fieldInkAndBackground(card.data, greyPixels, width, height, side, counted),
      seams: straightSeams(cv, mats, grey, side),
    };
  });
}

/**
 * The spectrum of the card's grey (a 512 x 512 centre crop, windowed): in rings of fine periods
 * (2.5-8 px), the strongest coefficient against its ring's median. Print has a smooth spectrum;
 * a screen photographed shows its pixel grid and the moire it beats with the camera's as sharp
 * peaks tens of times above their ring.
 */
function spectralPeak(cv: OpenCv, mats: Mats, grey: { cols: number; rows: number; roi(rect: unknown): unknown }): number {
  const size = 256;
  const rect = new cv['Rect'](Math.floor((grey.cols - 2 * size) / 2), Math.floor((grey.rows - 2 * size) / 2), 2 * size, 2 * size);
  const region = mats.keep(grey.roi(rect) as { delete(): void });
  const floats = mats.keep(new cv['Mat']());
  (region as unknown as { convertTo(out: unknown, type: number): void }).convertTo(floats, cv['CV_32F']);
  const n = 2 * size;
  const data = floats.data32F as Float32Array;
  // A Hann window keeps the crop's edges from making peaks of their own.
  for (let y = 0; y < n; y += 1) for (let x = 0; x < n; x += 1) data[y * n + x]! *= (0.5 - 0.5 * Math.cos((2 * Math.PI * x) / (n - 1))) * (0.5 - 0.5 * Math.cos((2 * Math.PI * y) / (n - 1)));
  const planes = mats.keep(new cv['MatVector']());
  planes.push_back(floats);
  const zeros = mats.keep(cv['Mat']['zeros'](n, n, cv['CV_32F']));
  planes.push_back(zeros);
  const complex = mats.keep(new cv['Mat']());
  cv['merge'](planes, complex);
  cv['dft'](complex, complex);
  const spectrum = complex.data32F as Float32Array;
  const rings = new Map<number, number[]>();
  for (let v = 0; v < n; v += 1) {
    for (let u = 0; u < n; u += 1) {
      const fu = u <= n / 2 ? u : u - n;
      const fv = v <= n / 2 ? v : v - n;
      const radius = Math.hypot(fu, fv);
      // Periods of 2.5 to 8 px: radius n/8 to n/2.5.
      if (radius < n / 8 || radius > n / 2.5) continue;
      const at = (v * n + u) * 2;
      const power = Math.hypot(spectrum[at]!, spectrum[at + 1]!);
      const ring = Math.round(radius);
      const list = rings.get(ring) ?? [];
      list.push(power);
      rings.set(ring, list);
    }
  }
  let peak = 0;
  for (const list of rings.values()) {
    const max = Math.max(...list);
    const middle = median([...list]);
    if (middle > 0) peak = Math.max(peak, max / middle);
  }
  return Math.round(peak * 10) / 10;
}

/**
 * For each value field, its ink's darkness (the 10th percentile of its grey) and its background's
 * colour distance from the card's open background (median RGB of light pixels in each).
 */
function fieldInkAndBackground(
  rgb: Uint8Array,
  grey: Uint8Array,
  width: number,
  height: number,
  side: 'FRONT' | 'BACK',
  counted: (x: number, y: number) => boolean,
): Record<string, { ink: number; backgroundShift: number }> {
  const fields: Record<string, Region> =
    side === 'FRONT'
      ? { name: frontLayout.name, sex: frontLayout.sex, nation: frontLayout.nation, birth: frontLayout.birth, address: frontLayout.address, idNum: frontLayout.idNum }
      : { authority: backLayout.authority, validDate: backLayout.validDate };
  const inside = (region: Region) => (x: number, y: number) => x >= region.x && x < region.x + region.width && y >= region.y && y < region.y + region.height;
  const anyField = Object.values(fields);
  const backgroundOf = (accept: (x: number, y: number) => boolean) => {
    const channels: [number[], number[], number[]] = [[], [], []];
    for (let y = 0; y < height; y += 2) {
      for (let x = 0; x < width; x += 2) {
        if (!accept(x, y) || grey[y * width + x]! < 170) continue;
        const at = (y * width + x) * 3;
        for (let c = 0; c < 3; c += 1) channels[c]!.push(rgb[at + c]!);
      }
    }
    return channels[0].length < 50 ? null : channels.map((values) => median(values));
  };
  const open = backgroundOf((x, y) => counted(x, y) && !anyField.some((region) => inside(region)(x, y)));
  const measures: Record<string, { ink: number; backgroundShift: number }> = {};
  for (const [name, region] of Object.entries(fields)) {
    const greys: number[] = [];
    for (let y = region.y; y < region.y + region.height; y += 1) for (let x = region.x; x < region.x + region.width; x += 1) greys.push(grey[y * width + x]!);
    greys.sort((a, b) => a - b);
    const background = backgroundOf(inside(region));
    if (!background || !open) continue;
    measures[name] = { ink: greys[Math.floor(greys.length / 50)]!, backgroundShift: Math.round(Math.hypot(background[0]! - open[0]!, background[1]! - open[1]!, background[2]! - open[2]!) * 10) / 10 };
  }
  return measures;
}

/** Straight seams in the text area (see CardMeasures.seams). */
function straightSeams(cv: OpenCv, mats: Mats, grey: { delete(): void }, side: 'FRONT' | 'BACK'): number {
  const area: Region = side === 'FRONT' ? { x: 40, y: 40, width: 500, height: 470 } : { x: 140, y: 370, width: 700, height: 145 };
  const region = mats.keep((grey as unknown as { roi(rect: unknown): { delete(): void } }).roi(new cv['Rect'](area.x, area.y, area.width, area.height)));
  const smooth = mats.keep(new cv['Mat']());
  cv['GaussianBlur'](region, smooth, new cv['Size'](3, 3), 0);
  let seams = 0;
  for (const [dx, dy, kernelSize] of [
    [0, 1, new cv['Size'](61, 1)],
    [1, 0, new cv['Size'](1, 31)],
  ] as const) {
    const gradient = mats.keep(new cv['Mat']());
    cv['Sobel'](smooth, gradient, cv['CV_16S'], dx, dy, 3);
    const magnitude = mats.keep(new cv['Mat']());
    cv['convertScaleAbs'](gradient, magnitude);
    const edges = mats.keep(new cv['Mat']());
    cv['threshold'](magnitude, edges, 12, 255, cv['THRESH_BINARY']);
    const kernel = mats.keep(cv['getStructuringElement'](cv['MORPH_RECT'], kernelSize));
    const runs = mats.keep(new cv['Mat']());
    cv['morphologyEx'](edges, runs, cv['MORPH_OPEN'], kernel);
    const labels = mats.keep(new cv['Mat']());
    seams += (cv['connectedComponents'](runs, labels, 8, cv['CV_32S']) as number) - 1;
  }
  return seams;
}
