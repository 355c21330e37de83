/** Formatting the UI shares: kept pure, so it is unit-tested. */

/** `YYYY-MM` of a date in the given IANA time zone (billing months are the deployment's). */
export function monthOf(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(date);
  const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}`;
}

/** A share 0..1 of a package still left, for its bar; 0 for an empty package. */
export const remainingShare = (pack: { remaining: number; total: number }) => (pack.total > 0 ? Math.max(0, Math.min(1, pack.remaining / pack.total)) : 0);

/** A date and time as the person's locale writes it, in the deployment's zone. */
export const dateTime = (iso: string, locale: string, timeZone: string) =>
  new Intl.DateTimeFormat(locale, { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

/**
 * Usage rows (one per period, service and account) as chart points: one per period, a number of
 * calls per service, periods in order; given a month (by day), every day of it, used or not.
 */
export function chartPoints<Row extends { period: string; service: string; calls: number }>(rows: readonly Row[], month?: string): Array<Record<string, number | string>> {
  const byPeriod = new Map<string, Record<string, number | string>>();
  // By day, every day of the month has its place, so the chart reads as a timeline.
  if (month) {
    const [year, monthNumber] = month.split('-').map(Number) as [number, number];
    const days = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
    for (let day = 1; day <= days; day += 1) {
      const period = `${month}-${String(day).padStart(2, '0')}`;
      byPeriod.set(period, { period });
    }
  }
  for (const row of rows) {
    const point = byPeriod.get(row.period) ?? { period: row.period };
    point[row.service] = ((point[row.service] as number | undefined) ?? 0) + row.calls;
    byPeriod.set(row.period, point);
  }
  return [...byPeriod.values()].sort((a, b) => String(a['period']).localeCompare(String(b['period'])));
}

/** `count` months ending with `month` (YYYY-MM), oldest first. */
export function lastMonths(month: string, count: number): string[] {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, index) => {
    const date = new Date(Date.UTC(year, monthNumber - 1 - (count - 1 - index), 1));
    return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

/**
 * Whether the Packages page offers a refund: a prepaid package with no call used, not refunded or
 * expired, within 7 days of activation (the server decides by the deployment's calendar days; this
 * only chooses between a button and the reason).
 */
export function refundable(pack: { kind: string; used: number; status: string; activatedAt: string }, now: Date): boolean {
  if (pack.kind !== 'prepaid' || pack.used > 0 || (pack.status !== 'active' && pack.status !== 'not-yet-valid')) return false;
  return now.getTime() - Date.parse(pack.activatedAt) < 8 * 86_400_000;
}
