import { randomUUID } from 'node:crypto';
import { cloudActions, cloudApiVersion, isCloudActionName } from '../../../shared/cloud-api/cloud-actions.js';
import { fail, ok, type Result } from '../../../shared/result.js';
import type { Account, Accounts } from '../../accounts/accounts.js';
import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/logger.js';
import type { Caller, RecognitionService } from '../../services/recognition-service.js';
import type { RateLimiter } from '../rate-limiter.js';
import { cloudActionHandlers } from './action-table.js';
import { cloudContentType, errorBody, successBody } from './cloud-envelope.js';
import { cloudErrorCodes, type CloudCallFailure } from './cloud-error-codes.js';
import { verifyTc3, type SignedRequest } from './tc3-signature.js';
import { verifyV1 } from './v1-signature.js';

export interface CloudRequest extends SignedRequest {
  /** Fires when the client goes away: its job is cancelled. */
  readonly signal: AbortSignal;
}

export interface CloudReply {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface CloudEndpointDeps {
  readonly accounts: Accounts;
  readonly recognition: RecognitionService;
  readonly clock: Clock;
  readonly rateLimiter: RateLimiter;
  /** Requests a second per key for an action (the cloud's defaults unless configured). */
  readonly qpsFor: (action: keyof typeof cloudActions) => number;
  readonly logger: Logger;
}

/** The cloud's limits on each wire form (`tencent-ocr-api.md` 1): the form signature's 1 MB, GET's 32 KB. */
const maxFormBytes = 1024 * 1024;
const maxQueryBytes = 32 * 1024;
/** v1 parameters that sign the request rather than belong to the action. */
const commonV1Params = new Set(['Action', 'Version', 'Region', 'Timestamp', 'Nonce', 'SecretId', 'SignatureMethod', 'RequestClient', 'Token', 'Language']);

interface Authenticated {
  readonly caller: Caller & { readonly secretId: string };
  readonly action: string | undefined;
  readonly version: string | undefined;
  readonly params: Result<Record<string, unknown>, 'MalformedBody'>;
}

/**
 * `POST /` (and GET) carrying X-TC-Action or the form's Action: the Tencent Cloud OCR API 3.0.
 * Authenticates (TC3-HMAC-SHA256 or the older form signature), finds the action, applies its rate
 * limit, runs its handler and wraps the answer in the cloud's envelope, always with HTTP 200.
 */
export function createCloudEndpoint(deps: CloudEndpointDeps) {
  /** Looks keys up for the signature check and remembers whose the key is. */
  const keyLookup = () => {
    let account: Account | null = null;
    const secretKeyFor = (secretId: string): Result<string, 'KeyNotFound' | 'KeyDisabled' | 'SecretUnreadable'> => {
      const key = deps.accounts.keyForSigning(secretId);
      if (!key.ok) return fail(key.error.code === 'KeyDisabled' || key.error.code === 'SecretUnreadable' ? key.error.code : 'KeyNotFound', key.error.message);
      account = key.value.account;
      return ok(key.value.secretKey);
    };
    return { secretKeyFor, account: () => account! };
  };

  const authenticate = (request: CloudRequest): Result<Authenticated, CloudCallFailure> => {
    const method = request.method.toUpperCase();
    const now = deps.clock.now();
    const contentType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (method === 'GET' && request.query.length > maxQueryBytes) return fail('BodyTooLarge', 'A GET request carries at most 32 KB of parameters, too little for an image: send it with POST.');
    if (request.headers['authorization'] !== undefined) {
      const keys = keyLookup();
      const verified = verifyTc3(request, { now, secretKeyFor: keys.secretKeyFor });
      if (!verified.ok) return verified;
      let params: Result<Record<string, unknown>, 'MalformedBody'>;
      if (method === 'GET') params = ok(Object.fromEntries(new URLSearchParams(request.query)));
      else if (contentType !== 'application/json') params = fail('MalformedBody', 'A TC3-HMAC-SHA256 POST carries a JSON body (Content-Type: application/json).');
      else params = parseJsonObject(request.body);
      return ok({ caller: { account: keys.account(), secretId: verified.value.secretId }, action: request.headers['x-tc-action'], version: request.headers['x-tc-version'], params });
    }
    if (method === 'POST' && contentType !== 'application/x-www-form-urlencoded') {
      return fail('AuthFailure.InvalidAuthorization', 'The request has no Authorization header: sign it with TC3-HMAC-SHA256, or send the form signature as application/x-www-form-urlencoded.');
    }
    if (method === 'POST' && request.body.length > maxFormBytes) {
      // The cloud's own answer to an oversized form-signed request (`tencent-ocr-api.md` 1.4).
      return fail('AuthFailure.SignatureFailure', 'A form-signed (HmacSHA1/HmacSHA256) request carries at most 1 MB, exceeding request size limit: please use TC3-HMAC-SHA256 for larger images.');
    }
    const keys = keyLookup();
    const verified = verifyV1(request, { now, secretKeyFor: keys.secretKeyFor });
    if (!verified.ok) return verified;
    const form = verified.value.params;
    const params = Object.fromEntries([...form.entries()].filter(([name]) => !commonV1Params.has(name)));
    return ok({ caller: { account: keys.account(), secretId: verified.value.secretId }, action: form.get('Action'), version: form.get('Version'), params: ok(params) });
  };

  const answer = async (request: CloudRequest, requestId: string, noteAction: (action: string, account: string, secretId: string) => void): Promise<Result<Record<string, unknown>, CloudCallFailure>> => {
    const method = request.method.toUpperCase();
    if (method !== 'GET' && method !== 'POST') return fail('UnsupportedMethod', `The cloud API answers GET and POST, not ${method}.`);
    const authenticated = authenticate(request);
    if (!authenticated.ok) return authenticated;
    const { caller, action, version, params } = authenticated.value;
    noteAction(action ?? '', caller.account.name, caller.secretId);
    deps.accounts.noteKeyUsed(caller.secretId);
    if (!action) return fail('MissingAction', 'The request names no action (X-TC-Action or Action).');
    if (!isCloudActionName(action)) return fail('UnknownAction', `${action} is not an action of this API.`);
    if (version !== cloudApiVersion) return fail('WrongVersion', `This API has version ${cloudApiVersion}, not ${version ?? '(none)'}.`);
    if (!deps.rateLimiter.take(`${caller.secretId}\n${action}`, deps.qpsFor(action))) {
      return fail('RateLimited', `More than ${deps.qpsFor(action)} ${action} requests a second with this key; slow down and retry.`);
    }
    if (!params.ok) return params;
    return cloudActionHandlers[action](params.value, {
      recognize: (call) => deps.recognition.recognize({ ...call, requestId, caller, signal: request.signal }),
      recognizeTables: (call) => deps.recognition.recognizeTables({ ...call, requestId, caller, signal: request.signal }),
      recognizeIdCard: (call) => deps.recognition.recognizeIdCard({ ...call, requestId, caller, signal: request.signal }),
    });
  };

  return async (request: CloudRequest): Promise<CloudReply> => {
    const started = performance.now();
    const requestId = randomUUID();
    const noted = { action: '', account: '', secretId: '' };
    let outcome: Result<Record<string, unknown>, CloudCallFailure>;
    try {
      outcome = await answer(request, requestId, (action, account, secretId) => Object.assign(noted, { action, account, secretId }));
    } catch (error) {
      deps.logger.log('error', 'cloud-request-bug', { requestId, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      outcome = fail('Internal', 'An internal error occurred; the server log has it under this RequestId.');
    }
    const code = outcome.ok ? 'ok' : cloudErrorCodes[outcome.error.code];
    deps.logger.log(outcome.ok ? 'info' : 'warn', 'cloud-request', {
      requestId,
      // Unauthenticated requests name any action they like: only a short, plain one is logged.
      action: (noted.action || request.headers['x-tc-action'] || '').slice(0, 64),
      account: noted.account,
      secretId: noted.secretId,
      bytes: request.body.length + request.query.length,
      ms: Math.round(performance.now() - started),
      result: outcome.ok ? 'ok' : `${code} (${outcome.error.code})`,
    });
    const headers: Record<string, string> = { 'content-type': cloudContentType };
    const traceId = request.headers['x-tc-traceid'];
    if (traceId && /^[\w-]{1,128}$/u.test(traceId)) headers['x-tc-traceid'] = traceId;
    return { headers, body: outcome.ok ? successBody(requestId, outcome.value) : errorBody(requestId, code, outcome.error.message) };
  };
}

/** Answers for requests refused before they reach the endpoint (body too large, bad Host). */
export function cloudRefusal(code: CloudCallFailure, message: string): CloudReply {
  return { headers: { 'content-type': cloudContentType }, body: errorBody(randomUUID(), cloudErrorCodes[code], message) };
}

function parseJsonObject(body: Uint8Array): Result<Record<string, unknown>, 'MalformedBody'> {
  try {
    const value: unknown = JSON.parse(Buffer.from(body).toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return ok(value as Record<string, unknown>);
  } catch {
    // reported below
  }
  return fail('MalformedBody', 'The body is not a JSON object.');
}
