import path from 'node:path';
import { fail, ok, type Result } from '../../shared/result.js';

/** What the desktop app is told on its command line (also by the OS at login: `--hidden`). */
export interface DesktopArgs {
  readonly dataDir: string | undefined;
  readonly port: number | undefined;
  /** Start in the tray without showing the window (open at login). */
  readonly hidden: boolean;
}

/** The flag the login item is registered with, so a start at login stays in the tray. */
export const startHiddenFlag = '--hidden';

const hiddenFlags = new Set([startHiddenFlag, '--minimised', '--minimized']);

/**
 * Parses the arguments after the executable (and, unpackaged, after the app path). Chromium's own
 * switches and anything unknown are ignored, not refused: the OS and Electron add their own
 * (`--no-sandbox`, `--original-process-start-time`, a file path from a shortcut, ...).
 */
export function parseDesktopArgs(args: readonly string[]): Result<DesktopArgs, 'DesktopUsage'> {
  let dataDir: string | undefined;
  let port: number | undefined;
  let hidden = false;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index]!;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (hiddenFlags.has(name)) {
      hidden = true;
      continue;
    }
    if (name !== '--data-dir' && name !== '--port') continue;
    const value = inline ?? args[index + 1];
    if (inline === undefined) index += 1;
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) return fail('DesktopUsage', `${name} needs a value`);
    if (name === '--data-dir') dataDir = value;
    else {
      if (!/^\d+$/u.test(value) || Number(value) > 65535) return fail('DesktopUsage', `--port must be a port number (0 takes any free port), not "${value}"`);
      port = Number(value);
    }
  }
  return ok({ dataDir, port, hidden });
}

/**
 * The data directory: `--data-dir`, else `OCR_DESK_DATA`, else Electron's userData, which names
 * the same folder `ocr-desk serve` and the CLI use by default (platform/data-directory.ts).
 */
export function desktopDataDirectory(sources: { readonly flag: string | undefined; readonly env: Readonly<Record<string, string | undefined>>; readonly userData: string; readonly cwd: string }): string {
  const given = sources.flag ?? (sources.env['OCR_DESK_DATA']?.trim() ? sources.env['OCR_DESK_DATA'] : undefined);
  return given ? path.resolve(sources.cwd, given) : sources.userData;
}
