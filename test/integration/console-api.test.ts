import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServerWithConsole } from '../helpers/api-server.js';
import { rawRequest } from '../helpers/signed-request.js';

// The console API's rules, over real HTTP: who is let in, what each account may change.
let server: TestServerWithConsole;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

/** Signs in as an account by its password; returns the cookie and CSRF token of the session. */
async function signIn(name: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const answer = await rawRequest(`${server.url}/console/api/login`, { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) });
  assert.equal(answer.status, 200, answer.body);
  const cookie = String(answer.headers['set-cookie']).split(';')[0]!;
  return { cookie, csrf: (answer.json()['value'] as { csrf: string }).csrf };
}

const as = (session: { cookie: string; csrf: string }, method: string, path: string, body?: unknown) =>
  rawRequest(`${server.url}/console/api${path}`, {
    method,
    headers: { cookie: session.cookie, 'x-ocr-desk-csrf': session.csrf, 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });

test('the session check cannot be stepped around by encoding the path', async () => {
  for (const path of ['/console/%61pi/settings', '/console/api/%73ettings', '/console/%61pi/overview']) {
    const answer = await rawRequest(`${server.url}${path}`, { method: 'GET' });
    assert.equal(answer.status, 401, `${path}: ${answer.body}`);
  }
  const write = await rawRequest(`${server.url}/console/%61pi/notifications/read`, { headers: { 'content-type': 'text/plain' }, body: '{"ids":"all"}' });
  assert.equal(write.status, 401);
});

test('signing in takes JSON from the page itself, not a form another site posts', async () => {
  await server.workspace.accounts.setPassword('root', 'root password 123');
  const form = await rawRequest(`${server.url}/console/api/login`, { headers: { 'content-type': 'text/plain' }, body: '{"name":"root","password":"root password 123","x":"="}' });
  assert.equal(form.status, 403);
  const crossSite = await rawRequest(`${server.url}/console/api/login`, { headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }, body: '{"name":"root","password":"root password 123"}' });
  assert.equal(crossSite.status, 403);
  await signIn('root', 'root password 123');
});

test('a full-access account manages others but not root; read-only accounts change nothing shared', async () => {
  const root = await signIn('root', 'root password 123');
  assert.equal((await as(root, 'POST', '/accounts', { name: 'ops', permission: { kind: 'full' } })).status, 200);
  assert.equal((await as(root, 'POST', '/accounts/ops', { password: 'ops password 123' })).status, 200);
  assert.equal((await as(root, 'POST', '/accounts', { name: 'viewer', permission: { kind: 'readonly' } })).status, 200);
  assert.equal((await as(root, 'POST', '/accounts/viewer', { password: 'viewer password 1' })).status, 200);
  const ops = await signIn('ops', 'ops password 123');
  assert.equal((await as(ops, 'POST', '/accounts/root', { password: 'taken over 12345' })).status, 403, 'root\'s password');
  assert.equal((await as(ops, 'POST', '/keys', { account: 'root' })).status, 403, 'a key of root');
  assert.equal((await as(ops, 'POST', '/accounts/viewer', { active: false })).status, 200, 'other accounts: yes');
  assert.equal((await as(ops, 'POST', '/accounts/viewer', { active: true })).status, 200);
  const viewer = await signIn('viewer', 'viewer password 1');
  assert.equal((await as(viewer, 'POST', '/notifications/read', { ids: 'all' })).status, 403);
  assert.equal((await as(viewer, 'POST', '/keys', {})).status, 403);
  assert.equal((await as(viewer, 'PUT', '/settings', server.workspace.settings.get())).status, 403);
  assert.equal((await as(viewer, 'GET', '/keys?account=root')).status, 403, 'another account\'s keys are not listed');
});

test('a new password signs the account\'s other sessions out', async () => {
  const first = await signIn('viewer', 'viewer password 1');
  const second = await signIn('viewer', 'viewer password 1');
  assert.equal((await as(first, 'POST', '/accounts/viewer', { password: 'viewer password 2' })).status, 200);
  assert.equal((await as(first, 'GET', '/session')).status, 200, 'the session that changed it goes on');
  assert.equal((await as(second, 'GET', '/session')).status, 401);
});
