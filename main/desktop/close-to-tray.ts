/**
 * What closing the window does. With a tray the service keeps running for office systems calling
 * the API, so closing hides; the tray's Quit (or the OS logging out) really quits. Without a tray
 * (some Linux desktops have none) hiding would strand the app, so closing quits.
 */
export interface CloseSituation {
  /** Quit was asked for (tray or app menu, Cmd+Q, OS shutdown): `before-quit` has fired. */
  readonly quitting: boolean;
  readonly trayAvailable: boolean;
  /** The person's setting; on by default. */
  readonly closeToTray: boolean;
}

export type CloseDecision = 'hide' | 'close';

export function decideClose(situation: CloseSituation): CloseDecision {
  if (situation.quitting) return 'close';
  return situation.trayAvailable && situation.closeToTray ? 'hide' : 'close';
}

/**
 * After the last window closed: keep running only when the person chose to keep the service in
 * the tray and there is a tray to come back through. With close to tray off, closing the window
 * means quitting, as in any other app.
 */
export function quitWhenAllWindowsClosed(situation: Pick<CloseSituation, 'trayAvailable' | 'closeToTray'>): boolean {
  return !situation.trayAvailable || !situation.closeToTray;
}

/**
 * Whether a tray icon will be seen. Electron creates one on any Linux desktop without an error,
 * but GNOME shows none unless an extension does (Ubuntu ships one): there, hiding to the tray
 * or starting hidden would strand the app, so the app acts as if it had no tray. The desktops
 * listed show status icons out of the box; an unknown one is not trusted to.
 */
export function trayWillShow(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): boolean {
  if (platform !== 'linux') return true;
  const desktops = (env['XDG_CURRENT_DESKTOP'] ?? '').toLowerCase().split(':').filter(Boolean);
  if (desktops.includes('ubuntu')) return true;
  return desktops.some((desktop) => traysShown.has(desktop));
}

const traysShown = new Set(['kde', 'xfce', 'x-cinnamon', 'cinnamon', 'mate', 'lxqt', 'lxde', 'budgie', 'budgie:gnome', 'unity', 'deepin', 'ukui', 'enlightenment']);
