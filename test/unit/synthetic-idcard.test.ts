import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { backLayout, cardHeight, cardWidth, frontLayout, partOfCard } from '../../main/engine/idcard/card-layout.js';
import type { Point } from '../../shared/ocr-result.js';
import {
  addressLines,
  asPhoto,
  cardToPhoto,
  colourPhotocopy,
  croppedBorder,
  divisions,
  expiredPerson,
  fieldsOf,
  fingerOnCard,
  glare,
  glareCentre,
  greyPhotocopy,
  impossibleValidity,
  nations,
  occluded,
  photoOfCard,
  renderCard,
  runBox,
  screenReshoot,
  specimenMarkRegion,
  syntheticPeople,
  tampered,
  validitySpan,
  valueRuns,
  type CardPhoto,
  type SimpleDate,
  type SyntheticPerson,
} from '../helpers/synthetic-idcard.js';

// The check character computed here independently of the helper (GB 11643 / ISO 7064 MOD 11-2).
const checkOf = (first17: string) => '10X98765432'[[...first17].reduce((sum, digit, i) => sum + Number(digit) * ((2 ** (17 - i)) % 11), 0) % 11];
const key = (date: SimpleDate) => date.y * 10000 + date.m * 100 + date.d;
const ageAt = (person: SyntheticPerson, date: SimpleDate) => date.y - person.birth.year - (date.m * 100 + date.d < person.birth.month * 100 + person.birth.day ? 1 : 0);
const people = syntheticPeople(300, 11);

interface Raw {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
}
const decode = async (image: Buffer): Promise<Raw> => {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
};
const rgbAt = (raw: Raw, point: Point): [number, number, number] => {
  const [x, y] = [Math.round(point.x), Math.round(point.y)];
  const i = (y * raw.width + x) * 3;
  return [raw.data[i]!, raw.data[i + 1]!, raw.data[i + 2]!];
};
const luminance = ([r, g, b]: [number, number, number]) => 0.299 * r + 0.587 * g + 0.114 * b;
const centre = (region: { x: number; y: number; width: number; height: number }): Point => ({ x: region.x + region.width / 2, y: region.y + region.height / 2 });
const toward = (from: Point, to: Point, distance: number): Point => {
  const length = Math.hypot(to.x - from.x, to.y - from.y);
  return { x: from.x + ((to.x - from.x) / length) * distance, y: from.y + ((to.y - from.y) / length) * distance };
};
const middleOf = (corners: readonly Point[]): Point => ({ x: corners.reduce((s, p) => s + p.x, 0) / 4, y: corners.reduce((s, p) => s + p.y, 0) / 4 });

test('people are deterministic per seed: the same list again, a longer list starts with it, another seed differs', () => {
  assert.deepEqual(syntheticPeople(20, 11), people.slice(0, 20));
  assert.deepEqual(syntheticPeople(20, 11), syntheticPeople(20, 11));
  assert.notDeepEqual(syntheticPeople(20, 12), people.slice(0, 20));
  assert.equal(new Set(people.map((person) => person.idNum)).size, people.length);
});

test('numbers are 18 characters with a valid check character, a real division matching the address, the birth and the sex', () => {
  for (const person of people) {
    assert.match(person.idNum, /^\d{17}[\dX]$/u);
    assert.equal(person.idNum[17], checkOf(person.idNum.slice(0, 17)), person.idNum);
    const division = divisions.find((d) => d.code === person.idNum.slice(0, 6));
    assert.ok(division, person.idNum);
    assert.ok(person.address.startsWith(`${division.province}${division.city}${division.district}`), `${person.address} / ${division.code}`);
    assert.ok(person.authority.startsWith(`${division.city}公安局`) && person.authority.endsWith('分局'), person.authority);
    const { year, month, day } = person.birth;
    assert.equal(person.idNum.slice(6, 14), `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`);
    assert.equal(new Date(Date.UTC(year, month - 1, day)).getUTCDate(), day, 'a real birth date');
    assert.equal(Number(person.idNum[16]) % 2 === 1 ? '男' : '女', person.sex);
  }
});

test('names, nations and addresses: 2-3 characters, the 56 official names (mostly 汉), 8-30 characters wrapping to 2-3 lines', () => {
  assert.equal(new Set(nations).size, 56);
  for (const person of people) {
    assert.match(person.name, /^[\u4e00-\u9fff]{2,3}$/u);
    assert.ok(nations.includes(person.nation), person.nation);
    assert.ok(person.address.length >= 8 && person.address.length <= 30, person.address);
    assert.ok([2, 3].includes(addressLines(person.address).length), person.address);
  }
  const han = people.filter((person) => person.nation === '汉').length;
  assert.ok(han > people.length * 0.45 && han < people.length * 0.8, `${han} 汉`);
  for (const lines of [2, 3]) assert.ok(people.some((person) => addressLines(person.address).length === lines), `some address on ${lines} lines`);
  assert.deepEqual(new Set(people.map((person) => person.sex)), new Set(['男', '女']));
});

test('validity follows the issuing rules (5, 10, 20 years or 长期 at 46+), every card current to 2031', () => {
  const spans = new Set<string>();
  for (const person of people) {
    const span = validitySpan(ageAt(person, person.validFrom));
    spans.add(String(span));
    assert.ok(key(person.validFrom) <= 20260630 && key(person.validFrom) > key({ y: person.birth.year, m: person.birth.month, d: person.birth.day }));
    if (span === 'long') assert.equal(person.validTo, 'long');
    else {
      assert.notEqual(person.validTo, 'long');
      assert.deepEqual(person.validTo, { ...person.validFrom, y: person.validFrom.y + span });
      assert.ok(key(person.validTo as SimpleDate) >= 20310101);
    }
    assert.match(fieldsOf(person).validDate, /^\d{4}\.\d\d\.\d\d-(\d{4}\.\d\d\.\d\d|长期)$/u);
    assert.match(fieldsOf(person).birth, /^\d{4}\/[1-9]\d?\/[1-9]\d?$/u);
  }
  assert.deepEqual(spans, new Set(['5', '10', '20', 'long']));
});

test('expired and impossible validities, the number still valid', () => {
  for (const person of people.slice(0, 40)) {
    const expired = expiredPerson(person);
    assert.notEqual(expired.validTo, 'long');
    assert.ok(key(expired.validTo as SimpleDate) < 20260101, fieldsOf(expired).validDate);
    assert.equal(validitySpan(ageAt(expired, expired.validFrom)), (expired.validTo as SimpleDate).y - expired.validFrom.y);
    assert.equal(expired.idNum[17], checkOf(expired.idNum.slice(0, 17)));
    assert.equal(expired.idNum.slice(6, 10), String(expired.birth.year));
  }
  const person = people[0]!;
  const backwards = impossibleValidity(person, 'end-before-start');
  assert.ok(backwards.validTo !== 'long' && key(backwards.validTo) < key(backwards.validFrom));
  assert.match(fieldsOf(impossibleValidity(person, 'no-such-date')).validDate, /^\d{4}\.02\.30-/u);
  const seven = impossibleValidity(person, 'wrong-span');
  assert.equal((seven.validTo as SimpleDate).y - seven.validFrom.y, 7);
  const young = impossibleValidity(person, 'long-too-young');
  assert.equal(young.validTo, 'long');
  assert.ok(ageAt(young, young.validFrom) < 46);
});

test('renderCard gives the straightened 856 x 540 card: the emblem red, the portrait a silhouette, the temporary card a sand tint', async () => {
  const person = people[3]!;
  const front = await decode(await renderCard(person, 'FRONT'));
  const back = await decode(await renderCard(person, 'BACK'));
  const temporary = await decode(await renderCard(person, 'FRONT', { temporary: true }));
  for (const card of [front, back, temporary]) assert.deepEqual([card.width, card.height], [cardWidth, cardHeight]);
  const [r, g, b] = rgbAt(back, { x: centre(backLayout.emblem).x - 30, y: centre(backLayout.emblem).y + 10 });
  assert.ok(r > 150 && g < 90 && b < 90, `emblem ${r},${g},${b}`);
  assert.ok(luminance(rgbAt(front, centre(frontLayout.portrait))) < 190, 'the silhouette is darker than the card');
  const plain = { x: 600, y: 420 };
  const [fr, , fb] = rgbAt(front, plain);
  const [tr, , tb] = rgbAt(temporary, plain);
  assert.ok(fb > fr && tr > tb, `front ${fr}/${fb}, temporary ${tr}/${tb}`);
  // The specimen mark lies in no field.
  for (const corner of [{ x: specimenMarkRegion.x, y: specimenMarkRegion.y }, { x: specimenMarkRegion.x + specimenMarkRegion.width, y: specimenMarkRegion.y + specimenMarkRegion.height }]) {
    assert.equal(partOfCard('FRONT', corner.x, corner.y), 'Others');
    assert.equal(partOfCard('BACK', corner.x, corner.y), 'Others');
  }
});

test('every value is drawn inside its field\'s region of the public layout (the regions the reader takes words from)', () => {
  const regions = { ...frontLayout, ...backLayout } as Record<string, { x: number; y: number; width: number; height: number }>;
  const longest = [...people].sort((a, b) => addressLines(b.address).length - addressLines(a.address).length || b.nation.length - a.nation.length);
  for (const person of [...longest.slice(0, 10), ...people.slice(0, 10)]) {
    for (const side of ['FRONT', 'BACK'] as const) {
      for (const [field, runs] of Object.entries(valueRuns(person, side))) {
        const region = regions[field]!;
        for (const run of runs) {
          const box = runBox(run);
          assert.ok(box.x >= region.x && box.x + box.width <= region.x + region.width && box.y >= region.y && box.y + box.height <= region.y + region.height, `${field} ${run.text}: ${JSON.stringify(box)} outside ${JSON.stringify(region)}`);
        }
      }
    }
  }
});

/** The median luminance of a 7 x 7 window: thin print (the specimen mark in a corner) does not decide it. */
const medianLuminance = (raw: Raw, point: Point) => {
  const values: number[] = [];
  for (let dx = -3; dx <= 3; dx += 1) for (let dy = -3; dy <= 3; dy += 1) values.push(luminance(rgbAt(raw, { x: point.x + dx, y: point.y + dy })));
  return values.sort((a, b) => a - b)[24]!;
};

test('photoOfCard reports the corners where the card is, in the card\'s own order, at any angle and in perspective', async () => {
  const person = people[5]!;
  const back = await renderCard(person, 'BACK');
  const cases = [
    { angle: 0 },
    { angle: 90, cardWidth: 640 },
    { angle: 180, seed: 2 },
    { angle: -33, perspective: [{ x: 30, y: 20 }, { x: -40, y: 25 }, { x: 15, y: -10 }, { x: -5, y: 0 }] as const, seed: 3 },
    { angle: 200, cardWidth: 500, centre: { x: 500, y: 420 }, seed: 4, format: 'jpeg' as const, quality: 85 },
  ];
  for (const options of cases) {
    const photo = await photoOfCard(back, options);
    const raw = await decode(photo.image);
    assert.deepEqual([raw.width, raw.height], [1280, 960]);
    const middle = middleOf(photo.corners);
    for (const corner of photo.corners) {
      assert.ok(medianLuminance(raw, toward(corner, middle, 30)) > 190, `inside near ${JSON.stringify(corner)} at ${options.angle}°`);
      assert.ok(medianLuminance(raw, toward(corner, middle, -25)) < 170, `outside near ${JSON.stringify(corner)} at ${options.angle}°`);
    }
    // The order: the emblem (the card's top-left) is where the map puts it.
    const [r, g] = rgbAt(raw, cardToPhoto(photo, { x: centre(backLayout.emblem).x - 30, y: centre(backLayout.emblem).y + 10 }));
    assert.ok(r > 140 && g < 100, `emblem at ${options.angle}°: ${r},${g}`);
  }
});

test('variants: photocopies, a reshoot, a crop, glare, a finger, tampering; each the expected size', async () => {
  const person = people[7]!;
  const front = await renderCard(person, 'FRONT');
  const photo = await photoOfCard(front, { angle: 8, seed: 5 });
  const original = await decode(photo.image);
  const size = async (variant: CardPhoto) => {
    const raw = await decode(variant.image);
    assert.deepEqual([raw.width, raw.height], [variant.width, variant.height]);
    return raw;
  };

  const grey = await size(await greyPhotocopy(photo));
  assert.deepEqual([grey.width, grey.height], [photo.width, photo.height]);
  const inside = cardToPhoto(photo, { x: 600, y: 420 });
  const [gr, gg, gb] = rgbAt(grey, inside);
  assert.ok(gr === gg && gg === gb, 'grey');
  const paper = rgbAt(grey, { x: 20, y: 20 });
  assert.ok(luminance(paper) > 220, `paper ${paper}`);

  const colour = await size(await colourPhotocopy(photo));
  assert.deepEqual([colour.width, colour.height], [photo.width, photo.height]);
  const saturation = ([r, g, b]: [number, number, number]) => Math.max(r, g, b) - Math.min(r, g, b);
  const emblemLike = cardToPhoto(photo, { x: centre(frontLayout.portrait).x, y: frontLayout.portrait.y + 330 }); // the shoulders
  assert.ok(saturation(rgbAt(colour, emblemLike)) < saturation(rgbAt(original, emblemLike)) + 4);
  assert.ok(luminance(rgbAt(colour, { x: 20, y: 20 })) > 220, 'paper');

  // The reshoot: colour fringes (R-G varies) across a plain part of the card, far more than in the photo.
  const reshoot = await size(await screenReshoot(photo));
  assert.deepEqual([reshoot.width, reshoot.height], [photo.width, photo.height]);
  const spread = (raw: Raw) => {
    const values: number[] = [];
    for (let dx = 0; dx < 60; dx += 1) for (let dy = 0; dy < 30; dy += 1) {
      const [r, g] = rgbAt(raw, { x: inside.x + dx, y: inside.y + dy });
      values.push(r - g);
    }
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
  };
  assert.ok(spread(reshoot) > spread(original) * 2 + 3, `moire ${spread(reshoot)} vs ${spread(original)}`);

  // Cropped on the right: 15% of the card's extent outside, the corners moved with the cut.
  const cropped = await croppedBorder(photo, { side: 'right', fraction: 0.15 });
  await size(cropped);
  const xs = photo.corners.map((p) => p.x);
  const extent = Math.max(...xs) - Math.min(...xs);
  assert.equal(cropped.height, photo.height);
  assert.ok(Math.abs(Math.max(...cropped.corners.map((p) => p.x)) - cropped.width - 0.15 * extent) < 1);
  const left = await croppedBorder(photo, { side: 'left', fraction: 0.2 });
  await size(left);
  assert.ok(Math.abs(-Math.min(...left.corners.map((p) => p.x)) - 0.2 * extent) < 1);
  assert.equal(left.width + Math.round(Math.min(...xs) + 0.2 * extent), photo.width);

  // Glare: white at its centre, in the part of the card named.
  for (const where of ['portrait', 'field'] as const) {
    const glared = await size(await glare(photo, { where }));
    const at = glareCentre({ where });
    assert.equal(partOfCard('FRONT', at.x, at.y), where === 'portrait' ? 'Portrait' : 'RecognitionField');
    assert.ok(rgbAt(glared, cardToPhoto(photo, at)).every((c) => c > 240), where);
  }
  assert.equal(partOfCard('BACK', glareCentre({ where: 'emblem' }).x, glareCentre({ where: 'emblem' }).y), 'NationalEmblem');
  assert.equal(partOfCard('BACK', glareCentre({ where: 'field', side: 'BACK' }).x, glareCentre({ where: 'field', side: 'BACK' }).y), 'RecognitionField');
  const onCard = await decode((await glare(asPhoto(front), { where: 'portrait' })).image);
  assert.deepEqual([onCard.width, onCard.height], [cardWidth, cardHeight]);

  // A finger: skin where its tip is.
  const fingered = await size(await occluded(photo, { edge: 'bottom', at: 0.4 }));
  const finger = fingerOnCard({ edge: 'bottom', at: 0.4 });
  const [fr, fg, fb] = rgbAt(fingered, cardToPhoto(photo, { x: finger.base.x + finger.direction.x * (finger.reach - 20), y: finger.base.y + finger.direction.y * (finger.reach - 20) }));
  assert.ok(fr > fg && fg > fb && fr - fb > 40, `skin ${fr},${fg},${fb}`);

  // Tampered: the name pasted over, the rest of the card as it was.
  const forged = await tampered(front, person, 'name');
  assert.notEqual(forged.shown.name, person.name);
  const [a, b] = [await decode(front), await decode(forged.card)];
  assert.deepEqual([b.width, b.height], [cardWidth, cardHeight]);
  assert.notDeepEqual(rgbAt(a, { x: 150, y: 78 }), rgbAt(b, { x: 150, y: 78 }));
  assert.deepEqual(rgbAt(a, centre(frontLayout.idNum)), rgbAt(b, centre(frontLayout.idNum)));
  const date = await tampered(await renderCard(person, 'BACK'), person, 'validDate');
  assert.notEqual(fieldsOf(date.shown).validDate, fieldsOf(person).validDate);
});
