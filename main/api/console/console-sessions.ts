import { createHash, randomBytes } from 'node:crypto';

export interface ConsoleSession {
  readonly id: string;
  readonly accountId: string;
  /** Sent back in a header with every change (double-submit): a cookie alone changes nothing. */
  readonly csrf: string;
  lastSeen: number;
}

export interface ConsoleSessions {
  /** A one-time login link's token, for the account (root, from `serve` or `ocr-desk login-link`). */
  issueLoginToken(accountId: string): string;
  /** The session a valid, unused, unexpired token opens; the token is spent either way. */
  redeemLoginToken(token: string): ConsoleSession | null;
  open(accountId: string): ConsoleSession;
  /** The session of a cookie, if it exists and has not been idle too long; touching it keeps it alive. */
  find(id: string | undefined): ConsoleSession | null;
  end(id: string): void;
  /** Password attempts: false while a name is locked after too many failures. */
  mayTryPassword(name: string): boolean;
  notePasswordFailure(name: string): void;
}

export interface ConsoleSessionOptions {
  readonly now: () => number;
  /** Default 30 minutes. */
  readonly idleMs?: number;
  /** Default 10 minutes. */
  readonly loginLinkMs?: number;
}

const maxSessions = 1000;
const maxTokens = 100;
/** Failed password attempts per name in the window before the name is locked for the window. */
const maxFailures = 10;
const failureWindowMs = 15 * 60_000;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const randomToken = () => randomBytes(32).toString('base64url');

/**
 * Sessions of the console (the UI), in memory: a restart signs everyone out, which for a local
 * server is the safe default. Login tokens are kept as hashes, used once, and expire in minutes.
 * Both maps are bounded; the oldest entries go first.
 */
export function createConsoleSessions(options: ConsoleSessionOptions): ConsoleSessions {
  const idleMs = options.idleMs ?? 30 * 60_000;
  const loginLinkMs = options.loginLinkMs ?? 10 * 60_000;
  const sessions = new Map<string, ConsoleSession>();
  const tokens = new Map<string, { accountId: string; expires: number }>();
  const failures = new Map<string, number[]>();

  const bound = <K, V>(map: Map<K, V>, limit: number) => {
    while (map.size > limit) map.delete(map.keys().next().value!);
  };

  const open = (accountId: string): ConsoleSession => {
    const session = { id: randomToken(), accountId, csrf: randomToken(), lastSeen: options.now() };
    sessions.set(session.id, session);
    bound(sessions, maxSessions);
    return session;
  };

  return {
    issueLoginToken(accountId) {
      const token = randomToken();
      tokens.set(hashOf(token), { accountId, expires: options.now() + loginLinkMs });
      bound(tokens, maxTokens);
      return token;
    },
    redeemLoginToken(token) {
      const key = hashOf(token);
      const entry = tokens.get(key);
      tokens.delete(key);
      if (!entry || entry.expires < options.now()) return null;
      return open(entry.accountId);
    },
    open,
    find(id) {
      if (!id) return null;
      const session = sessions.get(id);
      if (!session) return null;
      const now = options.now();
      if (now - session.lastSeen > idleMs) {
        sessions.delete(id);
        return null;
      }
      session.lastSeen = now;
      return session;
    },
    end: (id) => void sessions.delete(id),
    mayTryPassword(name) {
      const recent = (failures.get(name) ?? []).filter((at) => options.now() - at < failureWindowMs);
      failures.set(name, recent);
      return recent.length < maxFailures;
    },
    notePasswordFailure(name) {
      failures.set(name, [...(failures.get(name) ?? []), options.now()]);
      bound(failures, maxSessions);
    },
  };
}
