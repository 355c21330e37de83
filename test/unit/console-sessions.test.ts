import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createConsoleSessions } from '../../main/api/console/console-sessions.js';

test('console sessions: a login token opens one session once and expires; sessions end after idling; failed passwords lock a name', () => {
  let now = 0;
  const sessions = createConsoleSessions({ now: () => now, idleMs: 1000, loginLinkMs: 500 });
  const token = sessions.issueLoginToken('root-id');
  const session = sessions.redeemLoginToken(token);
  assert.equal(session?.accountId, 'root-id');
  assert.equal(sessions.redeemLoginToken(token), null, 'used once');
  const late = sessions.issueLoginToken('root-id');
  now += 501;
  assert.equal(sessions.redeemLoginToken(late), null, 'expired');
  assert.equal(sessions.redeemLoginToken('made-up'), null);

  assert.ok(sessions.find(session!.id), 'idle for half a second: still there');
  const fresh = sessions.open('root-id');
  now += 900;
  assert.ok(sessions.find(fresh.id), 'touched within the idle time');
  now += 900;
  assert.ok(sessions.find(fresh.id), 'each touch keeps it alive');
  now += 1001;
  assert.equal(sessions.find(fresh.id), null);
  assert.notEqual(fresh.csrf, fresh.id);

  for (let attempt = 0; attempt < 10; attempt += 1) {
    assert.ok(sessions.beginPasswordAttempt('auditor'));
    sessions.endPasswordAttempt();
  }
  assert.equal(sessions.beginPasswordAttempt('auditor'), false, 'locked after 10 failures');
  assert.ok(sessions.beginPasswordAttempt('someone-else'));
  sessions.passwordMatched('someone-else');
  sessions.endPasswordAttempt();
  now += 15 * 60_000 + 1;
  assert.ok(sessions.beginPasswordAttempt('auditor'), 'unlocked after the window');
  sessions.endPasswordAttempt();
});

test('console sessions: parallel password attempts count before their checks; at most 4 run at once; one account cannot push out others', () => {
  const now = 0;
  const sessions = createConsoleSessions({ now: () => now });
  const started = Array.from({ length: 12 }, () => sessions.beginPasswordAttempt('root'));
  assert.equal(started.filter(Boolean).length, 4, 'four checks at once');
  for (let index = 0; index < 4; index += 1) sessions.endPasswordAttempt();
  const more = Array.from({ length: 12 }, () => {
    const begun = sessions.beginPasswordAttempt('root');
    if (begun) sessions.endPasswordAttempt();
    return begun;
  });
  assert.equal(more.filter(Boolean).length, 6, 'ten attempts in all, counted as they start');

  const root = sessions.open('root-id');
  for (let index = 0; index < 1500; index += 1) sessions.open('mallory-id');
  assert.ok(sessions.find(root.id), 'root kept its session');
  sessions.endAccount('root-id');
  assert.equal(sessions.find(root.id), null);
});
