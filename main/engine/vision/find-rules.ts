import type { GreyImage } from '../intake/grey-image.js';
import type { HorizontalRule, VerticalRule } from '../table/grid-from-rules.js';
import { withMats } from './opencv.js';

export interface FoundRules {
  readonly horizontal: HorizontalRule[];
  readonly vertical: VerticalRule[];
}

/**
 * The drawn rules of a page: ink (adaptive threshold, so grey scans and shaded rows work) opened
 * with a long thin kernel keeps only straight runs at least 1/30 of the page and 2.5 text heights long;
 * each remaining run's bounding box is a rule. Text strokes are far shorter and vanish. A page of
 * light text on dark is inverted first, and a run thicker than a drawn rule (the edge of a dark
 * band or photo) is no rule.
 */
export async function findRules(image: GreyImage, textHeight: number): Promise<FoundRules> {
  return withMats((cv, { keep }) => {
    const source = keep(cv['matFromArray'](image.height, image.width, cv['CV_8UC1'], image.data));
    if ((cv['mean'](source) as number[])[0]! < 110) cv['bitwise_not'](source, source);
    const ink = keep(new cv['Mat']());
    cv['adaptiveThreshold'](source, ink, 255, cv['ADAPTIVE_THRESH_MEAN_C'], cv['THRESH_BINARY_INV'], 15, 10);
    const runs = (size: { width: number; height: number }) => {
      const kernel = keep(cv['getStructuringElement'](cv['MORPH_RECT'], new cv['Size'](size.width, size.height)));
      const mask = keep(new cv['Mat']());
      cv['morphologyEx'](ink, mask, cv['MORPH_OPEN'], kernel);
      const contours = keep(new cv['MatVector']());
      const hierarchy = keep(new cv['Mat']());
      cv['findContours'](mask, contours, hierarchy, cv['RETR_EXTERNAL'], cv['CHAIN_APPROX_SIMPLE']);
      const boxes: Array<{ x: number; y: number; width: number; height: number }> = [];
      for (let index = 0; index < contours.size(); index += 1) {
        const contour = contours.get(index);
        boxes.push(cv['boundingRect'](contour));
        contour.delete();
      }
      return boxes;
    };
    // A drawn rule is a few pixels thick at 300 dpi; a little more on large or blurred pages.
    const thickest = Math.max(8, Math.round(Math.min(image.width, image.height) / 150));
    // A rule is longer than a stroke of a character: Chinese 一 and 丨 are a text height long.
    const shortest = (side: number) => Math.max(20, Math.round(side / 30), Math.round(2.5 * textHeight));
    const horizontal = runs({ width: shortest(image.width), height: 1 })
      .filter((box) => box.height <= thickest)
      .map((box) => ({ y: box.y + Math.floor(box.height / 2), x0: box.x, x1: box.x + box.width - 1 }));
    const vertical = runs({ width: 1, height: shortest(image.height) })
      .filter((box) => box.width <= thickest)
      .map((box) => ({ x: box.x + Math.floor(box.width / 2), y0: box.y, y1: box.y + box.height - 1 }));
    return { horizontal, vertical };
  });
}
