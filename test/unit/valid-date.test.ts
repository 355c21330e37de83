import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ageOn, checkValidDate, chinaDateOf, isRealDate, parseBirth, repairValidDate, validityForAge } from '../../main/engine/idcard/valid-date.js';

const today = new Date('2026-06-01T04:00:00Z');

test('common OCR forms are put in the cloud form', () => {
  const cases: Array<[string, string]> = [
    ['2017.08.12-2037.08.12', '2017.08.12-2037.08.12'],
    ['2017.08.12—2037.08.12', '2017.08.12-2037.08.12'],
    ['2017.08.12–2037.08.12', '2017.08.12-2037.08.12'],
    ['2017.08.12－2037.08.12', '2017.08.12-2037.08.12'],
    ['2017.08.12一2037.08.12', '2017.08.12-2037.08.12'],
    ['2017.08.12 - 2037.08.12', '2017.08.12-2037.08.12'],
    ['2017.08.12--2037.08.12', '2017.08.12-2037.08.12'],
    ['2017.08.12~2037.08.12', '2017.08.12-2037.08.12'],
    ['20170812-20370812', '2017.08.12-2037.08.12'],
    ['2017.8.12-2037.8.12', '2017.08.12-2037.08.12'],
    ['2017.08.12-2037.8.12', '2017.08.12-2037.08.12'],
    ['2017-08-12-2037-08-12', '2017.08.12-2037.08.12'],
    ['2017/08/12-2037/08/12', '2017.08.12-2037.08.12'],
    ['2017·08·12-2037·08·12', '2017.08.12-2037.08.12'],
    ['2017，08，12-2037，08，12', '2017.08.12-2037.08.12'],
    ['２０１７.０８.１２-２０３７.０８.１２', '2017.08.12-2037.08.12'],
    ['2O17.O8.I2-2037.08.l2', '2017.08.12-2037.08.12'],
    [' 2017 . 08 . 12 - 2037 . 08 . 12 ', '2017.08.12-2037.08.12'],
    ['2017.08.12-长期', '2017.08.12-长期'],
    ['2017.8.12 — 长 期', '2017.08.12-长期'],
    ['20170812-长期', '2017.08.12-长期'],
  ];
  for (const [read, cloud] of cases) assert.equal(repairValidDate(read), cloud, read);
  for (const unreadable of ['', '长期', '2017.08.12', '2017.08.12-', '2017.08-2037.08.12', '签发机关', '2017.08.12-2037.08.12-2057.08.12']) {
    assert.equal(repairValidDate(unreadable), null, unreadable);
  }
});

test('well formed: real dates, start before end, 5, 10 or 20 years to the day, or long-term', () => {
  const wellFormed = (read: string) => checkValidDate(read, { today }).wellFormed;
  assert.equal(checkValidDate('2017.08.12-2037.08.12', { today }).validity, 20);
  assert.equal(checkValidDate('2017.08.12-2027.08.12', { today }).validity, 10);
  assert.equal(checkValidDate('2022.08.12-2027.08.12', { today }).validity, 5);
  assert.equal(checkValidDate('2017.08.12-长期', { today }).validity, 'long-term');
  assert.ok(wellFormed('2017.08.12—2037.08.12'));
  assert.deepEqual(checkValidDate('2017.08.12-2032.08.12', { today }).problems, ['span']); // 15 years
  assert.deepEqual(checkValidDate('2017.08.12-2037.08.13', { today }).problems, ['span']); // a day off
  assert.deepEqual(checkValidDate('2037.08.12-2017.08.12', { today }).problems, ['start-not-before-end', 'start-in-future']);
  assert.deepEqual(checkValidDate('2017.08.12-2017.08.12', { today }).problems, ['start-not-before-end']);
  assert.deepEqual(checkValidDate('2017.02.30-2037.02.30', { today }).problems, ['not-a-date']);
  assert.deepEqual(checkValidDate('2017.13.01-2037.13.01', { today }).problems, ['not-a-date']);
  assert.deepEqual(checkValidDate('1977.08.12-1997.08.12', { today }).problems, ['not-a-date']); // before cards were issued
  assert.deepEqual(checkValidDate('nonsense', { today }).problems, ['unreadable']);
  assert.ok(!wellFormed(''));
});

test('leap days: a card issued on 29 February runs to 28 February or 1 March', () => {
  assert.ok(checkValidDate('2004.02.29-2024.02.29', { today }).wellFormed); // 2024 is leap
  assert.equal(checkValidDate('2004.02.29-2014.02.28', { today }).validity, 10);
  assert.equal(checkValidDate('2004.02.29-2014.03.01', { today }).validity, 10);
  assert.deepEqual(checkValidDate('2004.02.29-2014.02.29', { today }).problems, ['not-a-date']);
  assert.deepEqual(checkValidDate('2003.02.29-2013.02.28', { today }).problems, ['not-a-date']);
  assert.deepEqual(checkValidDate('2000.02.29-2020.02.29', { today }).problems, []); // 2000 is leap
  assert.ok(!isRealDate(1900, 2, 29));
  assert.ok(isRealDate(2000, 2, 29));
});

test('expired against the injected today; the end date itself is still valid; long-term never expires', () => {
  const at = (instant: string) => new Date(instant);
  const check = (read: string, instant: string) => checkValidDate(read, { today: at(instant) });
  assert.equal(check('2016.06.01-2026.06.01', '2026-06-01T04:00:00Z').expired, false);
  assert.equal(check('2016.06.01-2026.06.01', '2026-06-01T04:00:00Z').invalidDateWarn, false);
  assert.equal(check('2016.06.01-2026.06.01', '2026-06-02T04:00:00Z').expired, true);
  assert.equal(check('2016.06.01-2026.06.01', '2026-06-02T04:00:00Z').invalidDateWarn, true);
  // 16:30 UTC on 1 June is already 2 June in China, where the card's dates are.
  assert.equal(check('2016.06.01-2026.06.01', '2026-06-01T16:30:00Z').expired, true);
  assert.equal(check('2016.06.01-2026.06.01', '2026-06-01T15:30:00Z').expired, false);
  assert.equal(check('1990.01.01-长期', '2099-01-01T00:00:00Z').expired, false);
  // Issued after today: impossible, warned, though the form itself is fine.
  const future = check('2026.07.01-2036.07.01', '2026-06-01T04:00:00Z');
  assert.equal(future.wellFormed, true);
  assert.deepEqual(future.problems, ['start-in-future']);
  assert.equal(future.invalidDateWarn, true);
  // A malformed validity warns; nothing read at all does not (there is nothing to judge).
  assert.equal(checkValidDate('2017.08.12-2032.08.12', { today }).invalidDateWarn, true);
  assert.equal(checkValidDate('garbled', { today }).invalidDateWarn, true);
  assert.equal(checkValidDate('', { today }).invalidDateWarn, false);
  assert.equal(checkValidDate('', { today }).expired, null);
});

test('the validity fits the holder age at issue (a report, not a rejection)', () => {
  assert.deepEqual([10, 15, 16, 25, 26, 45, 46, 80].map(validityForAge), [5, 5, 10, 10, 20, 20, 'long-term', 'long-term']);
  const fits = (read: string, birth: string) => checkValidDate(read, { today, birth }).fitsAge;
  assert.equal(fits('2010.05.01-2020.05.01', '1990/3/7'), true); // 20: ten years
  assert.equal(fits('2010.05.01-2030.05.01', '1990/3/7'), false); // 20 years at 20
  assert.equal(fits('2000.05.01-2005.05.01', '1990/3/7'), true); // 10: five years
  assert.equal(fits('2020.05.01-长期', '1970/3/7'), true); // 50
  assert.equal(fits('2020.05.01-长期', '1990/3/7'), false); // 30
  assert.equal(fits('2016.03.20-2036.03.20', '1990/3/7'), true); // 26 just turned
  // Turned 26 between applying and the issue date: ten years still fits.
  assert.equal(fits('2016.04.01-2026.04.01', '1990/3/7'), true);
  assert.equal(fits('2016.09.01-2026.09.01', '1990/3/7'), false);
  // Without Birth, or with a malformed validity, there is no verdict; the check itself stands.
  assert.equal(checkValidDate('2010.05.01-2030.05.01', { today }).fitsAge, null);
  assert.equal(fits('2010.05.01-2032.05.01', '1990/3/7'), null);
  const unfit = checkValidDate('2010.05.01-2030.05.01', { today, birth: '1990/3/7' });
  assert.equal(unfit.wellFormed, true);
  assert.equal(unfit.invalidDateWarn, false);
});

test('calendar helpers: Birth forms, completed years, China date of an instant', () => {
  assert.deepEqual(parseBirth('1987/1/1'), { year: 1987, month: 1, day: 1 });
  assert.deepEqual(parseBirth('1987/01/01'), { year: 1987, month: 1, day: 1 });
  assert.deepEqual(parseBirth('1987年1月1日'), { year: 1987, month: 1, day: 1 });
  assert.equal(parseBirth('1987/2/29'), null);
  assert.equal(parseBirth(''), null);
  assert.equal(ageOn({ year: 2000, month: 2, day: 29 }, { year: 2016, month: 2, day: 28 }), 15);
  assert.equal(ageOn({ year: 2000, month: 2, day: 29 }, { year: 2016, month: 3, day: 1 }), 16);
  assert.equal(ageOn({ year: 1990, month: 3, day: 7 }, { year: 2016, month: 3, day: 7 }), 26);
  assert.deepEqual(chinaDateOf(new Date('2026-12-31T16:00:00Z')), { year: 2027, month: 1, day: 1 });
  assert.deepEqual(chinaDateOf(new Date('2026-12-31T15:59:59Z')), { year: 2026, month: 12, day: 31 });
});
