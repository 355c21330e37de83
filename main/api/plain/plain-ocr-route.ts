import { randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actionOfService, type CloudActionName } from '../../../shared/cloud-api/cloud-actions.js';
import { plainOcrJsonRequest, plainOcrRequest } from '../../../shared/plain-api.js';
import { fail, ok, type Failure, type Result } from '../../../shared/result.js';
import type { Account, Accounts } from '../../accounts/accounts.js';
import type { Logger } from '../../platform/logger.js';
import type { ImageSource, RecognitionService } from '../../services/recognition-service.js';
import { recognitionOptionsFor } from '../../services/service-options.js';
import { isTableService } from '../../../shared/services.js';
import { allIdCardWarnings } from '../../../shared/idcard-result.js';
import { clientGone } from '../client-gone.js';
import { fromThisMachine } from '../host-guard.js';
import { sameSecret } from '../../platform/same-secret.js';
import { multipartOptions, readMultipartImage } from '../multipart-image.js';
import type { RateLimiter } from '../rate-limiter.js';
import { describeProblems } from '../../../shared/schema-problems.js';

export interface PlainOcrDeps {
  readonly accounts: Accounts;
  readonly recognition: RecognitionService;
  readonly logger: Logger;
  /** Bytes of one uploaded file (the engine's file limit). */
  readonly maxFileBytes: number;
  /** The cloud actions' limiter: a key's calls of a service here count against that action's QPS. */
  readonly rateLimiter: RateLimiter;
  readonly qpsFor: (action: CloudActionName) => number;
}

/** HTTP statuses of the plain endpoint's failures, so `curl --fail` fails; the body says why. */
const statusOf = (code: string): number =>
  ({ Unauthorized: 401, NotAllowed: 403, ResourcePackageRunOut: 402, ServiceDisabled: 403, QueueFull: 429, RateLimited: 429, FileTooLarge: 413, EngineClosed: 503, Internal: 500, StoreIoFailed: 500 })[code] ??
  (['InvalidParameter', 'MissingImage', 'NotTextService', 'InvalidBase64', 'UnsupportedFormat', 'LanguageNotSupported', 'PageOutOfRange'].includes(code) ? 400 : 422);

/**
 * `POST /v1/ocr`: the same services and metering as the cloud actions, for curl and scripts,
 * authenticated by `Authorization: Bearer <SecretId>:<SecretKey>`. A bearer secret is refused over
 * plain HTTP from another machine: it would cross the network readable.
 */
export async function plainOcrRoute(app: FastifyInstance, deps: PlainOcrDeps): Promise<void> {
  await app.register(multipart, multipartOptions(deps.maxFileBytes));

  const authenticate = (request: FastifyRequest): Result<{ account: Account; secretId: string }, 'Unauthorized'> => {
    const secure = request.protocol === 'https' || fromThisMachine(request);
    if (!secure) return fail('Unauthorized', 'A bearer key is accepted over TLS or from this machine only.');
    const match = /^Bearer ([^:\s]+):(\S+)$/u.exec(request.headers.authorization ?? '');
    if (!match) return fail('Unauthorized', 'Send Authorization: Bearer <SecretId>:<SecretKey>.');
    const key = deps.accounts.keyForSigning(match[1]!);
    if (!key.ok || !sameSecret(match[2]!, key.value.secretKey)) return fail('Unauthorized', 'The SecretId and SecretKey do not match an enabled key.');
    return ok({ account: key.value.account, secretId: match[1]! });
  };

  const readRequest = async (request: FastifyRequest): Promise<Result<{ image: ImageSource; fields: Record<string, unknown> }, 'InvalidParameter' | 'MissingImage' | 'FileTooLarge'>> => {
    if (request.isMultipart()) {
      const upload = await readMultipartImage(request, deps.maxFileBytes);
      return upload.ok ? ok({ image: { kind: 'bytes', bytes: upload.value.image }, fields: upload.value.fields }) : upload;
    }
    const body = request.body;
    if (!Buffer.isBuffer(body)) return fail('InvalidParameter', 'Send JSON {"image": "<base64>"} or a multipart form.');
    let fields: Record<string, unknown>;
    try {
      fields = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    } catch {
      return fail('InvalidParameter', 'The body is not JSON.');
    }
    if (!fields || typeof fields !== 'object' || typeof fields['image'] !== 'string' || fields['image'] === '') return fail('MissingImage', 'Send the image as base64 in the JSON field "image".');
    return ok({ image: { kind: 'base64', text: fields['image'] }, fields });
  };

  app.post('/v1/ocr', async (request: FastifyRequest, reply: FastifyReply) => {
    const started = performance.now();
    const requestId = randomUUID();
    const noted = { account: '', secretId: '', service: '' };
    const answer = async (): Promise<Result<{ page: number; pageCount: number; result?: unknown; tables?: unknown; card?: unknown }, string>> => {
      const caller = authenticate(request);
      if (!caller.ok) return caller;
      Object.assign(noted, { account: caller.value.account.name, secretId: caller.value.secretId });
      deps.accounts.noteKeyUsed(caller.value.secretId);
      const input = await readRequest(request);
      if (!input.ok) return input;
      const schema = input.value.image.kind === 'base64' ? plainOcrJsonRequest : plainOcrRequest;
      const parsed = schema.safeParse(input.value.fields);
      if (!parsed.success) return fail('InvalidParameter', `Invalid fields (${describeProblems(parsed.error)}).`);
      const { service, lang, page, singleLine } = parsed.data;
      noted.service = service;
      const action = actionOfService(service);
      if (!deps.rateLimiter.take(`${caller.value.secretId}\n${action}`, deps.qpsFor(action))) {
        return fail('RateLimited', `More than ${deps.qpsFor(action)} ${service} requests a second with this key; slow down and retry.`);
      }
      // The ID card service answers the card: side, fields, checks, warnings (all of them measured).
      if (service === 'idcard') {
        const card = await deps.recognition.recognizeIdCard({ requestId, caller: caller.value, service, image: input.value.image, signal: clientGone(reply), card: { warnings: new Set(allIdCardWarnings) } });
        return card.ok ? ok({ page: 1, pageCount: 1, card: card.value }) : card;
      }
      const options = recognitionOptionsFor(service, { ...(lang ? { lang } : {}), ...(page ? { page } : {}), ...(singleLine ? { singleLine } : {}) });
      if (!options.ok) return options;
      const call = { requestId, caller: caller.value, service, image: input.value.image, options: options.value, signal: clientGone(reply) };
      // The table services answer the page's tables (the shared table model) in place of lines.
      if (isTableService(service)) {
        const tables = await deps.recognition.recognizeTables(call);
        return tables.ok ? ok({ page: page ?? 1, pageCount: tables.value.pageCount, tables: tables.value.reading }) : tables;
      }
      const read = await deps.recognition.recognize(call);
      return read.ok ? ok({ page: page ?? 1, pageCount: read.value.pageCount, result: read.value.result }) : read;
    };
    const outcome = await answer();
    deps.logger.log(outcome.ok ? 'info' : 'warn', 'plain-request', {
      requestId,
      ...noted,
      bytes: Number(request.headers['content-length'] ?? 0),
      ms: Math.round(performance.now() - started),
      result: outcome.ok ? 'ok' : outcome.error.code,
    });
    if (outcome.ok) return reply.code(200).send({ ok: true, ...outcome.value });
    const error: Failure = outcome.error;
    return reply.code(statusOf(error.code)).send({ ok: false, error });
  });
}
