import type { FastifyInstance } from 'fastify';
import { consoleApiBase, type SettingsView } from '../../../shared/console-api.js';
import { fail, ok } from '../../../shared/result.js';
import { serverSettingsSchema } from '../../../shared/server-settings.js';
import { callerOf, jsonBody, send, type ConsoleDeps } from './console-context.js';
import { describeProblems } from '../../../shared/schema-problems.js';

/** The Settings page: what the server is and how it is set; root and full access change it. */
export function settingsRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  app.get(`${consoleApiBase}/settings`, async (_request, reply) => {
    const view: SettingsView = {
      server: deps.workspace.settings.get(),
      dataDirectory: deps.workspace.directory,
      listening: deps.listening(),
      logRetentionDays: deps.logRetentionDays,
      languages: deps.languages(),
      version: deps.version,
      licenceKeyFingerprint: deps.licenceKeyFingerprint,
    };
    return send(reply, ok(view));
  });

  app.put(`${consoleApiBase}/settings`, async (request, reply) => {
    const body = serverSettingsSchema.safeParse(jsonBody(request));
    if (!body.success) return send(reply, fail('InvalidSetting', describeProblems(body.error)));
    return send(reply, await deps.workspace.settings.update(callerOf(request).account, (draft) => Object.assign(draft, body.data)));
  });
}
