import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import asar from '@electron/asar';
import { folderBytes } from '../../scripts/server-package/prune-unused-models.js';

// The desktop installers cannot be built here (no Electron binary, no network for the makers'
// tools), so electron-builder validates the configuration and packs the app for Linux with
// `--dir` into a stand-in Electron directory; what the packed app holds is then checked.
const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const scratch = await mkdtemp(path.join(os.tmpdir(), 'ocr-desk-desktop-'));
after(() => rm(scratch, { recursive: true, force: true }));

test('electron-builder packs the compiled app: main, thread entries, UI and models in, devDependencies and unused models out', { timeout: 240_000 }, async (t) => {
  await run('npm', ['run', 'build:desktop'], { cwd: root });
  const electronDist = path.join(scratch, 'electron');
  await run('mkdir', ['-p', electronDist]);
  await writeFile(path.join(electronDist, 'electron'), '#!/bin/sh\necho "stand-in Electron"\n');
  await chmod(path.join(electronDist, 'electron'), 0o755);
  const output = path.join(scratch, 'release');
  const started = Date.now();
  await run(path.join(root, 'node_modules', '.bin', 'electron-builder'), ['--linux', '--dir', '--publish', 'never', `-c.electronDist=${electronDist}`, `-c.directories.output=${output}`], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  t.diagnostic(`electron-builder --linux --dir: ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const resources = path.join(output, 'linux-unpacked', 'resources');
  const files = new Set(asar.listPackage(path.join(resources, 'app.asar'), { isPack: false }).map((file) => file.replaceAll('\\', '/')));
  for (const needed of ['/package.json', '/dist/main/desktop/electron-main.js', '/dist/main/desktop/preload.cjs', '/dist/main/engine/create-engine.js', '/dist/renderer/index.html', '/assets/icons/tray.png', '/assets/icons/trayTemplate.png', '/assets/icons/trayTemplate@2x.png']) {
    assert.ok(files.has(needed), `${needed} is packed`);
  }
  assert.ok(![...files].some((file) => file.endsWith('.map')), 'no source maps');
  for (const devOnly of ['vite', 'playwright-core', 'electron-builder', 'typescript', 'tencentcloud-sdk-nodejs-ocr', 'electron']) {
    assert.ok(!files.has(`/node_modules/${devOnly}`), `${devOnly} (a devDependency) is not packed`);
  }
  // Native parts, WebAssembly cores, models and the threads' entries are real files beside the archive.
  const unpacked = path.join(resources, 'app.asar.unpacked');
  for (const needed of ['node_modules/sharp/package.json', 'node_modules/tesseract.js-core/package.json', 'node_modules/@techstark/opencv-js/package.json', 'node_modules/@tesseract.js-data/chi_sim/4.0.0_best_int', 'node_modules/@tesseract.js-data/osd/4.0.0', 'dist/main/engine/tesseract/worker-thread.cjs', 'dist/main/engine/vision/vision-thread.mjs', `node_modules/@img/sharp-${process.platform}-${process.arch}/package.json`]) {
    await stat(path.join(unpacked, needed));
  }
  const legacyModels = (await readdir(path.join(unpacked, 'node_modules', '@tesseract.js-data'))).filter((language) => language !== 'osd');
  // chi_sim keeps 4.0.0: ID cards are read with it (idcard/read-id-card.ts).
  for (const language of legacyModels) assert.equal((await readdir(path.join(unpacked, 'node_modules', '@tesseract.js-data', language))).includes('4.0.0'), language === 'chi_sim', `${language}: only the 4.0.0 models in use are kept`);
  const asarBytes = (await stat(path.join(resources, 'app.asar'))).size;
  const unpackedBytes = await folderBytes(unpacked);
  t.diagnostic(`installer payload (the app, Electron itself aside): app.asar ${(asarBytes / 1024 / 1024).toFixed(0)} MB + unpacked ${(unpackedBytes / 1024 / 1024).toFixed(0)} MB`);
});

test('the configuration is validated: a key electron-builder does not know fails before anything is built', async () => {
  const refused = await run(path.join(root, 'node_modules', '.bin', 'electron-builder'), ['--linux', '--dir', '--publish', 'never', '-c.noSuchOption=1', `-c.directories.output=${path.join(scratch, 'never')}`], { cwd: root }).then(
    () => null,
    (error: { stderr?: string; stdout?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`,
  );
  assert.ok(refused !== null, 'electron-builder refused the configuration');
  assert.match(refused, /Invalid configuration object|unknown property/iu);
});
