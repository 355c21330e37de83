/** An 8-bit single-channel image in memory, the form every engine step works on. */
export interface GreyImage {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
}

/** An 8-bit RGB image in memory (3 bytes a pixel), for the analyses that need colour (ID cards). */
export interface ColourImage {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
}

/** Encodes as binary PGM: Leptonica reads it without decompression, unlike PNG. */
export function toPgm(image: GreyImage): Uint8Array {
  const header = Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, 'ascii');
  return Buffer.concat([header, image.data]);
}
