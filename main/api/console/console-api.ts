import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { multipartOptions } from '../multipart-image.js';
import { accountsRoutes } from './accounts-routes.js';
import { billingRoutes } from './billing-routes.js';
import { consoleGuard } from './console-guard.js';
import type { ConsoleDeps } from './console-context.js';
import { recognizeRoute } from './recognize-route.js';
import { sessionRoutes } from './session-routes.js';
import { settingsRoutes } from './settings-routes.js';

export type { ConsoleDeps } from './console-context.js';

/** The console API and the sign-in link, in one fastify scope: the UI's one door. */
export async function consoleApi(app: FastifyInstance, deps: ConsoleDeps): Promise<void> {
  await app.register(cookie);
  await app.register(multipart, multipartOptions(deps.maxFileBytes));
  consoleGuard(app, deps);
  sessionRoutes(app, deps);
  recognizeRoute(app, deps);
  billingRoutes(app, deps);
  accountsRoutes(app, deps);
  settingsRoutes(app, deps);
}
