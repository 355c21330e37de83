import { createRequire } from 'node:module';
import http from 'node:http';

const require = createRequire(import.meta.url);
/** The official SDK's own signer (tencentcloud-sdk-nodejs-common), so raw requests are signed as the SDK signs. */
const { default: Sign } = require('tencentcloud-sdk-nodejs-common/tencentcloud/common/sign.js') as {
  default: { sign3(options: Record<string, unknown>): string };
};

export interface RawAnswer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  json(): Record<string, unknown>;
}

/** One HTTP request over loopback with exactly the headers given (fetch would add and fix some). */
export function rawRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer | string }): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: options.method ?? 'POST', headers: options.headers ?? {}, setHost: !(options.headers && 'host' in options.headers) }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body, json: () => JSON.parse(body) as Record<string, unknown> });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

/** Headers of a TC3-signed cloud request over `body`, signed by the SDK's signer as the Node SDK signs a local endpoint. */
export function signedHeaders(url: string, key: { SecretId: string; SecretKey: string }, action: string, body: Buffer, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const headers = { 'Content-Type': 'application/json' };
  const authorization = Sign.sign3({ method: 'POST', url, payload: body, timestamp, service: new URL(url).hostname.split('.')[0], secretId: key.SecretId, secretKey: key.SecretKey, headers });
  return { 'content-type': 'application/json', 'x-tc-action': action, 'x-tc-version': '2018-11-19', 'x-tc-timestamp': String(timestamp), authorization };
}

/** A TC3-signed POST of a cloud action, raw. */
export function signedCloudRequest(url: string, key: { SecretId: string; SecretKey: string }, action: string, body: Buffer | string, extraHeaders: Record<string, string> = {}): Promise<RawAnswer> {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
  return rawRequest(`${url}/`, { headers: { ...signedHeaders(`${url}/`, key, action, bytes), ...extraHeaders }, body: bytes });
}
