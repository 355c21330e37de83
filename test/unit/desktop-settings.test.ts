import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { createDesktopSettingsFile, parseDesktopSettings, parseDesktopSettingsPatch } from '../../main/desktop/desktop-settings-file.js';
import { ipcChannels } from '../../main/desktop/ipc-contract.js';
import { chooseKeyStorage } from '../../main/desktop/key-storage.js';
import { trustsOwnCertificate } from '../../main/desktop/own-certificate.js';
import { loadTlsCertificate } from '../../main/platform/tls-certificate.js';
import { autostartEntry, autostartExecutable, autostartFile, createLinuxAutostart } from '../../main/desktop/linux-autostart.js';

const scratch = await mkdtemp(path.join(os.tmpdir(), 'ocr-desk-desktop-settings-'));
after(() => rm(scratch, { recursive: true, force: true }));

test('the keychain is used where it protects the key; Linux without a secret service keeps the owner-only file, saying why', () => {
  assert.equal(chooseKeyStorage({ platform: 'win32', encryptionAvailable: true, linuxBackend: null, sealedKeyPresent: false }).kind, 'keychain');
  assert.match(chooseKeyStorage({ platform: 'darwin', encryptionAvailable: true, linuxBackend: null, sealedKeyPresent: false }).reason, /macOS Keychain/u);
  assert.equal(chooseKeyStorage({ platform: 'linux', encryptionAvailable: true, linuxBackend: 'gnome_libsecret', sealedKeyPresent: false }).kind, 'keychain');
  const basic = chooseKeyStorage({ platform: 'linux', encryptionAvailable: true, linuxBackend: 'basic_text', sealedKeyPresent: false });
  assert.deepEqual(basic.kind, 'file');
  assert.match(basic.reason, /no secret service/u);
  assert.equal(chooseKeyStorage({ platform: 'win32', encryptionAvailable: false, linuxBackend: null, sealedKeyPresent: false }).kind, 'file');
  // Sealed before: a plain key must not be made beside it, so the keychain is asked and its error shown.
  assert.equal(chooseKeyStorage({ platform: 'linux', encryptionAvailable: true, linuxBackend: 'basic_text', sealedKeyPresent: true }).kind, 'keychain');
});

test('desktop settings: close to tray on by default, a damaged or hand-edited file never stops the app, patches from the page are checked', async () => {
  assert.deepEqual(parseDesktopSettings(null), { closeToTray: true });
  assert.deepEqual(parseDesktopSettings('{not json'), { closeToTray: true });
  assert.deepEqual(parseDesktopSettings('{"closeToTray":"no","extra":1}'), { closeToTray: true });
  assert.deepEqual(parseDesktopSettings('{"closeToTray":false}'), { closeToTray: false });
  assert.deepEqual(parseDesktopSettingsPatch({ closeToTray: false }), { closeToTray: false });
  assert.deepEqual(parseDesktopSettingsPatch({ openAtLogin: true, closeToTray: true }), { openAtLogin: true, closeToTray: true });
  for (const bad of [null, [], {}, { closeToTray: 'yes' }, { openAtLogin: true, dataDir: '/' }, 'closeToTray']) assert.equal(parseDesktopSettingsPatch(bad), null, JSON.stringify(bad));

  const file = createDesktopSettingsFile(scratch);
  assert.deepEqual(await file.read(), { closeToTray: true });
  await file.write({ closeToTray: false });
  assert.deepEqual(await file.read(), { closeToTray: false });
  assert.deepEqual(JSON.parse(await readFile(path.join(scratch, 'desktop-settings.json'), 'utf8')), { closeToTray: false });
});

test('open at login on Linux is an XDG autostart entry naming the AppImage, quoted as the specification asks', async () => {
  const place = { env: { XDG_CONFIG_HOME: path.join(scratch, 'config') }, home: '/home/someone', execPath: '/opt/OCR Desk/ocr-desk' };
  assert.equal(autostartFile(place), path.join(scratch, 'config', 'autostart', 'ocr-desk.desktop'));
  assert.equal(autostartFile({ ...place, env: {} }), '/home/someone/.config/autostart/ocr-desk.desktop');
  assert.equal(autostartExecutable(place), '/opt/OCR Desk/ocr-desk');
  assert.equal(autostartExecutable({ ...place, env: { APPIMAGE: '/home/someone/Apps/OCR-Desk.AppImage' } }), '/home/someone/Apps/OCR-Desk.AppImage');
  assert.match(autostartEntry('/opt/OCR Desk/ocr-desk', 'OCR Desk'), /^Exec="\/opt\/OCR Desk\/ocr-desk" --hidden$/mu);
  // A backslash becomes four, a quote \\", a dollar \\$, a percent %%.
  assert.match(autostartEntry('/x/a\\b"c$d%e', 'OCR Desk'), /^Exec="\/x\/a\\\\\\\\b\\\\"c\\\\\$d%%e" --hidden$/mu);

  const autostart = createLinuxAutostart(place, 'OCR Desk');
  assert.equal(await autostart.isEnabled(), false);
  await autostart.setEnabled(true);
  assert.equal(await autostart.isEnabled(), true);
  const entry = await readFile(autostartFile(place), 'utf8');
  assert.match(entry, /^\[Desktop Entry\]\nType=Application\nName=OCR Desk\n/u);
  // Switched off in the desktop's own startup settings: shown as off.
  await writeFile(autostartFile(place), entry.replace('X-GNOME-Autostart-enabled=true', 'X-GNOME-Autostart-enabled=false'));
  assert.equal(await autostart.isEnabled(), false);
  await autostart.setEnabled(false);
  await autostart.setEnabled(false);
  assert.equal(await autostart.isEnabled(), false);
});

test('the preload repeats exactly the IPC channels electron-main handles, and exposes exactly the bridge the UI is typed against', async () => {
  const preload = await readFile(new URL('../../main/desktop/preload.cts', import.meta.url), 'utf8');
  const repeated = Object.fromEntries([...preload.matchAll(/^ {2}(\w+): '(ocr-desk:[\w-]+)',$/gmu)].map((match) => [match[1], match[2]]));
  assert.deepEqual(repeated, { ...ipcChannels });
  const bridge = await readFile(new URL('../../shared/desktop-bridge.ts', import.meta.url), 'utf8');
  const bridgeBody = bridge.slice(bridge.indexOf('export interface OcrDeskBridge'), bridge.indexOf('export interface DesktopSettings'));
  const typed = [...bridgeBody.matchAll(/^ {2}(?:readonly )?(\w+)[(:]/gmu)].map((match) => match[1]).sort();
  const exposedBody = preload.slice(preload.indexOf('exposeInMainWorld'));
  const exposed = [...exposedBody.matchAll(/^ {2}(\w+):/gmu)].map((match) => match[1]).sort();
  assert.deepEqual(exposed, typed);
});

test('in LAN mode the window trusts exactly the service certificate, on the app origin only', async () => {
  const own = await loadTlsCertificate({ directory: path.join(scratch, 'own'), names: [], now: new Date('2026-12-03T10:00:00Z') });
  const other = await loadTlsCertificate({ directory: path.join(scratch, 'other'), names: [], now: new Date('2026-12-03T10:00:00Z') });
  assert.ok(own.ok && other.ok);
  const pinned = { appOrigin: 'https://127.0.0.1:8766', fingerprint256: own.value.fingerprint };
  assert.equal(trustsOwnCertificate('https://127.0.0.1:8766/console/', own.value.cert, pinned), true);
  assert.equal(trustsOwnCertificate('https://127.0.0.1:8766/', other.value.cert, pinned), false, 'another certificate on our origin');
  assert.equal(trustsOwnCertificate('https://example.invalid/', own.value.cert, pinned), false, 'our certificate elsewhere');
  assert.equal(trustsOwnCertificate('https://127.0.0.1:8767/', own.value.cert, pinned), false, 'another port');
  assert.equal(trustsOwnCertificate('https://127.0.0.1:8766/', 'not a certificate', pinned), false);
  assert.equal(trustsOwnCertificate('https://127.0.0.1:8766/', own.value.cert, null), false, 'plain HTTP service: no exception at all');
});
