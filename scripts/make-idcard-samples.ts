/**
 * Writes a handful of SYNTHETIC identity card specimens (fictional people, drawn at run time by
 * test/helpers/synthetic-idcard.ts) and their variants into a folder, for people to look at; the
 * tests make their own and none is committed.
 *   node --import tsx scripts/make-idcard-samples.ts [folder]   (default /tmp/idcard-samples)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  asPhoto,
  colourPhotocopy,
  croppedBorder,
  expiredPerson,
  fieldsOf,
  glare,
  greyPhotocopy,
  impossibleValidity,
  occluded,
  photoOfCard,
  renderCard,
  screenReshoot,
  syntheticPeople,
  tampered,
  type CardPhoto,
} from '../test/helpers/synthetic-idcard.js';

const folder = path.resolve(process.argv[2] ?? '/tmp/idcard-samples');
await mkdir(folder, { recursive: true });
const written: string[] = [];
const save = async (name: string, image: Buffer | CardPhoto) => {
  const photo = Buffer.isBuffer(image) ? null : image;
  const file = path.join(folder, `${name}.${photo?.format === 'jpeg' ? 'jpg' : 'png'}`);
  await writeFile(file, photo ? photo.image : (image as Buffer));
  written.push(file);
};

const people = syntheticPeople(6, 2026);
const [first, second, third] = [people[0]!, people[1]!, people[2]!];
await writeFile(path.join(folder, 'people.json'), `${JSON.stringify(people.map((person) => ({ ...person, fields: fieldsOf(person) })), null, 2)}\n`);

for (const [index, person] of people.slice(0, 3).entries()) {
  await save(`card-${index}-front`, await renderCard(person, 'FRONT'));
  await save(`card-${index}-back`, await renderCard(person, 'BACK'));
}
await save('card-temporary-front', await renderCard(second, 'FRONT', { temporary: true }));
await save('card-temporary-back', await renderCard(second, 'BACK', { temporary: true }));

const front = await renderCard(first, 'FRONT');
const back = await renderCard(first, 'BACK');
const tilted = await photoOfCard(front, { angle: -9, perspective: [{ x: 20, y: 10 }, { x: -25, y: 18 }, { x: 10, y: -6 }, { x: -8, y: 0 }], format: 'jpeg', quality: 85, seed: 3 });
await save('photo-front-tilted', tilted);
await save('photo-back-upside-down', await photoOfCard(back, { angle: 180, cardWidth: 620, centre: { x: 600, y: 500 }, seed: 4, format: 'jpeg', quality: 80 }));
await save('photo-front-sideways-blurred', await photoOfCard(await renderCard(third, 'FRONT'), { angle: 90, cardWidth: 720, blur: 1.6, seed: 5 }));
await save('photo-front-small-strong-perspective', await photoOfCard(front, { cardWidth: 480, angle: 25, perspective: [{ x: 40, y: 30 }, { x: -40, y: 30 }, { x: 0, y: 0 }, { x: 0, y: 0 }], seed: 6, format: 'jpeg', quality: 70 }));

await save('grey-photocopy', await greyPhotocopy(tilted));
await save('colour-photocopy', await colourPhotocopy(await photoOfCard(back, { angle: 4, seed: 7 })));
await save('screen-reshoot', await screenReshoot(await photoOfCard(front, { angle: 3, seed: 8 })));
await save('cropped-right', await croppedBorder(tilted, { side: 'right', fraction: 0.15 }));
await save('glare-portrait', await glare(tilted, { where: 'portrait' }));
await save('glare-emblem', await glare(await photoOfCard(back, { angle: 7, seed: 9 }), { where: 'emblem' }));
await save('glare-field-card', await glare(asPhoto(front), { where: 'field' }));
await save('occluded', await occluded(tilted, { edge: 'bottom', at: 0.35 }));
const forged = await tampered(front, first, 'name');
await save('tampered-name', forged.card);
await save('tampered-valid-date', (await tampered(back, first, 'validDate')).card);
await save('expired-back', await renderCard(expiredPerson(first), 'BACK'));
await save('impossible-back', await renderCard(impossibleValidity(first, 'no-such-date'), 'BACK'));

process.stdout.write(`${written.length} SYNTHETIC samples in ${folder} (people in people.json):\n${written.map((file) => `  ${path.basename(file)}`).join('\n')}\n`);
