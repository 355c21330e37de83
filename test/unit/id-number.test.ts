import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IdCardFields } from '../../shared/idcard-result.js';
import { checkCharacterOf, hasValidCheckCharacter, parseIdNumber, reconcileIdCard, repairIdNumber } from '../../main/engine/idcard/id-number.js';

// Every number here is made up: a division, a date and a sequence chosen for the test, with the
// check character computed. The two of GB 11643-1999's own worked examples check the algorithm.

const today = new Date('2026-06-01T04:00:00Z');

/** The check character computed independently of the module (ISO 7064 MOD 11-2 by its definition). */
function mod11_2(first17: string): string {
  // p = sum of a_i * 2^(i-1) mod 11 over positions counted from the right, the check making it 1.
  let sum = 0;
  for (let index = 0; index < 17; index += 1) sum += Number(first17[index]) * (2 ** (17 - index) % 11);
  const check = (12 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

const make = (first17: string) => `${first17}${mod11_2(first17)}`;

/** 江苏省南京市玄武区, 7 March 1990, sequence 123 (odd: a man). */
const man = make('32010219900307123');
/** 广东省深圳市福田区, 29 February 2000, sequence 046 (even: a woman). */
const woman = make('44030420000229046');

/** A made-up number (Beijing 东城区, 1 January 1980) whose check character is `last`. */
function endingIn(last: string): string {
  for (let sequence = 0; sequence < 1000; sequence += 1) {
    const number = make(`11010119800101${String(sequence).padStart(3, '0')}`);
    if (number.endsWith(last)) return number;
  }
  throw new Error(`no sequence gives ${last}`);
}

const front = (fields: Partial<IdCardFields>): IdCardFields => ({ name: '', sex: '', nation: '', birth: '', address: '', idNum: '', authority: '', validDate: '', ...fields });

test('the check character follows GB 11643-1999 (its worked examples, and an independent MOD 11-2)', () => {
  assert.equal(checkCharacterOf('11010519491231002'), 'X');
  assert.equal(checkCharacterOf('44052418800101001'), '4');
  for (const first17 of ['32010219900307123', '44030420000229046', '65010219850615997', '11010119800101000', '50010120101010555']) {
    assert.equal(checkCharacterOf(first17), mod11_2(first17), first17);
  }
  assert.equal(checkCharacterOf('3201021990030712'), null);
  assert.equal(checkCharacterOf('3201021990030712A'), null);
  assert.ok(hasValidCheckCharacter(man));
  assert.ok(!hasValidCheckCharacter(`${man.slice(0, 17)}${man[17] === '0' ? '1' : '0'}`));
});

test('a valid number parses into division, birth, sequence and sex', () => {
  const parsed = parseIdNumber(man, { today });
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.value, { number: man, regionCode: '320102', birth: { year: 1990, month: 3, day: 7 }, sequence: '123', sex: '男', checkCharacter: man[17] });
  const her = parseIdNumber(woman, { today });
  assert.ok(her.ok);
  assert.equal(her.value.sex, '女');
  assert.deepEqual(her.value.birth, { year: 2000, month: 2, day: 29 });
});

test('birth dates: leap days, before 1900, the future by the injected today', () => {
  const problem = (number: string, at = today) => {
    const parsed = parseIdNumber(number, { today: at });
    return parsed.ok ? null : parsed.error.code;
  };
  assert.equal(problem(make('11010119000229001')), 'birth-not-a-date'); // 1900 is no leap year
  assert.equal(problem(make('11010120000229001')), null); // 2000 is
  assert.equal(problem(make('11010119960229001')), null);
  assert.equal(problem(make('11010119970229001')), 'birth-not-a-date');
  assert.equal(problem(make('11010119871301001')), 'birth-not-a-date');
  assert.equal(problem(make('11010119870431001')), 'birth-not-a-date');
  assert.equal(problem(make('11010118991231001')), 'birth-before-1900');
  assert.equal(problem(make('11010119000101001')), null);
  assert.equal(problem('440524188001010014'), 'birth-before-1900'); // the standard's example: valid check, born 1880
  assert.equal(problem(make('11010120300101001')), 'birth-in-future');
  // 2 June in China while still 1 June in UTC: born "today" in China is not the future.
  assert.equal(problem(make('11010120260602001'), new Date('2026-06-01T17:00:00Z')), null);
  assert.equal(problem(make('11010120260602001'), new Date('2026-06-01T15:00:00Z')), 'birth-in-future');
  assert.equal(problem(`${man.slice(0, 17)}${man[17] === '5' ? '6' : '5'}`), 'check-character');
  assert.equal(problem('32010219900307123'), 'format');
  assert.equal(problem('3201021990030712AB'), 'format');
});

test('a division the table does not know is no reason to reject a number', () => {
  const parsed = parseIdNumber(make('99010119900307123'), { today });
  assert.ok(parsed.ok);
});

test('repair: spaces, lookalike letters in digit positions only, x as the check character', () => {
  const check = (read: string, expected: string) => {
    const repaired = repairIdNumber(read, { today });
    assert.equal(repaired.number, expected, read);
    assert.ok(repaired.valid, read);
    assert.deepEqual(repaired.candidates, []);
  };
  check(`${man.slice(0, 6)} ${man.slice(6, 14)} ${man.slice(14)}`, man);
  check(man.split('').join(' '), man);
  check(`\u3000${man}\u3000`, man);
  check(man.replace(/\d/gu, (digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0)), man); // full-width digits

  // Each lookalike at a position that holds its digit, in a made-up number holding them all.
  const all = make('12058612000101002'); // 1 2 0 5 8 6 ... born 2000-01-01
  const lookalikes: Array<[number, string]> = [
    [0, 'I'], [0, 'l'], [0, '|'], [1, 'Z'], [2, 'O'], [2, 'o'], [2, 'D'], [3, 'S'], [4, 'B'], [5, 'G'],
  ];
  for (const [position, letter] of lookalikes) {
    const read = all.slice(0, position) + letter + all.slice(position + 1);
    const repaired = repairIdNumber(read, { today });
    assert.equal(repaired.number, all, read);
    assert.deepEqual(repaired.mapped, [{ position, from: letter, to: all[position] }]);
  }
  // x -> X in the last position only.
  const numberEndingInX = endingIn('X');
  check(`${numberEndingInX.slice(0, 17)}x`, numberEndingInX);
  // An x among the digits is not mapped (no digit looks like it): it is unreadable there.
  const xInside = repairIdNumber(`${man.slice(0, 3)}x${man.slice(4)}`, { today });
  assert.equal(xInside.valid, false);
  assert.equal(xInside.number[3], 'x');
  assert.deepEqual(xInside.candidates.map((candidate) => candidate.number), [man]);
  // In the last position a lookalike stands for a digit, and X stays X.
  const endsInEight = endingIn('8');
  check(`${endsInEight.slice(0, 17)}B`, endsInEight);
});

test('one character unreadable: the check character leaves one candidate, never applied', () => {
  for (const position of [0, 5, 9, 15, 16, 17]) {
    const read = `${man.slice(0, position)}?${man.slice(position + 1)}`;
    const repaired = repairIdNumber(read, { today });
    assert.equal(repaired.valid, false, read);
    assert.equal(repaired.number, read);
    assert.deepEqual(repaired.candidates.map((candidate) => candidate.number), [man], read);
    assert.deepEqual(repaired.candidates[0]?.change, { position, from: 'unreadable', to: man[position] });
  }
  // Ten digits reach ten of the eleven check characters: with the eleventh, nothing completes it.
  const reachable = new Set([...'0123456789'].map((digit) => checkCharacterOf(`${man.slice(0, 15)}${digit}${man[16]}`)));
  const unreachable = [...'10X98765432'].find((character) => !reachable.has(character));
  assert.ok(unreachable);
  const withoutSolution = repairIdNumber(`${man.slice(0, 15)}?${man[16]}${unreachable}`, { today });
  assert.deepEqual(withoutSolution.candidates, []);
  // Two unreadable: too many to offer.
  const two = repairIdNumber(`${man.slice(0, 14)}??${man.slice(16)}`, { today });
  assert.deepEqual(two.candidates, []);
  assert.equal(two.problem, 'format');
});

test('a failed check: candidates one character away, those agreeing with Birth and Sex first, at most a few', () => {
  // The birth digits misread (1990 -> 1996), Birth read right: only putting it back fits Birth.
  const misread = `${man.slice(0, 9)}6${man.slice(10)}`;
  const repaired = repairIdNumber(misread, { today, birth: '1990/3/7', sex: '男' });
  assert.equal(repaired.valid, false);
  assert.equal(repaired.problem, 'check-character');
  assert.deepEqual(repaired.candidates.map((candidate) => candidate.number), [man]);
  assert.deepEqual(repaired.candidates[0], {
    number: man,
    change: { position: 9, from: '6', to: '0' },
    agreesWithBirth: true,
    agreesWithSex: true,
    regionKnown: true,
    likelyMisreading: true,
  });
  assert.equal(repaired.moreCandidates, false);

  // A sequence digit misread: several numbers fit as well; the list is short and says there are more.
  const sequenceMisread = `${man.slice(0, 15)}8${man.slice(16)}`; // 2 read as 8
  const several = repairIdNumber(sequenceMisread, { today, birth: '1990/3/7', sex: '男' });
  assert.ok(several.candidates.length >= 1 && several.candidates.length <= 3);
  for (const candidate of several.candidates) {
    assert.ok(parseIdNumber(candidate.number, { today }).ok);
    assert.equal(candidate.agreesWithBirth, true);
    assert.equal(candidate.agreesWithSex, true);
    assert.equal(candidate.regionKnown, true);
  }
  const everything = repairIdNumber(sequenceMisread, { today, birth: '1990/3/7', sex: '男', maxCandidates: 20 });
  assert.ok(everything.candidates.some((candidate) => candidate.number === man));
  assert.equal(several.moreCandidates, everything.candidates.length > 3);
  // Without Birth and Sex there is less to go on, never a pick.
  assert.ok(repairIdNumber(sequenceMisread, { today }).candidates.every((candidate) => candidate.agreesWithBirth === null));
});

test('one character dropped or doubled: the candidates restore it', () => {
  const dropped = repairIdNumber(`${man.slice(0, 11)}${man.slice(12)}`, { today, birth: '1990/3/7', sex: '男', maxCandidates: 10 });
  assert.equal(dropped.problem, 'format');
  assert.ok(dropped.candidates.some((candidate) => candidate.number === man));
  const doubled = repairIdNumber(`${man.slice(0, 4)}${man[3]}${man.slice(4)}`, { today, birth: '1990/3/7', sex: '男' });
  assert.deepEqual(doubled.candidates.map((candidate) => candidate.number), [man]);
  assert.equal(doubled.candidates[0]?.change.to, '');
});

test('reconcile with rectify: a valid number corrects a Birth or Sex that disagrees or is empty', () => {
  const result = reconcileIdCard('FRONT', front({ idNum: `${man.slice(0, 6)} ${man.slice(6)}`, birth: '1990/8/7', sex: '' }), { today });
  assert.deepEqual(result.checks, { checkDigitValid: true, birthMatches: false, sexMatches: false, region: '江苏省南京市玄武区', validDateWellFormed: null });
  assert.equal(result.fields.idNum, man);
  assert.equal(result.fields.birth, '1990/3/7');
  assert.equal(result.fields.sex, '男');
  assert.deepEqual(result.changes.map((change) => [change.field, change.from, change.to]), [
    ['idNum', `${man.slice(0, 6)} ${man.slice(6)}`, man],
    ['birth', '1990/8/7', '1990/3/7'],
    ['sex', '', '男'],
  ]);
  assert.equal(result.validDate, null);

  const agreeing = reconcileIdCard('FRONT', front({ idNum: woman, birth: '2000/2/29', sex: '女' }), { today });
  assert.deepEqual(agreeing.checks, { checkDigitValid: true, birthMatches: true, sexMatches: true, region: '广东省深圳市福田区', validDateWellFormed: null });
  assert.deepEqual(agreeing.changes, []);

  const padded = reconcileIdCard('FRONT', front({ idNum: woman, birth: '2000/02/29', sex: '男' }), { today });
  assert.equal(padded.checks.birthMatches, true);
  assert.equal(padded.checks.sexMatches, false);
  assert.deepEqual(padded.fields, front({ idNum: woman, birth: '2000/2/29', sex: '女' }));
});

test('reconcile: without rectify nothing changes; an invalid number corrects nothing and offers candidates', () => {
  const read = front({ idNum: `${man.slice(0, 17)}${man[17] === '7' ? '1' : '7'}`.toLowerCase(), birth: '1990/8/7', sex: '女' });
  const off = reconcileIdCard('FRONT', front({ idNum: man, birth: '1990/8/7', sex: '女' }), { today, rectify: false });
  assert.deepEqual(off.fields, front({ idNum: man, birth: '1990/8/7', sex: '女' }));
  assert.deepEqual(off.changes, []);
  assert.deepEqual(off.checks, { checkDigitValid: true, birthMatches: false, sexMatches: false, region: '江苏省南京市玄武区', validDateWellFormed: null });

  const invalid = reconcileIdCard('FRONT', read, { today });
  assert.equal(invalid.checks.checkDigitValid, false);
  assert.equal(invalid.fields.birth, '1990/8/7');
  assert.equal(invalid.fields.sex, '女');
  assert.ok(invalid.changes.every((change) => change.field === 'idNum'));
  assert.ok(invalid.idNumber?.candidates.every((candidate) => hasValidCheckCharacter(candidate.number)));
  assert.ok(invalid.idNumber && invalid.idNumber.candidates.length <= 3);
});

test('reconcile: no number read gives no verdicts; the back checks ValidDate and puts it in the cloud form', () => {
  const nothing = reconcileIdCard('FRONT', front({ birth: '1990/3/7', sex: '男' }), { today });
  assert.deepEqual(nothing.checks, { checkDigitValid: null, birthMatches: null, sexMatches: null, region: null, validDateWellFormed: null });
  assert.equal(nothing.idNumber, null);

  const back = reconcileIdCard('BACK', front({ authority: '南京市公安局玄武分局', validDate: '2017.8.12 — 2037.08.12' }), { today });
  assert.equal(back.fields.validDate, '2017.08.12-2037.08.12');
  assert.equal(back.checks.validDateWellFormed, true);
  assert.equal(back.validDate?.invalidDateWarn, false);
  assert.deepEqual(back.changes.map((change) => change.field), ['validDate']);

  const expired = reconcileIdCard('BACK', front({ validDate: '2006.08.12-2016.08.12' }), { today });
  assert.equal(expired.checks.validDateWellFormed, true);
  assert.equal(expired.validDate?.expired, true);
  assert.equal(expired.validDate?.invalidDateWarn, true);

  const unread = reconcileIdCard('BACK', front({}), { today });
  assert.equal(unread.checks.validDateWellFormed, false);
  assert.equal(unread.validDate?.invalidDateWarn, false);
});

test('reconcile: a retired division still names its region', () => {
  const beijing = make('11010319850615997'); // 崇文区, merged into 东城区 in 2010
  const result = reconcileIdCard('FRONT', front({ idNum: beijing, birth: '1985/6/15', sex: '男' }), { today });
  assert.equal(result.checks.region, '北京市崇文区');
  assert.deepEqual(result.changes, []);
  const unknown = reconcileIdCard('FRONT', front({ idNum: make('99010119850615997'), birth: '1985/6/15', sex: '男' }), { today });
  assert.equal(unknown.checks.region, null);
  assert.equal(unknown.checks.checkDigitValid, true);
});
