import type { AccountErrorCode } from '../../../shared/account-errors.js';
import type { RecognitionCallCode } from '../../services/recognition-service.js';
import type { SignatureErrorCode } from './tc3-signature.js';

/** Why a request to the cloud API is refused before it reaches a service. */
export type CloudRequestFailure =
  /** The body is over the cloud's limit for its form (10 MB JSON, 1 MB form, 32 KB query). */
  | 'BodyTooLarge'
  /** The body is not the JSON object (or form) its Content-Type says. */
  | 'MalformedBody'
  /** A parameter of the wrong type or out of range. */
  | 'InvalidParameter'
  /** Neither ImageBase64 nor ImageUrl is given. */
  | 'MissingImage'
  | 'MissingAction'
  | 'UnknownAction'
  /** An action of the contract whose issue has not landed yet. */
  | 'UnsupportedAction'
  | 'WrongVersion'
  /** A method other than GET and POST. */
  | 'UnsupportedMethod'
  /** More requests a second for this key and action than its limit. */
  | 'RateLimited'
  /** The request names a host this server does not answer to (DNS rebinding). */
  | 'HostNotAllowed'
  /** IDCardOCR's Config is not a JSON object of its flags. */
  | 'ConfigFormatError'
  /** A failure that is our bug; the log has it. */
  | 'Internal';

/** Every failure a cloud call can end with, in our codes. */
export type CloudCallFailure =
  | RecognitionCallCode
  | SignatureErrorCode
  | CloudRequestFailure
  | Extract<AccountErrorCode, 'KeyNotFound' | 'KeyDisabled' | 'SecretUnreadable'>;

/**
 * The one table from our codes to Tencent Cloud's (`../shared/reference/tencent-ocr-api.md` 4 and
 * its local mapping). Typed over every code, so a new code cannot be forgotten here.
 */
export const cloudErrorCodes: Readonly<Record<CloudCallFailure, string>> = {
  EmptyImage: 'FailedOperation.EmptyImageError',
  FileTooLarge: 'LimitExceeded.TooLargeFileError',
  ImageTooLarge: 'FailedOperation.ImageSizeTooLarge',
  ImageTooSmall: 'InvalidParameterValue.InvalidParameterValueLimit',
  NoIdCard: 'FailedOperation.ImageNoIdCard',
  CardSideMismatch: 'FailedOperation.CardSideError',
  MultipleCards: 'FailedOperation.MultiCardError',
  UnsupportedFormat: 'FailedOperation.UnKnowFileTypeError',
  AnimatedGifUnsupported: 'FailedOperation.UnKnowFileTypeError',
  ImageDecodeFailed: 'FailedOperation.ImageDecodeFailed',
  InvalidBase64: 'FailedOperation.ImageDecodeFailed',
  PdfEncrypted: 'FailedOperation.PDFParseFailed',
  PdfParseFailed: 'FailedOperation.PDFParseFailed',
  PageOutOfRange: 'InvalidParameterValue.InvalidParameterValueLimit',
  FileNotFound: 'InvalidParameterValue.InvalidParameterValueLimit',
  InvalidOption: 'InvalidParameterValue.InvalidParameterValueLimit',
  LanguageNotSupported: 'FailedOperation.LanguageNotSupport',
  Timeout: 'FailedOperation.EngineRecognizeTimeout',
  QueueFull: 'RequestLimitExceeded',
  Cancelled: 'FailedOperation.OcrFailed',
  EngineClosed: 'ServiceUnavailable',
  EngineFailed: 'FailedOperation.OcrFailed',
  ServiceDisabled: 'FailedOperation.UnOpenError',
  ResourcePackageRunOut: 'ResourceUnavailable.ResourcePackageRunOut',
  NotAllowed: 'AuthFailure.UnauthorizedOperation',
  NoText: 'FailedOperation.ImageNoText',
  ImageUrlRefused: 'FailedOperation.DownLoadError',
  ImageDownloadFailed: 'FailedOperation.DownLoadError',
  DuplicateRequest: 'InternalError',
  KeyNotFound: 'AuthFailure.SecretIdNotFound',
  // The cloud says SecretIdNotFound for a disabled key too; a code of its own tells the two apart.
  KeyDisabled: 'AuthFailure.InvalidSecretId',
  SecretUnreadable: 'InternalError',
  StoreLocked: 'InternalError',
  StoreCorrupt: 'InternalError',
  StoreTooNew: 'InternalError',
  LedgerBroken: 'InternalError',
  StoreIoFailed: 'InternalError',
  'AuthFailure.InvalidAuthorization': 'AuthFailure.InvalidAuthorization',
  'AuthFailure.SignatureExpire': 'AuthFailure.SignatureExpire',
  'AuthFailure.SignatureFailure': 'AuthFailure.SignatureFailure',
  BodyTooLarge: 'RequestSizeLimitExceeded',
  MalformedBody: 'InvalidParameter',
  InvalidParameter: 'InvalidParameter',
  MissingImage: 'InvalidParameterValue.InvalidParameterValueLimit',
  MissingAction: 'MissingParameter',
  UnknownAction: 'InvalidAction',
  UnsupportedAction: 'UnsupportedOperation',
  WrongVersion: 'NoSuchVersion',
  UnsupportedMethod: 'UnsupportedProtocol',
  RateLimited: 'RequestLimitExceeded',
  HostNotAllowed: 'InvalidRequest',
  ConfigFormatError: 'InvalidParameter.ConfigFormatError',
  Internal: 'InternalError',
};
