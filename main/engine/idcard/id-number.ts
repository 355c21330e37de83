import type { CardSide, IdCardChecks, IdCardFields } from '../../../shared/idcard-result.js';
import { fail, ok, type Result } from '../../../shared/result.js';
import { divisionOf } from './division-codes.js';
import { chinaDateOf, checkValidDate, cloudBirth, compareDates, isRealDate, parseBirth, repairValidDate, type CalendarDate, type ValidDateCheck } from './valid-date.js';

/**
 * The citizen identity number (公民身份号码, GB 11643-1999): six digits of the division where it
 * was first issued, eight of the birth date, three of sequence (the last odd for men, even for
 * women) and a check character, ISO 7064 MOD 11-2 over the first seventeen.
 *
 * The check character catches every single wrong character and every swap of two neighbours, which
 * is what makes the number the most reliable field on the card: a number that passes it is the
 * number printed, short of two or more misreadings that happen to cancel (1 in 11), while Birth and
 * Sex are plain text that nothing checks. So reconciliation trusts a valid number over them.
 */

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const checkCharacters = '10X98765432';

/** The check character of seventeen digits, or null when they are not seventeen digits. */
export function checkCharacterOf(first17: string): string | null {
  if (!/^\d{17}$/u.test(first17)) return null;
  let sum = 0;
  for (let index = 0; index < 17; index += 1) sum += Number(first17[index]) * (weights[index] ?? 0);
  return checkCharacters[sum % 11] ?? null;
}

/** Eighteen characters whose last is the check character of the seventeen digits before it. */
export const hasValidCheckCharacter = (number: string): boolean => number.length === 18 && checkCharacterOf(number.slice(0, 17)) === number[17];

export type Sex = '男' | '女';

export interface IdNumber {
  readonly number: string;
  /** The first six digits: the division (GB/T 2260) where the number was first issued. */
  readonly regionCode: string;
  readonly birth: CalendarDate;
  /** Digits 15-17 (顺序码), the last of which gives the sex. */
  readonly sequence: string;
  readonly sex: Sex;
  readonly checkCharacter: string;
}

export type IdNumberProblem =
  /** Not 17 digits and a digit or X. */
  | 'format'
  | 'check-character'
  /** Digits 7-14 are no calendar date (19000229, 19871301). */
  | 'birth-not-a-date'
  | 'birth-before-1900'
  | 'birth-in-future';

const oldestBirth: CalendarDate = { year: 1900, month: 1, day: 1 };

/** The parts of a number of the right shape, checked for nothing else (birth null when no real date). */
function partsOf(number: string): (Omit<IdNumber, 'birth'> & { birth: CalendarDate | null }) | null {
  if (!/^\d{17}[\dX]$/u.test(number)) return null;
  const [year, month, day] = [Number(number.slice(6, 10)), Number(number.slice(10, 12)), Number(number.slice(12, 14))];
  return {
    number,
    regionCode: number.slice(0, 6),
    birth: isRealDate(year, month, day) ? { year, month, day } : null,
    sequence: number.slice(14, 17),
    sex: Number(number[16]) % 2 === 1 ? '男' : '女',
    checkCharacter: number[17] ?? '',
  };
}

/**
 * A number as printed: right shape and check character, a birth date that exists, not before 1900
 * and not after `today` (the caller's clock, in China's calendar). The division is not checked:
 * the code table always lags behind new counties (see division-codes.ts).
 */
export function parseIdNumber(number: string, options: { readonly today: Date }): Result<IdNumber, IdNumberProblem> {
  const parts = partsOf(number);
  if (!parts) return fail('format', 'An identity number is 17 digits and a check character (a digit or X).');
  if (!hasValidCheckCharacter(number)) return fail('check-character', `The check character should be ${checkCharacterOf(number.slice(0, 17))}, not ${parts.checkCharacter}.`);
  const { birth } = parts;
  if (!birth) return fail('birth-not-a-date', `${number.slice(6, 14)} is not a date.`);
  if (compareDates(birth, oldestBirth) < 0) return fail('birth-before-1900', 'A birth date before 1900 is a misreading.');
  if (compareDates(birth, chinaDateOf(options.today)) > 0) return fail('birth-in-future', 'The birth date is after today.');
  return ok({ ...parts, birth });
}

/**
 * Letters OCR reads for digits in the number's digit positions. Only there: in the last position an
 * x is the check character X, never 1 or anything else.
 */
const digitLookalikes: Readonly<Record<string, string>> = { O: '0', o: '0', D: '0', I: '1', l: '1', '|': '1', Z: '2', S: '5', B: '8', G: '6' };

/** Digit pairs that a misread number's glyphs are often taken for each other (OCR-B-like figures). */
const confusedPairs = new Set(['0-8', '0-6', '0-9', '1-7', '1-4', '2-7', '3-8', '3-9', '5-6', '5-8', '6-8', '8-9', '0-X', '8-X', '4-X']);
const oftenConfused = (a: string, b: string) => confusedPairs.has(`${a}-${b}`) || confusedPairs.has(`${b}-${a}`);

export interface CharacterChange {
  /** 0-based position in the number. */
  readonly position: number;
  /** '' for a character inserted, 'unreadable' when it could not be read. */
  readonly from: string;
  /** '' for a character dropped. */
  readonly to: string;
}

export interface IdNumberCandidate {
  readonly number: string;
  readonly change: CharacterChange;
  /** Its birth date is the Birth read; null when no Birth was read. */
  readonly agreesWithBirth: boolean | null;
  readonly agreesWithSex: boolean | null;
  /** Its first six digits are a division of the code table (current or past). */
  readonly regionKnown: boolean;
  /** The change is between glyphs OCR often confuses (8 for 6, 7 for 1, ...). */
  readonly likelyMisreading: boolean;
}

export interface IdNumberRepair {
  readonly read: string;
  /** Spaces dropped, lookalike letters made digits, x made X: the number as best read, valid or not. */
  readonly number: string;
  /** What that mapping changed (spaces not counted). */
  readonly mapped: readonly CharacterChange[];
  /** The number passes parseIdNumber. */
  readonly valid: boolean;
  readonly problem: IdNumberProblem | null;
  /**
   * When it does not: valid numbers one character away (one replaced, the one unreadable filled,
   * or one dropped or doubled), those that fit best with what else was read first (Birth, Sex, a
   * known division, a likely misreading). Never applied here: which one is printed is the caller's
   * call, with the characters' confidences or a person's eye. One alone is a confident answer.
   */
  readonly candidates: readonly IdNumberCandidate[];
  /** Fitting candidates were left out past the limit: too many to choose from. */
  readonly moreCandidates: boolean;
}

export interface RepairContext {
  readonly today: Date;
  /** Birth as read (`1987/1/1`), to prefer candidates with that birth date. */
  readonly birth?: string;
  /** Sex as read (男/女). */
  readonly sex?: string;
  /** At most this many candidates (default 3). */
  readonly maxCandidates?: number;
}

const digits = '0123456789';

/** Number read -> cleaned number, and the candidates that would make it valid when it is not. */
export function repairIdNumber(read: string, context: RepairContext): IdNumberRepair {
  const compact = read.replace(/[\s\u3000]/gu, '').replace(/[０-９Ｘｘ]/gu, (glyph) => String.fromCharCode(glyph.charCodeAt(0) - 0xfee0));
  const mapped: CharacterChange[] = [];
  const glyphs = [...compact].map((glyph, position, all) => {
    const last = position === all.length - 1 && all.length >= 17;
    const to = last && glyph === 'x' ? 'X' : /\d/u.test(glyph) || (last && glyph === 'X') ? glyph : (digitLookalikes[glyph] ?? glyph);
    if (to !== glyph) mapped.push({ position, from: glyph, to });
    return to;
  });
  const number = glyphs.join('');
  const parsed = parseIdNumber(number, context);
  if (parsed.ok) return { read, number, mapped, valid: true, problem: null, candidates: [], moreCandidates: false };

  const birth = context.birth ? parseBirth(context.birth) : null;
  const sex = context.sex === '男' || context.sex === '女' ? context.sex : null;
  const found = new Map<string, IdNumberCandidate>();
  const consider = (candidate: string, change: CharacterChange) => {
    if (found.has(candidate)) return;
    const valid = parseIdNumber(candidate, context);
    if (!valid.ok) return;
    found.set(candidate, {
      number: candidate,
      change,
      agreesWithBirth: birth ? compareDates(birth, valid.value.birth) === 0 : null,
      agreesWithSex: sex ? sex === valid.value.sex : null,
      regionKnown: divisionOf(valid.value.regionCode)?.exact ?? false,
      likelyMisreading: change.from !== '' && change.to !== '' && oftenConfused(change.from, change.to),
    });
  };
  const choicesAt = (position: number) => (position === 17 ? `${digits}X` : digits);
  const unreadable = glyphs.flatMap((glyph, position) => (glyph.length === 1 && choicesAt(position).includes(glyph) ? [] : [position]));

  if (glyphs.length === 18 && unreadable.length === 1) {
    // One character unreadable: the check character leaves at most one digit for it.
    const position = unreadable[0] ?? 0;
    for (const choice of choicesAt(position)) consider(glyphs.with(position, choice).join(''), { position, from: 'unreadable', to: choice });
  } else if (glyphs.length === 18 && unreadable.length === 0) {
    // All read and the check fails: one character misread, anywhere. (A number that passes its
    // check but has an impossible date has two or more misread: no single change mends it.)
    glyphs.forEach((glyph, position) => {
      for (const choice of choicesAt(position)) if (choice !== glyph) consider(glyphs.with(position, choice).join(''), { position, from: glyph, to: choice });
    });
  } else if (glyphs.length === 17 && unreadable.every((position) => position === 16)) {
    // One character dropped (the last one read then sits at 16 and may be an X).
    for (let position = 0; position <= 17; position += 1) {
      for (const choice of choicesAt(position)) consider([...glyphs.slice(0, position), choice, ...glyphs.slice(position)].join(''), { position, from: '', to: choice });
    }
  } else if (glyphs.length === 19 && unreadable.length <= 1) {
    // One character too many (a speck or a doubled glyph).
    glyphs.forEach((glyph, position) => consider(glyphs.toSpliced(position, 1).join(''), { position, from: glyph, to: '' }));
  }

  // The best fitting first: fewest disagreements with what else was read, then likely misreadings.
  const misfits = (candidate: IdNumberCandidate) => Number(candidate.agreesWithBirth === false) + Number(candidate.agreesWithSex === false) + Number(!candidate.regionKnown);
  const ranked = [...found.values()].sort((a, b) => misfits(a) - misfits(b) || Number(b.likelyMisreading) - Number(a.likelyMisreading) || a.change.position - b.change.position);
  const fewest = ranked.length ? misfits(ranked[0] as IdNumberCandidate) : 0;
  const fitting = ranked.filter((candidate) => misfits(candidate) === fewest);
  const limit = context.maxCandidates ?? 3;
  return { read, number, mapped, valid: false, problem: parsed.error.code, candidates: fitting.slice(0, limit), moreCandidates: fitting.length > limit };
}

export interface FieldChange {
  readonly field: 'idNum' | 'birth' | 'sex' | 'validDate';
  readonly from: string;
  readonly to: string;
  readonly why: string;
}

export interface IdCardReconciliation {
  /** The fields, corrected when rectify is on; as read when it is off. */
  readonly fields: IdCardFields;
  /** What the fields as read were found to be (before any correction). */
  readonly checks: IdCardChecks;
  /** What rectify changed (empty when it is off). */
  readonly changes: readonly FieldChange[];
  /** The number's repair: its candidates when it is not valid (never applied). */
  readonly idNumber: IdNumberRepair | null;
  /** ValidDate's check (the -9109 warning reads invalidDateWarn); null when none was read on the front. */
  readonly validDate: ValidDateCheck | null;
}

export interface ReconcileOptions {
  /** The cloud's EnableRecognitionRectify: correct the fields from the number (default true). */
  readonly rectify?: boolean;
  readonly today: Date;
}

/**
 * The cloud's EnableRecognitionRectify for one side of a card. Checks are always computed, on the
 * number as best read (spaces and lookalike letters mended): a number of the right shape says its
 * birth date, sex and division whether or not rectify may rewrite the fields. With rectify:
 * - IdNum is cleaned (spaces, lookalikes, x); an invalid number is left so, its candidates reported;
 * - a valid number overrides a Birth or Sex that disagrees with it or is empty (see the top: its
 *   check character makes it the more reliable field); an invalid one corrects nothing;
 * - ValidDate is put in the cloud's form when it can be read.
 */
export function reconcileIdCard(side: CardSide, read: IdCardFields, options: ReconcileOptions): IdCardReconciliation {
  const rectify = options.rectify ?? true;
  const changes: FieldChange[] = [];
  const fields: { -readonly [K in keyof IdCardFields]: IdCardFields[K] } = { ...read };
  const change = (field: FieldChange['field'], to: string, why: string) => {
    if (read[field] === to) return;
    changes.push({ field, from: read[field], to, why });
    fields[field] = to;
  };

  const hasNumber = read.idNum.replace(/\s/gu, '') !== '';
  const idNumber = hasNumber ? repairIdNumber(read.idNum, { today: options.today, birth: read.birth, sex: read.sex }) : null;
  const parts = idNumber ? partsOf(idNumber.number) : null;
  const birthRead = parseBirth(read.birth);
  const checks: IdCardChecks = {
    checkDigitValid: idNumber ? hasValidCheckCharacter(idNumber.number) : null,
    birthMatches: parts ? parts.birth !== null && birthRead !== null && compareDates(parts.birth, birthRead) === 0 : null,
    sexMatches: parts ? parts.sex === read.sex : null,
    region: idNumber && /^\d{6}/u.test(idNumber.number) ? (divisionOf(idNumber.number.slice(0, 6))?.name ?? null) : null,
    validDateWellFormed: null,
  };

  let validDate: ValidDateCheck | null = null;
  if (side === 'BACK' || read.validDate.trim() !== '') {
    validDate = checkValidDate(read.validDate, { today: options.today, ...(birthRead ? { birth: birthRead } : {}) });
  }

  if (rectify) {
    if (idNumber && idNumber.number !== read.idNum) change('idNum', idNumber.number, 'spaces dropped and letters read for digits made digits');
    const valid = idNumber?.valid && parts?.birth ? { ...parts, birth: parts.birth } : null;
    if (valid) {
      const birth = cloudBirth(valid.birth);
      if (read.birth !== birth) change('birth', birth, read.birth === '' ? 'not read: taken from the identity number' : birthRead && compareDates(birthRead, valid.birth) === 0 ? 'put in the form 1987/1/1' : `disagrees with the identity number's ${idNumber?.number.slice(6, 14)}`);
      if (read.sex !== valid.sex) change('sex', valid.sex, read.sex === '' ? 'not read: taken from the identity number' : `disagrees with the identity number's 17th digit (${valid.sequence[2]})`);
    }
    const repaired = read.validDate.trim() === '' ? null : repairValidDate(read.validDate);
    if (repaired) change('validDate', repaired, 'put in the form 2017.08.12-2037.08.12');
  }
  return { fields, checks: { ...checks, validDateWellFormed: validDate ? validDate.wellFormed : null }, changes, idNumber, validDate };
}
