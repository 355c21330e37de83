import { readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, nativeImage, Notification, safeStorage, session, shell, Tray, type IpcMainInvokeEvent } from 'electron';
import type { DesktopSettings, DesktopSettingsPatch } from '../../shared/desktop-bridge.js';
import { defaultWorkers, startService, type RunningService } from '../cli/start-service.js';
import { productName } from '../platform/data-directory.js';
import { fileExists } from '../platform/file-exists.js';
import { sealedKeyFileName } from '../platform/key-provider.js';
import { createSealedKeyProvider } from '../platform/sealed-key-provider.js';
import { alertNotification } from './alert-notification.js';
import { aboutText, applicationMenu, type MenuCommand } from './application-menu.js';
import { decideClose, quitWhenAllWindowsClosed, trayWillShow } from './close-to-tray.js';
import { withContentSecurityPolicy } from './content-security-policy.js';
import { desktopDataDirectory, parseDesktopArgs, startHiddenFlag } from './desktop-args.js';
import { createDesktopSettingsFile, parseDesktopSettingsPatch, type StoredDesktopSettings } from './desktop-settings-file.js';
import { chooseKeyStorage, type KeyStorageChoice } from './key-storage.js';
import { createLinuxAutostart } from './linux-autostart.js';
import { imageDialogFilters, ipcChannels, parseNotifyRequest, type OpenedImage } from './ipc-contract.js';
import { appOriginOf, decideNavigation, isAppUrl } from './navigation-guard.js';
import { trustsOwnCertificate } from './own-certificate.js';
import { allowPermission } from './permissions.js';
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
// Notifications are kept until clicked or closed: one only held by a local is collected, and its click lost.
const shownNotifications = new Set<Notification>();
// Windows groups notifications and taskbar entries by this id; it must be electron-builder's appId.
if (process.platform === 'win32') app.setAppUserModelId('com.ocrdesk.app');

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the data directory; it shows its window (below) and this one leaves.
  app.quit();
} else {
  app.on('second-instance', () => showWindow());
  // macOS: the Dock icon clicked with the window hidden or closed.
  app.on('activate', () => showWindow());
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => {
    if (quitWhenAllWindowsClosed({ trayAvailable: tray !== null, closeToTray: stored.closeToTray })) app.quit();
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
  // A start that throws (a bug) must not leave a windowless app running with the service open.
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fatal(error));
}

async function start(): Promise<void> {
  const locale = desktopLocale(app.getLocale());
  const directory = desktopDataDirectory({ flag: args.dataDir, env: process.env, userData: app.getPath('userData'), cwd: process.cwd() });
  stored = await settingsFile.read();
  keyStorage = chooseKeyStorage({
    platform: process.platform,
    encryptionAvailable: await safeStorage.isAsyncEncryptionAvailable(),
    linuxBackend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null,
    sealedKeyPresent: await fileExists(path.join(directory, sealedKeyFileName)),
  });
  const keyProvider =
    keyStorage.kind === 'keychain'
      ? createSealedKeyProvider({
          directory,
          sealer: {
            seal: (plain) => safeStorage.encryptStringAsync(plain),
            open: async (sealed) => {
              const opened = await safeStorage.decryptStringAsync(sealed);
              return { plain: opened.result, shouldReseal: opened.shouldReEncrypt };
            },
          },
          now: () => new Date(),
          onNote: (note) => console.warn(`OCR Desk: ${note}`),
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
      shownNotifications.add(notification);
      notification.on('click', () => {
        shownNotifications.delete(notification);
        showWindow();
      });
      notification.on('close', () => shownNotifications.delete(notification));
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
  tray = trayWillShow(process.platform, process.env) ? createTray(locale) : null;
  setApplicationMenu(locale);
  // Started at login: into the tray, when there is one to come back through. macOS passes no
  // arguments to login items, so it is asked whether this start was one.
  const startedAtLogin = args.hidden || (process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);
  await openWindow({ show: !(startedAtLogin && tray !== null) });
}

/** The window on the served UI, signed in by a fresh one-time link; made again after it was closed. */
async function openWindow({ show }: { readonly show: boolean }): Promise<void> {
  if (service === null) return;
  const created = new BrowserWindow(desktopWindowOptions({ preloadPath, title: productName }));
  window = created;
  created.once('ready-to-show', () => {
    if (show) created.show();
  });
  created.on('close', (event) => {
    if (decideClose({ quitting, trayAvailable: tray !== null, closeToTray: stored.closeToTray }) === 'hide') {
      event.preventDefault();
      created.hide();
    }
  });
  // Windows logs off or shuts down without before-quit/will-quit: the service is stopped here.
  created.on('session-end', () => void service?.close());
  created.on('closed', () => {
    if (window === created) window = null;
  });
  await created.loadURL(service.loginLink());
}

function guardContents(origin: string): void {
  session.defaultSession.webRequest.onHeadersReceived((details, respond) => {
    respond({ responseHeaders: withContentSecurityPolicy(details.url, origin, details.responseHeaders ?? {}) });
  });
  // The clipboard for the copy buttons, on our own page; no camera, microphone, location... (permissions.ts).
  session.defaultSession.setPermissionRequestHandler((contents, permission, answer, details) => answer(allowPermission(permission, details.requestingUrl ?? contents.getURL(), origin)));
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) => allowPermission(permission, requestingOrigin, origin));
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
    // macOS draws tray icons as templates (black with alpha, recoloured for light and dark menu
    // bars; Electron takes the @2x file beside it); elsewhere the coloured icon.
    const icon = process.platform === 'darwin' ? 'trayTemplate.png' : 'tray.png';
    const created = new Tray(nativeImage.createFromPath(path.join(app.getAppPath(), 'assets', 'icons', icon)));
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
  // Windows keeps one login item per executable and argument list: it is asked with the same
  // arguments it was registered with. macOS takes no arguments (wasOpenedAtLogin tells instead).
  const windowsArgs = process.platform === 'win32' ? { args: [startHiddenFlag] } : {};
  return {
    supported: process.platform === 'win32' || process.platform === 'darwin',
    isEnabled: async () => app.getLoginItemSettings(windowsArgs).openAtLogin,
    setEnabled: async (openAtLogin: boolean) => app.setLoginItemSettings({ openAtLogin, ...windowsArgs }),
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
  if (window === null) {
    // Closed (close to tray off, or by the OS) while the service runs: a new window, signed in afresh.
    if (service !== null && !quitting) void openWindow({ show: true }).catch((error: unknown) => fatal(error));
    return;
  }
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/** A bug: said, the service stopped in order (the ledger checkpointed), then out. */
function fatal(error: unknown): void {
  dialog.showErrorBox(productName, (error as Error).stack ?? String(error));
  const stopping = service?.close() ?? Promise.resolve();
  service = null;
  void stopping.finally(() => app.exit(1));
}
