import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asDesktopBridge, desktopSettingsOf, loginTargetOf, mediaTypeOf, openedImagesOf } from '../../renderer/src/desktop-bridge-checks.js';

const bridge = () => ({
  desktop: true,
  loginLink: async () => null,
  openImages: async () => [],
  notify: async () => true,
  openDataFolder: async () => true,
  desktopSettings: async () => null,
  setDesktopSettings: async () => null,
});

const settings = {
  closeToTray: true,
  openAtLogin: false,
  trayAvailable: true,
  openAtLoginSupported: false,
  secretKeyStorage: { kind: 'file', reason: 'no keychain on this desktop' },
};

test('the bridge is taken only with the whole contract: a plain browser or a malformed global is no bridge', () => {
  const whole = bridge();
  assert.equal(asDesktopBridge(whole), whole);
  for (const absent of [undefined, null, 0, 'ocrDesk', true, [], {}]) assert.equal(asDesktopBridge(absent), null);
  assert.equal(asDesktopBridge({ ...bridge(), desktop: 'yes' }), null, 'desktop must be exactly true');
  const { setDesktopSettings: _dropped, ...partial } = bridge();
  assert.equal(asDesktopBridge(partial), null, 'a method missing');
  assert.equal(asDesktopBridge({ ...bridge(), openImages: 'dialog' }), null, 'a method that is no function');
  // A global whose reading throws (a getter, a hostile proxy) does not crash the page.
  const throwing = new Proxy({}, { get: () => { throw new Error('no'); } });
  assert.equal(asDesktopBridge(throwing), null);
  assert.equal(asDesktopBridge(Object.defineProperty({}, 'desktop', { get: () => { throw new Error('no'); } })), null);
});

test('desktop settings are read only in their full shape; anything else is a failure', () => {
  assert.deepEqual(desktopSettingsOf(settings), settings);
  assert.deepEqual(desktopSettingsOf({ ...settings, extra: 1 }), settings, 'unknown fields are left out');
  assert.equal(desktopSettingsOf(null), null);
  assert.equal(desktopSettingsOf(true), null);
  assert.equal(desktopSettingsOf({ ...settings, closeToTray: 'yes' }), null);
  const { openAtLoginSupported: _missing, ...withoutSupport } = settings;
  assert.equal(desktopSettingsOf(withoutSupport), null);
  assert.equal(desktopSettingsOf({ ...settings, secretKeyStorage: { kind: 'vault', reason: '' } }), null);
  assert.equal(desktopSettingsOf({ ...settings, secretKeyStorage: { kind: 'keychain' } }), null);
  assert.equal(desktopSettingsOf({ ...settings, secretKeyStorage: null }), null);
});

test('opened images become names, types and bytes; a path is cut to its name, malformed entries are left out', () => {
  const png = new Uint8Array([137, 80, 78, 71]);
  assert.deepEqual(openedImagesOf([]), [], 'cancelled');
  assert.deepEqual(openedImagesOf([{ name: 'scan.PNG', bytes: png }]), [{ name: 'scan.PNG', type: 'image/png', bytes: png }]);
  assert.deepEqual(
    openedImagesOf([{ name: 'C:\\Users\\me\\page.tif', bytes: png }, { name: '/home/me/page two.pdf', bytes: Buffer.from('%PDF') }])?.map(({ name, type }) => ({ name, type })),
    [
      { name: 'page.tif', type: 'image/tiff' },
      { name: 'page two.pdf', type: 'application/pdf' },
    ],
  );
  assert.deepEqual(openedImagesOf([null, 'x', { name: 'a.png' }, { name: 'a.png', bytes: [1, 2] }, { name: '', bytes: png }, { name: 'dir/', bytes: png }, { name: 7, bytes: png }]), []);
  assert.equal(openedImagesOf(undefined), null, 'not a list: the shell failed');
  assert.equal(openedImagesOf({ name: 'a.png', bytes: png }), null);
});

test('media types follow the extension as a browser gives them for a chosen file', () => {
  assert.equal(mediaTypeOf('a.jpg'), 'image/jpeg');
  assert.equal(mediaTypeOf('a.b.JPEG'), 'image/jpeg');
  assert.equal(mediaTypeOf('a.webp'), 'image/webp');
  assert.equal(mediaTypeOf('a.bmp'), 'image/bmp');
  assert.equal(mediaTypeOf('a.gif'), 'image/gif');
  assert.equal(mediaTypeOf('a.heic'), '');
  assert.equal(mediaTypeOf('README'), '');
});

test('only a sign-in link of the page\'s own origin is followed', () => {
  const origin = 'http://127.0.0.1:8766';
  assert.equal(loginTargetOf('http://127.0.0.1:8766/console/login?token=abc-123', origin), 'http://127.0.0.1:8766/console/login?token=abc-123');
  assert.equal(loginTargetOf('/console/login?token=abc', origin), 'http://127.0.0.1:8766/console/login?token=abc', 'a relative link is of the page\'s origin');
  for (const refused of [
    null,
    undefined,
    42,
    '',
    'http://127.0.0.1:8767/console/login?token=abc',
    'https://127.0.0.1:8766/console/login?token=abc',
    'http://evil.example/console/login?token=abc',
    '//evil.example/console/login?token=abc',
    'http://127.0.0.1:8766/console/api/login?token=abc',
    'http://127.0.0.1:8766/console/login',
    'http://127.0.0.1:8766/console/login?token=',
    'javascript:alert(1)',
    'http://[::1',
  ]) {
    assert.equal(loginTargetOf(refused, origin), null, String(refused));
  }
});
