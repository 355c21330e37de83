import type { z } from 'zod';
import type { CloudActionInfo } from '../../../shared/cloud-api/cloud-actions.js';
import { fail, ok, type Result } from '../../../shared/result.js';
import type { ImageSource, RecognitionCall, RecognitionCallCode, RecognizedPage } from '../../services/recognition-service.js';
import type { CloudCallFailure } from './cloud-error-codes.js';

/** What an action handler gets besides its parameters. */
export interface CloudActionContext {
  /** Runs a recognition for this request's caller, metered, cancelled if the client goes away. */
  readonly recognize: (call: Pick<RecognitionCall, 'service' | 'image' | 'options'>) => Promise<Result<RecognizedPage, RecognitionCallCode>>;
}

/** The Response fields of a success, without RequestId. */
export type CloudActionResult = Result<Record<string, unknown>, CloudCallFailure>;

/** One cloud action: validate, call the service, shape the response. */
export type CloudActionHandler = (params: Record<string, unknown>, context: CloudActionContext) => Promise<CloudActionResult>;

/** Checks parameters against an action's schema, naming every field that is wrong. */
export function parseParams<Schema extends z.ZodType>(schema: Schema, params: Record<string, unknown>): Result<z.output<Schema>, 'InvalidParameter'> {
  const parsed = schema.safeParse(params);
  if (parsed.success) return ok(parsed.data);
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`).join('; ');
  return fail('InvalidParameter', `Invalid parameters (${problems}).`);
}

/**
 * The image a request names: ImageUrl wins when both are given, as in the cloud. The base64 limit
 * of the action (the cloud counts the base64 text) is checked before anything is reserved.
 */
export function imageSourceOf(
  params: { readonly ImageBase64?: string | undefined; readonly ImageUrl?: string | undefined },
  action: CloudActionInfo,
): Result<ImageSource, 'MissingImage' | 'FileTooLarge'> {
  if (params.ImageUrl) return ok({ kind: 'url', url: params.ImageUrl });
  if (!params.ImageBase64) return fail('MissingImage', 'Give the image as ImageBase64 or ImageUrl.');
  if (params.ImageBase64.length > action.maxBase64Length) {
    return fail('FileTooLarge', `ImageBase64 is ${(params.ImageBase64.length / 1024 / 1024).toFixed(1)} MB; this action takes at most ${action.maxBase64Length / 1024 / 1024} MB.`);
  }
  return ok({ kind: 'base64', text: params.ImageBase64 });
}

/** PdfPageSize: the pages of a PDF or multi-page TIFF, 0 for an image (as the cloud), whatever IsPdf said. */
export const pdfPageSize = (page: RecognizedPage) => (page.isDocument ? page.pageCount : 0);
