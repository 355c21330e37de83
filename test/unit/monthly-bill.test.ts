import assert from 'node:assert/strict';
import { test } from 'node:test';
import { monthlyBill } from '../../main/billing/monthly-bill.js';
import { defaultPriceTable } from '../../main/store/state-schema.js';

test('pay-as-you-go calls are priced progressively through the tiers, in whole thousandths', () => {
  const bill = monthlyBill('2026-11', new Map([['general-basic', 12_000], ['general-accurate', 3]]), defaultPriceTable());
  assert.equal(bill.currency, 'CNY');
  const basic = bill.lines.find((line) => line.service === 'general-basic')!;
  // 10,000 at 0.15 and 2,000 at 0.10.
  assert.deepEqual(basic.tiers, [
    { calls: 10_000, milliPerCall: 150, milliAmount: 1_500_000 },
    { calls: 2_000, milliPerCall: 100, milliAmount: 200_000 },
  ]);
  assert.equal(bill.lines.find((line) => line.service === 'general-accurate')!.milliAmount, 1_500);
  assert.equal(bill.milliTotal, 1_701_500);
  assert.equal(bill.total, '1701.50');
  assert.deepEqual(monthlyBill('2026-12', new Map(), defaultPriceTable()).lines, []);
  const beyond = monthlyBill('2026-11', new Map([['table', 1_200_000]]), defaultPriceTable());
  assert.deepEqual(beyond.lines[0]!.tiers.map((tier) => tier.calls), [10_000, 90_000, 1_100_000]);
});
