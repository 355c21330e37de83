import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sdkClient, sdkErrorCode } from '../helpers/api-server.js';
import { corpusPath } from '../helpers/fixture-corpus.js';

// `ocr-desk serve` as an administrator starts it, and the admin CLI beside it.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin/ocr-desk.js');
let directory = '';
let server: ChildProcess;
let url = '';
let serverStderr = '';

function ocrDesk(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, ...args, '--data-dir', directory], (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
    child.stdin?.end(stdin ?? '');
  });
}

before(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'ocr-desk-serve-'));
  server = spawn(process.execPath, [bin, 'serve', '--port', '0', '--data-dir', directory, '--workers', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  server.stderr!.on('data', (chunk: Buffer) => (serverStderr += chunk.toString()));
  url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+/u.exec(seen);
      if (match) resolve(match[0]);
    });
    server.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${serverStderr}`)));
  });
});
after(async () => {
  if (server.exitCode === null) server.kill('SIGKILL');
  await rm(directory, { recursive: true, force: true });
});

test('serve prints its URL once it accepts requests; the health check answers', async () => {
  const answer = await fetch(`${url}/healthz`);
  assert.deepEqual(await answer.json(), { status: 'ok' });
});

test('while serve owns the directory, admin commands go to it over loopback and take effect at once', async () => {
  const created = await ocrDesk(['key', 'create', '--json']);
  assert.equal(created.code, 0, created.stderr);
  const key = JSON.parse(created.stdout) as { SecretId: string; SecretKey: string; account: string };
  assert.equal(key.account, 'root');
  const answer = await sdkClient(url.replace('http://', ''), key).GeneralBasicOCR({ ImageBase64: (await readFile(corpusPath('hello-google.tif'))).toString('base64'), LanguageType: 'eng' });
  assert.ok(Array.isArray(answer['TextDetections']));

  const packages = JSON.parse((await ocrDesk(['package', 'list', '--json'])).stdout) as { packages: Array<{ service: string; used: number }> };
  assert.equal(packages.packages.find((pack) => pack.service === 'general-basic')!.used, 1, 'the running server\'s own counters');
  const password = await ocrDesk(['account', 'password', 'root', '--json'], 'a long enough password\n');
  assert.equal(password.code, 0, password.stderr);
  const refused = await ocrDesk(['account', 'create', 'root', '--permission', 'full', '--json']);
  assert.equal(refused.code, 1);
  assert.equal((JSON.parse(refused.stdout) as { error: { code: string } }).error.code, 'AccountExists');
  const restore = await ocrDesk(['store', 'restore', path.join(directory, 'nothing.tar')]);
  assert.equal(restore.code, 1, 'a restore under a running server is refused');
  const usage = await ocrDesk(['key', 'list', '--unknown-option']);
  assert.equal(usage.code, 2);
});

test('settings changed through the CLI apply to the running server at once: the ImageUrl allow list and QPS limits', async () => {
  const key = JSON.parse((await ocrDesk(['key', 'create', '--json'])).stdout) as { SecretId: string; SecretKey: string };
  const client = sdkClient(url.replace('http://', ''), key);
  const images = http.createServer((_request, response) => void readFile(corpusPath('node-tesseract.png')).then((png) => response.writeHead(200).end(png)));
  await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
  const imageUrl = `http://127.0.0.1:${(images.address() as AddressInfo).port}/text.png`;
  try {
    assert.equal(await sdkErrorCode(client.GeneralBasicOCR({ ImageUrl: imageUrl, LanguageType: 'eng' })), 'FailedOperation.DownLoadError', 'nothing is fetched by default');
    const set = await ocrDesk(['settings', 'set', 'image-url-hosts', '127.0.0.1', '--json']);
    assert.equal(set.code, 0, set.stderr);
    assert.deepEqual((JSON.parse(set.stdout) as { settings: { imageUrlHosts: string[] } }).settings.imageUrlHosts, ['127.0.0.1']);
    assert.equal(await sdkErrorCode(client.GeneralBasicOCR({ ImageUrl: imageUrl, LanguageType: 'eng' })), 'no error');
  } finally {
    images.close();
  }
  assert.equal((await ocrDesk(['settings', 'set', 'qps', 'GeneralFastOCR=1'])).code, 0);
  const codes = await Promise.all([1, 2, 3].map(() => sdkErrorCode(client.GeneralFastOCR({}))));
  assert.ok(codes.includes('RequestLimitExceeded'), codes.join());
  assert.equal((await ocrDesk(['settings', 'set', 'qps', 'NoSuchAction=3'])).code, 2);
  assert.equal((await ocrDesk(['settings', 'set', 'image-url-hosts', 'not a host!'])).code, 1, 'refused by the settings schema: InvalidSetting');
  const shown = JSON.parse((await ocrDesk(['settings', 'show', '--json'])).stdout) as { settings: { qps: Record<string, number>; port: number | null } };
  assert.deepEqual(shown.settings.qps, { GeneralFastOCR: 1 });
  assert.equal(shown.settings.port, null);
});

test('a second serve on the same directory is refused with a message; SIGTERM stops the first cleanly', async () => {
  const second = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    execFile(process.execPath, [bin, 'serve', '--port', '0', '--data-dir', directory], (error, _stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stderr }));
  });
  assert.equal(second.code, 1);
  assert.match(second.stderr, /in use by OCR Desk \(serve/u);

  const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
  server.kill('SIGTERM');
  assert.equal(await exited, 0, serverStderr);
  assert.match(serverStderr, /SIGTERM: stopping/u);
  assert.equal(existsSync(path.join(directory, 'admin-channel.json')), false, 'the channel file is removed');
  // The directory is free again: the CLI opens it itself, and sees the key was used.
  const keys = JSON.parse((await ocrDesk(['key', 'list', '--json'])).stdout) as { keys: Array<{ lastUsedAt: string | null }> };
  assert.ok(keys.keys[0]!.lastUsedAt, 'last-used time recorded');
  const logs = await readFile(path.join(directory, 'logs', `ocr-desk-${new Date().toISOString().slice(0, 10)}.log`), 'utf8');
  assert.match(logs, /"event":"cloud-request".*"result":"ok"/u);
});

test('serve listens beyond loopback only in LAN mode, and refuses bad options, with exit 2', async () => {
  const lan = await ocrDesk(['serve', '--host', '0.0.0.0']);
  assert.equal(lan.code, 2);
  assert.match(lan.stderr, /--lan/u);
  assert.equal((await ocrDesk(['serve', '--lan', '--tls-cert', 'a.pem'])).code, 2, 'a certificate without its key');
  assert.equal((await ocrDesk(['serve', '--port', '99999'])).code, 2);
});
