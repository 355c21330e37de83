import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccountView, ConsoleAnswer } from '../../../shared/console-api.js';
import type { Failure, Result } from '../../../shared/result.js';
import type { Account } from '../../accounts/accounts.js';
import type { LanguageChoice } from '../../../shared/console-api.js';
import type { Workspace } from '../../services/open-workspace.js';
import type { RecognitionService } from '../../services/recognition-service.js';
import type { ConsoleSession, ConsoleSessions } from './console-sessions.js';

export interface ConsoleDeps {
  readonly workspace: Workspace;
  readonly sessions: ConsoleSessions;
  readonly recognition: RecognitionService;
  readonly languages: () => readonly LanguageChoice[];
  readonly version: string;
  /** Cookies marked Secure: the server speaks HTTPS (LAN mode). */
  readonly secure: boolean;
  readonly maxFileBytes: number;
  /** Where the server listens (known once it does). */
  readonly listening: () => string;
  /** SHA-256 of this build's licence public key, so a vendor can tell which key a build trusts. */
  readonly licenceKeyFingerprint: string;
  /** Days the logs are kept (the logger's setting). */
  readonly logRetentionDays: number;
}

/** The signed-in caller of a console request, set by the session check. */
export interface ConsoleCaller {
  readonly session: ConsoleSession;
  readonly account: Account;
}

declare module 'fastify' {
  interface FastifyRequest {
    consoleCaller?: ConsoleCaller;
  }
}

/** HTTP statuses of failures, so the browser's network panel tells the story too. */
const statusOf = (code: string): number =>
  ({ NotSignedIn: 401, InvalidCredentials: 401, TooManyAttempts: 429, NotAllowed: 403, CsrfMismatch: 403, PackageNotFound: 404, AccountNotFound: 404, KeyNotFound: 404, QueueFull: 429, RateLimited: 429, EngineClosed: 503, StoreIoFailed: 500 })[code] ?? 400;

export function send<T>(reply: FastifyReply, outcome: Result<T, string>): FastifyReply {
  const body: ConsoleAnswer<T> = outcome.ok ? { ok: true, value: outcome.value } : { ok: false, error: outcome.error };
  return reply.code(outcome.ok ? 200 : statusOf(outcome.error.code)).send(body);
}

export function refuse(reply: FastifyReply, error: Failure): FastifyReply {
  return reply.code(statusOf(error.code)).send({ ok: false, error });
}

/** The caller the guard let in; a route outside the guard asking for one is a bug. */
export const callerOf = (request: FastifyRequest): ConsoleCaller => {
  if (!request.consoleCaller) throw new Error(`console route ${request.routeOptions.url ?? request.url} ran without the session check`);
  return request.consoleCaller;
};

export const accountView = (account: Account): AccountView => ({ name: account.name, root: account.root, status: account.status, permission: account.permission, createdAt: account.createdAt });

/** JSON bodies arrive as raw bytes (the server keeps every body raw, for signatures). */
export function jsonBody(request: FastifyRequest): unknown {
  try {
    return Buffer.isBuffer(request.body) ? (JSON.parse(request.body.toString('utf8')) as unknown) : null;
  } catch {
    return null;
  }
}
