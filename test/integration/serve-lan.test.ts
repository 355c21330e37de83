import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { machineNames } from '../../main/platform/tls-certificate.js';
import { corpusPath } from '../helpers/fixture-corpus.js';

// LAN mode as an administrator switches it on: HTTPS only, a certificate generated on first use
// and shown by its fingerprint, the machine's names answered, the admin CLI over TLS too.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin/ocr-desk.js');
let directory = '';
let server: ChildProcess;
let output = '';
let port = 0;
let certificate = '';

function get(url: string, options: https.RequestOptions = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const client = url.startsWith('https:') ? https : http;
    const request = client.get(url, options, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
  });
}

before(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'ocr-desk-lan-'));
  server = spawn(process.execPath, [bin, 'serve', '--lan', '--lan-host', 'ocr.branch.example', '--port', '0', '--data-dir', directory, '--workers', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /https:\/\/127\.0\.0\.1:(\d+)[\s\S]*fingerprint/u.exec(output);
      if (match) {
        port = Number(match[1]);
        resolve();
      }
    });
    server.once('exit', (code) => reject(new Error(`serve --lan exited with ${code}: ${output}`)));
  });
  certificate = await readFile(path.join(directory, 'tls', 'certificate.pem'), 'utf8');
});
after(async () => {
  if (server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  await rm(directory, { recursive: true, force: true });
});

test('the generated certificate is the one served, its fingerprint printed, valid for the machine\'s names', async () => {
  const x509 = new X509Certificate(certificate);
  assert.ok(output.includes(x509.fingerprint256), output);
  for (const name of ['localhost', '127.0.0.1', 'ocr.branch.example', os.hostname().toLowerCase()]) assert.ok(x509.checkHost(name) || x509.checkIP(name), name);
  const health = await get(`https://127.0.0.1:${port}/healthz`, { ca: certificate });
  assert.equal(health.status, 200);
  assert.equal(JSON.parse(health.body).status, 'ok');
});

test('plain HTTP is not served in LAN mode, and an unlisted Host is refused', async () => {
  await assert.rejects(get(`http://127.0.0.1:${port}/healthz`));
  // The certificate is checked for localhost; the Host header is what a rebinding page would send.
  const refused = await get(`https://127.0.0.1:${port}/healthz`, { ca: certificate, servername: 'localhost', headers: { host: `attacker.example:${port}` } });
  assert.equal(refused.status, 421);
  const listed = await get(`https://127.0.0.1:${port}/healthz`, { ca: certificate, servername: 'localhost', headers: { host: `ocr.branch.example:${port}` } });
  assert.equal(listed.status, 200);
});

test('from another address of this machine, the SDK calls over TLS with a key the admin CLI created through the running server', async (t) => {
  const created = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, [bin, 'key', 'create', '--json', '--data-dir', directory], (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(stdout))),
  );
  const key = JSON.parse(created) as { SecretId: string; SecretKey: string };
  const lanAddress = machineNames().find((name) => /^\d+\.\d+\.\d+\.\d+$/u.test(name));
  if (!lanAddress) t.diagnostic('this machine has no non-loopback IPv4 address; the SDK call goes to 127.0.0.1');
  const address = lanAddress ?? '127.0.0.1';
  const { createRequire } = await import('node:module');
  const { ocr } = createRequire(import.meta.url)('tencentcloud-sdk-nodejs-ocr') as { ocr: { v20181119: { Client: new (config: unknown) => { GeneralBasicOCR(params: Record<string, unknown>): Promise<Record<string, unknown>> } } } };
  const client = new ocr.v20181119.Client({
    credential: { secretId: key.SecretId, secretKey: key.SecretKey },
    profile: { httpProfile: { endpoint: `${address}:${port}`, protocol: 'https://', agent: new https.Agent({ ca: certificate }) } },
  });
  const answer = await client.GeneralBasicOCR({ ImageBase64: (await readFile(corpusPath('hello-google.tif'))).toString('base64'), LanguageType: 'eng' });
  assert.ok(Array.isArray(answer['TextDetections']));
  // The bearer endpoint takes keys over TLS from another address too.
  const plain = await new Promise<number>((resolve, reject) => {
    const request = https.request(`https://${address}:${port}/v1/ocr`, { method: 'POST', ca: certificate, headers: { authorization: `Bearer ${key.SecretId}:${key.SecretKey}`, 'content-type': 'application/json' } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end(JSON.stringify({ image: 'aGVsbG8=' }));
  });
  assert.notEqual(plain, 401, 'a key over TLS is accepted (the image itself is not one)');
});

test('with the administrator\'s own certificate (naming no loopback address), the admin CLI still reaches the server, by its fingerprint', async () => {
  const own = await mkdtemp(path.join(os.tmpdir(), 'ocr-desk-lan-own-'));
  const { default: selfsigned } = await import('selfsigned');
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'ocr.branch.example' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'ocr.branch.example' }] }],
  });
  await writeFile(path.join(own, 'cert.pem'), pems.cert);
  await writeFile(path.join(own, 'key.pem'), pems.private);
  const data = path.join(own, 'data');
  const second = spawn(process.execPath, [bin, 'serve', '--lan', '--port', '0', '--data-dir', data, '--workers', '1', '--tls-cert', path.join(own, 'cert.pem'), '--tls-key', path.join(own, 'key.pem')], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let seen = '';
    await new Promise<void>((resolve, reject) => {
      second.stdout!.on('data', (chunk: Buffer) => ((seen += chunk.toString()), /fingerprint/u.test(seen) && resolve()));
      second.once('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    assert.ok(seen.includes(new X509Certificate(pems.cert).fingerprint256), 'the given certificate is served');
    const created = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(process.execPath, [bin, 'key', 'create', '--json', '--data-dir', data], (error, stdout, stderr) => resolve({ code: error ? 1 : 0, stdout, stderr })),
    );
    assert.equal(created.code, 0, created.stderr);
    assert.match(JSON.parse(created.stdout).SecretId, /^AKID/u);
  } finally {
    const exited = new Promise((resolve) => second.once('exit', resolve));
    second.kill('SIGTERM');
    await exited;
    await rm(own, { recursive: true, force: true });
  }
});
