import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { resolveDataDirectory } from '../../main/platform/data-directory.js';

test('--data-dir, then OCR_DESK_DATA, then the folder Electron names userData', () => {
  const home = '/home/ana';
  assert.equal(resolveDataDirectory({ flag: 'rel/data', env: { OCR_DESK_DATA: '/srv/ocr' }, platform: 'linux', home }), path.resolve('rel/data'));
  assert.equal(resolveDataDirectory({ env: { OCR_DESK_DATA: '/srv/ocr' }, platform: 'linux', home }), '/srv/ocr');
  assert.equal(resolveDataDirectory({ env: { OCR_DESK_DATA: ' ' }, platform: 'linux', home }), '/home/ana/.config/OCR Desk');
  assert.equal(resolveDataDirectory({ env: { XDG_CONFIG_HOME: '/xdg' }, platform: 'linux', home }), '/xdg/OCR Desk');
  assert.equal(resolveDataDirectory({ env: {}, platform: 'darwin', home: '/Users/ana' }), '/Users/ana/Library/Application Support/OCR Desk');
  assert.equal(resolveDataDirectory({ env: { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, platform: 'win32', home: 'C:\\Users\\ana' }), path.join('C:\\Users\\ana\\AppData\\Roaming', 'OCR Desk'));
});
