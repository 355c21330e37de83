import sharp from 'sharp';
import type { Sharp } from 'sharp';
import type { GreyImage } from './grey-image.js';

/** A sharp pipeline reading a GreyImage. */
export function fromGrey(image: GreyImage): Sharp {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } });
}

/**
 * Runs a pipeline to an 8-bit single-channel GreyImage. Both settings matter: sharp's raw output
 * is three channels unless told b-w, and keeps 16-bit input 16-bit unless told uchar.
 */
export async function toGrey(pipeline: Sharp): Promise<GreyImage> {
  const { data, info } = await pipeline.toColourspace('b-w').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}
