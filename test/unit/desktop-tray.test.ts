import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alertNotification } from '../../main/desktop/alert-notification.js';
import { decideClose, quitWhenAllWindowsClosed, trayWillShow } from '../../main/desktop/close-to-tray.js';
import { desktopLocale, trayMenu, trayTooltip, type TrayState } from '../../main/desktop/tray-menu.js';

const state: TrayState = { locale: 'en-US', serviceUrl: 'http://127.0.0.1:8766', openAtLogin: false, openAtLoginSupported: true, unreadAlerts: 0 };
const commands = (items: ReturnType<typeof trayMenu>) => items.flatMap((item) => (item.type === 'separator' ? [] : [item.command]));
const labels = (items: ReturnType<typeof trayMenu>) => items.flatMap((item) => (item.type === 'separator' ? [] : [item.label]));

test('the tray menu offers the window, the address, the data folder, open at login and quit, in both languages', () => {
  const english = trayMenu(state);
  const chinese = trayMenu({ ...state, locale: 'zh-CN' });
  assert.deepEqual(commands(english), ['show-window', 'copy-address', 'copy-address', 'open-data-folder', 'toggle-open-at-login', 'quit']);
  assert.deepEqual(commands(chinese), commands(english));
  assert.ok(labels(english).includes('Serving on http://127.0.0.1:8766'));
  assert.deepEqual(labels(chinese), ['打开 OCR Desk', '服务地址：http://127.0.0.1:8766', '复制服务地址', '打开数据文件夹', '登录时启动', '退出']);
});

test('open at login is a checkbox showing the setting, absent where the OS has none; alerts show on the first item', () => {
  const checked = trayMenu({ ...state, openAtLogin: true }).find((item) => item.type === 'checkbox');
  assert.equal(checked?.type === 'checkbox' && checked.checked, true);
  assert.ok(!commands(trayMenu({ ...state, openAtLoginSupported: false })).includes('toggle-open-at-login'));
  assert.equal(labels(trayMenu({ ...state, unreadAlerts: 2 }))[0], 'Open OCR Desk (2 alerts)');
  assert.equal(labels(trayMenu({ ...state, locale: 'zh-CN', unreadAlerts: 1 }))[0], '打开 OCR Desk（1 条提醒）');
});

test('while the service starts, the window and the address are not offered yet', () => {
  const starting = trayMenu({ ...state, serviceUrl: null });
  for (const item of starting) if (item.type !== 'separator' && (item.command === 'show-window' || item.command === 'copy-address')) assert.equal(item.enabled, false);
  assert.equal(trayTooltip({ locale: 'en-US', serviceUrl: null }), 'OCR Desk: starting');
});

test('the locale: Chinese for any zh locale, English otherwise', () => {
  for (const locale of ['zh-CN', 'zh', 'zh-TW', 'zh_CN']) assert.equal(desktopLocale(locale), 'zh-CN', locale);
  for (const locale of ['en-US', 'de-DE', '', 'zu']) assert.equal(desktopLocale(locale), 'en-US', locale);
});

test('closing hides to the tray unless quitting, or there is no tray, or the person turned it off', () => {
  assert.equal(decideClose({ quitting: false, trayAvailable: true, closeToTray: true }), 'hide');
  assert.equal(decideClose({ quitting: true, trayAvailable: true, closeToTray: true }), 'close');
  assert.equal(decideClose({ quitting: false, trayAvailable: false, closeToTray: true }), 'close');
  assert.equal(decideClose({ quitting: false, trayAvailable: true, closeToTray: false }), 'close');
  assert.equal(quitWhenAllWindowsClosed({ trayAvailable: true, closeToTray: true }), false);
  assert.equal(quitWhenAllWindowsClosed({ trayAvailable: false, closeToTray: true }), true);
  assert.equal(quitWhenAllWindowsClosed({ trayAvailable: true, closeToTray: false }), true, 'close to tray off: closing the window quits, no app stranded in the tray');
});

test('package alerts read as native notifications in both languages', () => {
  const low = alertNotification({ kind: 'package-low', service: 'general-basic', remaining: 1500, total: 10000 }, 'en-US');
  assert.deepEqual(low, { title: 'Resource package running low', body: '1,500 of 10,000 calls left in the general-basic package.' });
  const out = alertNotification({ kind: 'package-exhausted', service: 'idcard', remaining: 0, total: 500 }, 'zh-CN');
  assert.equal(out.title, '资源包已用完');
  assert.ok(out.body.includes('idcard') && out.body.includes('500'));
});

test('a tray is trusted to show on Windows, macOS and the Linux desktops that show status icons, not on plain GNOME or an unknown one', () => {
  assert.equal(trayWillShow('win32', {}), true);
  assert.equal(trayWillShow('darwin', {}), true);
  assert.equal(trayWillShow('linux', { XDG_CURRENT_DESKTOP: 'KDE' }), true);
  assert.equal(trayWillShow('linux', { XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' }), true, "Ubuntu's GNOME ships the AppIndicator extension");
  assert.equal(trayWillShow('linux', { XDG_CURRENT_DESKTOP: 'XFCE' }), true);
  assert.equal(trayWillShow('linux', { XDG_CURRENT_DESKTOP: 'GNOME' }), false);
  assert.equal(trayWillShow('linux', {}), false);
});
