/**
 * Input limits. Bytes follow the cloud (10 MB of base64 text, so about 7.5 MB of file); the pixel
 * cap is ours: it is checked from the header, before decoding, so a decompression bomb (a small
 * file that claims a huge canvas) is refused without allocating it.
 */
export interface ImageLimits {
  /** Maximum length of base64 text, in characters (the cloud counts the base64 form). */
  readonly maxBase64Length: number;
  /** Maximum size of the encoded file, in bytes. */
  readonly maxFileBytes: number;
  /** Maximum width x height of one page. */
  readonly maxPixels: number;
  /** Maximum width or height of one page. */
  readonly maxSide: number;
  /** Maximum pages in one multi-page TIFF; more is refused, not silently cut. */
  readonly maxPages: number;
  /** Maximum pixels of all pages of one file together (bounds the work one file can ask for). */
  readonly maxTotalPixels: number;
}

const tenMegabytes = 10 * 1024 * 1024;

export const defaultImageLimits: ImageLimits = {
  maxBase64Length: tenMegabytes,
  maxFileBytes: Math.floor((tenMegabytes * 3) / 4),
  // An A4 page at 600 dpi is 35 MP; 60 MP leaves room for A3 at 600 dpi without allowing bombs.
  maxPixels: 60_000_000,
  maxSide: 20_000,
  maxPages: 200,
  // 50 pages of A4 at 300 dpi.
  maxTotalPixels: 500_000_000,
};
