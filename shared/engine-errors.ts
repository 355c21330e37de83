/**
 * Stable codes of everything the recognition engine can refuse or fail at. The cloud adapter maps
 * them to Tencent error codes in one table; the CLI and the UI show them as they are.
 */
export const engineErrorCodes = [
  /** Nothing was given, or zero bytes. Cloud: FailedOperation.EmptyImageError. */
  'EmptyImage',
  /** The encoded file is over the byte limit. Cloud: LimitExceeded.TooLargeFileError. */
  'FileTooLarge',
  /** The pixel size is over the limit (also a decompression bomb). Cloud: FailedOperation.ImageSizeTooLarge. */
  'ImageTooLarge',
  /** Too small or too thin to hold what was asked for (a table needs room for two rows and two columns). Cloud: InvalidParameterValue.InvalidParameterValueLimit. */
  'ImageTooSmall',
  /** The bytes are no image format we read. Cloud: FailedOperation.UnKnowFileTypeError / ImageDecodeFailed. */
  'UnsupportedFormat',
  /** A known format whose bytes are truncated or corrupt. Cloud: FailedOperation.ImageDecodeFailed. */
  'ImageDecodeFailed',
  /** GIF with more than one frame. Cloud: FailedOperation.ImageDecodeFailed. */
  'AnimatedGifUnsupported',
  /** A password-protected PDF. Cloud: FailedOperation.PDFParseFailed. */
  'PdfEncrypted',
  /** A PDF that cannot be parsed, or a page of it that cannot be rendered. Cloud: FailedOperation.PDFParseFailed. */
  'PdfParseFailed',
  /** A page number beyond the document (the cloud's PdfPageNumber). Cloud: InvalidParameterValue.InvalidParameterValueLimit. */
  'PageOutOfRange',
  /** A path that does not exist or cannot be read. */
  'FileNotFound',
  /** Base64 text that is not base64. Cloud: InvalidParameterValue.InvalidParameterValueLimit. */
  'InvalidBase64',
  /** A language code the registry does not know. Cloud: FailedOperation.LanguageNotSupport. */
  'LanguageNotSupported',
  /** An option with a value outside its range. Cloud: InvalidParameterValue.InvalidParameterValueLimit. */
  'InvalidOption',
  /** No identity card of the Chinese mainland in the image (another region's card, another document, nothing). Cloud: FailedOperation.ImageNoIdCard. */
  'NoIdCard',
  /** The card shows the other side than the one asked for. Cloud: FailedOperation.CardSideError. */
  'CardSideMismatch',
  /** Two cards showing the same side in one image. Cloud: FailedOperation.MultiCardError. */
  'MultipleCards',
  /** The caller's AbortSignal fired. */
  'Cancelled',
  /** The bounded queue is full; try again later. Cloud: RequestLimitExceeded. */
  'QueueFull',
  /** The job did not finish within its time limit. Cloud: FailedOperation.EngineRecognizeTimeout. */
  'Timeout',
  /** The engine has been shut down. Cloud: ServiceUnavailable. */
  'EngineClosed',
  /** A worker failed while recognising (model load, wasm abort, thread exit). Cloud: FailedOperation.OcrFailed. */
  'EngineFailed',
] as const;

export type EngineErrorCode = (typeof engineErrorCodes)[number];
