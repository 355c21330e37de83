/**
 * Where the window may go. It shows only the served UI: navigations inside the local origin are
 * allowed; an https link elsewhere (documentation, the vendor's site) opens in the OS browser; any
 * other scheme or origin (http, file:, javascript:, custom protocols) is refused.
 */
export type NavigationDecision = { readonly action: 'allow' } | { readonly action: 'open-external'; readonly url: string } | { readonly action: 'deny'; readonly reason: string };

/** The origin of the served UI, e.g. `http://127.0.0.1:8790`. Throws on a URL that has none (a bug). */
export function appOriginOf(serviceUrl: string): string {
  const origin = new URL(serviceUrl).origin;
  if (origin === 'null') throw new Error(`${serviceUrl} has no origin`);
  return origin;
}

export function isAppUrl(url: string, appOrigin: string): boolean {
  const parsed = parse(url);
  return parsed !== null && parsed.origin === appOrigin;
}

/** For `will-navigate`, `will-redirect` and `setWindowOpenHandler` alike: new windows are never opened in the app. */
export function decideNavigation(url: string, appOrigin: string, kind: 'navigate' | 'new-window'): NavigationDecision {
  const parsed = parse(url);
  if (parsed === null) return { action: 'deny', reason: 'not a URL' };
  if (parsed.origin === appOrigin && parsed.origin !== 'null') {
    // A link to our own UI asking for a new window is shown in the window we have.
    return kind === 'navigate' ? { action: 'allow' } : { action: 'deny', reason: 'the app opens no second window' };
  }
  if (parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && parsed.hostname !== '') return { action: 'open-external', url: parsed.href };
  return { action: 'deny', reason: `${parsed.protocol} links are not opened` };
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
