import type { z } from 'zod';
import { cloudActions, type CloudActionInfo, type CloudActionName } from '../../../shared/cloud-api/cloud-actions.js';
import { fail, ok, type Result } from '../../../shared/result.js';
import type { IdCardCall, ImageSource, RecognitionCall, RecognitionCallCode, RecognizedPage, RecognizedTables } from '../../services/recognition-service.js';
import type { IdCardReading } from '../../../shared/idcard-result.js';
import { recognitionOptionsFor, type ServiceChoices } from '../../services/service-options.js';
import type { CloudCallFailure } from './cloud-error-codes.js';
import { describeProblems } from '../../../shared/schema-problems.js';

/** What an action handler gets besides its parameters. */
export interface CloudActionContext {
  /** Runs a recognition for this request's caller, metered, cancelled if the client goes away. */
  readonly recognize: (call: ActionCall) => Promise<Result<RecognizedPage, RecognitionCallCode>>;
  /** The same for the table actions. */
  readonly recognizeTables: (call: ActionCall) => Promise<Result<RecognizedTables, RecognitionCallCode>>;
  /** The ID card action's reading. */
  readonly recognizeIdCard: (call: Pick<IdCardCall, 'service' | 'image' | 'card'>) => Promise<Result<IdCardReading, RecognitionCallCode>>;
}

/** What an action decides about a call; the endpoint adds who makes it. */
export type ActionCall = Pick<RecognitionCall, 'service' | 'image' | 'options'>;

/** The Response fields of a success, without RequestId. */
export type CloudActionResult = Result<Record<string, unknown>, CloudCallFailure>;

/** One cloud action: validate, call the service, shape the response. */
export type CloudActionHandler = (params: Record<string, unknown>, context: CloudActionContext) => Promise<CloudActionResult>;

/** Checks parameters against an action's schema, naming every field that is wrong. */
export function parseParams<Schema extends z.ZodType>(schema: Schema, params: Record<string, unknown>): Result<z.output<Schema>, 'InvalidParameter'> {
  const parsed = schema.safeParse(params);
  if (parsed.success) return ok(parsed.data);
  const problems = describeProblems(parsed.error);
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

/**
 * What every recognising action does first: check its parameters, find the image, read it with
 * the options the request asks for, under the action's service, by the reading it names (text or
 * tables). The action then shapes the answer.
 */
export async function readForAction<Schema extends z.ZodType<{ ImageBase64?: string | undefined; ImageUrl?: string | undefined }>, Read>(
  action: CloudActionName,
  schema: Schema,
  params: Record<string, unknown>,
  read: (call: ActionCall) => Promise<Result<Read, RecognitionCallCode>>,
  choices: (request: z.output<Schema>) => ServiceChoices,
): Promise<Result<{ request: z.output<Schema>; page: Read }, CloudCallFailure>> {
  const request = parseParams(schema, params);
  if (!request.ok) return request;
  const image = imageSourceOf(request.value, cloudActions[action]);
  if (!image.ok) return image;
  const { service } = cloudActions[action];
  // The service decides tier and default language, the same for every door.
  const options = recognitionOptionsFor(service, choices(request.value));
  if (!options.ok) return fail('UnsupportedAction', options.error.message);
  const outcome = await read({ service, image: image.value, options: options.value });
  return outcome.ok ? ok({ request: request.value, page: outcome.value }) : outcome;
}

/** The cloud's PdfPageNumber as the page choice. */
export const pageOption = (request: { readonly PdfPageNumber?: number | undefined }) => (request.PdfPageNumber ? { page: request.PdfPageNumber } : {});

/** PdfPageSize: the pages of a PDF or multi-page TIFF, 0 for an image (as the cloud), whatever IsPdf said. */
export const pdfPageSize = (page: Pick<RecognizedPage, 'isDocument' | 'pageCount'>) => (page.isDocument ? page.pageCount : 0);
