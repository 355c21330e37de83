import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cloudErrorCodes } from '../../main/api/cloud/cloud-error-codes.js';
import { billedFailures } from '../../main/services/recognition-service.js';
import { engineErrorCodes } from '../../shared/engine-errors.js';

/** Codes the cloud documents (../shared/reference/tencent-ocr-api.md, section 4), as spelled there. */
const documented = new Set([
  'AuthFailure.InvalidAuthorization', 'AuthFailure.SecretIdNotFound', 'AuthFailure.SignatureExpire', 'AuthFailure.SignatureFailure',
  'InternalError', 'RequestLimitExceeded', 'ServiceUnavailable', 'UnauthorizedOperation',
  'FailedOperation.EmptyImageError', 'FailedOperation.ImageDecodeFailed', 'FailedOperation.ImageSizeTooLarge', 'LimitExceeded.TooLargeFileError',
  'FailedOperation.LanguageNotSupport', 'FailedOperation.EngineRecognizeTimeout', 'FailedOperation.OcrFailed', 'FailedOperation.PDFParseFailed',
  'FailedOperation.UnKnowFileTypeError', 'InvalidParameterValue.InvalidParameterValueLimit', 'FailedOperation.UnOpenError',
  'ResourceUnavailable.ResourcePackageRunOut', 'FailedOperation.ImageNoText', 'FailedOperation.DownLoadError',
  'AuthFailure.InvalidSecretId', 'AuthFailure.UnauthorizedOperation', 'RequestSizeLimitExceeded', 'InvalidParameter', 'MissingParameter',
  'InvalidAction', 'UnsupportedOperation', 'NoSuchVersion', 'UnsupportedProtocol', 'InvalidRequest',
  'FailedOperation.ImageNoIdCard', 'FailedOperation.CardSideError', 'FailedOperation.MultiCardError', 'InvalidParameter.ConfigFormatError',
]);

test('every engine failure maps to a code the cloud documents; only an empty image is billed', () => {
  for (const code of engineErrorCodes) assert.ok(code in cloudErrorCodes, `${code} has no cloud code`);
  for (const [ours, cloud] of Object.entries(cloudErrorCodes)) assert.ok(documented.has(cloud), `${ours} -> ${cloud} is not a documented code`);
  assert.equal(cloudErrorCodes.QueueFull, 'RequestLimitExceeded', 'overload, as the local mapping says');
  assert.equal(cloudErrorCodes.ResourcePackageRunOut, 'ResourceUnavailable.ResourcePackageRunOut');
  assert.deepEqual([...billedFailures], ['EmptyImage']);
});
