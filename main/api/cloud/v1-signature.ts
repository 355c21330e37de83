import { createHmac, timingSafeEqual } from 'node:crypto';
import { fail, ok, type Result } from '../../../shared/result.js';
import type { SignatureErrorCode, SignedRequest, VerifyOptions } from './tc3-signature.js';

const cloudHost = 'ocr.tencentcloudapi.com';

/**
 * Checks the older form signature (HmacSHA1 or HmacSHA256) that the SDKs still send when asked
 * (`../shared/reference/tencent-ocr-api.md` 1.4): every parameter in the form body or the query,
 * signed as METHOD + host + path + "?" + k=v&... with keys sorted and values not URL-encoded.
 * Returns the SecretId and the request's parameters (the action's own and the common ones).
 */
export function verifyV1<LookupCode extends string>(
  request: SignedRequest,
  options: VerifyOptions<LookupCode>,
): Result<{ secretId: string; params: Map<string, string> }, SignatureErrorCode | LookupCode> {
  const source = request.method.toUpperCase() === 'GET' ? request.query : Buffer.from(request.body).toString('utf8');
  const params = new Map(new URLSearchParams(source));
  const signature = params.get('Signature');
  const secretId = params.get('SecretId');
  const timestamp = params.get('Timestamp') ?? '';
  if (!signature || !secretId || !/^\d+$/u.test(timestamp)) return fail('AuthFailure.InvalidAuthorization', 'Signature, SecretId or Timestamp is missing.');
  if (Math.abs(options.now.getTime() / 1000 - Number(timestamp)) > (options.maxSkewSeconds ?? 300)) {
    return fail('AuthFailure.SignatureExpire', 'The request is signed for another time: check the clock of the calling machine.');
  }
  const lookup = options.secretKeyFor(secretId);
  if (!lookup.ok) return lookup;
  const secretKey = lookup.value;
  const algorithm = params.get('SignatureMethod') === 'HmacSHA256' ? 'sha256' : 'sha1';
  const signed = [...params.entries()]
    .filter(([key]) => key !== 'Signature')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const expected = Buffer.from(signature, 'base64');
  const host = request.headers['host'] ?? '';
  for (const candidate of new Set([host, host.replace(/:\d+$/u, ''), cloudHost])) {
    const computed = createHmac(algorithm, secretKey).update(`${request.method.toUpperCase()}${candidate}${request.path}?${signed}`).digest();
    if (computed.length === expected.length && timingSafeEqual(computed, expected)) {
      params.delete('Signature');
      return ok({ secretId, params });
    }
  }
  return fail('AuthFailure.SignatureFailure', 'The signature does not match: check the SecretKey and that the parameters are sent unchanged.');
}
