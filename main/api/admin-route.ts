import type { FastifyInstance } from 'fastify';
import { sameSecret } from '../platform/same-secret.js';
import { fromThisMachine } from './host-guard.js';
import { adminRunRequest, type AdminRunAnswer, type AdminRunRequest } from '../../shared/admin-protocol.js';

export interface AdminRouteDeps {
  /** The token of the data directory's admin channel file. */
  readonly token: string;
  readonly run: (request: AdminRunRequest) => Promise<AdminRunAnswer>;
}

/**
 * `POST /admin/api/run`: the admin CLI's commands while this server owns the data directory.
 * Only from this machine, only with the token from the owner-only channel file.
 */
export function adminRoute(app: FastifyInstance, deps: AdminRouteDeps): void {
  app.post('/admin/api/run', async (request, reply) => {
    if (!fromThisMachine(request) || !sameSecret(request.headers.authorization ?? '', `Bearer ${deps.token}`)) {
      return reply.code(401).send({ kind: 'refused', code: 'Unauthorized', message: 'Administration needs the token of the data directory\'s admin channel.' });
    }
    let body: unknown;
    try {
      body = JSON.parse(Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '');
    } catch {
      body = null;
    }
    const parsed = adminRunRequest.safeParse(body);
    if (!parsed.success) return reply.code(400).send({ kind: 'usage', message: 'The administration request is malformed.' });
    return reply.send(await deps.run(parsed.data));
  });
}
