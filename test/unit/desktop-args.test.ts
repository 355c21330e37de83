import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { desktopDataDirectory, parseDesktopArgs } from '../../main/desktop/desktop-args.js';

test('--data-dir, --port and the start-hidden flags, in both spellings; unknown switches are ignored', () => {
  assert.deepEqual(parseDesktopArgs([]), { ok: true, value: { dataDir: undefined, port: undefined, hidden: false } });
  assert.deepEqual(parseDesktopArgs(['--data-dir', '/d', '--port=0', '--no-sandbox', 'C:\\x.png']), { ok: true, value: { dataDir: '/d', port: 0, hidden: false } });
  for (const flag of ['--hidden', '--minimised', '--minimized']) assert.deepEqual(parseDesktopArgs([flag]), { ok: true, value: { dataDir: undefined, port: undefined, hidden: true } }, flag);
  assert.deepEqual(parseDesktopArgs(['--data-dir=/x y', '--port', '8790', '--hidden']), { ok: true, value: { dataDir: '/x y', port: 8790, hidden: true } });
});

test('a flag without its value, or a port that is none, is a usage error', () => {
  for (const args of [['--port'], ['--port', 'x'], ['--port', '70000'], ['--port=-1'], ['--data-dir'], ['--data-dir', '--hidden'], ['--data-dir=']]) {
    const parsed = parseDesktopArgs(args);
    assert.equal(parsed.ok, false, args.join(' '));
    if (!parsed.ok) assert.equal(parsed.error.code, 'DesktopUsage');
  }
});

test('the data directory: the flag, else OCR_DESK_DATA, else userData', () => {
  const userData = '/home/a/.config/OCR Desk';
  assert.equal(desktopDataDirectory({ flag: undefined, env: {}, userData, cwd: '/w' }), userData);
  assert.equal(desktopDataDirectory({ flag: undefined, env: { OCR_DESK_DATA: ' ' }, userData, cwd: '/w' }), userData);
  assert.equal(desktopDataDirectory({ flag: undefined, env: { OCR_DESK_DATA: 'data' }, userData, cwd: '/w' }), path.resolve('/w', 'data'));
  assert.equal(desktopDataDirectory({ flag: '/d', env: { OCR_DESK_DATA: '/e' }, userData, cwd: '/w' }), path.resolve('/d'));
});
