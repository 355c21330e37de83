import type { GreyImage } from '../intake/grey-image.js';
import { fromGrey, toGrey } from '../intake/grey-pipeline.js';

/**
 * Turns a greyscale image clockwise. Quarter turns are lossless and keep every pixel; other angles
 * grow the canvas to hold the rotated page and fill the corners with the page's background.
 */
export async function rotateGrey(image: GreyImage, degrees: number, background: 'white' | 'black' = 'white'): Promise<GreyImage> {
  const fill = background === 'white' ? '#ffffff' : '#000000';
  return toGrey(fromGrey(image).rotate(degrees, { background: fill }));
}

/**
 * A page turned the way its reading was: `angle` is the reading's (the text's direction in the
 * input, clockwise), so the page turns by 360 - angle: first the quarter turns, then the small
 * skew, as the reader did, so the canvas grows exactly as it did and the reading's boxes fit.
 */
export async function turnAsRead(image: GreyImage, angle: number, background: 'white' | 'black' = 'white'): Promise<GreyImage> {
  const turn = (((360 - angle) % 360) + 360) % 360;
  const quarter = (Math.round(turn / 90) * 90) % 360;
  const skew = turn - Math.round(turn / 90) * 90;
  const quartered = quarter === 0 ? image : await rotateGrey(image, quarter);
  return Math.abs(skew) < 1e-6 ? quartered : rotateGrey(quartered, skew, background);
}
