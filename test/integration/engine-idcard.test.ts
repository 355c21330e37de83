import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import sharp from 'sharp';
import { createEngine } from '../../main/engine/create-engine.js';
import { allIdCardWarnings, idCardWarnings } from '../../shared/idcard-result.js';
import { corpusPath } from '../helpers/fixture-corpus.js';
import { fieldsOf, fieldsOnSide, greyPhotocopy, glare, photoOfCard, renderCard, syntheticPeople } from '../helpers/synthetic-idcard.js';
import { evalToday, everydayPhoto } from '../bench/eval-idcard.js';

// Identity cards through the real engine. The cards are SYNTHETIC (test/helpers/synthetic-idcard.ts,
// fictional people, drawn at test time): ../shared/corpus/idcard is not on these machines.
const engine = createEngine({ workers: 2 });
after(() => engine.close());
const [person, other] = syntheticPeople(2, 31);
const everyWarning = new Set(allIdCardWarnings);

test('the front, photographed turned and in perspective, and the back, upside down: every field exact, the checks hold, no warning', async () => {
  for (const [side, index] of [['FRONT', 1], ['BACK', 3]] as const) {
    const photo = await everydayPhoto(await renderCard(person!, side), index);
    const read = await engine.recognizeIdCard({ kind: 'bytes', bytes: photo.image }, { today: evalToday, warnings: everyWarning, cropPortrait: true, cropCard: true });
    assert.ok(read.ok, read.ok ? '' : read.error.message);
    assert.equal(read.value.side, side);
    const expected = fieldsOf(person!);
    for (const field of fieldsOnSide[side]) assert.equal(read.value.fields[field], expected[field], field);
    assert.deepEqual(read.value.warnings, [], 'a clean card raises no warning');
    if (side === 'FRONT') {
      // Birth and Sex are exact above either as read or as the number's check character corrected them.
      assert.equal(read.value.checks.checkDigitValid, true);
      assert.ok(read.value.checks.region && expected.address.startsWith(read.value.checks.region.slice(0, 2)), `region ${read.value.checks.region}`);
      const portrait = await sharp(read.value.portraitJpeg!).metadata();
      assert.equal(portrait.format, 'jpeg');
      assert.equal(read.value.fields.authority, '', 'the other side\'s fields are empty');
    } else {
      assert.equal(read.value.checks.validDateWellFormed, true);
      assert.equal(read.value.portraitJpeg, undefined, 'no head photo on the back');
    }
    assert.deepEqual(await sharp(read.value.cardJpeg!).metadata().then((meta) => [meta.width, meta.height]), [856, 540]);
    assert.ok(read.value.quality >= 50, `quality ${read.value.quality}`);
  }
});

test('both sides in one photo are read together with MultiCardDetect; two fronts are refused', async () => {
  const front = await renderCard(person!, 'FRONT');
  const back = await renderCard(person!, 'BACK');
  const place = async (first: Buffer, second: Buffer) => {
    const left = await photoOfCard(first, { width: 900, height: 700, cardWidth: 600, angle: 3, shadow: false });
    const right = await photoOfCard(second, { width: 900, height: 700, cardWidth: 600, angle: -4, shadow: false });
    return sharp({ create: { width: 1800, height: 700, channels: 3, background: '#5b4a3c' } })
      .composite([
        { input: left.image, left: 0, top: 0 },
        { input: right.image, left: 900, top: 0 },
      ])
      .jpeg({ quality: 90 })
      .toBuffer();
  };
  const both = await engine.recognizeIdCard({ kind: 'bytes', bytes: await place(front, back) }, { today: evalToday, multiCard: true });
  assert.ok(both.ok, both.ok ? '' : both.error.message);
  const expected = fieldsOf(person!);
  assert.equal(both.value.fields.idNum, expected.idNum);
  assert.equal(both.value.fields.validDate, expected.validDate);
  const twoFronts = await engine.recognizeIdCard({ kind: 'bytes', bytes: await place(front, await renderCard(other!, 'FRONT')) }, { today: evalToday });
  assert.equal(twoFronts.ok ? 'ok' : twoFronts.error.code, 'MultipleCards');
});

test('warnings asked for are raised by their own measures: a grey photocopy, glare over the portrait; only when asked', async () => {
  const photo = await everydayPhoto(await renderCard(person!, 'FRONT'), 2);
  const copy = await engine.recognizeIdCard({ kind: 'bytes', bytes: (await greyPhotocopy(photo, 2)).image }, { today: evalToday, warnings: everyWarning });
  assert.ok(copy.ok);
  assert.deepEqual([...copy.value.warnings].sort(), [idCardWarnings.photocopy, idCardWarnings.photocopyGrey].sort());
  const glared = await engine.recognizeIdCard({ kind: 'bytes', bytes: (await glare(photo, { where: 'portrait' })).image }, { today: evalToday, warnings: new Set(['reflection'] as const), reflectionDetail: true });
  assert.ok(glared.ok);
  assert.deepEqual(glared.value.warnings, [idCardWarnings.reflection]);
  assert.deepEqual(glared.value.reflections, ['Portrait']);
  const notAsked = await engine.recognizeIdCard({ kind: 'bytes', bytes: (await greyPhotocopy(photo, 2)).image }, { today: evalToday });
  assert.ok(notAsked.ok);
  assert.deepEqual(notAsked.value.warnings, []);
});

test('what is not a card is refused with a code: a page of text, the wrong side asked for, a PDF', async () => {
  const page = await engine.recognizeIdCard({ kind: 'path', path: corpusPath('phototest.tif') }, { today: evalToday });
  assert.equal(page.ok ? 'ok' : page.error.code, 'NoIdCard');
  const back = await everydayPhoto(await renderCard(person!, 'BACK'), 0);
  const wrongSide = await engine.recognizeIdCard({ kind: 'bytes', bytes: back.image }, { today: evalToday, side: 'FRONT' });
  assert.equal(wrongSide.ok ? 'ok' : wrongSide.error.code, 'CardSideMismatch');
  const pdf = await engine.recognizeIdCard({ kind: 'path', path: corpusPath('derived-two-pages.pdf') }, { today: evalToday });
  assert.equal(pdf.ok ? 'ok' : pdf.error.code, 'UnsupportedFormat');
});
