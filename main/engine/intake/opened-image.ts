import type { RecognitionResult } from '../../../shared/ocr-result.js';
import type { Result } from '../../../shared/result.js';
import type { ColourImage, GreyImage } from './grey-image.js';

export type DecodeErrorCode = 'UnsupportedFormat' | 'ImageDecodeFailed' | 'AnimatedGifUnsupported' | 'ImageTooLarge' | 'PdfEncrypted' | 'PdfParseFailed';

/** An image or PDF whose header has been checked; pages are decoded one at a time, when needed. */
export interface OpenedImage {
  readonly pageCount: number;
  /** Decodes page `index` (from 0) to upright greyscale. */
  decodePage(index: number): Promise<Result<GreyImage, DecodeErrorCode>>;
  /** Decodes page `index` to upright RGB (transparency on white); absent for PDFs, which are read in grey. */
  decodeColour?(index: number): Promise<Result<ColourImage, DecodeErrorCode>>;
  /**
   * A page's own text where the document has it (a born-digital PDF page), as a result in the
   * pixels decodePage would give; null where the page must be read from its pixels.
   */
  readTextLayer?(index: number): Promise<RecognitionResult | null>;
  /** Releases what the open document holds (a parsed PDF); absent where nothing is held. */
  close?(): Promise<void>;
}
