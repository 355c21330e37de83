import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { tc3Signature, verifyTc3 } from '../../main/api/cloud/tc3-signature.js';
import { fail, ok } from '../../shared/result.js';

// Worked example B of ../shared/reference/tencent-ocr-api.md (1.2): Tencent's documented key, an OCR body.
const secretId = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE';
const secretKey = 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE';
const body = Buffer.from('{"ImageBase64":"iVBORw0KGgo=","LanguageType":"zh"}');
const documented = 'd93885c48caa453894b082d7107b57a86bc4cc85035ce7fefbac0fe5ef17d62a';

test('the signature of the documented OCR example', () => {
  const signature = tc3Signature({
    secretKey,
    method: 'POST',
    path: '/',
    query: '',
    canonicalHeaders: 'content-type:application/json\nhost:ocr.tencentcloudapi.com\n',
    signedHeaders: 'content-type;host',
    payloadHash: createHash('sha256').update(body).digest('hex'),
    timestamp: '1700000000',
    date: '2023-11-14',
    service: 'ocr',
  });
  assert.equal(signature, documented);
});

test('verification: the documented request passes; expired, unknown, altered and malformed ones get the cloud codes', () => {
  const headers = {
    host: 'ocr.tencentcloudapi.com',
    'content-type': 'application/json',
    'x-tc-timestamp': '1700000000',
    authorization: `TC3-HMAC-SHA256 Credential=${secretId}/2023-11-14/ocr/tc3_request, SignedHeaders=content-type;host, Signature=${documented}`,
  };
  const request = { method: 'POST', path: '/', query: '', headers, body };
  const options = { now: new Date(1_700_000_100 * 1000), secretKeyFor: (id: string) => (id === secretId ? ok(secretKey) : fail('AuthFailure.SecretIdNotFound', 'unknown')) };
  assert.deepEqual(verifyTc3(request, options), { ok: true, value: { secretId } });
  // A hand-written client calling us while signing the cloud's host.
  assert.ok(verifyTc3({ ...request, headers: { ...headers, host: '127.0.0.1:8080' } }, options).ok);
  const code = (result: ReturnType<typeof verifyTc3>) => (result.ok ? 'ok' : result.error.code);
  assert.equal(code(verifyTc3(request, { ...options, now: new Date(1_700_000_400 * 1000) })), 'AuthFailure.SignatureExpire');
  assert.equal(code(verifyTc3(request, { ...options, secretKeyFor: () => fail('AuthFailure.SecretIdNotFound', 'unknown') })), 'AuthFailure.SecretIdNotFound');
  assert.equal(code(verifyTc3({ ...request, body: Buffer.from(body.toString().replace('zh', 'en')) }, options)), 'AuthFailure.SignatureFailure');
  assert.equal(code(verifyTc3(request, { ...options, secretKeyFor: () => ok('another key') })), 'AuthFailure.SignatureFailure');
  assert.equal(code(verifyTc3({ ...request, headers: { ...headers, authorization: 'Bearer x' } }, options)), 'AuthFailure.InvalidAuthorization');
  assert.equal(code(verifyTc3({ ...request, headers: { ...headers, 'x-tc-timestamp': 'soon' } }, options)), 'AuthFailure.InvalidAuthorization');
});
