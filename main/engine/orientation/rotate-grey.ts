import sharp from 'sharp';
import type { GreyImage } from '../intake/grey-image.js';

/** Turns a greyscale image clockwise by a quarter-turn multiple (lossless). */
export async function rotateGrey(image: GreyImage, degrees: 90 | 180 | 270): Promise<GreyImage> {
  const { data, info } = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } })
    .rotate(degrees)
    .toColourspace('b-w')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}
