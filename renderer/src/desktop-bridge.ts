import type { OcrDeskBridge } from '../../shared/desktop-bridge.js';
import { asDesktopBridge, openedImagesOf } from './desktop-bridge-checks.js';

declare global {
  interface Window {
    /** Set by the desktop shell's preload; absent in a plain browser. Read through `desktopBridge()`. */
    ocrDesk?: OcrDeskBridge;
  }
}

/**
 * The desktop shell's native surface when the page runs in its window, else null (a plain
 * browser, or a global that is not the bridge). Read once at start: the preload sets it before
 * any script of the page runs.
 */
export function desktopBridge(): OcrDeskBridge | null {
  try {
    return asDesktopBridge(window.ocrDesk);
  } catch {
    return null;
  }
}

/**
 * The OS file dialog's images as `File`s, so they take the same way as dropped or chosen files.
 * Empty when cancelled; null when the shell failed or answered something else than images.
 */
export async function openImageFiles(bridge: OcrDeskBridge): Promise<File[] | null> {
  let answer: unknown;
  try {
    answer = await bridge.openImages();
  } catch {
    return null;
  }
  // Copied: the page's File must not share memory with what the bridge handed over.
  return openedImagesOf(answer)?.map((image) => new File([new Uint8Array(image.bytes)], image.name, { type: image.type })) ?? null;
}
