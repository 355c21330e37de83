import { readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, nativeImage, Notification, safeStorage, session, shell, Tray, type IpcMainInvokeEvent } from 'electron';
import type { DesktopSettings, DesktopSettingsPatch } from '../../shared/desktop-bridge.js';
import { defaultWorkers, startService, type RunningService } from '../cli/start-service.js';
import { productName } from '../platform/data-directory.js';
import { sealedKeyFileName } from '../platform/key-provider.js';
import { createSealedKeyProvider } from '../platform/sealed-key-provider.js';
import { alertNotification } from './alert-notification.js';
import { aboutText, applicationMenu, type MenuCommand } from './application-menu.js';
import { decideClose, quitWhenAllWindowsClosed } from './close-to-tray.js';
import { withContentSecurityPolicy } from './content-security-policy.js';
import { desktopDataDirectory, parseDesktopArgs, startHiddenFlag } from './desktop-args.js';
import { createDesktopSettingsFile, parseDesktopSettingsPatch, type StoredDesktopSettings } from './desktop-settings-file.js';
import { chooseKeyStorage, type KeyStorageChoice } from './key-storage.js';
import { createLinuxAutostart } from './linux-autostart.js';
import { imageDialogFilters, ipcChannels, parseNotifyRequest, type OpenedImage } from './ipc-contract.js';
import { appOriginOf, decideNavigation, isAppUrl } from './navigation-guard.js';
import { trustsOwnCertificate } from './own-certificate.js';
import { desktopLocale, trayMenu, trayTooltip, type TrayCommand } from './tray-menu.js';
import { desktopWindowOptions } from './window-options.js';

/**
 * The desktop shell: one instance, the same service as `ocr-desk serve` in this process, a window
 * on the served UI, a tray. Every decision lives in the pure modules beside this file; this file
 * only wires them to Electron. Not run by any test (no Electron binary on the build machines).
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(here, 'preload.cjs');
const maxOpenedImageBytes = 50 * 1024 * 1024;

const parsed = parseDesktopArgs(process.argv.slice(app.isPackaged ? 1 : 2));
if (!parsed.ok) {
  dialog.showErrorBox(productName, parsed.error.message);
  app.exit(2);
}
const args = parsed.ok ? parsed.value : { dataDir: undefined, port: undefined, hidden: false };

let service: RunningService | null = null;
let window: BrowserWindow | null = null;
let tray: Tray | null = null;
let quitting = false;
let unreadAlerts = 0;
let stored: StoredDesktopSettings = { closeToTray: true };
let keyStorage: KeyStorageChoice = { kind: 'file', reason: '' };
const settingsFile = createDesktopSettingsFile(app.getPath('userData'));

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the data directory; it shows its window (below) and this one leaves.
  app.quit();
} else {
  app.on('second-instance', () => showWindow());
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => {
    if (quitWhenAllWindowsClosed({ trayAvailable: tray !== null })) app.quit();
  });
  let stopped = false;
  app.on('will-quit', (event) => {
    if (stopped || service === null) return;
    // Requests in flight finish, the engine stops, the ledger is checkpointed: then quit.
    event.preventDefault();
    void service.close().finally(() => {
      stopped = true;
      app.quit();
    });
  });
  app.whenReady().then(start, (error: unknown) => fatal(error));
}

async function start(): Promise<void> {
  const locale = desktopLocale(app.getLocale());
  const directory = desktopDataDirectory({ flag: args.dataDir, env: process.env, userData: app.getPath('userData'), cwd: process.cwd() });
  stored = await settingsFile.read();
  keyStorage = chooseKeyStorage({
    platform: process.platform,
    encryptionAvailable: safeStorage.isEncryptionAvailable(),
    linuxBackend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null,
    sealedKeyPresent: await stat(path.join(directory, sealedKeyFileName)).then(
      () => true,
      () => false,
    ),
  });
  const keyProvider =
    keyStorage.kind === 'keychain'
      ? createSealedKeyProvider({
          directory,
          sealer: { seal: (plain) => safeStorage.encryptString(plain), open: (sealed) => safeStorage.decryptString(sealed) },
          onSealedPlainKey: (file) => console.warn(`OCR Desk: ${file} is now sealed with the OS keychain and removed.`),
        })
      : undefined;
  const started = await startService({
    directory,
    ...(keyProvider ? { keyProvider } : {}),
    host: '127.0.0.1',
    port: args.port,
    workers: defaultWorkers(),
    lan: false,
    lanHosts: [],
    allowImageHosts: [],
    qps: {},
    onWarning: (message) => console.warn(`OCR Desk: ${message}`),
    onAlert: (alert) => {
      unreadAlerts += 1;
      void refreshTray();
      if (!Notification.isSupported()) return;
      const notification = new Notification(alertNotification(alert, locale));
      notification.on('click', () => showWindow());
      notification.show();
    },
  });
  if (!started.ok) {
    dialog.showErrorBox(productName, started.error.message);
    app.exit(1);
    return;
  }
  service = started.value;
  const origin = appOriginOf(service.url);
  const ownCertificate = service.tls ? { appOrigin: origin, fingerprint256: service.tls.fingerprint } : null;
  app.on('certificate-error', (event, _contents, url, _error, certificate, trust) => {
    // Only the service's own certificate on its own origin; everything else stays refused.
    if (!trustsOwnCertificate(url, certificate.data, ownCertificate)) return trust(false);
    event.preventDefault();
    trust(true);
  });
  guardContents(origin);
  registerIpc(origin, service);
  tray = createTray(locale);
  setApplicationMenu(locale);
  window = new BrowserWindow(desktopWindowOptions({ preloadPath, title: productName }));
  window.once('ready-to-show', () => {
    if (!args.hidden) window?.show();
  });
  window.on('close', (event) => {
    if (decideClose({ quitting, trayAvailable: tray !== null, closeToTray: stored.closeToTray }) === 'hide') {
      event.preventDefault();
      window?.hide();
    }
  });
  window.on('closed', () => {
    window = null;
  });
  await window.loadURL(service.loginLink());
}

function guardContents(origin: string): void {
  session.defaultSession.webRequest.onHeadersReceived((details, respond) => {
    respond({ responseHeaders: withContentSecurityPolicy(details.url, origin, details.responseHeaders ?? {}) });
  });
  // The UI needs no camera, microphone, geolocation, MIDI...: every permission request is refused.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, answer) => answer(false));
  app.on('web-contents-created', (_event, contents) => {
    const guard = (event: { preventDefault(): void }, url: string) => {
      const decision = decideNavigation(url, origin, 'navigate');
      if (decision.action === 'allow') return;
      event.preventDefault();
      if (decision.action === 'open-external') void shell.openExternal(decision.url);
    };
    contents.on('will-navigate', guard);
    contents.on('will-redirect', guard);
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      const decision = decideNavigation(url, origin, 'new-window');
      if (decision.action === 'open-external') void shell.openExternal(decision.url);
      return { action: 'deny' };
    });
  });
}

function registerIpc(origin: string, running: RunningService): void {
  // Only our own page, in the top frame, may use the native surface.
  const fromApp = (event: IpcMainInvokeEvent) => event.senderFrame !== null && event.senderFrame.parent === null && isAppUrl(event.senderFrame.url, origin);
  ipcMain.handle(ipcChannels.loginLink, (event) => (fromApp(event) ? running.loginLink() : null));
  ipcMain.handle(ipcChannels.openDataFolder, async (event) => (fromApp(event) ? (await shell.openPath(running.directory)) === '' : false));
  ipcMain.handle(ipcChannels.desktopSettings, async (event) => (fromApp(event) ? currentDesktopSettings() : null));
  ipcMain.handle(ipcChannels.setDesktopSettings, async (event, value: unknown) => {
    const patch = parseDesktopSettingsPatch(value);
    if (!fromApp(event) || patch === null) return null;
    return applyDesktopSettings(patch);
  });
  ipcMain.handle(ipcChannels.notify, (event, value: unknown) => {
    const request = parseNotifyRequest(value);
    if (!fromApp(event) || request === null || !Notification.isSupported()) return false;
    new Notification(request).show();
    return true;
  });
  ipcMain.handle(ipcChannels.openImages, async (event): Promise<OpenedImage[]> => {
    if (!fromApp(event) || window === null) return [];
    const chosen = await dialog.showOpenDialog(window, { properties: ['openFile', 'multiSelections'], filters: imageDialogFilters.map((filter) => ({ name: filter.name, extensions: [...filter.extensions] })) });
    if (chosen.canceled) return [];
    const opened: OpenedImage[] = [];
    for (const file of chosen.filePaths) {
      // The service refuses bigger images anyway; nothing large crosses the IPC for nothing.
      if ((await stat(file)).size > maxOpenedImageBytes) continue;
      opened.push({ name: path.basename(file), bytes: new Uint8Array(await readFile(file)) });
    }
    return opened;
  });
}

function createTray(locale: ReturnType<typeof desktopLocale>): Tray | null {
  try {
    const created = new Tray(nativeImage.createFromPath(path.join(app.getAppPath(), 'assets', 'icons', 'tray.png')));
    created.on('click', () => showWindow());
    tray = created;
    void refreshTray(locale);
    return created;
  } catch {
    // Some Linux desktops have no tray: then closing the window quits (close-to-tray.ts).
    return null;
  }
}

/** Open at login where the OS keeps it: login items on Windows and macOS, an XDG autostart entry on Linux. */
const loginItems = (() => {
  if (process.platform === 'linux') {
    const autostart = createLinuxAutostart({ env: process.env, home: os.homedir(), execPath: process.execPath }, productName);
    return { supported: app.isPackaged, isEnabled: () => autostart.isEnabled(), setEnabled: (enabled: boolean) => autostart.setEnabled(enabled) };
  }
  return {
    supported: process.platform === 'win32' || process.platform === 'darwin',
    isEnabled: async () => app.getLoginItemSettings().openAtLogin,
    setEnabled: async (openAtLogin: boolean) => app.setLoginItemSettings({ openAtLogin, args: [startHiddenFlag] }),
  };
})();

async function currentDesktopSettings(): Promise<DesktopSettings> {
  return {
    closeToTray: stored.closeToTray,
    openAtLogin: loginItems.supported && (await loginItems.isEnabled()),
    trayAvailable: tray !== null,
    openAtLoginSupported: loginItems.supported,
    secretKeyStorage: keyStorage,
  };
}

async function applyDesktopSettings(patch: DesktopSettingsPatch): Promise<DesktopSettings | null> {
  try {
    if (patch.closeToTray !== undefined && patch.closeToTray !== stored.closeToTray) {
      const next = { ...stored, closeToTray: patch.closeToTray };
      await settingsFile.write(next);
      stored = next;
    }
    if (patch.openAtLogin !== undefined && loginItems.supported) await loginItems.setEnabled(patch.openAtLogin);
  } catch (error) {
    console.warn(`OCR Desk: the desktop settings could not be saved: ${(error as Error).message}`);
    return null;
  }
  await refreshTray();
  return currentDesktopSettings();
}

async function refreshTray(locale = desktopLocale(app.getLocale())): Promise<void> {
  if (tray === null) return;
  const openAtLoginSupported = loginItems.supported;
  const state = { locale, serviceUrl: service?.url ?? null, openAtLogin: openAtLoginSupported && (await loginItems.isEnabled()), openAtLoginSupported, unreadAlerts };
  tray.setToolTip(trayTooltip(state));
  tray.setContextMenu(
    Menu.buildFromTemplate(
      trayMenu(state).map((item) =>
        item.type === 'separator' ? { type: 'separator' as const } : { type: item.type, label: item.label, enabled: item.enabled, ...(item.type === 'checkbox' ? { checked: item.checked } : {}), click: () => runTrayCommand(item.command) },
      ),
    ),
  );
}

function setApplicationMenu(locale: ReturnType<typeof desktopLocale>): void {
  const sections = applicationMenu({ locale, platform: process.platform, packaged: app.isPackaged, trayAvailable: tray !== null });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      sections.map((section) => ({
        label: section.label,
        submenu: section.items.map((item) =>
          item.kind === 'separator'
            ? { type: 'separator' as const }
            : item.kind === 'role'
              ? { role: item.role, label: item.label }
              : { label: item.label, ...(item.accelerator ? { accelerator: item.accelerator } : {}), click: () => runMenuCommand(item.command, locale) },
        ),
      })),
    ),
  );
}

function runMenuCommand(command: MenuCommand, locale: ReturnType<typeof desktopLocale>): void {
  if (command === 'hide-to-tray') window?.hide();
  else if (command === 'about') {
    const detail = aboutText(locale, { version: app.getVersion(), electron: process.versions.electron ?? '', serviceUrl: service?.url ?? null, dataDirectory: service?.directory ?? '' });
    void dialog.showMessageBox({ type: 'info', title: productName, message: productName, detail });
  } else runTrayCommand(command);
}

function runTrayCommand(command: TrayCommand): void {
  if (command === 'show-window') showWindow();
  else if (command === 'copy-address' && service) clipboard.writeText(service.url);
  else if (command === 'open-data-folder' && service) void shell.openPath(service.directory);
  else if (command === 'toggle-open-at-login') void loginItems.isEnabled().then((enabled) => applyDesktopSettings({ openAtLogin: !enabled }));
  else if (command === 'quit') app.quit();
}

function showWindow(): void {
  unreadAlerts = 0;
  void refreshTray();
  if (window === null) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

function fatal(error: unknown): void {
  dialog.showErrorBox(productName, (error as Error).stack ?? String(error));
  app.exit(1);
}
