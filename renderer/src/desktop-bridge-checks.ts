import type { DesktopSettings, OcrDeskBridge } from '../../shared/desktop-bridge.js';

/**
 * What the page accepts from `window.ocrDesk` and from its answers. The global is set by the
 * desktop shell's preload, but anything on the page could have put something else under that
 * name, and a shell of another version could answer other shapes: whatever does not match the
 * contract in shared/desktop-bridge.ts is treated as absent or as a failure, never trusted (the
 * page must not crash on it). Plain logic, no DOM, so it is unit-tested in Node.
 */

const bridgeMethods = ['loginLink', 'openImages', 'notify', 'openDataFolder', 'desktopSettings', 'setDesktopSettings'] as const;

/** The bridge if `value` has the whole contract's shape, else null (a plain browser, or something malformed). */
export function asDesktopBridge(value: unknown): OcrDeskBridge | null {
  try {
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return null;
    const candidate = value as Record<string, unknown>;
    if (candidate['desktop'] !== true) return null;
    return bridgeMethods.every((name) => typeof candidate[name] === 'function') ? (value as OcrDeskBridge) : null;
  } catch {
    // A getter or proxy that throws is as good as no bridge.
    return null;
  }
}

/** The settings if the answer has their shape, else null (the page then says the shell refused). */
export function desktopSettingsOf(value: unknown): DesktopSettings | null {
  if (typeof value !== 'object' || value === null) return null;
  const settings = value as Record<string, unknown>;
  const flags = ['closeToTray', 'openAtLogin', 'trayAvailable', 'openAtLoginSupported'] as const;
  if (!flags.every((name) => typeof settings[name] === 'boolean')) return null;
  const storage = settings['secretKeyStorage'];
  if (typeof storage !== 'object' || storage === null) return null;
  const { kind, reason } = storage as Record<string, unknown>;
  if ((kind !== 'keychain' && kind !== 'file') || typeof reason !== 'string') return null;
  return {
    closeToTray: settings['closeToTray'] as boolean,
    openAtLogin: settings['openAtLogin'] as boolean,
    trayAvailable: settings['trayAvailable'] as boolean,
    openAtLoginSupported: settings['openAtLoginSupported'] as boolean,
    secretKeyStorage: { kind, reason },
  };
}

/** A file the OS dialog gave, ready to become a `File` the pages read like a dropped one. */
export interface OpenedImage {
  readonly name: string;
  /** The media type by extension, as a browser gives it for a chosen file ('' when unknown). */
  readonly type: string;
  readonly bytes: Uint8Array;
}

const mediaTypes: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  pdf: 'application/pdf',
};

/**
 * The type a browser would give a chosen file of this name: the pages decide by it whether they
 * can show the image themselves or need the server's preview (TIFF, PDF). The server reads the
 * bytes whatever the type says.
 */
export const mediaTypeOf = (name: string): string => mediaTypes[/\.([^.]+)$/u.exec(name)?.[1]?.toLowerCase() ?? ''] ?? '';

/**
 * The images of an `openImages` answer, or null when the answer is not a list at all. Entries
 * without a name or bytes are left out; a name is cut to its last part, as the page is meant to
 * see names and never paths.
 */
export function openedImagesOf(value: unknown): OpenedImage[] | null {
  if (!Array.isArray(value)) return null;
  const images: OpenedImage[] = [];
  for (const entry of value as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { name, bytes } = entry as Record<string, unknown>;
    if (typeof name !== 'string' || !(bytes instanceof Uint8Array)) continue;
    const base = name.split(/[\\/]/u).pop() ?? '';
    if (base === '') continue;
    images.push({ name: base, type: mediaTypeOf(base), bytes });
  }
  return images;
}

/**
 * The address to open for a link `loginLink` answered, or null unless it is this page's own
 * sign-in route (`/console/login?token=...` on the same origin): the page navigates to it, so a
 * link elsewhere is never followed.
 */
export function loginTargetOf(link: unknown, origin: string): string | null {
  if (typeof link !== 'string' || link === '') return null;
  try {
    const url = new URL(link, origin);
    if (url.origin !== origin || url.pathname !== '/console/login' || !url.searchParams.get('token')) return null;
    return url.href;
  } catch {
    return null;
  }
}
