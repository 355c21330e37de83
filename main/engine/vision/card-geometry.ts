import type { Point } from '../../../shared/ocr-result.js';
import type { ColourImage } from '../intake/grey-image.js';
import { withMats } from './opencv.js';

/** Where a card lies in a photo, and how it was found. */
export interface CardOutline {
  /** Clockwise from the card's top-left as it lies (the long side across; 0 or 180 undecided). */
  readonly corners: readonly [Point, Point, Point, Point];
  /** `outline`: the card's edge was found; `frame`: the image is the card (a tight scan or crop). */
  readonly found: 'outline' | 'frame';
  /** Share of the card's outline that lies inside the image, 0-1 (a card cut off by the edge is less). */
  readonly inside: number;
}

/** The card's proportions (85.6 x 54 mm), and how far a photographed card may stray from them. */
const cardAspect = 85.6 / 54;
const aspectRange = [1.3, 1.95] as const;

/** Four points ordered clockwise from the top-left (smallest x + y), with the long side across. */
export function orderCorners(points: readonly Point[]): [Point, Point, Point, Point] {
  const centre = { x: points.reduce((sum, p) => sum + p.x, 0) / 4, y: points.reduce((sum, p) => sum + p.y, 0) / 4 };
  // Clockwise in image coordinates (y down) is increasing angle.
  const sorted = [...points].sort((a, b) => Math.atan2(a.y - centre.y, a.x - centre.x) - Math.atan2(b.y - centre.y, b.x - centre.x));
  const start = sorted.reduce((best, point, index) => (point.x + point.y < sorted[best]!.x + sorted[best]!.y ? index : best), 0);
  const ordered = [0, 1, 2, 3].map((k) => sorted[(start + k) % 4]!) as [Point, Point, Point, Point];
  const across = Math.hypot(ordered[1].x - ordered[0].x, ordered[1].y - ordered[0].y);
  const down = Math.hypot(ordered[3].x - ordered[0].x, ordered[3].y - ordered[0].y);
  // A card standing on its side: its top-left is the outline's top-right (turned a quarter clockwise).
  return across >= down ? ordered : [ordered[3], ordered[0], ordered[1], ordered[2]];
}

/**
 * Finds the cards in a photo, largest first: edges (Canny on the blurred grey, on a copy at most
 * 1000 px long) closed into contours; each convex outline of four corners (or its minimum-area
 * rectangle) covering a twentieth of the photo at least and shaped like a card, one per place
 * (an outline inside a larger one is its print, not another card). When none is, a photo shaped
 * like a card is taken to be the card itself (a scan cropped to it); otherwise none.
 */
export function locateCards(image: ColourImage): Promise<CardOutline[]> {
  return withMats((cv, mats) => {
    const scale = Math.min(1, 1000 / Math.max(image.width, image.height));
    const source = mats.keep(cv['matFromArray'](image.height, image.width, cv['CV_8UC3'], image.data));
    const small = mats.keep(new cv['Mat']());
    cv['resize'](source, small, new cv['Size'](Math.round(image.width * scale), Math.round(image.height * scale)), 0, 0, cv['INTER_AREA']);
    const grey = mats.keep(new cv['Mat']());
    cv['cvtColor'](small, grey, cv['COLOR_RGB2GRAY']);
    cv['GaussianBlur'](grey, grey, new cv['Size'](5, 5), 0);
    const edges = mats.keep(new cv['Mat']());
    cv['Canny'](grey, edges, 40, 120);
    const kernel = mats.keep(cv['getStructuringElement'](cv['MORPH_RECT'], new cv['Size'](5, 5)));
    cv['morphologyEx'](edges, edges, cv['MORPH_CLOSE'], kernel);
    // Two maps of where a card's outline may be: the edges, and the card's own light, unsaturated
    // colours (a finger or a shadow across its edge breaks the edges, but its colour is not the
    // card's, and the outline's convex hull closes the notch it leaves).
    const hsv = mats.keep(new cv['Mat']());
    cv['cvtColor'](small, hsv, cv['COLOR_RGB2HSV']);
    const light = mats.keep(new cv['Mat']());
    const low = mats.keep(new cv['Mat'](hsv.rows, hsv.cols, hsv.type(), new cv['Scalar'](0, 0, 150, 0)));
    const high = mats.keep(new cv['Mat'](hsv.rows, hsv.cols, hsv.type(), new cv['Scalar'](180, 70, 255, 255)));
    cv['inRange'](hsv, low, high, light);
    const smallKernel = mats.keep(cv['getStructuringElement'](cv['MORPH_RECT'], new cv['Size'](5, 5)));
    const largeKernel = mats.keep(cv['getStructuringElement'](cv['MORPH_RECT'], new cv['Size'](15, 15)));
    cv['morphologyEx'](light, light, cv['MORPH_OPEN'], smallKernel);
    cv['morphologyEx'](light, light, cv['MORPH_CLOSE'], largeKernel);
    const area = small.rows * small.cols;
    const candidates: Array<{ corners: [Point, Point, Point, Point]; area: number }> = [];
    for (const map of [edges, light]) {
      const contours = mats.keep(new cv['MatVector']());
      const hierarchy = mats.keep(new cv['Mat']());
      cv['findContours'](map, contours, hierarchy, cv['RETR_EXTERNAL'], cv['CHAIN_APPROX_SIMPLE']);
      for (let index = 0; index < contours.size(); index += 1) {
        const contour = mats.keep(contours.get(index));
        const hull = mats.keep(new cv['Mat']());
        cv['convexHull'](contour, hull, false, true);
        const hullArea = cv['contourArea'](hull) as number;
        if (hullArea < 0.05 * area || hullArea > 0.995 * area) continue;
        const approx = mats.keep(new cv['Mat']());
        cv['approxPolyDP'](hull, approx, 0.02 * (cv['arcLength'](hull, true) as number), true);
        let corners: Point[];
        if (approx.rows === 4) {
          corners = Array.from({ length: 4 }, (_, k) => ({ x: approx.data32S[2 * k] as number, y: approx.data32S[2 * k + 1] as number }));
        } else {
          const box = cv['minAreaRect'](hull) as { center: Point; size: { width: number; height: number }; angle: number };
          // An outline far from a rectangle (a card with things round it) is no card's.
          if (hullArea < 0.85 * box.size.width * box.size.height) continue;
          const points = cv['RotatedRect']['points'](box) as Point[];
          corners = points.map((point) => ({ x: point.x, y: point.y }));
        }
        const ordered = orderCorners(corners);
        const across = Math.hypot(ordered[1].x - ordered[0].x, ordered[1].y - ordered[0].y);
        const down = Math.hypot(ordered[3].x - ordered[0].x, ordered[3].y - ordered[0].y);
        const aspect = across / Math.max(1, down);
        if (aspect < aspectRange[0] || aspect > aspectRange[1]) continue;
        candidates.push({ corners: ordered, area: hullArea });
      }
    }
    const width = small.cols;
    const height = small.rows;
    const accepted: Array<{ corners: [Point, Point, Point, Point]; area: number }> = [];
    for (const candidate of candidates.sort((a, b) => b.area - a.area)) {
      const centre = { x: candidate.corners.reduce((sum, p) => sum + p.x, 0) / 4, y: candidate.corners.reduce((sum, p) => sum + p.y, 0) / 4 };
      const within = (corners: readonly Point[]) => {
        const xs = corners.map((p) => p.x);
        const ys = corners.map((p) => p.y);
        return centre.x >= Math.min(...xs) && centre.x <= Math.max(...xs) && centre.y >= Math.min(...ys) && centre.y <= Math.max(...ys);
      };
      // A second card is about as large as the first; smaller outlines are print on a card or clutter.
      if (accepted.some((card) => within(card.corners)) || (accepted[0] && candidate.area < 0.5 * accepted[0].area)) continue;
      accepted.push(candidate);
    }
    if (accepted.length > 0) {
      return accepted.slice(0, 3).map((card) => {
        const corners = orderCorners(card.corners.map((point) => ({ x: point.x / scale, y: point.y / scale })));
        return { corners, found: 'outline' as const, inside: shareInside(corners, image.width, image.height) };
      });
    }
    // Only a picture nearly the card's own shape is the card itself: a 4:3 or 16:9 photo is not.
    const aspect = Math.max(width, height) / Math.min(width, height);
    if (Math.abs(aspect - cardAspect) <= 0.12) {
      const frame = orderCorners([
        { x: 0, y: 0 },
        { x: image.width - 1, y: 0 },
        { x: image.width - 1, y: image.height - 1 },
        { x: 0, y: image.height - 1 },
      ]);
      return [{ corners: frame, found: 'frame' as const, inside: 1 }];
    }
    return [];
  });
}

/**
 * The share of the outline's length within the image, less what runs along the image's edge: a
 * card whose outline runs along or past the border was cut off there.
 */
function shareInside(corners: readonly Point[], width: number, height: number): number {
  const margin = 2;
  let total = 0;
  let inside = 0;
  for (let k = 0; k < 4; k += 1) {
    const a = corners[k]!;
    const b = corners[(k + 1) % 4]!;
    const steps = 50;
    for (let step = 0; step < steps; step += 1) {
      const x = a.x + ((b.x - a.x) * (step + 0.5)) / steps;
      const y = a.y + ((b.y - a.y) * (step + 0.5)) / steps;
      total += 1;
      if (x > margin && y > margin && x < width - 1 - margin && y < height - 1 - margin) inside += 1;
    }
  }
  return inside / total;
}

/** The card cut out of the photo and straightened to `width` x `height` (perspective removed). */
export function warpCard(image: ColourImage, corners: readonly Point[], width: number, height: number): Promise<ColourImage> {
  return withMats((cv, mats) => {
    const source = mats.keep(cv['matFromArray'](image.height, image.width, cv['CV_8UC3'], image.data));
    const from = mats.keep(cv['matFromArray'](4, 1, cv['CV_32FC2'], corners.flatMap((point) => [point.x, point.y])));
    const to = mats.keep(cv['matFromArray'](4, 1, cv['CV_32FC2'], [0, 0, width - 1, 0, width - 1, height - 1, 0, height - 1]));
    const transform = mats.keep(cv['getPerspectiveTransform'](from, to));
    const card = mats.keep(new cv['Mat']());
    cv['warpPerspective'](source, card, transform, new cv['Size'](width, height), cv['INTER_AREA'], cv['BORDER_REPLICATE']);
    return { data: Buffer.from(card.data as Uint8Array), width, height };
  });
}

/**
 * Sharpness, 0-100: the spread (standard deviation) of the Laplacian of the straightened card's
 * grey, which falls as edges soften. 100 at or above the spread of a crisp print at this size.
 */
export function sharpness(image: ColourImage): Promise<number> {
  return withMats((cv, mats) => {
    const source = mats.keep(cv['matFromArray'](image.height, image.width, cv['CV_8UC3'], image.data));
    const grey = mats.keep(new cv['Mat']());
    cv['cvtColor'](source, grey, cv['COLOR_RGB2GRAY']);
    const laplacian = mats.keep(new cv['Mat']());
    cv['Laplacian'](grey, laplacian, cv['CV_64F']);
    const mean = mats.keep(new cv['Mat']());
    const deviation = mats.keep(new cv['Mat']());
    cv['meanStdDev'](laplacian, mean, deviation);
    const spread = deviation.data64F[0] as number;
    return Math.round(Math.min(100, (100 * spread) / crispSpread));
  });
}

/** The Laplacian spread of a crisp card straightened to 856 x 540 (measured on clean renders). */
const crispSpread = 30;

