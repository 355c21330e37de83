import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createHostGuard } from '../../main/api/host-guard.js';
import { createRateLimiter } from '../../main/api/rate-limiter.js';

test('the Host guard answers loopback names and listed names only, with or without a port', () => {
  const allowed = createHostGuard(['ocr.bank.internal']);
  for (const host of ['127.0.0.1:8766', 'localhost:8766', '[::1]:8766', '127.0.0.1', 'LOCALHOST:1', 'ocr.bank.internal:443']) assert.ok(allowed(host), host);
  for (const host of [undefined, '', 'attacker.example:8766', '127.0.0.1.attacker.example', 'localhost.:8766', '[::1', '::1:8766', 'evil@127.0.0.1', '127.0.0.2:8766']) assert.ok(!allowed(host), String(host));
});

test('rate limits: a burst of the limit, then the refill rate; keys do not share buckets', () => {
  let now = 0;
  const limiter = createRateLimiter(() => now);
  const burst = Array.from({ length: 12 }, () => limiter.take('a', 10));
  assert.equal(burst.filter(Boolean).length, 10);
  assert.ok(limiter.take('b', 10), 'another key has its own bucket');
  now += 100; // a tenth of a second refills one request at 10 a second
  assert.ok(limiter.take('a', 10));
  assert.ok(!limiter.take('a', 10));
  now += 10_000;
  assert.equal(Array.from({ length: 12 }, () => limiter.take('a', 10)).filter(Boolean).length, 10, 'never more than a burst of the limit');
});
