import { randomUUID, timingSafeEqual } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actionOfService, type CloudActionName } from '../../../shared/cloud-api/cloud-actions.js';
import { plainOcrJsonRequest, plainOcrRequest } from '../../../shared/plain-api.js';
import { fail, ok, type Failure, type Result } from '../../../shared/result.js';
import type { Account, Accounts } from '../../accounts/accounts.js';
import type { Logger } from '../../platform/logger.js';
import type { ImageSource, RecognitionService } from '../../services/recognition-service.js';
import { recognitionOptionsFor } from '../../services/service-options.js';
import { clientGone } from '../client-gone.js';
import type { RateLimiter } from '../rate-limiter.js';

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
  (['InvalidParameter', 'MissingImage', 'NotYetAvailable', 'InvalidBase64', 'UnsupportedFormat', 'LanguageNotSupported', 'PageOutOfRange'].includes(code) ? 400 : 422);

/**
 * `POST /v1/ocr`: the same services and metering as the cloud actions, for curl and scripts,
 * authenticated by `Authorization: Bearer <SecretId>:<SecretKey>`. A bearer secret is refused over
 * plain HTTP from another machine: it would cross the network readable.
 */
export async function plainOcrRoute(app: FastifyInstance, deps: PlainOcrDeps): Promise<void> {
  await app.register(multipart, { limits: { files: 1, fileSize: deps.maxFileBytes, fields: 10, fieldSize: 1000, parts: 12 } });

  const authenticate = (request: FastifyRequest): Result<{ account: Account; secretId: string }, 'Unauthorized'> => {
    const secure = request.protocol === 'https' || ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(request.socket.remoteAddress ?? '');
    if (!secure) return fail('Unauthorized', 'A bearer key is accepted over TLS or from this machine only.');
    const match = /^Bearer ([^:\s]+):(\S+)$/u.exec(request.headers.authorization ?? '');
    if (!match) return fail('Unauthorized', 'Send Authorization: Bearer <SecretId>:<SecretKey>.');
    const key = deps.accounts.keyForSigning(match[1]!);
    const given = Buffer.from(match[2]!);
    const expected = Buffer.from(key.ok ? key.value.secretKey : '');
    if (!key.ok || given.length !== expected.length || !timingSafeEqual(given, expected)) return fail('Unauthorized', 'The SecretId and SecretKey do not match an enabled key.');
    return ok({ account: key.value.account, secretId: match[1]! });
  };

  const readRequest = async (request: FastifyRequest): Promise<Result<{ image: ImageSource; fields: Record<string, unknown> }, 'InvalidParameter' | 'MissingImage' | 'FileTooLarge'>> => {
    if (request.isMultipart()) {
      const fields: Record<string, unknown> = {};
      let image: Uint8Array | null = null;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            if (part.fieldname !== 'image') return fail('InvalidParameter', `The file field is called "image", not "${part.fieldname}".`);
            image = await part.toBuffer();
          } else fields[part.fieldname] = part.value;
        }
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'FST_REQ_FILE_TOO_LARGE') return fail('FileTooLarge', `The file is over ${(deps.maxFileBytes / 1024 / 1024).toFixed(1)} MB.`);
        return fail('InvalidParameter', `The multipart body cannot be read (${code ?? 'malformed'}).`);
      }
      if (!image) return fail('MissingImage', 'Send the image in a multipart file field called "image".');
      return ok({ image: { kind: 'bytes', bytes: image }, fields });
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
    const answer = async (): Promise<Result<{ page: number; pageCount: number; result: unknown }, string>> => {
      const caller = authenticate(request);
      if (!caller.ok) return caller;
      Object.assign(noted, { account: caller.value.account.name, secretId: caller.value.secretId });
      deps.accounts.noteKeyUsed(caller.value.secretId);
      const input = await readRequest(request);
      if (!input.ok) return input;
      const schema = input.value.image.kind === 'base64' ? plainOcrJsonRequest : plainOcrRequest;
      const parsed = schema.safeParse(input.value.fields);
      if (!parsed.success) return fail('InvalidParameter', `Invalid fields (${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}).`);
      const { service, lang, page, singleLine } = parsed.data;
      noted.service = service;
      const action = actionOfService(service);
      if (!deps.rateLimiter.take(`${caller.value.secretId}\n${action}`, deps.qpsFor(action))) {
        return fail('RateLimited', `More than ${deps.qpsFor(action)} ${service} requests a second with this key; slow down and retry.`);
      }
      const options = recognitionOptionsFor(service, { ...(lang ? { lang } : {}), ...(page ? { page } : {}), ...(singleLine ? { singleLine } : {}) });
      if (!options.ok) return options;
      const read = await deps.recognition.recognize({ requestId, caller: caller.value, service, image: input.value.image, options: options.value, signal: clientGone(reply) });
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
