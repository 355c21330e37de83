import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startHiddenFlag } from './desktop-args.js';

/**
 * Open at login on Linux, where Electron's login items do nothing: an XDG autostart entry
 * (`~/.config/autostart/ocr-desk.desktop`), which GNOME, KDE, Xfce and the rest read at login.
 * The entry names the executable the person started: for an AppImage that is the image file
 * (`$APPIMAGE`), not the temporary mount Electron runs from, which is gone after a restart.
 */
export interface AutostartPlace {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
  readonly execPath: string;
}

export const autostartFileName = 'ocr-desk.desktop';

export function autostartFile(place: AutostartPlace): string {
  const config = place.env['XDG_CONFIG_HOME']?.trim() ? place.env['XDG_CONFIG_HOME'] : path.join(place.home, '.config');
  return path.join(config, 'autostart', autostartFileName);
}

export function autostartExecutable(place: AutostartPlace): string {
  return place.env['APPIMAGE']?.trim() ? place.env['APPIMAGE'] : place.execPath;
}

/**
 * The desktop entry. The Exec value follows the Desktop Entry Specification: the path quoted with
 * `"`, `` ` ``, `$` and `\` escaped, `%` doubled (field codes), then every backslash doubled again
 * for the string escaping applied before the quoting.
 */
export function autostartEntry(executable: string, name: string): string {
  const quoted = `"${executable.replace(/[\\"`$]/gu, (char) => `\\${char}`).replace(/%/gu, '%%')}"`.replace(/\\/gu, '\\\\');
  return ['[Desktop Entry]', 'Type=Application', `Name=${name}`, `Exec=${quoted} ${startHiddenFlag}`, 'X-GNOME-Autostart-enabled=true', 'NoDisplay=true', 'Terminal=false', ''].join('\n');
}

export interface LinuxAutostart {
  isEnabled(): Promise<boolean>;
  setEnabled(enabled: boolean): Promise<void>;
}

export function createLinuxAutostart(place: AutostartPlace, name: string): LinuxAutostart {
  const file = autostartFile(place);
  return {
    async isEnabled() {
      const text = await readFile(file, 'utf8').catch(() => null);
      // An entry the person switched off in the desktop's startup settings says so itself.
      return text !== null && !/^(Hidden=true|X-GNOME-Autostart-enabled=false)$/mu.test(text);
    },
    async setEnabled(enabled) {
      if (!enabled) {
        await rm(file, { force: true });
        return;
      }
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, autostartEntry(autostartExecutable(place), name), { mode: 0o644 });
    },
  };
}
