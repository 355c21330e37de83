import { existsSync } from 'node:fs';
import type { Engine } from '../../main/engine/create-engine.js';
import { allIdCardWarnings, idCardWarnings, type CardSide, type IdCardFieldName, type IdCardWarning } from '../../shared/idcard-result.js';
import {
  colourPhotocopy,
  croppedBorder,
  expiredPerson,
  fieldsOf,
  fieldsOnSide,
  glare,
  greyPhotocopy,
  occluded,
  photoOfCard,
  renderCard,
  screenReshoot,
  syntheticPeople,
  tampered,
  type CardPhoto,
  type SyntheticPerson,
} from '../helpers/synthetic-idcard.js';
import { formatPercent, formatTable } from './text-table.js';

/** A fixed day for the validity dates: every synthetic card is valid on it (expired ones aside). */
export const evalToday = new Date('2026-12-01T04:00:00Z');

/** The photo a person hands in: the card on a desk, a little turned and in perspective, as JPEG. */
export function everydayPhoto(card: Buffer, index: number): Promise<CardPhoto> {
  const angles = [0, -7, 11, 180, 4, -13, 90, 2];
  const k = index % 4;
  return photoOfCard(card, {
    angle: angles[index % angles.length]!,
    perspective: [
      { x: 6 * k, y: -4 * k },
      { x: -10 * k, y: 5 * k },
      { x: 4 * k, y: 8 * k },
      { x: -3 * k, y: -6 * k },
    ],
    format: 'jpeg',
    quality: 80 + (index % 3) * 5,
    seed: index,
  });
}

interface Variant {
  readonly name: string;
  /** The warning it should raise (null: a clean card, which should raise none). */
  readonly expected: IdCardWarning | null;
  readonly sides: readonly CardSide[];
  readonly make: (person: SyntheticPerson, side: CardSide, index: number) => Promise<CardPhoto>;
}

const variants: readonly Variant[] = [
  { name: 'clean', expected: null, sides: ['FRONT', 'BACK'], make: async (person, side, index) => everydayPhoto(await renderCard(person, side), index) },
  { name: 'grey photocopy', expected: idCardWarnings.photocopyGrey, sides: ['FRONT', 'BACK'], make: async (person, side, index) => greyPhotocopy(await everydayPhoto(await renderCard(person, side), index), index) },
  { name: 'colour photocopy', expected: idCardWarnings.photocopy, sides: ['FRONT', 'BACK'], make: async (person, side, index) => colourPhotocopy(await everydayPhoto(await renderCard(person, side), index), index) },
  { name: 'screen re-shoot', expected: idCardWarnings.reshoot, sides: ['FRONT', 'BACK'], make: async (person, side, index) => screenReshoot(await everydayPhoto(await renderCard(person, side), index), { seed: index }) },
  { name: 'card cut by the edge', expected: idCardWarnings.borderIncomplete, sides: ['FRONT', 'BACK'], make: async (person, side, index) => croppedBorder(await photoOfCard(await renderCard(person, side), { angle: index % 2 ? 5 : -4, format: 'jpeg', seed: index }), { fraction: 0.1 + (index % 3) * 0.05, side: (['left', 'right', 'top', 'bottom'] as const)[index % 4]! }) },
  { name: 'finger over the card', expected: idCardWarnings.occlusion, sides: ['FRONT', 'BACK'], make: async (person, side, index) => occluded(await photoOfCard(await renderCard(person, side), { angle: index % 2 ? 5 : -4, format: 'jpeg', seed: index }), { edge: (['bottom', 'right', 'top', 'left'] as const)[index % 4]!, at: 0.3 + (index % 3) * 0.15 }) },
  { name: 'glare', expected: idCardWarnings.reflection, sides: ['FRONT', 'BACK'], make: async (person, side, index) => glare(await everydayPhoto(await renderCard(person, side), index % 3), { where: index % 2 ? 'field' : side === 'FRONT' ? 'portrait' : 'emblem', side }) },
  { name: 'temporary card', expected: idCardWarnings.temporaryCard, sides: ['FRONT'], make: async (person, side, index) => everydayPhoto(await renderCard(person, side, { temporary: true }), index) },
  { name: 'expired validity', expected: idCardWarnings.invalidDate, sides: ['BACK'], make: async (person, side, index) => everydayPhoto(await renderCard(expiredPerson(person), side), index) },
  { name: 'name pasted over', expected: idCardWarnings.tampered, sides: ['FRONT'], make: async (person, _side, index) => everydayPhoto((await tampered(await renderCard(person, 'FRONT'), person, 'name')).card, index) },
];

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * The ID card section of `npm run eval`: reading (each field exact, on clean SYNTHETIC photos) and
 * authenticity (each warning's detection rate on the SYNTHETIC variant made for it, and false
 * alarms: any warning on a clean card, every warning asked for), with the time per card.
 */
export async function evaluateIdCards(engine: Engine, options: { readonly sharedCards: string; readonly people: number }): Promise<void> {
  console.log(
    `\nID cards: ${existsSync(options.sharedCards) ? `${options.sharedCards} exists, but its layout is not known to this eval yet: only SYNTHETIC cards below` : `${options.sharedCards} is absent on this machine: NO REAL SPECIMENS were read; only SYNTHETIC cards below`}`,
  );
  const people = syntheticPeople(options.people, 2026);
  const fieldHits = new Map<IdCardFieldName, { right: number; total: number }>();
  const misses: string[] = [];
  const rows: string[][] = [];
  const times: number[] = [];
  let cardsExact = 0;
  let cardsRead = 0;
  for (const variant of variants) {
    let raised = 0;
    let total = 0;
    let otherWarnings = 0;
    const otherCodes = new Set<number>();
    let failures = 0;
    for (const [index, person] of people.entries()) {
      for (const side of variant.sides) {
        const photo = await variant.make(person, side, index);
        const started = performance.now();
        const read = await engine.recognizeIdCard({ kind: 'bytes', bytes: photo.image }, { today: evalToday, warnings: new Set(allIdCardWarnings) });
        const ms = performance.now() - started;
        total += 1;
        if (!read.ok) {
          failures += 1;
          if (variant.expected === null) misses.push(`${person.name} ${side}: ${read.error.code}`);
          continue;
        }
        const warnings = read.value.warnings;
        if (variant.expected !== null && warnings.includes(variant.expected)) raised += 1;
        const others = warnings.filter((warning) => warning !== variant.expected && !(variant.expected === idCardWarnings.photocopyGrey && warning === idCardWarnings.photocopy));
        if (others.length > 0) otherWarnings += 1;
        for (const code of others) otherCodes.add(code);
        if (variant.name !== 'clean') continue;
        times.push(ms);
        cardsRead += 1;
        const expected = fieldsOf(person);
        let exact = true;
        for (const field of fieldsOnSide[side]) {
          const hit = fieldHits.get(field) ?? { right: 0, total: 0 };
          hit.total += 1;
          if (read.value.fields[field] === expected[field]) hit.right += 1;
          else {
            exact = false;
            misses.push(`${field}: "${read.value.fields[field]}" for "${expected[field]}"`);
          }
          fieldHits.set(field, hit);
        }
        if (exact) cardsExact += 1;
        if (warnings.length > 0) misses.push(`clean ${side} of ${person.name} raised ${warnings.join(', ')}`);
      }
    }
    rows.push([
      variant.name,
      variant.expected === null ? '(none expected)' : String(variant.expected),
      String(total),
      variant.expected === null ? '' : formatPercent(raised / total),
      `${formatPercent(otherWarnings / total)}${otherCodes.size ? ` (${[...otherCodes].join(' ')})` : ''}`,
      String(failures),
    ]);
  }
  console.log(`\nReading, clean SYNTHETIC photos (${cardsRead} card sides of ${people.length} people; turned up to 180 degrees, perspective, JPEG 80-90):`);
  console.log(
    formatTable(
      [{ title: 'field', align: 'left' }, { title: 'exact' }, { title: 'of' }],
      [...fieldHits.entries()].map(([field, hit]) => [field, formatPercent(hit.right / hit.total), String(hit.total)]),
    ),
  );
  const fieldsRight = [...fieldHits.values()].reduce((sum, hit) => sum + hit.right, 0);
  const fieldsTotal = [...fieldHits.values()].reduce((sum, hit) => sum + hit.total, 0);
  console.log(`all fields: ${formatPercent(fieldsRight / fieldsTotal)} exact (target >= 98%); card sides with every field exact: ${cardsExact} of ${cardsRead}`);
  console.log(`time per card: p50 ${Math.round(median(times))} ms, max ${Math.round(Math.max(...times))} ms (target p50 <= 1500 ms)`);
  if (misses.length) console.log(`misses:\n  ${misses.slice(0, 30).join('\n  ')}`);
  console.log(`\nAuthenticity, SYNTHETIC variants (every warning asked for; "other warnings" counts cards raising any warning besides the one expected):`);
  console.log(formatTable([{ title: 'variant', align: 'left' }, { title: 'expected', align: 'left' }, { title: 'cards' }, { title: 'detected' }, { title: 'other warnings' }, { title: 'not read' }], rows));
}
