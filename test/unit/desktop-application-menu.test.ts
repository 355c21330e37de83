import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aboutText, applicationMenu, type ApplicationMenuSection } from '../../main/desktop/application-menu.js';

const base = { locale: 'en-US' as const, platform: 'win32' as const, packaged: true, trayAvailable: true };
const roles = (sections: ApplicationMenuSection[]) => sections.flatMap((section) => section.items.flatMap((item) => (item.kind === 'role' ? [item.role] : [])));
const commands = (sections: ApplicationMenuSection[]) => sections.flatMap((section) => section.items.flatMap((item) => (item.kind === 'command' ? [item.command] : [])));
const labels = (sections: ApplicationMenuSection[]) => sections.flatMap((section) => [section.label, ...section.items.flatMap((item) => (item.kind === 'separator' ? [] : [item.label]))]);

test('the application menu is the same in both languages, every item named in the person’s language', () => {
  for (const platform of ['win32', 'darwin', 'linux'] as const) {
    const english = applicationMenu({ ...base, platform });
    const chinese = applicationMenu({ ...base, platform, locale: 'zh-CN' });
    assert.deepEqual(roles(chinese), roles(english));
    assert.deepEqual(commands(chinese), commands(english));
    // Only the product's name stays Latin in the Chinese menu.
    for (const label of labels(chinese)) assert.match(label.replace(/OCR Desk/gu, ''), /^$|[\u4e00-\u9fff]/u, label);
  }
  assert.deepEqual(
    applicationMenu({ ...base, locale: 'zh-CN' }).map((section) => section.label),
    ['文件', '编辑', '视图', '窗口', '帮助'],
  );
});

test('editing roles are always there; developer tools only unpackaged; quit and about where each OS puts them', () => {
  for (const platform of ['win32', 'darwin', 'linux'] as const) {
    for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll'] as const) assert.ok(roles(applicationMenu({ ...base, platform })).includes(role), `${platform} ${role}`);
    assert.ok(!roles(applicationMenu({ ...base, platform })).includes('toggleDevTools'));
    assert.ok(roles(applicationMenu({ ...base, platform, packaged: false })).includes('toggleDevTools'));
    assert.equal(commands(applicationMenu({ ...base, platform })).filter((command) => command === 'quit').length, 1);
  }
  const mac = applicationMenu({ ...base, platform: 'darwin' });
  assert.equal(mac[0]!.label, 'OCR Desk');
  assert.deepEqual(commands([mac[0]!]), ['about', 'quit']);
  const windows = applicationMenu(base);
  assert.equal(windows.at(-1)!.label, 'Help');
  assert.ok(commands([windows[0]!]).includes('quit'));
  assert.ok(commands(windows).includes('hide-to-tray'));
  assert.ok(!commands(applicationMenu({ ...base, trayAvailable: false })).includes('hide-to-tray'), 'no tray: nothing to hide to');
});

test('the About text gives version, service address and data folder in both languages', () => {
  const facts = { version: '0.9.0', electron: '45.5.0', serviceUrl: 'http://127.0.0.1:8766', dataDirectory: '/home/someone/.config/OCR Desk' };
  assert.match(aboutText('en-US', facts), /Version 0\.9\.0 \(Electron 45\.5\.0\)\nService: http:\/\/127\.0\.0\.1:8766\nData folder: \/home\/someone\/\.config\/OCR Desk/u);
  assert.match(aboutText('zh-CN', { ...facts, serviceUrl: null }), /版本 0\.9\.0.*\n服务地址：启动中/u);
});
