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
