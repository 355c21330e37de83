import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { fail, ok, type Result } from '../../../shared/result.js';

/** The cloud's error codes for a request whose signature does not hold. */
export type SignatureErrorCode = 'AuthFailure.InvalidAuthorization' | 'AuthFailure.SignatureExpire' | 'AuthFailure.SignatureFailure';

export interface SignedRequest {
  readonly method: string;
  /** The path as requested, e.g. `/` or `/tc/`. */
  readonly path: string;
  /** The raw query string without `?` (empty for POST). */
  readonly query: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The body's raw bytes, as received. */
  readonly body: Uint8Array;
}

export interface VerifyOptions<LookupCode extends string> {
  readonly now: Date;
  /** The SecretKey of a SecretId, or why there is none to check against (unknown, disabled). */
  readonly secretKeyFor: (secretId: string) => Result<string, LookupCode>;
  /** Seconds a request's timestamp may be off (the cloud: 300). */
  readonly maxSkewSeconds?: number;
}

/** What the cloud's own host is called: hand-written clients often sign it whatever host they call. */
const cloudHost = 'ocr.tencentcloudapi.com';
const authorizationPattern = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/u;

const sha256Hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** The TC3-HMAC-SHA256 signature of a request as a client computes it (`../shared/reference/tencent-ocr-api.md` 1.1). */
export function tc3Signature(parts: {
  readonly secretKey: string;
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly canonicalHeaders: string;
  readonly signedHeaders: string;
  readonly payloadHash: string;
  readonly timestamp: string;
  readonly date: string;
  readonly service: string;
}): string {
  const canonicalRequest = [parts.method, parts.path, parts.query, parts.canonicalHeaders, parts.signedHeaders, parts.payloadHash].join('\n');
  const scope = `${parts.date}/${parts.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', parts.timestamp, scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(`TC3${parts.secretKey}`, parts.date), parts.service), 'tc3_request');
  return createHmac('sha256', signingKey).update(stringToSign).digest('hex');
}

/**
 * Checks a TC3-HMAC-SHA256 request the way the cloud does, tolerating how each official SDK signs
 * a local endpoint: the Node SDK signs the host without its port and the service `127`, Python and
 * Go the host with its port and `ocr`, hand-written clients the cloud's own host. Every variant is
 * tried against the scope's service; the comparison is constant-time. Returns the SecretId.
 */
export function verifyTc3<LookupCode extends string>(request: SignedRequest, options: VerifyOptions<LookupCode>): Result<{ secretId: string }, SignatureErrorCode | LookupCode> {
  const match = authorizationPattern.exec(request.headers['authorization']?.trim() ?? '');
  if (!match) return fail('AuthFailure.InvalidAuthorization', 'The Authorization header is not a TC3-HMAC-SHA256 signature.');
  const [, secretId, date, service, signedHeaders, signature] = match as unknown as [string, string, string, string, string, string];
  const timestamp = request.headers['x-tc-timestamp'] ?? '';
  const seconds = Number(timestamp);
  if (!/^\d+$/u.test(timestamp)) return fail('AuthFailure.InvalidAuthorization', 'X-TC-Timestamp is missing or not a number of seconds.');
  if (Math.abs(options.now.getTime() / 1000 - seconds) > (options.maxSkewSeconds ?? 300)) {
    return fail('AuthFailure.SignatureExpire', 'The request is signed for another time: check the clock of the calling machine.');
  }
  if (new Date(seconds * 1000).toISOString().slice(0, 10) !== date) return fail('AuthFailure.InvalidAuthorization', 'The credential date is not the UTC date of X-TC-Timestamp.');
  const lookup = options.secretKeyFor(secretId);
  if (!lookup.ok) return lookup;
  const secretKey = lookup.value;

  const names = signedHeaders.split(';');
  if (!names.includes('host') || names.join(';') !== [...names].sort().join(';')) return fail('AuthFailure.InvalidAuthorization', 'SignedHeaders must be sorted and include host.');
  const host = request.headers['host'] ?? '';
  const hosts = [...new Set([host, host.replace(/:\d+$/u, ''), cloudHost])];
  const payloadHash = request.headers['x-tc-content-sha256'] === 'UNSIGNED-PAYLOAD' ? sha256Hex('UNSIGNED-PAYLOAD') : sha256Hex(request.body);
  const expected = Buffer.from(signature, 'hex');
  for (const candidateHost of hosts) {
    // The older doc signs header values lower-cased (x-tc-action:describeinstances); SDKs sign them as sent.
    for (const lowerCase of [false, true]) {
      const canonicalHeaders = names
        .map((name) => {
          const value = name === 'host' ? candidateHost : (request.headers[name] ?? '').trim();
          return `${name}:${lowerCase ? value.toLowerCase() : value}\n`;
        })
        .join('');
      const computed = Buffer.from(
        tc3Signature({ secretKey, method: request.method.toUpperCase(), path: request.path, query: request.query, canonicalHeaders, signedHeaders, payloadHash, timestamp, date, service }),
        'hex',
      );
      if (timingSafeEqual(computed, expected)) return ok({ secretId });
    }
  }
  return fail('AuthFailure.SignatureFailure', 'The signature does not match: check the SecretKey and that the body is sent unchanged.');
}
