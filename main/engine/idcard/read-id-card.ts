import sharp from 'sharp';
import type { Sharp } from 'sharp';
import { idCardWarnings, type CardSide, type IdCardFieldName, type IdCardFields, type IdCardReading, type IdCardWarning, type IdCardWarningName } from '../../../shared/idcard-result.js';
import type { EngineErrorCode } from '../../../shared/engine-errors.js';
import type { PageOutcome, Point } from '../../../shared/ocr-result.js';
import { fail, ok, type Result } from '../../../shared/result.js';
import type { ColourImage } from '../intake/grey-image.js';
import type { ImageInput } from '../intake/image-input.js';
import type { IdCardOptions, ReaderRecognizeOptions, RecognizeControl } from '../engine-types.js';
import { idCardChineseVariant, type ModelVariant } from '../tiers.js';
import type { CardOutline } from '../vision/card-geometry.js';
import type { VisionThread } from '../vision/vision-thread.js';
import { birthOf, fieldRegions, fieldTexts, nationOf, plausible, sexOf, sideOf, trimmed, type CardWord, type FieldText } from './card-fields.js';
import { cardHeight, cardWidth, frontLayout, type Region } from './card-layout.js';
import { decideWarnings } from './card-warnings.js';
import { hasValidCheckCharacter, parseIdNumber, reconcileIdCard } from './id-number.js';
import { cloudBirth } from './valid-date.js';

export interface IdCardDeps {
  readonly vision: VisionThread;
  /** Decodes the input's first page in colour, upright, within the engine's admission. */
  readonly decodeColour: (input: ImageInput, signal: AbortSignal | undefined) => Promise<Result<ColourImage, EngineErrorCode>>;
  /** The engine's reading of an image (the straightened card, or a field of it). */
  readonly recognize: (input: ImageInput, options: ReaderRecognizeOptions, control: RecognizeControl) => Promise<Result<PageOutcome[], EngineErrorCode>>;
}

/**
 * The card's Chinese is read with npm's 4.0.0 chi_sim (the tessdata model that also carries the
 * legacy engine, used here in LSTM mode), not the tiers' best_int. Whole straightened SYNTHETIC
 * cards, names / addresses exact: best_int 80% / 90% of 60 (rarer characters: 龚 read 伟, 邱 匈,
 * 磊 舌, 碧 医), 4.0.0 100% / 100%; with the values printed bold (a heavier face, as the real
 * card's 黑体 may be) 79% / 85% against 92% / 96% of 48. On general paragraphs 4.0.0 measured no
 * better (tiers.ts), so only cards use it. It is larger (44 MB, +180 MB a thread; a thread
 * switching to it loads it in ~0.5 s). The Latin model's re-reads (birth, number) keep the tier's.
 */
const chineseModel: ModelVariant = idCardChineseVariant;

/** The confidence from which a field read is trusted to contradict the number (tampering). */
const trustedConfidence = 70;

/** A card side needs a third of its printed labels found to be taken for one. */
const minimumLabelShare = 0.34;

const emptyFields: IdCardFields = { name: '', sex: '', nation: '', birth: '', address: '', idNum: '', authority: '', validDate: '' };

const rawImage = (image: ColourImage) => sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } });
const transformed = async (image: ColourImage, change: (pipeline: Sharp) => Sharp): Promise<ColourImage> => {
  const { data, info } = await change(rawImage(image)).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
};
const asColour = (image: ColourImage): ColourImage => ({ ...image, data: Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength) });

/** One card of the photo, straightened and read. */
interface ReadCard {
  readonly outline: CardOutline;
  readonly corners: readonly [Point, Point, Point, Point];
  readonly image: ColourImage;
  readonly side: CardSide;
  readonly fields: IdCardFields;
  readonly confidence: Partial<Record<IdCardFieldName, number>>;
  /** The whole reading of the card, as text (a temporary card says so in its title). */
  readonly text: string;
}

/**
 * Reads a resident identity card: finds it in the photo and straightens it (vision thread), reads
 * it once (the engine's reading of the straightened card, without its own turns), decides the side
 * from the printed labels (a card upside down is turned and read again), takes each field from its
 * place in the layout (a field that does not look right is read again from its own crop),
 * reconciles the number with Birth and Sex, and measures what was asked. With `multiCard` the
 * front and back in one photo are read together; two cards of one side are refused.
 */
export async function readIdCard(deps: IdCardDeps, input: ImageInput, options: IdCardOptions, control: RecognizeControl): Promise<Result<IdCardReading, EngineErrorCode>> {
  const photo = await deps.decodeColour(input, control.signal);
  if (!photo.ok) return photo;
  const outlines = await deps.vision.run('locateCards', { image: photo.value });
  if (!outlines.ok) return outlines;
  if (outlines.value.length === 0) return fail('NoIdCard', 'No identity card was found in the image: photograph the whole card, filling most of the picture.');

  const first = await readOneCard(deps, photo.value, outlines.value[0]!, options, control);
  if (!first.ok) return first;
  const second = outlines.value[1] ? await readOneCard(deps, photo.value, outlines.value[1], { ...options, side: undefined }, control) : null;
  const other = second?.ok ? second.value : null;
  if (other && other.side === first.value.side) {
    return fail('MultipleCards', `The image holds two cards showing their ${first.value.side === 'FRONT' ? 'fronts' : 'backs'}; photograph one card at a time.`);
  }
  const cards = options.multiCard && other ? [first.value, other] : [first.value];
  const front = cards.find((card) => card.side === 'FRONT');
  const back = cards.find((card) => card.side === 'BACK');
  const main = front ?? first.value;
  const merged: IdCardFields = { ...emptyFields, ...(front ? pick(front.fields, ['name', 'sex', 'nation', 'birth', 'address', 'idNum']) : {}), ...(back ? pick(back.fields, ['authority', 'validDate']) : {}) };
  const reconciled = reconcileIdCard(main.side, merged, { rectify: options.rectify ?? true, today: options.today });
  // An expired or impossible validity is known from the reading itself; the other warnings are measured.
  // An expired validity whose dates are well formed (real dates, a span the law gives) is a finding
  // even where the reader doubts its digits (dates read exactly come back at 15-40 confidence); an
  // impossible one only when read with confidence: a validity misread under glare is no finding.
  const dateReadWell = reconciled.validDate?.wellFormed === true || (back?.confidence.validDate ?? 0) >= 60;
  const dateWarning: IdCardWarning[] = options.warnings?.has('invalidDate') && dateReadWell && reconciled.validDate?.invalidDateWarn ? [idCardWarnings.invalidDate] : [];

  // A number whose check character holds, read with Birth and Sex with confidence, speaks for the card.
  const trusted = (field: IdCardFieldName) => (front?.confidence[field] ?? 0) >= trustedConfidence;
  const numberTrusted = reconciled.checks.checkDigitValid === true && trusted('idNum') && trusted('birth') && trusted('sex');
  const measured: Array<{ warnings: IdCardWarning[]; reflections: IdCardReading['reflections']; borderCodeValue: number }> = [];
  for (const card of cards) {
    const borderCodeValue = Math.round(100 * (1 - card.outline.inside));
    if (!options.warnings?.size) {
      measured.push({ warnings: [], reflections: [], borderCodeValue });
      continue;
    }
    const measures = await deps.vision.run('measureCard', { card: card.image, side: card.side });
    if (!measures.ok) return measures;
    const decided = decideWarnings(
      options.warnings,
      { side: card.side, outline: card.outline, measures: measures.value, cardText: card.text, checks: reconciled.checks, validityFitsAge: reconciled.validDate?.fitsAge ?? null, numberTrusted },
      options.reflectionDetail ?? false,
    );
    measured.push({ ...decided, borderCodeValue });
  }
  const qualities = await Promise.all(cards.map((card) => deps.vision.run('sharpness', { image: card.image })));
  const quality = Math.min(...qualities.map((measure) => (measure.ok ? measure.value : 0)));
  const { portrait } = frontLayout;
  return ok({
    side: main.side,
    fields: reconciled.fields,
    confidence: vouchedFor(Object.assign({}, ...cards.map((card) => card.confidence)) as IdCardReading['confidence'], reconciled.fields, options.today),
    checks: reconciled.checks,
    corners: main.corners,
    imageWidth: photo.value.width,
    imageHeight: photo.value.height,
    warnings: [...new Set([...dateWarning, ...measured.flatMap((measure) => measure.warnings)])],
    quality,
    borderCodeValue: Math.max(...measured.map((measure) => measure.borderCodeValue)),
    reflections: [...new Set(measured.flatMap((measure) => measure.reflections))],
    ...(options.cropCard ? { cardJpeg: new Uint8Array(await rawImage(main.image).jpeg({ quality: 90 }).toBuffer()) } : {}),
    ...(options.cropPortrait && front
      ? { portraitJpeg: new Uint8Array(await rawImage(front.image).extract({ left: portrait.x, top: portrait.y, width: portrait.width, height: portrait.height }).jpeg({ quality: 90 }).toBuffer()) }
      : {}),
  });
}

/**
 * Birth and Sex as the number states them are as sure as the number: a number whose check
 * character holds vouches for them (whether they were read so or corrected from it), so they get
 * its confidence when that is higher than their own reading's (a lone 男 reads at 20-50).
 */
function vouchedFor(confidence: IdCardReading['confidence'], fields: IdCardFields, today: Date): IdCardReading['confidence'] {
  const number = parseIdNumber(fields.idNum, { today });
  if (!number.ok || confidence.idNum === undefined) return confidence;
  const birth = cloudBirth(number.value.birth);
  const { sex } = number.value;
  const sure = confidence.idNum;
  return {
    ...confidence,
    ...(fields.birth === birth ? { birth: Math.max(confidence.birth ?? 0, sure) } : {}),
    ...(fields.sex === sex ? { sex: Math.max(confidence.sex ?? 0, sure) } : {}),
  };
}

function pick<Key extends IdCardFieldName>(fields: IdCardFields, names: readonly Key[]): Pick<IdCardFields, Key> {
  return Object.fromEntries(names.map((name) => [name, fields[name]])) as Pick<IdCardFields, Key>;
}

async function readOneCard(deps: IdCardDeps, photo: ColourImage, outline: CardOutline, options: IdCardOptions, control: RecognizeControl): Promise<Result<ReadCard, EngineErrorCode>> {
  const warped = await deps.vision.run('warpCard', { image: photo, corners: outline.corners, width: cardWidth, height: cardHeight });
  if (!warped.ok) return warped;
  const readOptions = { tier: options.tier ?? 'standard', detectOrientation: false, deskew: false, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) } as const;
  const optionsFor = (language: string): ReaderRecognizeOptions => (language === 'chi_sim' ? { ...readOptions, language, variant: chineseModel } : { ...readOptions, language });

  const readCard = async (image: ColourImage, tierModel = false): Promise<Result<CardWord[], EngineErrorCode>> => {
    const chinese = tierModel ? { ...readOptions, language: 'chi_sim' } : optionsFor('chi_sim');
    const pages = await deps.recognize({ kind: 'bytes', bytes: await rawImage(image).png({ compressionLevel: 1 }).toBuffer() }, chinese, control);
    if (!pages.ok) return pages;
    const page = pages.value[0];
    if (!page) return fail('EngineFailed', 'The engine returned no page.');
    if (!page.ok) return page;
    return ok(page.result.lines.flatMap((line) => line.words.map((word) => ({ text: word.text, confidence: word.confidence, box: word.box }))));
  };

  /** One field's crop (a little margin round its region) read on its own; single lines but the address. */
  const readRegion = async (image: ColourImage, region: Region, singleLine: boolean, language: string, valuesOnly = false): Promise<Result<FieldText | null, EngineErrorCode>> => {
    const left = Math.max(0, Math.round(region.x - 8));
    const top = Math.max(0, Math.round(region.y - 6));
    const width = Math.min(image.width - left, Math.round(region.width + 16));
    const height = Math.min(image.height - top, Math.round(region.height + 12));
    if (width < 8 || height < 8) return ok(null);
    const cut = await rawImage(image).extract({ left, top, width, height }).raw().toBuffer();
    if (valuesOnly) {
      // The card prints its values in black and what stands between them (年 月 日) in its blue
      // label ink: only the black is kept, so the digits are read without the characters between.
      for (let at = 0; at < cut.length; at += 3) {
        const [r, g, b] = [cut[at]!, cut[at + 1]!, cut[at + 2]!];
        const ink = Math.max(r, g, b) < 120 && b - r < 35;
        cut[at] = cut[at + 1] = cut[at + 2] = ink ? 0 : 255;
      }
    }
    const crop = await sharp(cut, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer();
    const pages = await deps.recognize({ kind: 'bytes', bytes: crop }, { ...optionsFor(language), singleLine }, control);
    if (!pages.ok) return pages;
    const page = pages.value[0];
    if (!page?.ok) return ok(null);
    const { lines } = page.result;
    const characters = lines.reduce((sum, line) => sum + line.text.length, 0);
    const confidence = characters ? lines.reduce((sum, line) => sum + line.confidence * line.text.length, 0) / characters : 0;
    return ok({ text: lines.map((line) => line.text).join(''), rows: lines.map((line) => line.text), confidence: Math.round(confidence) });
  };

  let image = asColour(warped.value);
  let corners = outline.corners;
  let words = await readCard(image);
  if (!words.ok) return words;
  let side = sideOf(words.value);
  // Upside down, perhaps: the card turned half round; and a screen's moire, which breaks the
  // strokes, is softened away. Each is read in turn until the side's labels are found. Then the
  // same with the tier's model, which finds the labels of a screen re-shoot more often than 4.0.0
  // (SYNTHETIC re-shoots not read: 6 of 24 with it first, 11 with 4.0.0 alone).
  const changes: Array<{ change: (card: ColourImage) => Promise<ColourImage>; turned: boolean }> = [
    { change: (card) => transformed(card, (pipeline) => pipeline.rotate(180)), turned: true },
    { change: (card) => transformed(card, (pipeline) => pipeline.median(5)), turned: false },
    { change: (card) => transformed(card, (pipeline) => pipeline.rotate(180).median(5)), turned: true },
  ];
  const attempts = [...changes, { change: async (card: ColourImage) => card, turned: false }, ...changes].map((attempt, index) => ({ ...attempt, tierModel: index >= changes.length }));
  const upright = image;
  for (const attempt of attempts) {
    if (side.share >= minimumLabelShare) break;
    const changed = await attempt.change(upright);
    const again = await readCard(changed, attempt.tierModel);
    if (!again.ok) return again;
    const changedSide = sideOf(again.value);
    if (changedSide.share > side.share) {
      image = changed;
      words = again;
      side = changedSide;
      corners = attempt.turned ? [outline.corners[2], outline.corners[3], outline.corners[0], outline.corners[1]] : outline.corners;
    }
  }
  if (side.share < minimumLabelShare) {
    return fail('NoIdCard', 'This is not the front or back of a resident identity card of the Chinese mainland (cards of Hong Kong, Macao and Taiwan, and other documents, are not read).');
  }
  if (options.side && options.side !== side.side) {
    return fail('CardSideMismatch', `The card shows its ${side.side === 'FRONT' ? 'front (portrait side)' : 'back (national emblem side)'}, but ${options.side} was asked for.`);
  }

  const { texts, shift } = fieldTexts(words.value, side.side);
  // A field that does not look like what the card prints there is read again from its own crop.
  const cleaned = (text: FieldText | undefined) => trimmed(text?.text.replace(/\s/gu, '') ?? '');
  const wholeCardBirth = birthOf(texts.birth?.text ?? '');
  const secondLooks = await Promise.all(
    Object.entries(fieldRegions[side.side]).map(async ([name, region]) => {
      const field = name as IdCardFieldName;
      // The birth date's digits are read on their own by the Latin model every time: the Chinese
      // model, reading them among 年 月 日, misreads one in three (measured on SYNTHETIC cards).
      const numeric = field === 'birth';
      // The number too: it is digits in a typeface of its own, which the Latin model knows best;
      // the Chinese model's reading of it (4.0.0 misreads 0 as 8 or 9) is kept only when the Latin
      // one does not look right and it does (a wrong number can pass its check character, 1 in 11).
      const number = field === 'idNum';
      const looksRight = (text: string) => plausible[field](text) && (!number || hasValidCheckCharacter(text.toUpperCase()));
      const first = looksRight(cleaned(texts[field]));
      if (!numeric && !number && first) return ok(null);
      const again = await readRegion(image, { ...region, x: region.x + shift.dx, y: region.y + shift.dy }, field !== 'address', number || numeric ? 'eng' : 'chi_sim', numeric);
      if (!again.ok) return again;
      if (!again.value) return ok(null);
      const second = numeric ? again.value.text : cleaned(again.value);
      const better = number ? looksRight(second) || (!first && plausible[field](second)) : plausible[field](second);
      return ok(better ? { field, text: again.value } : null);
    }),
  );
  for (const look of secondLooks) {
    if (!look.ok) return look;
    if (look.value) texts[look.value.field] = look.value.text;
  }
  // The birth speaks against the number (the tampering warning) only when the Latin model read it
  // and the whole card's reading, where it gave a date, says the same: the Chinese model misreads
  // its digits among 年 月 日 (above), and the Latin one misread one birth crop in six (SYNTHETIC).
  const birthLatin = secondLooks.some((look) => look.ok && look.value?.field === 'birth');
  const birthAgrees = birthLatin && (wholeCardBirth === '' || wholeCardBirth === birthOf(texts.birth?.text ?? ''));
  if (side.side === 'FRONT' && !birthAgrees && texts.birth) texts.birth = { ...texts.birth, confidence: Math.min(texts.birth.confidence, trustedConfidence - 1) };
  const text = (field: IdCardFieldName) => cleaned(texts[field]);
  const fields: IdCardFields = {
    ...emptyFields,
    ...(side.side === 'FRONT'
      ? { name: text('name'), sex: sexOf(text('sex')), nation: nationOf(text('nation')), birth: birthOf(texts.birth?.text ?? ''), address: text('address'), idNum: text('idNum') }
      : { authority: text('authority'), validDate: trimmed(texts.validDate?.text ?? '') }),
  };
  const confidence = Object.fromEntries(Object.entries(texts).map(([name, field]) => [name, (field as FieldText).confidence]));
  return ok({ outline, corners, image, side: side.side, fields, confidence, text: words.value.map((word) => word.text).join('') });
}
