// The page's only native surface, exposed as `window.ocrDesk`. A sandboxed preload can require
// only 'electron' (and a few Node built-ins), so the channel names are repeated from
// ipc-contract.ts; test/unit/desktop-ipc-contract.test.ts holds the two together.
import electron = require('electron');

const channels = {
  loginLink: 'ocr-desk:login-link',
  openImages: 'ocr-desk:open-images',
  notify: 'ocr-desk:notify',
  openDataFolder: 'ocr-desk:open-data-folder',
  desktopSettings: 'ocr-desk:desktop-settings',
  setDesktopSettings: 'ocr-desk:set-desktop-settings',
} as const;

electron.contextBridge.exposeInMainWorld('ocrDesk', {
  desktop: true,
  /** A fresh one-time link that signs the UI in as root (the session expired, or a second window). */
  loginLink: (): Promise<string | null> => electron.ipcRenderer.invoke(channels.loginLink),
  /** The OS file dialog; the chosen images come back as names and bytes, never paths. */
  openImages: (): Promise<Array<{ name: string; bytes: Uint8Array }>> => electron.ipcRenderer.invoke(channels.openImages),
  notify: (title: string, body: string): Promise<boolean> => electron.ipcRenderer.invoke(channels.notify, { title: String(title), body: String(body) }),
  openDataFolder: (): Promise<boolean> => electron.ipcRenderer.invoke(channels.openDataFolder),
  desktopSettings: (): Promise<unknown> => electron.ipcRenderer.invoke(channels.desktopSettings),
  /** Only the two booleans cross; electron-main checks the patch again. */
  setDesktopSettings: (patch: { closeToTray?: unknown; openAtLogin?: unknown }): Promise<unknown> =>
    electron.ipcRenderer.invoke(channels.setDesktopSettings, {
      ...(typeof patch?.closeToTray === 'boolean' ? { closeToTray: patch.closeToTray } : {}),
      ...(typeof patch?.openAtLogin === 'boolean' ? { openAtLogin: patch.openAtLogin } : {}),
    }),
});
