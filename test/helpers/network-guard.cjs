'use strict';
// Preloaded with --require into a child process (and, through inherited execArgv, into every
// worker thread it starts): any attempt to reach the network throws. Used to prove the engine
// recognises with no network at all. With NETWORK_GUARD_ALLOW_LOOPBACK=1 (inherited by child
// processes and threads through the environment), loopback stays allowed, so a server can still
// listen on 127.0.0.1 (net's listen looks the host up) while every other address is refused.
const { isMainThread, threadId } = require('node:worker_threads');

const allowLoopback = process.env.NETWORK_GUARD_ALLOW_LOOPBACK === '1';
const isLoopback = (host) => {
  const name = String(host ?? 'localhost').replace(/^\[|\]$/g, '').toLowerCase();
  return name === 'localhost' || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name);
};
// The host a call names; undefined when it names none (a Unix socket path counts as local).
const hostOf = (first, second) => {
  if (first instanceof URL) return first.hostname;
  if (typeof first === 'string') return /^[a-z][a-z0-9+.-]*:\/\//i.test(first) ? new URL(first).hostname : typeof second === 'string' ? second : 'localhost';
  if (typeof first === 'number') return typeof second === 'string' ? second : 'localhost';
  if (first && typeof first === 'object') {
    if (typeof first.url === 'string') return new URL(first.url).hostname;
    if (first.path && !first.host && !first.hostname && !first.port) return 'localhost';
    return first.hostname ?? first.host ?? 'localhost';
  }
  return undefined;
};
const refuse = (what, original) =>
  function guarded(...args) {
    if (allowLoopback && original && isLoopback(hostOf(args[0], args[1]))) return original.apply(this, args);
    throw new Error(`network disabled by test: ${what}`);
  };
for (const name of ['http', 'https']) {
  const mod = require(`node:${name}`);
  mod.request = refuse(`${name}.request`, mod.request);
  mod.get = refuse(`${name}.get`, mod.get);
}
const net = require('node:net');
net.connect = refuse('net.connect', net.connect);
net.createConnection = refuse('net.createConnection', net.createConnection);
const tls = require('node:tls');
tls.connect = refuse('tls.connect', tls.connect);
const dns = require('node:dns');
dns.lookup = refuse('dns.lookup', dns.lookup);
globalThis.fetch = refuse('fetch', globalThis.fetch);
process.stderr.write(`network-guard: active in ${isMainThread ? 'main thread' : `worker thread ${threadId}`}${allowLoopback ? ' (loopback allowed)' : ''}\n`);
