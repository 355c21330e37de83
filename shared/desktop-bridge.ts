/**
 * What the desktop shell's preload exposes to the page as `window.ocrDesk`: the whole native
 * surface. In a plain browser it is absent and the UI offers the browser's own means (file input,
 * no desktop settings). Everything else still goes over the console HTTP API.
 */
export interface OcrDeskBridge {
  readonly desktop: true;
  /** A fresh one-time link that signs the UI in as root (the session expired), or null if refused. */
  loginLink(): Promise<string | null>;
  /** The OS file dialog; the chosen images come back as names and bytes, never paths. Empty when cancelled. */
  openImages(): Promise<Array<{ name: string; bytes: Uint8Array }>>;
  notify(title: string, body: string): Promise<boolean>;
  /** Opens the data directory in the file manager; false when the OS could not. */
  openDataFolder(): Promise<boolean>;
  desktopSettings(): Promise<DesktopSettings>;
  /** Applies what is given and answers the settings as they now are (null: refused). */
  setDesktopSettings(patch: DesktopSettingsPatch): Promise<DesktopSettings | null>;
}

/** Settings only a desktop has; kept by the shell, not in the service's store (a server has no tray). */
export interface DesktopSettings {
  /** Closing the window hides it to the tray, the service keeps answering office systems. */
  readonly closeToTray: boolean;
  /** Started hidden in the tray when the person logs in. */
  readonly openAtLogin: boolean;
  /** False where this desktop gives no way to (no tray, or no autostart). */
  readonly trayAvailable: boolean;
  readonly openAtLoginSupported: boolean;
  /** Where the API keys' encryption key is kept: the OS keychain, or an owner-only file (and why). */
  readonly secretKeyStorage: { readonly kind: 'keychain' | 'file'; readonly reason: string };
}

export interface DesktopSettingsPatch {
  readonly closeToTray?: boolean;
  readonly openAtLogin?: boolean;
}
