import assert from 'node:assert/strict';
import { test } from 'node:test';
import { desktopWindowOptions } from '../../main/desktop/window-options.js';

test('the window is isolated, sandboxed, without Node, with web security, and loads our preload', () => {
  const options = desktopWindowOptions({ preloadPath: '/app/dist/main/desktop/preload.cjs', title: 'OCR Desk' });
  assert.equal(options.webPreferences.preload, '/app/dist/main/desktop/preload.cjs');
  assert.equal(options.webPreferences.contextIsolation, true);
  assert.equal(options.webPreferences.sandbox, true);
  assert.equal(options.webPreferences.nodeIntegration, false);
  assert.equal(options.webPreferences.nodeIntegrationInWorker, false);
  assert.equal(options.webPreferences.nodeIntegrationInSubFrames, false);
  assert.equal(options.webPreferences.webSecurity, true);
  assert.equal(options.webPreferences.allowRunningInsecureContent, false);
  assert.equal(options.webPreferences.webviewTag, false);
  assert.equal(options.webPreferences.navigateOnDragDrop, false);
  assert.equal(options.show, false, 'shown on ready-to-show, or not at all when started hidden');
});

test('a relative preload path is a bug, refused at once', () => {
  assert.throws(() => desktopWindowOptions({ preloadPath: 'preload.cjs', title: 'x' }));
  assert.doesNotThrow(() => desktopWindowOptions({ preloadPath: 'C:\\OCR Desk\\preload.cjs', title: 'x' }));
});
