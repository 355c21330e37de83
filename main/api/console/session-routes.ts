import type { FastifyInstance, FastifyReply } from 'fastify';
import { consoleApiBase, passwordLogin, sessionCookie, type SessionView } from '../../../shared/console-api.js';
import { fail, ok } from '../../../shared/result.js';
import type { Account } from '../../accounts/accounts.js';
import { isAllowed } from '../../accounts/permissions.js';
import { accountView, callerOf, jsonBody, refuse, send, type ConsoleDeps } from './console-context.js';
import type { ConsoleSession } from './console-sessions.js';

/**
 * Signing in and out. The one-time link `serve` prints opens a root session and redirects to the
 * UI; accounts with a password sign in by name and password. The session cookie is HttpOnly,
 * SameSite=Strict, Path=/, and Secure over HTTPS.
 */
export function sessionRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  const setCookie = (reply: FastifyReply, session: ConsoleSession) =>
    reply.setCookie(sessionCookie, session.id, { httpOnly: true, sameSite: 'strict', path: '/', secure: deps.secure });

  const view = (session: ConsoleSession, account: Account): SessionView => ({
    account: accountView(account),
    may: {
      recognize: account.status === 'active' && account.permission.kind !== 'readonly',
      manageBilling: isAllowed(account, { kind: 'manage-billing' }),
      manageAccounts: isAllowed(account, { kind: 'manage-accounts' }),
      manageServer: isAllowed(account, { kind: 'manage-server' }),
    },
    csrf: session.csrf,
    version: deps.version,
  });

  app.get('/console/login', async (request, reply) => {
    const token = (request.query as Record<string, string | undefined>)['token'] ?? '';
    const session = deps.sessions.redeemLoginToken(token);
    if (!session) {
      return reply
        .code(401)
        .type('text/html; charset=utf-8')
        .send('<!doctype html><meta charset="utf-8"><title>OCR Desk</title><p>This sign-in link has expired or was used already. Run <code>ocr-desk login-link</code> on the server for a new one.</p><p>此登录链接已过期或已被使用。请在服务器上运行 <code>ocr-desk login-link</code> 获取新链接。</p>');
    }
    setCookie(reply, session);
    return reply.code(303).header('location', '/').send();
  });

  app.post(`${consoleApiBase}/login`, async (request, reply) => {
    // Only the UI's own script sends JSON with a same-origin fetch; a form another site submits
    // (sign-in CSRF, which would put the victim in the attacker's account) is neither.
    const site = request.headers['sec-fetch-site'];
    if (!(request.headers['content-type'] ?? '').startsWith('application/json') || (site !== undefined && site !== 'same-origin' && site !== 'none')) {
      return refuse(reply, { code: 'CsrfMismatch', message: 'Sign in from the OCR Desk page itself.' });
    }
    const parsed = passwordLogin.safeParse(jsonBody(request));
    if (!parsed.success) return refuse(reply, { code: 'InvalidParameter', message: 'Send {"name", "password"}.' });
    const { name, password } = parsed.data;
    if (!deps.sessions.beginPasswordAttempt(name)) return refuse(reply, { code: 'TooManyAttempts', message: 'Too many sign-in attempts for this name or at once; wait a few minutes.' });
    let account;
    try {
      account = await deps.workspace.accounts.checkPassword(name, password);
    } finally {
      deps.sessions.endPasswordAttempt();
    }
    if (!account.ok) return send(reply, account);
    deps.sessions.passwordMatched(name);
    const session = deps.sessions.open(account.value.id);
    setCookie(reply, session);
    return send(reply, ok(view(session, account.value)));
  });

  app.post(`${consoleApiBase}/logout`, async (request, reply) => {
    deps.sessions.end(callerOf(request).session.id);
    reply.clearCookie(sessionCookie, { path: '/' });
    return send(reply, ok(null));
  });

  app.get(`${consoleApiBase}/session`, async (request, reply) => {
    const { session, account } = callerOf(request);
    return send(reply, ok(view(session, account)));
  });

  // Everything else under the console API that no route answers.
  app.all(`${consoleApiBase}/*`, async (_request, reply) => send(reply, fail('NotFound', 'No such console API.')));
}
