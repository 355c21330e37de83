/**
 * The few things only a desktop can do, as IPC between the preload and electron-main. The UI
 * still reaches the service only over HTTP; these channels are the whole native surface
 * (`window.ocrDesk`, typed in shared/desktop-bridge.ts). The
 * sandboxed preload cannot import this module, so it repeats the channel names (a unit test holds
 * the two together); electron-main validates every payload here before acting on it.
 */
export const ipcChannels = {
  loginLink: 'ocr-desk:login-link',
  openImages: 'ocr-desk:open-images',
  notify: 'ocr-desk:notify',
  openDataFolder: 'ocr-desk:open-data-folder',
  desktopSettings: 'ocr-desk:desktop-settings',
  setDesktopSettings: 'ocr-desk:set-desktop-settings',
} as const;

export type IpcChannel = (typeof ipcChannels)[keyof typeof ipcChannels];

export interface NotifyRequest {
  readonly title: string;
  readonly body: string;
}

const maxTitle = 120;
const maxBody = 500;

/** A notification the page asks for: two short strings, nothing else (no icon paths, no actions). */
export function parseNotifyRequest(value: unknown): NotifyRequest | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { title, body, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return null;
  if (typeof title !== 'string' || typeof body !== 'string') return null;
  if (title.trim() === '' || title.length > maxTitle || body.length > maxBody) return null;
  return { title, body };
}

/** The image types the open dialog offers, as the UI accepts them. */
export const imageDialogFilters = [{ name: 'Images', extensions: ['png', 'jpg', 'jpeg', 'bmp', 'tif', 'tiff', 'gif', 'webp', 'pdf'] }] as const;

/** A chosen file handed to the page: its name and bytes (the page never sees a path). */
export interface OpenedImage {
  readonly name: string;
  readonly bytes: Uint8Array;
}
