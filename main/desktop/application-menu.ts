import type { DesktopLocale } from './tray-menu.js';

/**
 * The application menu as data, in the UI's two languages. Electron's default menu is English
 * only and offers developer tools to anyone; this one names every item in the person's language,
 * keeps the editing roles (without them copy and paste in text fields stop working on macOS) and
 * offers developer tools only to an unpackaged build. electron-main maps `command`s to actions;
 * `role`s are Electron's own behaviour.
 */
export type MenuCommand = 'open-data-folder' | 'copy-address' | 'hide-to-tray' | 'about' | 'quit';

export type MenuRole = 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'selectAll' | 'reload' | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen' | 'toggleDevTools' | 'minimize' | 'hide' | 'hideOthers' | 'unhide' | 'front';

export type ApplicationMenuItem =
  | { readonly kind: 'role'; readonly role: MenuRole; readonly label: string }
  | { readonly kind: 'command'; readonly command: MenuCommand; readonly label: string; readonly accelerator?: string }
  | { readonly kind: 'separator' };

export interface ApplicationMenuSection {
  readonly label: string;
  readonly items: readonly ApplicationMenuItem[];
}

export interface ApplicationMenuSituation {
  readonly locale: DesktopLocale;
  readonly platform: NodeJS.Platform;
  /** app.isPackaged: developer tools only when false. */
  readonly packaged: boolean;
  readonly trayAvailable: boolean;
}

const texts = {
  'zh-CN': {
    app: 'OCR Desk',
    file: '文件',
    edit: '编辑',
    view: '视图',
    window: '窗口',
    help: '帮助',
    dataFolder: '打开数据文件夹',
    copyAddress: '复制服务地址',
    hideToTray: '隐藏到托盘',
    about: '关于 OCR Desk',
    quit: '退出',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
    reload: '重新加载',
    resetZoom: '实际大小',
    zoomIn: '放大',
    zoomOut: '缩小',
    fullScreen: '切换全屏',
    devTools: '开发者工具',
    minimize: '最小化',
    hide: '隐藏 OCR Desk',
    hideOthers: '隐藏其他',
    unhide: '全部显示',
    front: '前置全部窗口',
  },
  'en-US': {
    app: 'OCR Desk',
    file: 'File',
    edit: 'Edit',
    view: 'View',
    window: 'Window',
    help: 'Help',
    dataFolder: 'Open the Data Folder',
    copyAddress: 'Copy the Service Address',
    hideToTray: 'Hide to Tray',
    about: 'About OCR Desk',
    quit: 'Quit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    reload: 'Reload',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    fullScreen: 'Toggle Full Screen',
    devTools: 'Developer Tools',
    minimize: 'Minimize',
    hide: 'Hide OCR Desk',
    hideOthers: 'Hide Others',
    unhide: 'Show All',
    front: 'Bring All to Front',
  },
} as const;

const separator: ApplicationMenuItem = { kind: 'separator' };

export function applicationMenu(situation: ApplicationMenuSituation): ApplicationMenuSection[] {
  const text = texts[situation.locale];
  const mac = situation.platform === 'darwin';
  const role = (name: MenuRole, label: string): ApplicationMenuItem => ({ kind: 'role', role: name, label });
  const command = (name: MenuCommand, label: string, accelerator?: string): ApplicationMenuItem => ({ kind: 'command', command: name, label, ...(accelerator ? { accelerator } : {}) });
  // Quit stops the service office systems call: it sits where each OS expects it, with its usual keys.
  const quit = command('quit', text.quit, mac ? 'Command+Q' : 'Ctrl+Q');
  const about = command('about', text.about);
  const sections: ApplicationMenuSection[] = [];
  if (mac) sections.push({ label: text.app, items: [about, separator, role('hide', text.hide), role('hideOthers', text.hideOthers), role('unhide', text.unhide), separator, quit] });
  sections.push({
    label: text.file,
    items: [command('copy-address', text.copyAddress), command('open-data-folder', text.dataFolder), ...(situation.trayAvailable ? [separator, command('hide-to-tray', text.hideToTray, mac ? 'Command+W' : 'Ctrl+W')] : []), ...(mac ? [] : [separator, quit])],
  });
  sections.push({ label: text.edit, items: [role('undo', text.undo), role('redo', text.redo), separator, role('cut', text.cut), role('copy', text.copy), role('paste', text.paste), role('selectAll', text.selectAll)] });
  sections.push({
    label: text.view,
    items: [
      role('reload', text.reload),
      separator,
      role('resetZoom', text.resetZoom),
      role('zoomIn', text.zoomIn),
      role('zoomOut', text.zoomOut),
      separator,
      role('togglefullscreen', text.fullScreen),
      ...(situation.packaged ? [] : [separator, role('toggleDevTools', text.devTools)]),
    ],
  });
  sections.push({ label: text.window, items: [role('minimize', text.minimize), ...(mac ? [separator, role('front', text.front)] : [])] });
  if (!mac) sections.push({ label: text.help, items: [about] });
  return sections;
}

/** The About box's text: what support asks for first. */
export function aboutText(locale: DesktopLocale, facts: { readonly version: string; readonly electron: string; readonly serviceUrl: string | null; readonly dataDirectory: string }): string {
  return locale === 'zh-CN'
    ? [`版本 ${facts.version}（Electron ${facts.electron}）`, `服务地址：${facts.serviceUrl ?? '启动中'}`, `数据文件夹：${facts.dataDirectory}`, '完全离线运行：图像不会离开本机，也不会写入磁盘。'].join('\n')
    : [`Version ${facts.version} (Electron ${facts.electron})`, `Service: ${facts.serviceUrl ?? 'starting'}`, `Data folder: ${facts.dataDirectory}`, 'Runs fully offline: images never leave this machine and are never written to disk.'].join('\n');
}
