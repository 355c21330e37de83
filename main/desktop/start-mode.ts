/**
 * What `npm start` starts: the desktop app where an Electron binary is present and can show a
 * window, else the headless server with the same UI (a server, CI, a container), saying why.
 */
export type StartMode = { readonly mode: 'desktop'; readonly electron: string } | { readonly mode: 'server'; readonly reason: string };

export interface StartSituation {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The Electron executable found without downloading anything, or null. */
  readonly electronBinary: string | null;
  /** `--server` (or `npm start -- --server`) asks for the server whatever is present. */
  readonly serverAsked: boolean;
}

export function chooseStartMode(situation: StartSituation): StartMode {
  const { env } = situation;
  if (situation.serverAsked) return { mode: 'server', reason: '--server was given' };
  if (truthy(env['OCR_DESK_HEADLESS'])) return { mode: 'server', reason: 'OCR_DESK_HEADLESS is set' };
  if (truthy(env['CI'])) return { mode: 'server', reason: 'running in CI (CI is set)' };
  if (situation.electronBinary === null) {
    return { mode: 'server', reason: 'no Electron binary is installed (node_modules/electron has no dist/; run `npx install-electron` where GitHub is reachable, or set ELECTRON_OVERRIDE_DIST_PATH)' };
  }
  const desktopPlatform = situation.platform === 'win32' || situation.platform === 'darwin';
  if (!desktopPlatform && !env['DISPLAY'] && !env['WAYLAND_DISPLAY']) return { mode: 'server', reason: 'no display (neither DISPLAY nor WAYLAND_DISPLAY is set)' };
  return { mode: 'desktop', electron: situation.electronBinary };
}

/**
 * Where the electron package keeps its executable, read the way its index.js does but without its
 * download: `path.txt` names the file under `dist/` (or under ELECTRON_OVERRIDE_DIST_PATH).
 */
export function electronBinaryCandidate(input: { readonly packageFolder: string | null; readonly pathTxt: string | null; readonly env: Readonly<Record<string, string | undefined>>; readonly platform: NodeJS.Platform }): string | null {
  const executable = input.pathTxt?.trim() || defaultExecutable(input.platform);
  const override = input.env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override) return joinPath(override, executable);
  if (input.packageFolder === null || !input.pathTxt) return null;
  return joinPath(joinPath(input.packageFolder, 'dist'), executable);
}

function defaultExecutable(platform: NodeJS.Platform): string {
  if (platform === 'win32') return 'electron.exe';
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return 'electron';
}

const joinPath = (folder: string, file: string) => `${folder.replace(/[\\/]+$/u, '')}/${file}`;
const truthy = (value: string | undefined) => value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
