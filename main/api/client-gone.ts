import type { FastifyReply } from 'fastify';

/**
 * A signal that fires when the client goes away before its answer is sent, so its job is cancelled
 * (and not charged) instead of occupying a thread for no one.
 */
export function clientGone(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}
