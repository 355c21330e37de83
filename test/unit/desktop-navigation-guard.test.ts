import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appOriginOf, decideNavigation, isAppUrl } from '../../main/desktop/navigation-guard.js';
import { allowPermission } from '../../main/desktop/permissions.js';

const origin = appOriginOf('http://127.0.0.1:8766/');

test('navigation stays on the local origin', () => {
  assert.equal(origin, 'http://127.0.0.1:8766');
  assert.deepEqual(decideNavigation('http://127.0.0.1:8766/console/login?token=abc', origin, 'navigate'), { action: 'allow' });
  assert.ok(isAppUrl('http://127.0.0.1:8766/#packages', origin));
  assert.ok(!isAppUrl('http://127.0.0.1:8767/', origin), 'another port is another origin');
  assert.ok(!isAppUrl('http://localhost:8766/', origin), 'another host name is another origin');
});

test('https links elsewhere open in the OS browser; new windows never open in the app', () => {
  assert.deepEqual(decideNavigation('https://cloud.tencent.com/document/product/866', origin, 'navigate'), { action: 'open-external', url: 'https://cloud.tencent.com/document/product/866' });
  assert.deepEqual(decideNavigation('https://example.com/a', origin, 'new-window'), { action: 'open-external', url: 'https://example.com/a' });
  assert.equal(decideNavigation('http://127.0.0.1:8766/other', origin, 'new-window').action, 'deny');
});

test('everything else is refused: http elsewhere, file:, javascript:, custom schemes, credentials, junk', () => {
  for (const url of ['http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<b>x</b>', 'smb://host/share', 'ms-settings:', 'https://user:pw@example.com/', 'not a url', '']) {
    assert.equal(decideNavigation(url, origin, 'navigate').action, 'deny', url);
    assert.equal(decideNavigation(url, origin, 'new-window').action, 'deny', url);
  }
});

test('the page may write to the clipboard (its copy buttons) and nothing else; other origins get nothing', () => {
  const origin = 'http://127.0.0.1:8766';
  assert.equal(allowPermission('clipboard-sanitized-write', 'http://127.0.0.1:8766/console/', origin), true);
  assert.equal(allowPermission('clipboard-sanitized-write', 'https://example.invalid/', origin), false);
  for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) assert.equal(allowPermission(permission, `${origin}/`, origin), false, permission);
});
