import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { defaultPort, startApiServer } from '../../main/api/server.js';
import { startTestServer, type TestServer, newKey } from '../helpers/api-server.js';
import { corpusFolder } from '../helpers/fixture-corpus.js';
import { rawRequest, signedCloudRequest, signedHeaders } from '../helpers/signed-request.js';

// Raw HTTP against the real server: what no SDK sends but a hostile page or a broken client does.
let server: TestServer;
let key: { SecretId: string; SecretKey: string };
let imageHost: http.Server;
let imageHostUrl = '';
const testImages = ['hello-google.tif', 'phototest.tif', 'node-tesseract.png', 'unlv-8071_093.3B.tif'];
const bytesOf = (name: string) => readFile(path.join(corpusFolder, name));

before(async () => {
  server = await startTestServer({ allowedImageHosts: ['127.0.0.1'] });
  key = await newKey(server);
  const png = await bytesOf('node-tesseract.png');
  imageHost = http.createServer((request, response) => {
    if (request.url === '/text.png') return void response.writeHead(200, { 'content-type': 'image/png' }).end(png);
    if (request.url === '/to-localhost') return void response.writeHead(302, { location: `http://localhost:${(imageHost.address() as AddressInfo).port}/text.png` }).end();
    if (request.url === '/bad-redirect') return void response.writeHead(302, { location: 'http://[' }).end();
    if (request.url === '/slow') return; // never answers
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => imageHost.listen(0, '127.0.0.1', resolve));
  imageHostUrl = `http://127.0.0.1:${(imageHost.address() as AddressInfo).port}`;
});
after(async () => {
  imageHost.closeAllConnections();
  await new Promise((resolve) => imageHost.close(resolve));
  await server.close();
});

const cloudError = (answer: { json(): Record<string, unknown> }) => (answer.json()['Response'] as { Error?: { Code: string } }).Error?.Code ?? 'no error';

const notCalled = async (): Promise<never> => {
  throw new Error('not called');
};

test('without --port the default port is taken, or the next free one after it', async () => {
  const blocker = http.createServer();
  // Held here for the test; if something else holds it already, the effect is the same.
  await new Promise<void>((resolve) => blocker.once('error', () => resolve()).listen(defaultPort, '127.0.0.1', resolve));
  const quiet = await startApiServer(
    { accounts: server.workspace.accounts, recognition: { recognize: notCalled, recognizeTables: notCalled, recognizeIdCard: notCalled, preview: notCalled }, clock: { now: () => new Date() }, logger: { log: () => undefined, close: async () => undefined } },
    { host: '127.0.0.1', uiFolder: null, maxFileBytes: 1024 },
  );
  try {
    assert.ok(quiet.ok);
    assert.ok(quiet.value.port > defaultPort && quiet.value.port < defaultPort + 20, String(quiet.value.port));
    assert.equal((await rawRequest(`${quiet.value.url}/healthz`, { method: 'GET' })).status, 200);
  } finally {
    if (quiet.ok) await quiet.value.close();
    blocker.close();
  }
});

test('other GETs serve the built UI\'s files and nothing beside them; the console API needs a session', async () => {
  const parent = await mkdtemp(path.join(os.tmpdir(), 'ocr-desk-ui-'));
  // A file beside the UI's folder, which no path may reach.
  await writeFile(path.join(parent, 'db.json'), '{"schemaVersion": 6}');
  const ui = path.join(parent, 'ui');
  await mkdir(ui);
  await writeFile(path.join(ui, 'index.html'), '<!doctype html><title>OCR Desk</title>');
  await mkdir(path.join(ui, 'assets'));
  await writeFile(path.join(ui, 'assets', 'app.js'), 'console.log("ui")');
  const withUi = await startTestServer({ uiFolder: ui });
  try {
    const index = await rawRequest(`${withUi.url}/`, { method: 'GET' });
    assert.equal(index.status, 200);
    assert.match(index.body, /<title>OCR Desk<\/title>/u);
    assert.equal((await rawRequest(`${withUi.url}/assets/app.js`, { method: 'GET' })).body, 'console.log("ui")');
    for (const escape of ['/../db.json', '/%2e%2e/db.json', '/assets/../../db.json']) {
      const answer = await rawRequest(`${withUi.url}${escape}`, { method: 'GET' });
      assert.notEqual(answer.status, 200, escape);
      assert.doesNotMatch(answer.body, /schemaVersion/u, escape);
    }
    const consoleApi = await rawRequest(`${withUi.url}/console/api/usage`, { method: 'GET' });
    assert.equal(consoleApi.status, 401);
  } finally {
    await withUi.close();
    await rm(parent, { recursive: true, force: true });
  }
});

test('/healthz answers without authentication and says nothing else', async () => {
  const answer = await rawRequest(`${server.url}/healthz`, { method: 'GET' });
  assert.equal(answer.status, 200);
  assert.deepEqual(answer.json(), { status: 'ok' });
});

test('malformed JSON gets the cloud envelope: HTTP 200, exactly application/json, a RequestId, the trace id echoed', async () => {
  const answer = await signedCloudRequest(server.url, key, 'GeneralBasicOCR', '{"ImageBase64": ', { 'x-tc-traceid': 'trace-1234' });
  assert.equal(answer.status, 200);
  assert.equal(answer.headers['content-type'], 'application/json');
  assert.equal(answer.headers['x-tc-traceid'], 'trace-1234');
  assert.equal(cloudError(answer), 'InvalidParameter');
  assert.match(String((answer.json()['Response'] as { RequestId: string }).RequestId), /^[0-9a-f-]{36}$/u);
  assert.equal(cloudError(await signedCloudRequest(server.url, key, 'GeneralBasicOCR', '{"LanguageType":"eng"}')), 'InvalidParameterValue.InvalidParameterValueLimit', 'no image');
  assert.equal(cloudError(await signedCloudRequest(server.url, key, 'GeneralBasicOCR', '{"ImageBase64":"aGk=","IsWords":"maybe"}')), 'InvalidParameter', 'a bool that is not one');
  assert.equal(cloudError(await signedCloudRequest(server.url, key, 'DescribeInstances', '{}')), 'InvalidAction');
  assert.equal(cloudError(await signedCloudRequest(server.url, key, 'GeneralBasicOCR', '{"ImageBase64":"aGk=","LanguageType":"xx"}')), 'FailedOperation.LanguageNotSupport');
});

test('a body over the cloud\'s 10 MB limit is refused in the envelope, not by a dropped connection', async () => {
  const body = Buffer.from(JSON.stringify({ ImageBase64: 'A'.repeat(11 * 1024 * 1024) }));
  const answer = await rawRequest(`${server.url}/`, { headers: signedHeaders(`${server.url}/`, key, 'GeneralBasicOCR', body), body });
  assert.equal(answer.status, 200);
  assert.equal(cloudError(answer), 'RequestSizeLimitExceeded');
  const fast = Buffer.from(JSON.stringify({ ImageBase64: 'A'.repeat(8 * 1024 * 1024) }));
  assert.equal(cloudError(await signedCloudRequest(server.url, key, 'GeneralFastOCR', fast)), 'LimitExceeded.TooLargeFileError', 'GeneralFastOCR takes 7 MB');
});

test('request bodies held at once are bounded: an upload beyond the budget is refused at once, not buffered', async () => {
  const small = await startTestServer({ maxBodyBytesInFlight: 1024 * 1024 });
  try {
    const slow = http.request(`${small.url}/`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(900 * 1024), 'x-tc-action': 'GeneralBasicOCR' } });
    slow.on('error', () => undefined);
    slow.write('{"ImageBase64":"');
    await sleep(200);
    const refused = await signedCloudRequest(small.url, key, 'GeneralBasicOCR', JSON.stringify({ ImageBase64: 'A'.repeat(200 * 1024) }));
    assert.equal(cloudError(refused), 'RequestLimitExceeded');
    slow.destroy();
    await sleep(100);
    assert.equal(cloudError(await signedCloudRequest(small.url, key, 'GeneralBasicOCR', JSON.stringify({ LanguageType: 'eng' }))), 'AuthFailure.SecretIdNotFound', 'taken again once the first went away (this key belongs to another server)');
  } finally {
    await small.close();
  }
});

test('DNS rebinding: a Host the server is not known by is refused; loopback names are served', async () => {
  const port = new URL(server.url).port;
  const refused = await rawRequest(`${server.url}/healthz`, { method: 'GET', headers: { host: `attacker.example:${port}` } });
  assert.equal(refused.status, 421);
  assert.equal(refused.json()['ok'], false);
  for (const host of [`localhost:${port}`, `127.0.0.1:${port}`]) assert.equal((await rawRequest(`${server.url}/healthz`, { method: 'GET', headers: { host } })).status, 200, host);
});

test('no CORS: a foreign origin\'s preflight is refused and no response allows another origin', async () => {
  const preflight = await rawRequest(`${server.url}/`, { method: 'OPTIONS', headers: { origin: 'http://attacker.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,x-tc-action' } });
  assert.equal(preflight.status, 403);
  assert.equal(preflight.headers['access-control-allow-origin'], undefined);
  const plain = await rawRequest(`${server.url}/healthz`, { method: 'GET', headers: { origin: 'http://attacker.example' } });
  assert.equal(plain.headers['access-control-allow-origin'], undefined);
});

test('ImageUrl: a listed host is fetched; this machine by another name, link-local, a redirect off the list, a slow host: refused and free', async () => {
  const read = await signedCloudRequest(server.url, key, 'GeneralBasicOCR', JSON.stringify({ ImageUrl: `${imageHostUrl}/text.png`, LanguageType: 'eng' }));
  assert.equal(cloudError(read), 'no error', read.body);
  assert.match(JSON.stringify(read.json()), /tesseract/iu);
  const port = new URL(imageHostUrl).port;
  const started = Date.now();
  for (const url of [`http://localhost:${port}/text.png`, 'http://169.254.169.254/latest/meta-data/', `http://[::1]:${port}/text.png`, `${imageHostUrl}/to-localhost`, `${imageHostUrl}/bad-redirect`, `${imageHostUrl}/slow`, 'file:///etc/passwd']) {
    assert.equal(cloudError(await signedCloudRequest(server.url, key, 'GeneralBasicOCR', JSON.stringify({ ImageUrl: url }))), 'FailedOperation.DownLoadError', url);
  }
  assert.ok(Date.now() - started < 8000, 'the slow host was given up after the 3 s limit');
  assert.equal(server.workspace.billing.packages().find((pack) => pack.service === 'general-basic')!.used, 1, 'only the read was charged');
});

test('the plain endpoint: JSON or multipart with a bearer key answers the CLI\'s record; a wrong key gets 401', async () => {
  const png = await bytesOf('node-tesseract.png');
  const bearer = { authorization: `Bearer ${key.SecretId}:${key.SecretKey}` };
  const json = await fetch(`${server.url}/v1/ocr`, { method: 'POST', headers: { ...bearer, 'content-type': 'application/json' }, body: JSON.stringify({ image: png.toString('base64'), service: 'general-fast', lang: 'eng' }) });
  const record = (await json.json()) as { ok: boolean; page: number; pageCount: number; result: { text: string; lines: unknown[] } };
  assert.equal(json.status, 200);
  assert.equal(record.ok, true);
  assert.equal(record.pageCount, 1);
  assert.match(record.result.text, /tesseract/iu);

  const form = new FormData();
  form.append('service', 'general-basic');
  form.append('lang', 'eng');
  form.append('image', new Blob([png], { type: 'image/png' }), 'text.png');
  const multipart = await fetch(`${server.url}/v1/ocr`, { method: 'POST', headers: bearer, body: form });
  assert.equal(multipart.status, 200);
  assert.match(((await multipart.json()) as { result: { text: string } }).result.text, /tesseract/iu);

  const wrong = await fetch(`${server.url}/v1/ocr`, { method: 'POST', headers: { authorization: `Bearer ${key.SecretId}:${'x'.repeat(32)}`, 'content-type': 'application/json' }, body: JSON.stringify({ image: png.toString('base64') }) });
  assert.equal(wrong.status, 401);
  assert.equal(((await wrong.json()) as { error: { code: string } }).error.code, 'Unauthorized');
  const idcard = await fetch(`${server.url}/v1/ocr`, { method: 'POST', headers: { ...bearer, 'content-type': 'application/json' }, body: JSON.stringify({ image: png.toString('base64'), service: 'idcard' }) });
  // The ID card service reads cards: a screenshot of text is none, said with the engine's code.
  assert.equal(((await idcard.json()) as { error: { code: string } }).error.code, 'NoIdCard');
});

test('a client that disconnects cancels its job: the call is released, not charged', async () => {
  const used = () => server.workspace.billing.packages().find((pack) => pack.service === 'general-accurate')!.used;
  const before = used();
  const body = Buffer.from(JSON.stringify({ ImageBase64: (await bytesOf('unlv-8071_093.3B.tif')).toString('base64') }));
  const request = http.request(`${server.url}/`, { method: 'POST', headers: signedHeaders(`${server.url}/`, key, 'GeneralAccurateOCR', body) });
  request.on('error', () => undefined);
  request.end(body);
  await sleep(700);
  request.destroy();
  const ledger = async () => {
    const folder = path.join(server.directory, 'ledger');
    return (await Promise.all((await readdir(folder)).map((name) => readFile(path.join(folder, name), 'utf8')))).join('');
  };
  for (let waited = 0; waited < 10_000 && !(await ledger()).includes('"result":"Cancelled"'); waited += 100) await sleep(100);
  assert.match(await ledger(), /"service":"general-accurate","calls":0,"draws":\[\],"result":"Cancelled"/u);
  assert.equal(used(), before);
});

test('privacy: nothing under the data directory holds image bytes or their base64, and the logs hold no ID number', async () => {
  // An ID number where a log line would carry it: the action name of a refused request.
  await signedCloudRequest(server.url, key, '11010119900307123X', '{}');
  await server.workspace.billing.checkpoint();
  const files: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) await walk(full);
      else files.push(full);
    }
  };
  await walk(server.directory);
  assert.ok(files.some((file) => file.includes(`${path.sep}logs${path.sep}`)), 'the logs were written');
  const signatures = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('II*\0', 'latin1'), Buffer.from('MM\0*', 'latin1')];
  const needles = [...signatures];
  for (const name of testImages) {
    const bytes = await bytesOf(name);
    needles.push(bytes.subarray(16, 48), Buffer.from(bytes.toString('base64').slice(64, 128)));
  }
  let logText = '';
  for (const file of files) {
    const content = await readFile(file);
    for (const needle of needles) assert.equal(content.indexOf(needle), -1, `${path.relative(server.directory, file)} holds image data`);
    if (file.includes(`${path.sep}logs${path.sep}`)) logText += content.toString('utf8');
  }
  assert.match(logText, /ID number masked/u, 'the refused request was logged, masked');
  assert.doesNotMatch(logText, /\d{17}[\dX]/u);
  assert.doesNotMatch(logText, new RegExp(key.SecretKey, 'u'));
});
