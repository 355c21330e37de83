import { createHash, randomBytes } from 'node:crypto';

export interface ConsoleSession {
  readonly id: string;
  readonly accountId: string;
  /** Sent back in a header with every change (double-submit): a cookie alone changes nothing. */
  readonly csrf: string;
  readonly openedAt: number;
  lastSeen: number;
}

export interface ConsoleSessions {
  /** A one-time login link's token, for the account (root, from `serve` or `ocr-desk login-link`). */
  issueLoginToken(accountId: string): string;
  /** The session a valid, unused, unexpired token opens; the token is spent either way. */
  redeemLoginToken(token: string): ConsoleSession | null;
  open(accountId: string): ConsoleSession;
  /** The session of a cookie, if it exists, has not idled too long and is not too old; touching it keeps it alive. */
  find(id: string | undefined): ConsoleSession | null;
  end(id: string): void;
  /** Ends every session of an account but one (a password change signs the other sessions out). */
  endAccount(accountId: string, except?: string): void;
  /**
   * Starts a password attempt: false while the name is locked, while too many checks run at once,
   * or while too many names are being tried. The attempt counts as a failure until `passwordMatched`.
   */
  beginPasswordAttempt(name: string): boolean;
  passwordMatched(name: string): void;
  /** The attempt's check has finished (matched or not). */
  endPasswordAttempt(): void;
}

export interface ConsoleSessionOptions {
  readonly now: () => number;
  /** Default 30 minutes. */
  readonly idleMs?: number;
  /** Default 12 hours: a session in constant use still ends. */
  readonly maxAgeMs?: number;
  /** Default 10 minutes. */
  readonly loginLinkMs?: number;
}

const maxSessions = 1000;
/** Sessions per account: one account signing in again and again cannot push others' sessions out. */
const maxSessionsPerAccount = 20;
const maxTokens = 100;
/** Failed password attempts per name in the window before the name is locked for the window. */
const maxFailures = 10;
const failureWindowMs = 15 * 60_000;
/** Names with recent failures tracked at once; beyond, sign-in by password waits (never forgets a lock). */
const maxTrackedNames = 10_000;
/** Password checks (scrypt, ~60 ms of CPU each) running at once. */
const maxChecksInFlight = 4;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const randomToken = () => randomBytes(32).toString('base64url');

/**
 * Sessions of the console (the UI), in memory: a restart signs everyone out, which for a local
 * server is the safe default. Login tokens are kept as hashes, used once, and expire in minutes.
 * Every map is bounded; sessions are dropped least recently used first.
 */
export function createConsoleSessions(options: ConsoleSessionOptions): ConsoleSessions {
  const idleMs = options.idleMs ?? 30 * 60_000;
  const maxAgeMs = options.maxAgeMs ?? 12 * 60 * 60_000;
  const loginLinkMs = options.loginLinkMs ?? 10 * 60_000;
  /** In least recently used order: a touch moves a session to the end. */
  const sessions = new Map<string, ConsoleSession>();
  const tokens = new Map<string, { accountId: string; expires: number }>();
  const failures = new Map<string, number[]>();
  let checksInFlight = 0;

  const dropOldest = <K, V>(map: Map<K, V>, limit: number, which: (entry: [K, V]) => boolean = () => true) => {
    for (const entry of map) {
      if (map.size <= limit) return;
      if (which(entry)) map.delete(entry[0]);
    }
  };

  const open = (accountId: string): ConsoleSession => {
    const now = options.now();
    const session: ConsoleSession = { id: randomToken(), accountId, csrf: randomToken(), openedAt: now, lastSeen: now };
    const own = [...sessions.values()].filter((candidate) => candidate.accountId === accountId);
    for (const old of own.slice(0, Math.max(0, own.length - maxSessionsPerAccount + 1))) sessions.delete(old.id);
    sessions.set(session.id, session);
    dropOldest(sessions, maxSessions);
    return session;
  };

  const recentFailures = (name: string) => (failures.get(name) ?? []).filter((at) => options.now() - at < failureWindowMs);

  return {
    issueLoginToken(accountId) {
      const token = randomToken();
      tokens.set(hashOf(token), { accountId, expires: options.now() + loginLinkMs });
      dropOldest(tokens, maxTokens);
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
      sessions.delete(id);
      if (now - session.lastSeen > idleMs || now - session.openedAt > maxAgeMs) return null;
      session.lastSeen = now;
      sessions.set(id, session);
      return session;
    },
    end: (id) => void sessions.delete(id),
    endAccount(accountId, except) {
      for (const session of [...sessions.values()]) if (session.accountId === accountId && session.id !== except) sessions.delete(session.id);
    },
    beginPasswordAttempt(name) {
      if (checksInFlight >= maxChecksInFlight) return false;
      const recent = recentFailures(name);
      if (recent.length >= maxFailures) return false;
      // Forget names whose failures are all old; if still full, refuse rather than forget a lock.
      if (!failures.has(name) && failures.size >= maxTrackedNames) {
        for (const [tracked] of failures) if (recentFailures(tracked).length === 0) failures.delete(tracked);
        if (failures.size >= maxTrackedNames) return false;
      }
      // Counted before the check, so parallel attempts cannot all pass the limit.
      failures.set(name, [...recent, options.now()]);
      checksInFlight += 1;
      return true;
    },
    passwordMatched(name) {
      failures.delete(name);
    },
    endPasswordAttempt() {
      checksInFlight = Math.max(0, checksInFlight - 1);
    },
  };
}
