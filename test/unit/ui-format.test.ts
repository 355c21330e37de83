import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chartPoints, lastMonths, monthOf, remainingShare } from '../../renderer/src/format.js';

test('UI formatting: billing month in the deployment zone, balance shares, chart points per period', () => {
  assert.equal(monthOf(new Date('2026-11-30T17:00:00Z'), 'Asia/Shanghai'), '2026-12');
  assert.equal(monthOf(new Date('2026-11-30T17:00:00Z'), 'UTC'), '2026-11');
  assert.equal(remainingShare({ remaining: 50, total: 200 }), 0.25);
  assert.equal(remainingShare({ remaining: 0, total: 0 }), 0);
  assert.deepEqual(
    chartPoints([
      { period: '2026-11-02', service: 'general-basic', calls: 2 },
      { period: '2026-11-01', service: 'general-fast', calls: 1 },
      { period: '2026-11-02', service: 'general-basic', calls: 3 },
    ]),
    [
      { period: '2026-11-01', 'general-fast': 1 },
      { period: '2026-11-02', 'general-basic': 5 },
    ],
  );
  const days = chartPoints([{ period: '2026-02-03', service: 'idcard', calls: 2 }], '2026-02');
  assert.equal(days.length, 28);
  assert.deepEqual(days[2], { period: '2026-02-03', idcard: 2 });
  assert.deepEqual(lastMonths('2026-02', 3), ['2025-12', '2026-01', '2026-02']);
});
