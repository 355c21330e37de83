import { idCardWarnings, type IdCardChecks, type IdCardReading, type IdCardWarning, type IdCardWarningName } from '../../../shared/idcard-result.js';
import type { CardOutline } from '../vision/card-geometry.js';
import type { CardMeasures } from '../vision/card-measures.js';
import { partOfCard } from './card-layout.js';

/** What the decisions look at besides the pixel measures. */
export interface WarningEvidence {
  readonly side: 'FRONT' | 'BACK';
  readonly outline: CardOutline;
  readonly measures: CardMeasures;
  /** The straightened card's whole reading, as text. */
  readonly cardText: string;
  readonly checks: IdCardChecks;
  /** The validity fits the holder's age at issue (null when unknown). */
  readonly validityFitsAge: boolean | null;
  /** The number's check character holds and Birth and Sex were read with confidence. */
  readonly numberTrusted: boolean;
}

export interface WarningDecision {
  readonly warnings: IdCardWarning[];
  readonly reflections: IdCardReading['reflections'];
}

/**
 * The thresholds, calibrated on SYNTHETIC variants (test/helpers/synthetic-idcard.ts; `npm run
 * eval -- --idcard` measures them) with room on both sides of what clean cards give. There are no
 * real photocopies or re-shoots here: they show each detector works, not how it fares in the field.
 */
const thresholds = {
  /** Share of the outline inside the image: clean photos 1.00, a card cut by 15% 0.75. */
  inside: 0.97,
  /** Share of the card under one foreign patch: clean <= 0.0005, a card's cut edge 0.005, a finger 0.03-0.5. */
  foreign: 0.012,
  /** Background saturation: clean 0.055-0.063, a grey copy 0.000. */
  greyCopy: 0.02,
  /** The card's tint is blue-green (clean backgrounds 168-190 degrees); a colour copy's drifts (54-56). */
  cardHue: [140, 230] as const,
  /** Spectral peak at fine periods: clean and other variants 6-16, screens 51-111 (colour copies' halftone 52-104). */
  spectralPeak: 30,
  /** Blown-out share: clean 0, a highlight over the portrait, emblem or a field 0.02-0.04. */
  glare: 0.004,
};

/**
 * The warnings asked for, each decided from its own measure:
 * - BorderCheckWarn: -9101 when under 97% of the card's outline lies inside the image (the card
 *   runs off the edge); -9105 when one patch of colour the card does not print (saturated, outside
 *   its blue-green tint; portrait and emblem left out) covers over 1.2% of it (a finger, a sticker).
 * - CopyWarn: -9108 and -9102 when the card's light background has no colour at all (a
 *   black-and-white copy); -9102 when its tint has left the card's blue-green (a colour copy).
 * - ReshootWarn: -9103 when the card's spectrum at periods of 2.5-8 px has a peak over 30 times its
 *   ring's median, the card's tint intact: a screen's pixel grid and its moire.
 * - ReflectWarn: -9107 when over 0.4% of the card is blown-out white, with where the largest patch lies.
 * - TempIdWarn: -9104 when the card's reading carries 临时 (临时居民身份证 is printed on temporary cards).
 * - DetectPsWarn: -9106, best effort: the card contradicts itself: its number's check character
 *   holds and it was read with confidence, yet its birth date or sex digit disagree with Birth or
 *   Sex, or the validity is not the span the law gives at the holder's age; not under glare, which
 *   makes fields misread. A consistent forgery (a name pasted over) is not seen by this.
 * InvalidDateWarn (-9109) is decided from the validity dates when the card is read.
 */
export function decideWarnings(asked: ReadonlySet<IdCardWarningName>, evidence: WarningEvidence, reflectionDetail: boolean): WarningDecision {
  const { measures, outline } = evidence;
  const warnings: IdCardWarning[] = [];
  // A temporary card is printed in another tint: its colour says nothing of a copy.
  const temporary = evidence.cardText.replace(/\s/gu, '').includes('临时');
  const inCardTint = temporary || (measures.backgroundHue >= thresholds.cardHue[0] && measures.backgroundHue <= thresholds.cardHue[1]);
  const glared = measures.glare.share >= thresholds.glare;
  if (asked.has('border')) {
    if (outline.inside < thresholds.inside) warnings.push(idCardWarnings.borderIncomplete);
    if (measures.foreign.share >= thresholds.foreign) warnings.push(idCardWarnings.occlusion);
  }
  if (asked.has('copy')) {
    if (measures.backgroundSaturation < thresholds.greyCopy) warnings.push(idCardWarnings.photocopy, idCardWarnings.photocopyGrey);
    else if (!inCardTint) warnings.push(idCardWarnings.photocopy);
  }
  if (asked.has('reshoot') && measures.spectralPeak >= thresholds.spectralPeak && inCardTint && measures.backgroundSaturation >= thresholds.greyCopy) {
    warnings.push(idCardWarnings.reshoot);
  }
  const reflections: Array<IdCardReading['reflections'][number]> = [];
  if (asked.has('reflection') && glared) {
    warnings.push(idCardWarnings.reflection);
    if (reflectionDetail && measures.glare.centre) reflections.push(partOfCard(evidence.side, measures.glare.centre.x, measures.glare.centre.y));
  }
  if (asked.has('temporary') && temporary) warnings.push(idCardWarnings.temporaryCard);
  // Under glare a field may be misread: its disagreement with the number is no evidence then.
  if (asked.has('tampering') && !glared) {
    const { checks } = evidence;
    const contradicts = evidence.numberTrusted && (checks.birthMatches === false || checks.sexMatches === false);
    if (contradicts || evidence.validityFitsAge === false) warnings.push(idCardWarnings.tampered);
  }
  return { warnings, reflections };
}
