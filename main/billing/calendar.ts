/**
 * Billing counts months and refund days in the deployment's local time zone, as the cloud counts
 * them in its own: a call at 00:30 on 1 March in Shanghai is March's, whatever UTC says.
 */
function parts(date: Date, timeZone: string): { year: string; month: string; day: string } {
  const formatted = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date);
  const get = (type: string) => formatted.find((part) => part.type === type)!.value;
  return { year: get('year'), month: get('month'), day: get('day') };
}

/** `YYYY-MM-DD` of the date in the zone. */
export function calendarDay(date: Date, timeZone: string): string {
  const { year, month, day } = parts(date, timeZone);
  return `${year}-${month}-${day}`;
}

/** `YYYY-MM` of the date in the zone. */
export function billingMonth(date: Date, timeZone: string): string {
  const { year, month } = parts(date, timeZone);
  return `${year}-${month}`;
}

/** First and last day (`YYYY-MM-DD`) of a billing month `YYYY-MM`. */
export function monthDays(month: string): { first: string; last: string } {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, number, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(lastDay).padStart(2, '0')}` };
}

/** Calendar days from `from` to `to` in the zone: the same local day is 0, the next 1. */
export function calendarDaysBetween(from: Date, to: Date, timeZone: string): number {
  const day = (date: Date) => {
    const { year, month, day: d } = parts(date, timeZone);
    return Date.UTC(Number(year), Number(month) - 1, Number(d)) / 86_400_000;
  };
  return day(to) - day(from);
}

/** True when the zone is one Intl knows (settings are checked before they are stored). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
    return true;
  } catch {
    return false;
  }
}
