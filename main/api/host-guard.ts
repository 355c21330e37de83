import { isIP } from 'node:net';

/** Names a loopback server answers to. */
const loopbackNames = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * DNS rebinding: a web page whose name an attacker re-points at 127.0.0.1 would reach this server
 * from the victim's browser, with its own name in the Host header. Only names the server is known
 * by are answered: the loopback names, and in LAN mode the names and addresses the administrator
 * lists (and the addresses it listens on).
 */
export function createHostGuard(allowed: readonly string[]): (hostHeader: string | undefined) => boolean {
  const names = new Set([...loopbackNames, ...allowed.map((name) => name.toLowerCase())]);
  return (hostHeader) => {
    if (!hostHeader) return false;
    const match = /^(?:\[([^\]]+)\]|([^:]+))(?::(\d{1,5}))?$/u.exec(hostHeader.trim().toLowerCase());
    if (!match) return false;
    const host = match[1] ?? match[2]!;
    if (match[1] && isIP(match[1]) !== 6) return false;
    return names.has(host);
  };
}

/** Peer addresses of a connection from this machine (IPv4, IPv6, IPv4 mapped into IPv6). */
const loopbackPeers = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Whether a request comes from this machine: only such may use the admin door or send keys in clear. */
export const fromThisMachine = (request: { readonly socket: { readonly remoteAddress?: string | undefined } }) => loopbackPeers.has(request.socket.remoteAddress ?? '');
