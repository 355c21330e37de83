/**
 * The back's 有效期限 (the cloud's ValidDate, `2017.08.12-2037.08.12` or `2017.08.12-长期`): its
 * repair from what OCR makes of it, whether it is a validity a card is issued with, and whether it
 * has run out. It feeds the InvalidDateWarn (-9109) and IdCardChecks.validDateWellFormed.
 *
 * Dates on a card are calendar dates without a time: they are kept as such ({year, month, day}),
 * never as a Date at midnight somewhere, so no time zone can move them by a day. The one instant
 * that comes in, `today`, is turned into the calendar date of China Standard Time (UTC+8, no
 * daylight saving since 1991), the time the card's dates are printed in.
 */

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const chinaOffsetMs = 8 * 60 * 60 * 1000;

/** The calendar date an instant falls on in China Standard Time. */
export function chinaDateOf(instant: Date): CalendarDate {
  const shifted = new Date(instant.getTime() + chinaOffsetMs);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export const daysInMonth = (year: number, month: number): number => (month === 2 && isLeapYear(year) ? 29 : (monthLengths[month - 1] ?? 0));

/** A date that exists on the Gregorian calendar (1900-02-29 does not, 2000-02-29 does). */
export function isRealDate(year: number, month: number, day: number): boolean {
  return Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

const sameDate = (a: CalendarDate, b: CalendarDate) => compareDates(a, b) === 0;

/** Completed years (周岁) on a date: a 29 February birthday is reached on 1 March in other years. */
export function ageOn(birth: CalendarDate, on: CalendarDate): number {
  const beforeBirthday = on.month < birth.month || (on.month === birth.month && on.day < birth.day);
  return on.year - birth.year - (beforeBirthday ? 1 : 0);
}

/** Birth in the cloud's form, `1987/1/1`. */
export const cloudBirth = (date: CalendarDate): string => `${date.year}/${date.month}/${date.day}`;

/** A Birth field (`1987/1/1`, also `1987/01/01`, `1987-1-1`, `1987.1.1`, `1987年1月1日`) as a real date, or null. */
export function parseBirth(text: string): CalendarDate | null {
  const match = /^(\d{4})\s*[/.\-年]\s*(\d{1,2})\s*[/.\-月]\s*(\d{1,2})\s*日?$/u.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isRealDate(year, month, day) ? { year, month, day } : null;
}

const pad = (value: number) => String(value).padStart(2, '0');
const cardDate = (date: CalendarDate) => `${date.year}.${pad(date.month)}.${pad(date.day)}`;

/** A date part as OCR may give it: `2017.08.12`, `2017.8.12`, `2017-08-12` or `20170812`; not checked to be real. */
function datePart(text: string): CalendarDate | null {
  const match = /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/u.exec(text) ?? /^(\d{4})-(\d{1,2})-(\d{1,2})$/u.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/u.exec(text);
  return match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : null;
}

/**
 * Letters OCR reads for digits in a line that holds only digits, separators and 长期. The same
 * table as the number's (id-number.ts); kept here too so the two files need not import each other.
 */
const digitLookalikes: Readonly<Record<string, string>> = { O: '0', o: '0', D: '0', I: '1', l: '1', '|': '1', Z: '2', S: '5', B: '8', G: '6' };

interface ParsedValidDate {
  readonly start: CalendarDate;
  readonly end: CalendarDate | 'long-term';
}

function parseValidDate(read: string): ParsedValidDate | null {
  const text = read
    .replace(/[\s\u3000]/gu, '')
    .replace(/[０-９]/gu, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    // Dashes of every width, and 一 (the CJK one), which is what a dash often reads as.
    .replace(/[—–－‐‑‒―~～〜_一至]/gu, '-')
    .replace(/[·,，。、/．:]/gu, '.')
    .replace(/[OoDIl|ZSBG]/gu, (glyph) => digitLookalikes[glyph] ?? glyph)
    .replace(/-{2,}/gu, '-');
  // The dash between the dates is the one with a date on either side (a date may hold dashes too).
  for (let at = text.indexOf('-'); at >= 0; at = text.indexOf('-', at + 1)) {
    const start = datePart(text.slice(0, at));
    const rest = text.slice(at + 1);
    const end = rest === '长期' ? 'long-term' : datePart(rest);
    if (start && end) return { start, end };
  }
  return null;
}

/**
 * ValidDate in the cloud's form (`2017.08.12-2037.08.12`, `2017.08.12-长期`) from what OCR read:
 * spaces dropped, any dash, compact `20170812`, single-digit months and days, letters for digits.
 * null when no two dates (or a date and 长期) can be found.
 */
export function repairValidDate(read: string): string | null {
  const parsed = parseValidDate(read);
  if (!parsed) return null;
  return `${cardDate(parsed.start)}-${parsed.end === 'long-term' ? '长期' : cardDate(parsed.end)}`;
}

/** What the Resident Identity Card Law (居民身份证法, art. 5) issues at an age: years, or long-term. */
export type Validity = 5 | 10 | 20 | 'long-term';

export function validityForAge(age: number): Validity {
  if (age < 16) return 5;
  if (age <= 25) return 10;
  if (age <= 45) return 20;
  return 'long-term';
}

/**
 * The end date a validity of `years` gives. A card issued on 29 February runs to 28 February or
 * 1 March of a common year; which one the issuing office prints is not settled, so both are taken.
 */
function endsOf(start: CalendarDate, years: number): CalendarDate[] {
  const year = start.year + years;
  if (start.month === 2 && start.day === 29 && !isLeapYear(year)) return [{ year, month: 2, day: 28 }, { year, month: 3, day: 1 }];
  return [{ year, month: start.month, day: start.day }];
}

/** The first cards were issued in 1984; an earlier start is a misreading. */
const firstIssueYear = 1984;

/**
 * Days between applying and being issued: age is judged when the office accepts the application,
 * the start date printed is the issue, up to 60 days later by law (a little more in practice).
 */
const issueDelayDays = 90;

const minusDays = (date: CalendarDate, days: number): CalendarDate => {
  const instant = new Date(Date.UTC(date.year, date.month - 1, date.day) - days * 86_400_000);
  return { year: instant.getUTCFullYear(), month: instant.getUTCMonth() + 1, day: instant.getUTCDate() };
};

export type ValidDateProblem =
  /** Nothing that reads as two dates. */
  | 'unreadable'
  /** A date that does not exist (2017.02.30) or comes before cards were issued. */
  | 'not-a-date'
  | 'start-not-before-end'
  /** Not 5, 10 or 20 years to the day, nor long-term. */
  | 'span'
  /** Issued after today: impossible (or today is wrong). */
  | 'start-in-future';

export interface ValidDateCheck {
  /** In the cloud's form when it could be read, else as read. */
  readonly text: string;
  readonly start: CalendarDate | null;
  readonly end: CalendarDate | 'long-term' | null;
  /** The validity the dates make, null when they make none a card is issued with. */
  readonly validity: Validity | null;
  /** Read, real dates, start before end, a validity a card is issued with (IdCardChecks.validDateWellFormed). */
  readonly wellFormed: boolean;
  readonly problems: readonly ValidDateProblem[];
  /** Past its end date (the end date itself is still valid); null when the end is unknown. */
  readonly expired: boolean | null;
  /**
   * Whether the validity is the one the law gives at the holder's age when issued, given Birth. A
   * report only: the card itself is the authority, and Birth may be misread.
   */
  readonly fitsAge: boolean | null;
  /** The -9109 warning: a date was read and the card is expired or its validity impossible. */
  readonly invalidDateWarn: boolean;
}

/** Reads and checks ValidDate. `today` is the caller's clock; `birth` (cloud form) enables fitsAge. */
export function checkValidDate(read: string, options: { readonly today: Date; readonly birth?: string | CalendarDate }): ValidDateCheck {
  const parsed = parseValidDate(read);
  if (!parsed) {
    return { text: read, start: null, end: null, validity: null, wellFormed: false, problems: ['unreadable'], expired: null, fitsAge: null, invalidDateWarn: read.trim() !== '' };
  }
  const { start, end } = parsed;
  const today = chinaDateOf(options.today);
  const problems: ValidDateProblem[] = [];
  const real = (date: CalendarDate) => isRealDate(date.year, date.month, date.day) && date.year >= firstIssueYear;
  const datesReal = real(start) && (end === 'long-term' || real(end));
  let validity: Validity | null = null;
  if (!datesReal) problems.push('not-a-date');
  else if (end === 'long-term') validity = 'long-term';
  else if (compareDates(start, end) >= 0) problems.push('start-not-before-end');
  else validity = ([5, 10, 20] as const).find((years) => endsOf(start, years).some((candidate) => sameDate(candidate, end))) ?? null;
  if (datesReal && validity === null && !problems.includes('start-not-before-end')) problems.push('span');
  const startInFuture = datesReal && compareDates(start, today) > 0;
  if (startInFuture) problems.push('start-in-future');

  const expired = end === 'long-term' ? false : real(end) ? compareDates(today, end) > 0 : null;
  const birth = typeof options.birth === 'string' ? parseBirth(options.birth) : (options.birth ?? null);
  let fitsAge: boolean | null = null;
  if (birth && validity !== null && compareDates(birth, start) <= 0) {
    // The age when the application was accepted may be the one just before the issue date's.
    fitsAge = [start, minusDays(start, issueDelayDays)].some((on) => validityForAge(ageOn(birth, on)) === validity);
  }
  const wellFormed = datesReal && validity !== null;
  return {
    text: `${cardDate(start)}-${end === 'long-term' ? '长期' : cardDate(end)}`,
    start,
    end,
    validity,
    wellFormed,
    problems,
    expired,
    fitsAge,
    invalidDateWarn: !wellFormed || startInFuture || expired === true,
  };
}
