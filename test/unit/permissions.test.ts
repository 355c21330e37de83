import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Account } from '../../main/accounts/accounts.js';
import { isAllowed } from '../../main/accounts/permissions.js';

const account = (permission: Account['permission'], extra: Partial<Account> = {}): Account => ({ id: 'a', name: 'a', root: false, status: 'active', permission, createdAt: '', ...extra });

test('full access does everything, read-only only looks, per-service calls what it lists', () => {
  const full = account({ kind: 'full' });
  const readonly = account({ kind: 'readonly' });
  const ids = account({ kind: 'services', services: ['idcard'] });
  for (const action of [{ kind: 'call', service: 'general-basic' }, { kind: 'view' }, { kind: 'manage-billing' }, { kind: 'manage-accounts' }] as const) {
    assert.ok(isAllowed(full, action), action.kind);
  }
  assert.ok(isAllowed(readonly, { kind: 'view' }));
  assert.ok(!isAllowed(readonly, { kind: 'call', service: 'general-basic' }));
  assert.ok(!isAllowed(readonly, { kind: 'manage-billing' }));
  assert.ok(isAllowed(ids, { kind: 'call', service: 'idcard' }));
  assert.ok(!isAllowed(ids, { kind: 'call', service: 'table' }));
  assert.ok(!isAllowed(ids, { kind: 'manage-accounts' }));
  assert.ok(!isAllowed(account({ kind: 'full' }, { status: 'disabled' }), { kind: 'view' }), 'a disabled account does nothing');
});
