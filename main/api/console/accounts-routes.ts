import type { FastifyInstance } from 'fastify';
import { accountChange, consoleApiBase, newAccount, type CreatedKeyView, type KeyView } from '../../../shared/console-api.js';
import { fail, ok, type Result } from '../../../shared/result.js';
import { createAccountAdministration } from '../../services/account-administration.js';
import { accountView, callerOf, jsonBody, send, type ConsoleDeps } from './console-context.js';

/**
 * Accounts and keys for the Accounts page. Who may do what is the service's rule
 * (services/account-administration.ts); these routes only adapt.
 */
export function accountsRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  const administration = createAccountAdministration(deps.workspace.accounts);

  app.get(`${consoleApiBase}/accounts`, async (request, reply) => send(reply, ok(administration.accounts(callerOf(request).account).map(accountView))));

  app.post(`${consoleApiBase}/accounts`, async (request, reply) => {
    const body = newAccount.safeParse(jsonBody(request));
    if (!body.success) return send(reply, fail('InvalidParameter', 'Send {"name", "permission"}.'));
    const created = await administration.create(callerOf(request).account, body.data.name, body.data.permission);
    return send(reply, created.ok ? ok(accountView(created.value)) : created);
  });

  app.post<{ Params: { name: string } }>(`${consoleApiBase}/accounts/:name`, async (request, reply) => {
    const body = accountChange.safeParse(jsonBody(request));
    if (!body.success) return send(reply, fail('InvalidParameter', 'Send {"active"}, {"permission"} or {"password"}.'));
    const { account } = callerOf(request);
    const { name } = request.params;
    const { active, permission, password } = body.data;
    // One change a request, so a refusal is never half an update.
    if ([active, permission, password].filter((value) => value !== undefined).length !== 1) return send(reply, fail('InvalidParameter', 'Change one thing at a time: active, permission or password.'));
    const changed =
      permission !== undefined
        ? await administration.setPermission(account, name, permission)
        : active !== undefined
          ? await administration.setStatus(account, name, active)
          : await administration.setPassword(account, name, password!);
    // A new password or a disabled account signs the account's other sessions out.
    if (changed.ok && (password !== undefined || active === false)) deps.sessions.endAccount(changed.value.id, callerOf(request).session.id);
    return send(reply, changed.ok ? ok(accountView(changed.value)) : changed);
  });

  app.get(`${consoleApiBase}/keys`, async (request, reply) => {
    const accountName = (request.query as Record<string, string | undefined>)['account'];
    return send(reply, administration.keys(callerOf(request).account, accountName) as Result<KeyView[], string>);
  });

  app.post(`${consoleApiBase}/keys`, async (request, reply) => {
    const body = (jsonBody(request) ?? {}) as { account?: unknown };
    const accountName = typeof body.account === 'string' ? body.account : undefined;
    return send(reply, (await administration.createKey(callerOf(request).account, accountName)) as Result<CreatedKeyView, string>);
  });

  app.post<{ Params: { id: string } }>(`${consoleApiBase}/keys/:id`, async (request, reply) => {
    const body = (jsonBody(request) ?? {}) as { enabled?: unknown };
    if (typeof body.enabled !== 'boolean') return send(reply, fail('InvalidParameter', 'Send {"enabled": true|false}.'));
    return send(reply, (await administration.setKeyStatus(callerOf(request).account, request.params.id, body.enabled)) as Result<KeyView, string>);
  });

  app.delete<{ Params: { id: string } }>(`${consoleApiBase}/keys/:id`, async (request, reply) => {
    const deleted = await administration.deleteKey(callerOf(request).account, request.params.id);
    return send(reply, deleted.ok ? ok(null) : deleted);
  });
}
