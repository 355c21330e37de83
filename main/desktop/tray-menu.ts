/**
 * The tray menu as data, in the UI's two languages; electron-main turns it into a Menu and maps
 * each item's `command` to an action. Kept as data so what the menu offers is tested without Electron.
 */
export type DesktopLocale = 'zh-CN' | 'en-US';

export type TrayCommand = 'show-window' | 'copy-address' | 'open-data-folder' | 'toggle-open-at-login' | 'quit';

export type TrayMenuItem =
  | { readonly type: 'normal'; readonly command: TrayCommand; readonly label: string; readonly enabled: boolean }
  | { readonly type: 'checkbox'; readonly command: TrayCommand; readonly label: string; readonly checked: boolean; readonly enabled: boolean }
  | { readonly type: 'separator' };

export interface TrayState {
  readonly locale: DesktopLocale;
  /** `http://127.0.0.1:PORT` while the service runs, null while it starts. */
  readonly serviceUrl: string | null;
  readonly openAtLogin: boolean;
  /** False where the OS has no login items the app can set (e.g. Linux outside AppImage/snap). */
  readonly openAtLoginSupported: boolean;
  readonly unreadAlerts: number;
}

const texts = {
  'zh-CN': {
    show: '打开 OCR Desk',
    alerts: (count: number) => `打开 OCR Desk（${count} 条提醒）`,
    serving: (url: string) => `服务地址：${url}`,
    starting: '服务启动中…',
    copy: '复制服务地址',
    dataFolder: '打开数据文件夹',
    atLogin: '登录时启动',
    quit: '退出',
    tooltip: (url: string | null) => (url ? `OCR Desk：${url}` : 'OCR Desk：启动中'),
  },
  'en-US': {
    show: 'Open OCR Desk',
    alerts: (count: number) => `Open OCR Desk (${count} alert${count === 1 ? '' : 's'})`,
    serving: (url: string) => `Serving on ${url}`,
    starting: 'Starting the service…',
    copy: 'Copy the service address',
    dataFolder: 'Open the data folder',
    atLogin: 'Open at login',
    quit: 'Quit',
    tooltip: (url: string | null) => (url ? `OCR Desk: ${url}` : 'OCR Desk: starting'),
  },
} as const;

/** zh-* gets Chinese (the product's first market); everything else English. */
export function desktopLocale(systemLocale: string): DesktopLocale {
  return /^zh(\b|[-_])/iu.test(systemLocale) ? 'zh-CN' : 'en-US';
}

export function trayMenu(state: TrayState): TrayMenuItem[] {
  const text = texts[state.locale];
  const running = state.serviceUrl !== null;
  return [
    { type: 'normal', command: 'show-window', label: state.unreadAlerts > 0 ? text.alerts(state.unreadAlerts) : text.show, enabled: running },
    { type: 'separator' },
    // A label, not an action: where office systems send their requests.
    { type: 'normal', command: 'copy-address', label: running ? text.serving(state.serviceUrl) : text.starting, enabled: false },
    { type: 'normal', command: 'copy-address', label: text.copy, enabled: running },
    { type: 'normal', command: 'open-data-folder', label: text.dataFolder, enabled: true },
    { type: 'separator' },
    ...(state.openAtLoginSupported ? [{ type: 'checkbox' as const, command: 'toggle-open-at-login' as const, label: text.atLogin, checked: state.openAtLogin, enabled: true }] : []),
    { type: 'normal', command: 'quit', label: text.quit, enabled: true },
  ];
}

export function trayTooltip(state: Pick<TrayState, 'locale' | 'serviceUrl'>): string {
  return texts[state.locale].tooltip(state.serviceUrl);
}
