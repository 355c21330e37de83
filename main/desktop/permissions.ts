import { isAppUrl } from './navigation-guard.js';

/**
 * What the page may ask of the browser. The UI needs one permission: writing to the clipboard
 * (its copy buttons, a new SecretKey among them, use navigator.clipboard.writeText, which Electron
 * asks as `clipboard-sanitized-write`). Only our own page gets it; camera, microphone, location,
 * notifications through the web API (the shell has its own) and everything else are refused.
 */
const grantedToApp = new Set(['clipboard-sanitized-write']);

export function allowPermission(permission: string, requestingUrl: string, appOrigin: string): boolean {
  return grantedToApp.has(permission) && isAppUrl(requestingUrl, appOrigin);
}
