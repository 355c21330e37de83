import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deduct } from '../../main/billing/deduction.js';

test('free first, then prepaid in activation order, then pay-as-you-go; a 2-call request may span packages', () => {
  const packages = [
    { key: 'free:idcard:2026-11', available: 1 },
    { key: 'lic-a', available: 0 },
    { key: 'lic-b', available: 5 },
  ];
  assert.deepEqual(deduct(2, packages, null), [
    { package: 'free:idcard:2026-11', calls: 1 },
    { package: 'lic-b', calls: 1 },
  ]);
  assert.deepEqual(deduct(7, packages, null), null, 'not enough and no pay-as-you-go: nothing drawn');
  assert.deepEqual(deduct(7, packages, 'payg:idcard:2026-11'), [
    { package: 'free:idcard:2026-11', calls: 1 },
    { package: 'lic-b', calls: 5 },
    { package: 'payg:idcard:2026-11', calls: 1 },
  ]);
  assert.deepEqual(deduct(0, packages, null), []);
});
