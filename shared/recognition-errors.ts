/**
 * Codes a recognition call can end with beyond the engine's own: what the service adds around the
 * engine (looking at the result, fetching an ImageUrl).
 */
export const recognitionErrorCodes = [
  /** The image was read and holds no text. Cloud: FailedOperation.ImageNoText (not billed). */
  'NoText',
  /** The ImageUrl is not allowed: its host is not on the allow list, or it points at this machine or a private address. Cloud: FailedOperation.DownLoadError. */
  'ImageUrlRefused',
  /** The ImageUrl could not be fetched in time, answered an error, or was too large. Cloud: FailedOperation.DownLoadError. */
  'ImageDownloadFailed',
] as const;

export type RecognitionErrorCode = (typeof recognitionErrorCodes)[number];
