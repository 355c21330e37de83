import assert from 'node:assert/strict';
import { test } from 'node:test';
import { billingMonth, calendarDaysBetween, isTimeZone, monthDays } from '../../main/billing/calendar.js';

test('months and days are counted in the deployment time zone', () => {
  // 16:30 UTC on 28 February is already 1 March in Shanghai (UTC+8).
  const instant = new Date('2026-02-28T16:30:00Z');
  assert.equal(billingMonth(instant, 'UTC'), '2026-02');
  assert.equal(billingMonth(instant, 'Asia/Shanghai'), '2026-03');
  assert.equal(calendarDaysBetween(new Date('2026-11-01T23:00:00Z'), new Date('2026-11-08T00:30:00Z'), 'UTC'), 7);
  assert.equal(calendarDaysBetween(new Date('2026-11-01T23:00:00Z'), new Date('2026-11-08T00:30:00Z'), 'Asia/Shanghai'), 6);
  assert.deepEqual(monthDays('2028-02'), { first: '2028-02-01', last: '2028-02-29' });
  assert.deepEqual(monthDays('2026-12'), { first: '2026-12-01', last: '2026-12-31' });
  assert.ok(isTimeZone('Europe/Berlin'));
  assert.ok(!isTimeZone('Mars/Olympus'));
});
