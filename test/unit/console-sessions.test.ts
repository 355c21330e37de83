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
    assert.ok(sessions.mayTryPassword('auditor'));
    sessions.notePasswordFailure('auditor');
  }
  assert.equal(sessions.mayTryPassword('auditor'), false);
  assert.ok(sessions.mayTryPassword('someone-else'));
  now += 15 * 60_000 + 1;
  assert.ok(sessions.mayTryPassword('auditor'), 'unlocked after the window');
});
