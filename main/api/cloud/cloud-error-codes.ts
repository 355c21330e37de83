import type { AccountErrorCode } from '../../../shared/account-errors.js';
import type { BillingErrorCode } from '../../../shared/billing-errors.js';
import type { EngineErrorCode } from '../../../shared/engine-errors.js';
import type { StoreErrorCode } from '../../../shared/store-errors.js';
import type { SignatureErrorCode } from './tc3-signature.js';

/** Every failure a cloud call can end with, in our codes. */
export type CloudCallFailure =
  | EngineErrorCode
  | StoreErrorCode
  | SignatureErrorCode
  | Extract<BillingErrorCode, 'ServiceDisabled' | 'ResourcePackageRunOut' | 'NotAllowed' | 'DuplicateRequest'>
  | Extract<AccountErrorCode, 'KeyNotFound' | 'KeyDisabled' | 'SecretUnreadable'>;

/**
 * The one table from our codes to Tencent Cloud's (`../shared/reference/tencent-ocr-api.md` 4 and
 * its local mapping). Typed over every code, so a new code cannot be forgotten here.
 */
export const cloudErrorCodes: Readonly<Record<CloudCallFailure, string>> = {
  EmptyImage: 'FailedOperation.EmptyImageError',
  FileTooLarge: 'LimitExceeded.TooLargeFileError',
  ImageTooLarge: 'FailedOperation.ImageSizeTooLarge',
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
  NotAllowed: 'UnauthorizedOperation',
  DuplicateRequest: 'InternalError',
  KeyNotFound: 'AuthFailure.SecretIdNotFound',
  KeyDisabled: 'AuthFailure.SecretIdNotFound',
  SecretUnreadable: 'InternalError',
  StoreLocked: 'InternalError',
  StoreCorrupt: 'InternalError',
  StoreTooNew: 'InternalError',
  LedgerBroken: 'InternalError',
  StoreIoFailed: 'InternalError',
  'AuthFailure.InvalidAuthorization': 'AuthFailure.InvalidAuthorization',
  'AuthFailure.SecretIdNotFound': 'AuthFailure.SecretIdNotFound',
  'AuthFailure.SignatureExpire': 'AuthFailure.SignatureExpire',
  'AuthFailure.SignatureFailure': 'AuthFailure.SignatureFailure',
};

/** Failures the cloud bills like a success (since 2020-07-06): an empty image. */
export const billedFailures: ReadonlySet<CloudCallFailure> = new Set<CloudCallFailure>(['EmptyImage']);
