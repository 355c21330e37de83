import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { sdkClient } from '../helpers/api-server.js';
import { corpusPath } from '../helpers/fixture-corpus.js';
import { fieldsOf, renderCard, syntheticPeople } from '../helpers/synthetic-idcard.js';
import { everydayPhoto } from '../bench/eval-idcard.js';

// The server archive as an administrator gets it: built by `npm run package:server` (or the one
// named by OCR_DESK_SERVER_ARCHIVE, to reuse a build of the same run), unpacked into an empty
// folder far from the repository's node_modules, started through its sh launcher with every
// outgoing network call refused, called by the official SDK and by Chromium, stopped by SIGTERM.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const guard = path.join(root, 'test/helpers/network-guard.cjs');
const run = promisify(execFile);
let work = '';
let top = '';
let version = '';

// The guard throws on any connection, DNS lookup or fetch that is not to loopback (listening on
// 127.0.0.1 looks the address up, so loopback must stay). PATH holds only the Node running this test and the
// system folders, so the launcher finds a Node as it would on a server.
function serverEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: `--require ${guard}`, NETWORK_GUARD_ALLOW_LOOPBACK: '1', PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`, http_proxy: '', https_proxy: '' };
  delete env['OCR_DESK_DATA'];
  delete env['OCR_DESK_NODE'];
  // Unset, so the launcher's Node re-executes itself once (README, "The CLI") and SIGTERM has to
  // pass through that parent to the server; the systemd unit sets it and skips the extra process.
  delete env['MALLOC_ARENA_MAX'];
  return env;
}

before(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'ocr-desk-server-package-'));
  version = (JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  let archive = process.env['OCR_DESK_SERVER_ARCHIVE'] ?? '';
  if (!archive) {
    const started = performance.now();
    const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/package-server.ts'), '--out-dir', path.join(work, 'out')], { cwd: root, maxBuffer: 1 << 24 });
    const built = JSON.parse(stdout) as { archive: string; archiveBytes: number; unpackedBytes: number; seconds: Record<string, number> };
    archive = built.archive;
    process.stderr.write(`server package built in ${((performance.now() - started) / 1000).toFixed(1)} s: ${(built.archiveBytes / 1e6).toFixed(1)} MB, unpacked ${(built.unpackedBytes / 1e6).toFixed(1)} MB, ${JSON.stringify(built.seconds)}\n`);
  }
  assert.equal(path.basename(archive), `ocr-desk-server-${version}-linux-x64.tar.gz`);
  const unpacked = path.join(work, 'unpacked');
  await mkdir(unpacked);
  await run('tar', ['-xzf', archive, '-C', unpacked]);
  assert.deepEqual(await readdir(unpacked), [`ocr-desk-server-${version}`], 'one top folder, named with the version');
  top = path.join(unpacked, `ocr-desk-server-${version}`);
  if (!process.env['OCR_DESK_SERVER_ARCHIVE']) await rm(path.join(work, 'out'), { recursive: true, force: true });
});

after(async () => {
  await rm(work, { recursive: true, force: true });
});

test('the archive holds the launcher, the systemd unit, the guide, the built UI, the models and production dependencies only', async () => {
  accessSync(path.join(top, 'bin/ocr-desk'), constants.X_OK);
  for (const file of ['bin/ocr-desk.js', 'main/cli.ts', 'assets/licence/public-key.pem', 'dist/renderer/index.html', 'ocr-desk.env', 'node_modules/tsx/package.json']) {
    assert.ok(existsSync(path.join(top, file)), file);
  }
  assert.equal(existsSync(path.join(top, 'main/desktop')), false, 'the Electron shell stays out');
  const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  const devInstalled = Object.keys(manifest.devDependencies).filter((name) => existsSync(path.join(top, 'node_modules', name)));
  assert.deepEqual(devInstalled, [], 'no development dependency');
  const models = path.join(top, 'node_modules/@tesseract.js-data');
  assert.ok(existsSync(path.join(models, 'eng/4.0.0_best_int/eng.traineddata.gz')));
  assert.ok(existsSync(path.join(models, 'osd/4.0.0/osd.traineddata.gz')), 'the orientation model');
  assert.ok(existsSync(path.join(models, 'chi_sim/4.0.0/chi_sim.traineddata.gz')), 'the ID card model');
  assert.equal(existsSync(path.join(models, 'jpn/4.0.0')), false, 'an unused variant is pruned');
  const unit = await readFile(path.join(top, 'ocr-desk.service'), 'utf8');
  for (const line of ['User=ocr-desk', 'ReadWritePaths=/var/lib/ocr-desk', 'Restart=on-failure', 'NoNewPrivileges=yes', 'ProtectSystem=strict', 'PrivateTmp=yes', 'EnvironmentFile=-/etc/ocr-desk/ocr-desk.env']) {
    assert.ok(unit.split('\n').includes(line), line);
  }
  assert.match(unit, /^ExecStart=\/opt\/ocr-desk\/bin\/ocr-desk serve --data-dir \/var\/lib\/ocr-desk \$OCR_DESK_SERVE_ARGS$/mu);
  assert.match(await readFile(path.join(top, 'INSTALL.md'), 'utf8'), new RegExp(`ocr-desk-server-${version.replaceAll('.', '\\.')}-linux-x64\\.tar\\.gz`, 'u'));
});

test('the launcher refuses a Node older than 20.19 with a clear message', async () => {
  const fake = path.join(work, 'old-node');
  await mkdir(fake);
  const script = path.join(fake, 'node');
  await writeFile(script, '#!/bin/sh\necho 18.19.0\n', { mode: 0o755 });
  const answer = await run(path.join(top, 'bin/ocr-desk'), ['help'], { env: { ...process.env, OCR_DESK_NODE: script } }).catch((error: { code: number; stderr: string }) => error);
  assert.equal((answer as { code: number }).code, 127);
  assert.match((answer as { stderr: string }).stderr, /is not a Node\.js >= 20\.19:\n\s+.*node: 18\.19\.0/u);
});

test('unpacked alone and offline: serve answers the official SDK and the UI signs in; SIGTERM stops it with 0', async () => {
  const data = await mkdtemp(path.join(os.tmpdir(), 'ocr-desk-server-data-'));
  const launcher = path.join(top, 'bin/ocr-desk');
  let server: ChildProcess | undefined;
  let stderr = '';
  try {
    const created = await run(launcher, ['key', 'create', '--json', '--data-dir', data], { cwd: work, env: serverEnv() });
    const key = JSON.parse(created.stdout) as { SecretId: string; SecretKey: string; account: string };
    assert.equal(key.account, 'root');

    const started = performance.now();
    server = spawn(launcher, ['serve', '--port', '0', '--data-dir', data, '--workers', '1'], { cwd: work, env: serverEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    server.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const { baseUrl, loginLink } = await new Promise<{ baseUrl: string; loginLink: string }>((resolve, reject) => {
      let seen = '';
      server!.stdout!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const served = /serving on (http:\/\/127\.0\.0\.1:\d+)/u.exec(seen);
        const link = /(http:\/\/127\.0\.0\.1:\d+\/console\/login\?token=[\w-]+)/u.exec(seen);
        if (served && link) resolve({ baseUrl: served[1]!, loginLink: link[1]! });
      });
      server!.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    });
    process.stderr.write(`packaged serve listening after ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    assert.match(stderr, /network-guard: active in main thread \(loopback allowed\)/u);
    const outside = await run(process.execPath, ['-e', "require('node:https').get('https://192.0.2.1/')"], { env: serverEnv() }).catch((error: { stderr: string }) => error);
    assert.match((outside as { stderr: string }).stderr, /network disabled by test: https\.get/u, 'the same guard refuses any other address');

    const client = sdkClient(baseUrl.replace('http://', ''), key);
    const image = async (name: string) => (await readFile(corpusPath(name))).toString('base64');
    const upright = (await client.GeneralBasicOCR({ ImageBase64: await image('phototest.tif'), LanguageType: 'eng' })) as { TextDetections: Array<{ DetectedText: string }> };
    assert.match(upright.TextDetections.map((line) => line.DetectedText).join(' '), /quick brown dog/u);
    // Read only with the orientation model, which is the one `4.0.0` model the package keeps.
    const turned = (await client.GeneralBasicOCR({ ImageBase64: await image('phototest-rotated-R.png'), LanguageType: 'eng' })) as { Angle: number };
    assert.equal(Math.round(turned.Angle), 90);
    // Read with the ID card model (chi_sim 4.0.0), kept by the pruning for it.
    const [person] = syntheticPeople(1, 77);
    const card = await everydayPhoto(await renderCard(person!, 'FRONT'), 1);
    const front = (await client.IDCardOCR({ ImageBase64: card.image.toString('base64'), CardSide: 'FRONT' })) as { Name: string; IdNum: string };
    assert.deepEqual([front.Name, front.IdNum], [fieldsOf(person!).name, fieldsOf(person!).idNum]);
    assert.ok(stderr.split('\n').some((line) => line.startsWith('network-guard: active in worker thread')), `the OCR threads are guarded too:\n${stderr}`);

    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    try {
      const page = await browser.newPage({ locale: 'en-US' });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(loginLink);
      await page.getByRole('navigation').getByRole('button', { name: 'Recognize' }).waitFor({ timeout: 15_000 });
      assert.equal(new URL(page.url()).pathname, '/', 'signed in and sent to the UI');
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }

    const exited = new Promise<number | null>((resolve) => server!.once('exit', (code) => resolve(code)));
    const stopping = performance.now();
    server.kill('SIGTERM');
    const timer = setTimeout(() => server?.kill('SIGKILL'), 15_000);
    const code = await exited;
    clearTimeout(timer);
    const stopSeconds = (performance.now() - stopping) / 1000;
    process.stderr.write(`packaged serve stopped in ${stopSeconds.toFixed(1)} s\n`);
    assert.equal(code, 0, stderr);
    assert.ok(stopSeconds < 10, `stopped promptly (${stopSeconds.toFixed(1)} s)`);
    assert.match(stderr, /SIGTERM: stopping/u);
  } finally {
    if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    await rm(data, { recursive: true, force: true });
  }
});
