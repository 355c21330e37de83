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

/** After the last window closed: keep running only when there is a tray to come back through. */
export function quitWhenAllWindowsClosed(situation: Pick<CloseSituation, 'trayAvailable'>): boolean {
  return !situation.trayAvailable;
}
