'use strict';
// Preloaded with --require into a child process (and, through inherited execArgv, into every
// worker thread it starts): any attempt to reach the network throws. Used to prove the engine
// recognises with no network at all.
const { isMainThread, threadId } = require('node:worker_threads');

const refuse = (what) => () => {
  throw new Error(`network disabled by test: ${what}`);
};
for (const name of ['http', 'https']) {
  const mod = require(`node:${name}`);
  mod.request = refuse(`${name}.request`);
  mod.get = refuse(`${name}.get`);
}
const net = require('node:net');
net.connect = refuse('net.connect');
net.createConnection = refuse('net.createConnection');
require('node:tls').connect = refuse('tls.connect');
require('node:dns').lookup = refuse('dns.lookup');
globalThis.fetch = refuse('fetch');
process.stderr.write(`network-guard: active in ${isMainThread ? 'main thread' : `worker thread ${threadId}`}\n`);
