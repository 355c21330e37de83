import sharp from 'sharp';
import type { GreyImage } from '../intake/grey-image.js';

/**
 * Turns a greyscale image clockwise. Quarter turns are lossless and keep every pixel; other angles
 * grow the canvas to hold the rotated page and fill the corners with the page's background.
 */
export async function rotateGrey(image: GreyImage, degrees: number, background: 'white' | 'black' = 'white'): Promise<GreyImage> {
  const fill = background === 'white' ? '#ffffff' : '#000000';
  const { data, info } = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } })
    .rotate(degrees, { background: fill })
    .toColourspace('b-w')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}
