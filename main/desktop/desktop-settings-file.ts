import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DesktopSettingsPatch } from '../../shared/desktop-bridge.js';
import { replaceFile } from '../platform/replace-file.js';

/**
 * The desktop's own settings, in `desktop-settings.json` under Electron's userData: a server has no
 * tray, so they stay out of the service's store. Open at login is not kept here: the OS holds it
 * (login items, the autostart folder) and is asked each time, so a change made in the OS's own
 * settings is what the app shows.
 */
export interface StoredDesktopSettings {
  readonly closeToTray: boolean;
}

export const desktopSettingsFileName = 'desktop-settings.json';
const defaults: StoredDesktopSettings = { closeToTray: true };

/** Unknown keys are dropped and wrong types replaced by the default: a hand-edited file never stops the app. */
export function parseDesktopSettings(text: string | null): StoredDesktopSettings {
  if (text === null) return defaults;
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    return { closeToTray: typeof value['closeToTray'] === 'boolean' ? value['closeToTray'] : defaults.closeToTray };
  } catch {
    return defaults;
  }
}

/** A patch from the page: only known keys with boolean values, at least one; null otherwise. */
export function parseDesktopSettingsPatch(value: unknown): DesktopSettingsPatch | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0 || entries.some(([key, setting]) => (key !== 'closeToTray' && key !== 'openAtLogin') || typeof setting !== 'boolean')) return null;
  return value as DesktopSettingsPatch;
}

export interface DesktopSettingsFile {
  read(): Promise<StoredDesktopSettings>;
  write(settings: StoredDesktopSettings): Promise<void>;
}

export function createDesktopSettingsFile(folder: string): DesktopSettingsFile {
  const file = path.join(folder, desktopSettingsFileName);
  return {
    async read() {
      return parseDesktopSettings(await readFile(file, 'utf8').catch(() => null));
    },
    write: (settings) => replaceFile(file, `${JSON.stringify(settings, null, 2)}\n`),
  };
}
