import type { OcrDeskBridge } from '../../shared/desktop-bridge.js';
import { loginTargetOf } from './desktop-bridge-checks.js';

export interface SignInAgainDeps {
  readonly bridge: Pick<OcrDeskBridge, 'loginLink'>;
  /** The page's origin: only a sign-in link of this origin is followed. */
  readonly origin: string;
  /** Survives the navigation (the window's sessionStorage), so a failed sign-in cannot loop. */
  readonly storage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  readonly navigate: (url: string) => void;
  readonly now: () => number;
  /** After a sign-in by link, another within this time is not tried: the last one did not hold. */
  readonly quietMs?: number;
}

const attemptKey = 'ocr-desk-signed-in-again-at';
/** Set when the person pressed Sign out: the window then stays signed out until they sign in themselves. */
export const signedOutByChoiceKey = 'ocr-desk-signed-out-by-choice';

/**
 * The desktop window's answer to an ended console session: instead of the sign-in page, ask the
 * shell for a fresh one-time link and open it (the window is the root user's own). Tried at most
 * once per page load (every caller of that load gets the same outcome), and not again on the page
 * the link leads to if that one is signed out too, which would otherwise reload forever. The
 * promise is true when the page is navigating away, false when the sign-in page should show
 * (no link, a refused or foreign link, the shell failing, or an attempt just made).
 */
export function createSignInAgain(deps: SignInAgainDeps): () => Promise<boolean> {
  const quietMs = deps.quietMs ?? 60_000;
  let attempt: Promise<boolean> | null = null;
  const recentlyTried = () => {
    try {
      const at = Number(deps.storage.getItem(attemptKey) ?? Number.NaN);
      const since = deps.now() - at;
      return Number.isFinite(since) && since >= 0 && since < quietMs;
    } catch {
      return false;
    }
  };
  const signedOutByChoice = () => {
    try {
      return deps.storage.getItem(signedOutByChoiceKey) !== null;
    } catch {
      return false;
    }
  };
  const tryOnce = async (): Promise<boolean> => {
    if (recentlyTried() || signedOutByChoice()) return false;
    let target: string | null;
    try {
      target = loginTargetOf(await deps.bridge.loginLink(), deps.origin);
    } catch {
      return false;
    }
    if (target === null) return false;
    try {
      deps.storage.setItem(attemptKey, String(deps.now()));
    } catch {
      // Without a record the next page could not tell it just tried: no attempt beats a loop.
      return false;
    }
    deps.navigate(target);
    return true;
  };
  return () => (attempt ??= tryOnce());
}

/** Sets or clears a flag in the window's sessionStorage; storage refused (private mode) is no error. */
type FlagStorage = { setItem(key: string, value: string): void; removeItem(key: string): void };

export function rememberInSession(key: string, on: boolean, storage: FlagStorage | undefined = (globalThis as { sessionStorage?: FlagStorage }).sessionStorage): void {
  try {
    if (on) storage?.setItem(key, '1');
    else storage?.removeItem(key);
  } catch {
    // Without storage the next reload may sign in by link again: the lesser evil than a broken page.
  }
}
