import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { consoleApiBase, type BillingOverview } from '../../../shared/console-api.js';
import { fail, ok } from '../../../shared/result.js';
import { callerOf, jsonBody, send, type ConsoleDeps } from './console-context.js';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/u);
const usageQuery = z.object({ month, by: z.enum(['day', 'month']).default('day'), account: z.string().min(1).max(64).optional() });
const switchBody = z.object({ on: z.boolean() });
const readBody = z.object({ ids: z.union([z.array(z.string().max(100)).max(1000), z.literal('all')]) });

/**
 * Packages, usage, bills and alerts for the Usage and Packages pages. Billing checks who may do
 * what (root and full access manage; everyone looks at what they may see), so these only adapt.
 */
export function billingRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  const { billing } = deps.workspace;

  app.get(`${consoleApiBase}/overview`, async (_request, reply) => {
    const overview: BillingOverview = {
      packages: billing.packages(),
      payAsYouGo: billing.payAsYouGo(),
      disabledServices: billing.disabledServices(),
      timeZone: billing.timeZone(),
      notifications: billing.notifications(),
    };
    return send(reply, ok(overview));
  });

  app.get(`${consoleApiBase}/usage`, async (request, reply) => {
    const query = usageQuery.safeParse(request.query);
    if (!query.success) return send(reply, fail('InvalidParameter', 'usage takes month=YYYY-MM, by=day|month and optionally account=NAME.'));
    return send(reply, await billing.usage(callerOf(request).account, { month: query.data.month, by: query.data.by, ...(query.data.account ? { account: query.data.account } : {}) }));
  });

  app.get(`${consoleApiBase}/bill`, async (request, reply) => {
    const query = z.object({ month }).safeParse(request.query);
    if (!query.success) return send(reply, fail('InvalidParameter', 'bill takes month=YYYY-MM.'));
    return send(reply, billing.bill(callerOf(request).account, query.data.month));
  });

  app.post(`${consoleApiBase}/licences`, async (request, reply) => {
    const text = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '';
    return send(reply, await billing.importLicence(callerOf(request).account, text));
  });

  app.post<{ Params: { id: string } }>(`${consoleApiBase}/packages/:id/refund`, async (request, reply) => send(reply, await billing.refund(callerOf(request).account, request.params.id)));

  app.post(`${consoleApiBase}/payg`, async (request, reply) => {
    const body = switchBody.safeParse(jsonBody(request));
    if (!body.success) return send(reply, fail('InvalidParameter', 'Send {"on": true|false}.'));
    return send(reply, await billing.setPayAsYouGo(callerOf(request).account, body.data.on));
  });

  app.post<{ Params: { service: string } }>(`${consoleApiBase}/services/:service`, async (request, reply) => {
    const body = switchBody.safeParse(jsonBody(request));
    if (!body.success) return send(reply, fail('InvalidParameter', 'Send {"on": true|false}.'));
    return send(reply, await billing.setServiceEnabled(callerOf(request).account, request.params.service, body.data.on));
  });

  app.post(`${consoleApiBase}/notifications/read`, async (request, reply) => {
    const body = readBody.safeParse(jsonBody(request));
    if (!body.success) return send(reply, fail('InvalidParameter', 'Send {"ids": [...]} or {"ids": "all"}.'));
    return send(reply, await billing.markRead(callerOf(request).account, body.data.ids));
  });
}
