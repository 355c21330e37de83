/**
 * The main window's options. Structurally a subset of Electron's BrowserWindowConstructorOptions,
 * kept free of the electron import so it is unit-tested in plain Node. The page is our own UI
 * from loopback, yet it is treated as untrusted: isolated, sandboxed, no Node.
 */
export interface DesktopWindowOptions {
  readonly width: number;
  readonly height: number;
  readonly minWidth: number;
  readonly minHeight: number;
  readonly title: string;
  readonly show: boolean;
  readonly backgroundColor: string;
  readonly autoHideMenuBar: boolean;
  readonly webPreferences: {
    readonly preload: string;
    readonly contextIsolation: true;
    readonly sandbox: true;
    readonly nodeIntegration: false;
    readonly nodeIntegrationInWorker: false;
    readonly nodeIntegrationInSubFrames: false;
    readonly webSecurity: true;
    readonly allowRunningInsecureContent: false;
    readonly webviewTag: false;
    readonly experimentalFeatures: false;
    readonly navigateOnDragDrop: false;
    readonly spellcheck: false;
  };
}

export function desktopWindowOptions(options: { readonly preloadPath: string; readonly title: string }): DesktopWindowOptions {
  if (!/^(\/|[A-Za-z]:[\\/])/u.test(options.preloadPath)) throw new Error(`the preload path must be absolute, not ${options.preloadPath}`);
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: options.title,
    // Shown on 'ready-to-show' (or never, when started hidden at login): no white flash.
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // A file dropped outside the drop zone would otherwise navigate the window to file://.
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}
