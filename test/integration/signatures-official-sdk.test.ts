import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { verifyTc3 } from '../../main/api/cloud/tc3-signature.js';
import { verifyV1 } from '../../main/api/cloud/v1-signature.js';
import { fail, ok } from '../../shared/result.js';

// The official SDK, as office systems use it: the client of this test is the real thing.
const require = createRequire(import.meta.url);
const { ocr } = require('tencentcloud-sdk-nodejs-ocr') as {
  ocr: { v20181119: { Client: new (config: unknown) => { GeneralBasicOCR(params: Record<string, unknown>): Promise<Record<string, unknown>> } } };
};

const secretId = 'AKIDlocalTestKey0000000000000000000000'.slice(0, 36);
const secretKey = 'localTestSecretKey00000000000000';
let port = 0;
const seen: Array<{ path: string; host: string | undefined; action: string | undefined }> = [];

/** A loopback endpoint that checks signatures as the product's API will, and answers in the cloud's envelope. */
const server = createServer(async (request: IncomingMessage, response) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const [path = '/', query = ''] = (request.url ?? '/').split('?');
  const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : value]));
  seen.push({ path, host: headers['host'], action: headers['x-tc-action'] });
  const signed = { method: request.method ?? 'POST', path, query, headers, body: Buffer.concat(chunks) };
  const options = { now: new Date(), secretKeyFor: (id: string) => (id === secretId ? ok(secretKey) : fail('AuthFailure.SecretIdNotFound', 'unknown')) };
  // TC3 requests carry an Authorization header; the older form signature does not.
  const verified = headers['authorization'] ? verifyTc3(signed, options) : verifyV1(signed, options);
  const RequestId = randomUUID();
  const payload = verified.ok ? { Response: { TextDetections: [], Angle: 0, Language: 'zh', PdfPageSize: 0, RequestId } } : { Response: { Error: { Code: verified.error.code, Message: verified.error.message }, RequestId } };
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
});

before(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => ((port = (server.address() as AddressInfo).port), resolve()))));
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const client = (key: string, id = secretId, endpoint = `127.0.0.1:${port}`, signMethod = 'TC3-HMAC-SHA256', reqMethod = 'POST') =>
  new ocr.v20181119.Client({ credential: { secretId: id, secretKey: key }, region: 'ap-guangzhou', profile: { signMethod, httpProfile: { endpoint, protocol: 'http://', reqMethod, reqTimeout: 10 } } });

test('the official Node SDK signs for a local endpoint and passes verification, also under a path', async () => {
  const answer = await client(secretKey).GeneralBasicOCR({ ImageBase64: 'iVBORw0KGgo=', LanguageType: 'zh' });
  assert.deepEqual(answer['TextDetections'], []);
  assert.equal(typeof answer['RequestId'], 'string');
  await client(secretKey, secretId, `127.0.0.1:${port}/tc`).GeneralBasicOCR({ ImageBase64: 'iVBORw0KGgo=' });
  assert.deepEqual(seen.map((request) => [request.path, request.action]), [['/', 'GeneralBasicOCR'], ['/tc/', 'GeneralBasicOCR']]);
  assert.equal(seen[0]!.host, `127.0.0.1:${port}`, 'sent with its port; the SDK signed it without');
});

test('a wrong SecretKey or an unknown SecretId comes back to the SDK as the cloud error code', async () => {
  await assert.rejects(client('not the secret key at all 000000').GeneralBasicOCR({ ImageBase64: 'iVBORw0KGgo=' }), (error: { code?: string }) => error.code === 'AuthFailure.SignatureFailure');
  await assert.rejects(client(secretKey, 'AKIDunknown00000000000000000000000000').GeneralBasicOCR({ ImageBase64: 'iVBORw0KGgo=' }), (error: { code?: string }) => error.code === 'AuthFailure.SecretIdNotFound');
});

test('the older HmacSHA256 and HmacSHA1 form signatures of the SDK verify too, by POST and by GET', async () => {
  for (const signMethod of ['HmacSHA256', 'HmacSHA1']) {
    for (const reqMethod of ['POST', 'GET']) {
      const answer = await client(secretKey, secretId, `127.0.0.1:${port}`, signMethod, reqMethod).GeneralBasicOCR({ ImageBase64: 'iVBORw0KGgo=', LanguageType: 'zh' });
      assert.equal(typeof answer['RequestId'], 'string', `${signMethod} ${reqMethod}`);
    }
    await assert.rejects(
      client('not the secret key at all 000000', secretId, `127.0.0.1:${port}`, signMethod).GeneralBasicOCR({ ImageBase64: 'iVBORw0KGgo=' }),
      (error: { code?: string }) => error.code === 'AuthFailure.SignatureFailure',
    );
  }
});
