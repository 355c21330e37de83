import type { UsageRow } from '../../shared/billing-views.js';
import type { ServiceId } from '../../shared/services.js';
import type { UsageLedger } from '../store/usage-ledger.js';
import type { UsageEntry } from './usage-entry.js';
import { billingMonth, calendarDay } from './calendar.js';

export interface UsageQuery {
  /** `YYYY-MM` in the deployment time zone. */
  readonly month: string;
  /** Rows per day of the month, or one per month. */
  readonly by: 'day' | 'month';
  readonly account?: string;
  readonly service?: ServiceId;
}

export type { UsageRow } from '../../shared/billing-views.js';

/**
 * Usage of one month from the ledger, grouped by period, service and account. Reads from the
 * segment that may hold the month's first day and stops at the first entry past the month, so a
 * query costs the month's entries, not the ledger's.
 */
export async function usageReport(ledger: UsageLedger<UsageEntry>, query: UsageQuery, timeZone: string): Promise<UsageRow[]> {
  // Local midnight of the 1st is at most 14 hours from UTC midnight; start half a day early.
  const searchFrom = new Date(Date.parse(`${query.month}-01T00:00:00Z`) - 14 * 3_600_000).toISOString();
  const rows = new Map<string, { period: string; service: ServiceId; account: string; requests: number; calls: number; failures: number }>();
  let pastMonth = 0;
  for await (const entry of ledger.entriesSince(searchFrom)) {
    const at = new Date(entry.at);
    const month = billingMonth(at, timeZone);
    if (month > query.month) {
      // A clock set back can leave a few earlier entries after later ones: look a little further.
      if ((pastMonth += 1) > 1000) break;
      continue;
    }
    const data = entry.data;
    if (month !== query.month || typeof data?.requestId !== 'string') continue;
    if ((query.account && data.account !== query.account) || (query.service && data.service !== query.service)) continue;
    const period = query.by === 'day' ? calendarDay(at, timeZone) : month;
    const key = `${period}|${data.service}|${data.account}`;
    const row = rows.get(key) ?? { period, service: data.service, account: data.account, requests: 0, calls: 0, failures: 0 };
    row.requests += 1;
    row.calls += data.calls;
    if (data.result !== 'ok') row.failures += 1;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => a.period.localeCompare(b.period) || a.service.localeCompare(b.service) || a.account.localeCompare(b.account));
}
