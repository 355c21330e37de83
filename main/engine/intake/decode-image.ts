import sharp from 'sharp';
import type { Metadata, Sharp } from 'sharp';
import bmp from 'bmp-js';
import { fail, ok, type Result } from '../../../shared/result.js';
import { detectImageFormat } from './image-format.js';
import type { ImageLimits } from './image-limits.js';
import type { ColourImage } from './grey-image.js';
import { toGrey } from './grey-pipeline.js';
import type { DecodeErrorCode, OpenedImage } from './opened-image.js';

const supported = 'JPEG, PNG, BMP, TIFF, WebP, PDF or a static GIF';

/**
 * Checks an image's format and every page's size from the headers, without decoding pixels, so a
 * decompression bomb or a TIFF of hundreds of huge blank pages is refused before it costs memory.
 * Decoded pages are upright (EXIF applied), greyscale, and transparency is flattened onto a
 * background chosen to contrast with the visible pixels.
 */
export async function openImage(bytes: Uint8Array, limits: ImageLimits): Promise<Result<OpenedImage, DecodeErrorCode>> {
  const format = detectImageFormat(bytes);
  if (format === null) return fail('UnsupportedFormat', `This is not an image format OCR Desk reads; send ${supported}.`);
  if (format === 'pdf') {
    // pdf.js and the canvas it draws on cost ~80 MB of memory once loaded: only PDFs pay for them.
    let pdf: typeof import('./open-pdf.js');
    try {
      pdf = await import('./open-pdf.js');
    } catch (error) {
      return fail('ImageDecodeFailed', `PDF support could not be loaded on this machine: ${(error as Error).message}.`);
    }
    return pdf.openPdf(bytes, limits);
  }
  if (format === 'bmp') return openBmp(bytes, limits);

  const damaged = (error: unknown, page?: number) =>
    fail('ImageDecodeFailed', `The ${format.toUpperCase()} file is damaged or truncated${page === undefined ? '' : ` (page ${page + 1})`}: ${reason(error)}.`);
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    return damaged(error);
  }
  const pages = metadata.pages ?? 1;
  if (format === 'gif' && pages > 1) {
    return fail('AnimatedGifUnsupported', `Animated GIFs (this one has ${pages} frames) are not supported; send a single still image.`);
  }
  const pageCount = format === 'tiff' ? pages : 1;
  if (pageCount > limits.maxPages) {
    return fail('ImageTooLarge', `The TIFF has ${pageCount} pages; at most ${limits.maxPages} are read from one file. Split it into smaller files.`);
  }
  const pageMetadata: Metadata[] = [metadata];
  let totalPixels = 0;
  for (let page = 0; page < pageCount; page += 1) {
    if (page > 0) {
      try {
        pageMetadata.push(await sharp(bytes, { page, limitInputPixels: false }).metadata());
      } catch (error) {
        return damaged(error, page);
      }
    }
    const { width, height } = pageMetadata[page]!;
    const sizeProblem = checkSize(width, height, limits);
    if (sizeProblem) return sizeProblem;
    totalPixels += width! * height!;
  }
  if (totalPixels > limits.maxTotalPixels) {
    return fail('ImageTooLarge', `The file's pages hold ${(totalPixels / 1e6).toFixed(0)} megapixels in all; the limit is ${(limits.maxTotalPixels / 1e6).toFixed(0)}.`);
  }
  return ok({
    pageCount,
    async decodePage(page) {
      try {
        const source = () => sharp(bytes, { page, limitInputPixels: limits.maxPixels, failOn: 'error' });
        const pipeline = source().rotate();
        if (pageMetadata[page]!.hasAlpha) pipeline.flatten({ background: await contrastingBackground(source().rotate()) });
        return ok(await toGrey(pipeline));
      } catch (error) {
        return damaged(error, pageCount > 1 ? page : undefined);
      }
    },
    async decodeColour(page) {
      try {
        const pipeline = sharp(bytes, { page, limitInputPixels: limits.maxPixels, failOn: 'error' }).rotate().flatten({ background: '#ffffff' }).toColourspace('srgb');
        const { data, info } = await pipeline.removeAlpha().raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
        return ok({ data, width: info.width, height: info.height });
      } catch (error) {
        return damaged(error, pageCount > 1 ? page : undefined);
      }
    },
  });
}

/**
 * Flattening onto white would erase white text on a transparent background. Pick black when the
 * visible pixels are mostly light, white otherwise.
 */
async function contrastingBackground(pipeline: Sharp): Promise<string> {
  const { data, info } = await pipeline.ensureAlpha().raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  let visible = 0;
  let luminance = 0;
  for (let i = 0; i < data.length; i += info.channels) {
    if (data[i + 3]! >= 128) {
      visible += 1;
      luminance += 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
    }
  }
  return visible > 0 && luminance / visible >= 128 ? '#000000' : '#ffffff';
}

function openBmp(bytes: Uint8Array, limits: ImageLimits): Result<OpenedImage, DecodeErrorCode> {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Width and height sit at fixed offsets of the BITMAPINFOHEADER; check them before decoding.
  const sizeProblem = checkSize(view.readInt32LE(18), Math.abs(view.readInt32LE(22)), limits);
  if (sizeProblem) return sizeProblem;
  return ok({
    pageCount: 1,
    decodePage: async () => {
      const rgb = bmpPixels(view);
      if (!rgb.ok) return rgb;
      try {
        return ok(await toGrey(sharp(rgb.value.data, { raw: { width: rgb.value.width, height: rgb.value.height, channels: 3 } })));
      } catch (error) {
        return fail('ImageDecodeFailed', `The BMP file could not be converted: ${reason(error)}.`);
      }
    },
    decodeColour: async () => bmpPixels(view),
  });
}

function bmpPixels(view: Buffer): Result<ColourImage, DecodeErrorCode> {
  let decoded: { width: number; height: number; data: Buffer };
  try {
    decoded = bmp.decode(view);
  } catch (error) {
    return fail('ImageDecodeFailed', `The BMP file is damaged or truncated: ${reason(error)}.`);
  }
  if (decoded.data.length < decoded.width * decoded.height * 4) {
    return fail('ImageDecodeFailed', 'The BMP file is damaged or truncated: its pixel data is shorter than its header says.');
  }
  // bmp-js always yields ABGR; the alpha byte is not meaningful in most BMPs, so drop it.
  const rgb = Buffer.alloc(decoded.width * decoded.height * 3);
  for (let src = 0, dst = 0; dst < rgb.length; src += 4, dst += 3) {
    rgb[dst] = decoded.data[src + 3]!;
    rgb[dst + 1] = decoded.data[src + 2]!;
    rgb[dst + 2] = decoded.data[src + 1]!;
  }
  return ok({ data: rgb, width: decoded.width, height: decoded.height });
}

function checkSize(width: number | undefined, height: number | undefined, limits: ImageLimits): Result<never, DecodeErrorCode> | null {
  if (!width || !height || width <= 0 || height <= 0) return fail('ImageDecodeFailed', 'The image header gives no valid width and height.');
  if (width > limits.maxSide || height > limits.maxSide || width * height > limits.maxPixels) {
    return fail(
      'ImageTooLarge',
      `The image is ${width} x ${height} pixels; the limit is ${limits.maxSide} pixels a side and ${(limits.maxPixels / 1e6).toFixed(0)} megapixels.`,
    );
  }
  return null;
}

function reason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/\.$/, '');
}
