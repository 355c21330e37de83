/**
 * The Content-Security-Policy the desktop shell sets on every response of the served UI. The UI
 * reaches main only over the console API on the same origin, so everything is 'self': no remote
 * script, style, font or connection, no eval, no framing, no plugins. Images may be data: and
 * blob: (previews of the images a person drops, the recognised crops).
 */
export const contentSecurityPolicyDirectives: ReadonlyArray<readonly [string, ...string[]]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  // React sets styles through the CSSOM, which style-src does not govern: no 'unsafe-inline'.
  ['style-src', "'self'"],
  ['img-src', "'self'", 'data:', 'blob:'],
  ['font-src', "'self'", 'data:'],
  ['connect-src', "'self'"],
  ['worker-src', "'self'", 'blob:'],
  ['media-src', "'none'"],
  ['object-src', "'none'"],
  ['frame-src', "'none'"],
  ['child-src', "'none'"],
  ['frame-ancestors', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'self'"],
];

export function contentSecurityPolicy(): string {
  return contentSecurityPolicyDirectives.map((directive) => directive.join(' ')).join('; ');
}

/**
 * Response headers with the policy added, for `webRequest.onHeadersReceived`: only for our own
 * origin (anything else is refused by the navigation guard anyway), replacing any policy the
 * server sent under another letter case.
 */
export function withContentSecurityPolicy(url: string, appOrigin: string, headers: Readonly<Record<string, readonly string[] | string>>): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    result[name] = typeof value === 'string' ? [value] : [...value];
  }
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    origin = '';
  }
  if (origin === appOrigin) result['Content-Security-Policy'] = [contentSecurityPolicy()];
  else for (const [name, value] of Object.entries(headers)) if (name.toLowerCase() === 'content-security-policy') result[name] = typeof value === 'string' ? [value] : [...value];
  return result;
}
