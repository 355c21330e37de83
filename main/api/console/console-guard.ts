import type { FastifyInstance } from 'fastify';
import { consoleApiBase, csrfHeader, sessionCookie } from '../../../shared/console-api.js';
import { sameSecret } from '../../platform/same-secret.js';
import { refuse, type ConsoleDeps } from './console-context.js';

/** Console API paths open without a session: signing in. */
const open = new Set([`${consoleApiBase}/login`]);

/**
 * Every console API request but signing in needs a live session of an active account; every
 * change also needs the session's CSRF token in a header, which a page of another site can neither
 * read nor send (the cookie alone, were a browser to send it, changes nothing).
 */
export function consoleGuard(app: FastifyInstance, deps: ConsoleDeps): void {
  app.addHook('onRequest', async (request, reply) => {
    // The route matched, not the URL as sent: `/console/%61pi/...` is routed like `/console/api/...`.
    const route = request.routeOptions.url ?? '';
    if (!route.startsWith(`${consoleApiBase}/`) || open.has(route)) return undefined;
    const session = deps.sessions.find(request.cookies[sessionCookie]);
    const account = session ? deps.workspace.accounts.list().find((candidate) => candidate.id === session.accountId) : undefined;
    if (!session || !account || account.status !== 'active') {
      return refuse(reply, { code: 'NotSignedIn', message: 'Sign in first: open the link `serve` printed, or sign in with a name and password.' });
    }
    if (request.method !== 'GET' && request.method !== 'HEAD' && !sameSecret((request.headers[csrfHeader] as string | undefined) ?? '', session.csrf)) {
      return refuse(reply, { code: 'CsrfMismatch', message: 'The request lacks this session\'s CSRF token.' });
    }
    request.consoleCaller = { session, account };
    return undefined;
  });
}
