import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentSecurityPolicy, withContentSecurityPolicy } from '../../main/desktop/content-security-policy.js';

const directives = () => new Map(contentSecurityPolicy().split('; ').map((part) => { const [name, ...values] = part.split(' '); return [name!, values] as const; }));

test('the policy allows only our own origin, data:/blob: images, no eval, no framing, no plugins', () => {
  const policy = directives();
  assert.deepEqual(policy.get('default-src'), ["'self'"]);
  assert.deepEqual(policy.get('script-src'), ["'self'"]);
  assert.deepEqual(policy.get('connect-src'), ["'self'"]);
  assert.deepEqual(policy.get('img-src'), ["'self'", 'data:', 'blob:']);
  assert.deepEqual(policy.get('frame-ancestors'), ["'none'"]);
  assert.deepEqual(policy.get('object-src'), ["'none'"]);
  assert.deepEqual(policy.get('base-uri'), ["'none'"]);
  assert.ok(!contentSecurityPolicy().includes('unsafe'), 'neither unsafe-eval nor unsafe-inline');
  assert.ok(!/https?:|\*/u.test(contentSecurityPolicy()), 'no remote source anywhere');
});

test('the header is set on our origin only, replacing any policy the server sent', () => {
  const origin = 'http://127.0.0.1:8766';
  const ours = withContentSecurityPolicy(`${origin}/index.html`, origin, { 'content-type': 'text/html', 'content-security-policy': ['default-src *'] });
  assert.deepEqual(ours['Content-Security-Policy'], [contentSecurityPolicy()]);
  assert.equal(ours['content-security-policy'], undefined);
  assert.deepEqual(ours['content-type'], ['text/html']);
  const other = withContentSecurityPolicy('https://example.com/', origin, { 'Content-Security-Policy': 'default-src https:' });
  assert.deepEqual(other, { 'Content-Security-Policy': ['default-src https:'] });
});
