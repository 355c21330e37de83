import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { ipcChannels, parseNotifyRequest } from '../../main/desktop/ipc-contract.js';
import { chooseStartMode, electronBinaryCandidate } from '../../main/desktop/start-mode.js';

const linux = { platform: 'linux' as const, serverAsked: false };

test('npm start opens the desktop app only with an Electron binary and a display', () => {
  assert.deepEqual(chooseStartMode({ ...linux, env: { DISPLAY: ':0' }, electronBinary: '/e/electron' }), { mode: 'desktop', electron: '/e/electron' });
  assert.equal(chooseStartMode({ ...linux, env: { WAYLAND_DISPLAY: 'wayland-0' }, electronBinary: '/e/electron' }).mode, 'desktop');
  assert.equal(chooseStartMode({ platform: 'win32', serverAsked: false, env: {}, electronBinary: 'C:/e/electron.exe' }).mode, 'desktop');
});

test('otherwise it serves headless, and says why', () => {
  const reasons = [
    chooseStartMode({ ...linux, env: { DISPLAY: ':0' }, electronBinary: null }),
    chooseStartMode({ ...linux, env: {}, electronBinary: '/e/electron' }),
    chooseStartMode({ ...linux, env: { DISPLAY: ':0', CI: 'true' }, electronBinary: '/e/electron' }),
    chooseStartMode({ ...linux, env: { DISPLAY: ':0', OCR_DESK_HEADLESS: '1' }, electronBinary: '/e/electron' }),
    chooseStartMode({ platform: 'darwin', serverAsked: true, env: {}, electronBinary: '/e/electron' }),
  ];
  for (const mode of reasons) assert.equal(mode.mode, 'server');
  assert.deepEqual(reasons.map((mode) => (mode.mode === 'server' ? mode.reason.split(' ')[0] : '')), ['no', 'no', 'running', 'OCR_DESK_HEADLESS', '--server']);
  assert.equal(chooseStartMode({ ...linux, env: { DISPLAY: ':0', CI: '0' }, electronBinary: '/e/electron' }).mode, 'desktop', 'CI=0 is no CI');
});

test('the Electron binary is looked for the way the electron package does, without its download', () => {
  assert.equal(electronBinaryCandidate({ packageFolder: '/n/electron', pathTxt: null, env: {}, platform: 'linux' }), null);
  assert.equal(electronBinaryCandidate({ packageFolder: null, pathTxt: null, env: {}, platform: 'linux' }), null);
  assert.equal(electronBinaryCandidate({ packageFolder: '/n/electron', pathTxt: 'electron\n', env: {}, platform: 'linux' }), '/n/electron/dist/electron');
  assert.equal(electronBinaryCandidate({ packageFolder: '/n/electron', pathTxt: null, env: { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron/' }, platform: 'linux' }), '/opt/electron/electron');
});

test('the preload repeats exactly the IPC channels electron-main handles', async () => {
  const preload = await readFile(new URL('../../main/desktop/preload.cts', import.meta.url), 'utf8');
  const named = [...preload.matchAll(/'(ocr-desk:[\w-]+)'/gu)].map((match) => match[1]).sort();
  assert.deepEqual(named, Object.values(ipcChannels).sort());
  assert.ok(!/require\((?!'electron'\))/u.test(preload), 'a sandboxed preload requires nothing but electron');
});

test('a notification the page asks for is two short strings, nothing more', () => {
  assert.deepEqual(parseNotifyRequest({ title: 'Done', body: '3 images read' }), { title: 'Done', body: '3 images read' });
  for (const bad of [null, 'x', [], { title: 'x' }, { title: '', body: '' }, { title: 'x', body: 'y', icon: '/etc/passwd' }, { title: 'x'.repeat(121), body: '' }, { title: 'x', body: 'y'.repeat(501) }]) {
    assert.equal(parseNotifyRequest(bad), null, JSON.stringify(bad));
  }
});
