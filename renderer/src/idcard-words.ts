import { idCardWarnings, type IdCardFieldName, type IdCardReading } from '../../shared/idcard-result.js';
import { fill, type Messages } from './i18n.js';

/**
 * An identity card's checks and warnings as sentences in the UI's language: the reading carries
 * booleans and the cloud's numeric codes, which a person at a counter cannot act on. Pure (no
 * React), so what is said for each case is decided in one place.
 */
export interface CheckLine {
  /** `good` passed, `bad` failed, `note` only informs (nothing was wrong). */
  readonly verdict: 'good' | 'bad' | 'note';
  readonly text: string;
}

type CardFacts = Pick<IdCardReading, 'side' | 'fields' | 'checks' | 'warnings' | 'reflections'>;

/** Each field's English name (the card prints only Chinese labels). */
export const fieldName = (t: Messages, field: IdCardFieldName): string =>
  ({
    name: t.fieldName,
    sex: t.fieldSex,
    nation: t.fieldNation,
    birth: t.fieldBirth,
    address: t.fieldAddress,
    idNum: t.fieldIdNum,
    authority: t.fieldAuthority,
    validDate: t.fieldValidDate,
  })[field];

const verdictOf = (passed: boolean): CheckLine['verdict'] => (passed ? 'good' : 'bad');

/** What reconciling the fields found, in the order a person checks a card: the number first. */
export function checkLines(t: Messages, card: CardFacts): CheckLine[] {
  const { checks } = card;
  const lines: CheckLine[] = [];
  if (card.side === 'FRONT') {
    if (checks.checkDigitValid === null) lines.push({ verdict: 'note', text: t.noNumberRead });
    else lines.push({ verdict: verdictOf(checks.checkDigitValid), text: checks.checkDigitValid ? t.checkDigitValid : t.checkDigitInvalid });
    if (checks.birthMatches !== null) lines.push({ verdict: verdictOf(checks.birthMatches), text: checks.birthMatches ? t.birthMatches : t.birthMismatch });
    if (checks.sexMatches !== null) lines.push({ verdict: verdictOf(checks.sexMatches), text: checks.sexMatches ? t.sexMatches : t.sexMismatch });
    // A division missing from the table may be new or renamed: said, but not held against the card.
    if (checks.region !== null) lines.push({ verdict: 'good', text: fill(t.region, { region: checks.region }) });
    else if (card.fields.idNum) lines.push({ verdict: 'note', text: t.regionUnknown });
  }
  if (checks.validDateWellFormed !== null) lines.push({ verdict: verdictOf(checks.validDateWellFormed), text: checks.validDateWellFormed ? t.validDateWellFormed : t.validDateMalformed });
  return lines;
}

const glarePlace = (t: Messages, place: CardFacts['reflections'][number]): string =>
  ({ NationalEmblem: t.glareEmblem, Portrait: t.glarePortrait, RecognitionField: t.glareText, Others: t.glareElsewhere })[place];

/** Each warning raised as a sentence (glare with where it lies); empty when none was raised. */
export function warningLines(t: Messages, card: CardFacts): string[] {
  return card.warnings.map((code) => {
    switch (code) {
      case idCardWarnings.borderIncomplete:
        return t.warnBorder;
      case idCardWarnings.occlusion:
        return t.warnOcclusion;
      case idCardWarnings.photocopy:
        return t.warnPhotocopy;
      case idCardWarnings.photocopyGrey:
        return t.warnPhotocopyGrey;
      case idCardWarnings.reshoot:
        return t.warnReshoot;
      case idCardWarnings.temporaryCard:
        return t.warnTemporary;
      case idCardWarnings.tampered:
        return t.warnTampered;
      case idCardWarnings.reflection: {
        const places = [...new Set(card.reflections)].map((place) => glarePlace(t, place));
        return places.length > 0 ? fill(t.warnReflectionAt, { places: places.join(t.listSeparator) }) : t.warnReflection;
      }
      case idCardWarnings.invalidDate:
        return t.warnInvalidDate;
      default:
        // A code this UI does not know yet (a newer server) is still shown, by its number.
        return `${t.warnOther} ${String(code)}`;
    }
  });
}

/** Below this the straightened card is blurry enough that fields may be misread. */
export const lowQuality = 50;
