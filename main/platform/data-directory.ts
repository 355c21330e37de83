import os from 'node:os';
import path from 'node:path';

/**
 * The folder Electron's `app.getPath('userData')` names for this app: the OS's per-user
 * application-data folder plus the product name (package.json `productName`). The desktop app, the
 * CLI and `serve` run by one user on one machine thus share one data directory.
 */
export const productName = 'OCR Desk';

export interface DataDirectorySources {
  /** `--data-dir` */
  readonly flag?: string | undefined;
  /** process.env */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
  readonly home: string;
}

/** `--data-dir`, else `OCR_DESK_DATA`, else the per-user application-data folder, as an absolute path. */
export function resolveDataDirectory(sources: DataDirectorySources = { env: process.env, platform: process.platform, home: os.homedir() }): string {
  const given = sources.flag ?? nonEmpty(sources.env['OCR_DESK_DATA']);
  if (given) return path.resolve(given);
  return path.join(applicationDataFolder(sources), productName);
}

/** Electron's `appData`: %APPDATA% on Windows, ~/Library/Application Support on macOS, XDG_CONFIG_HOME or ~/.config elsewhere. */
function applicationDataFolder({ env, platform, home }: DataDirectorySources): string {
  if (platform === 'win32') return nonEmpty(env['APPDATA']) ?? path.win32.join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support');
  return nonEmpty(env['XDG_CONFIG_HOME']) ?? path.join(home, '.config');
}

const nonEmpty = (value: string | undefined): string | undefined => (value && value.trim() !== '' ? value : undefined);
