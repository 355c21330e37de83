import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { corpusPath } from '../helpers/fixture-corpus.js';
import { fieldsOf, photoOfCard, renderCard, syntheticPeople, type SyntheticPerson } from '../helpers/synthetic-idcard.js';
import { dropFiles, screenshotFolder, startUiSession, type UiSession } from '../helpers/ui-session.js';

// The ID card on the Recognize page as a person uses it, with SYNTHETIC cards drawn now
// (test/helpers/synthetic-idcard.ts: a fictional person, photographed on a desk): the form beside
// the photo, the checks and warnings in words, and the refusals in words in both languages.
let session: UiSession;
let page: Page;
let person: SyntheticPerson;

before(async () => {
  session = await startUiSession();
  page = session.page;
  [person] = syntheticPeople(1, 2026) as [SyntheticPerson];
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.baseUrl });
  await page.goto(session.loginLink);
  await page.getByRole('navigation').getByRole('button', { name: 'Recognize' }).waitFor();
});

after(async () => {
  await session?.close();
});

const recognize = () => page.locator('.recognize');
const items = () => page.getByTestId('queue-item');
const field = (name: string) => page.locator(`[data-testid="card-form"] [data-field="${name}"]`).locator('input, textarea');
/** A photo of one side of the person's card, a little turned and in perspective, as a JPEG. */
const photo = async (side: 'FRONT' | 'BACK') =>
  (
    await photoOfCard(await renderCard(person, side), {
      angle: side === 'FRONT' ? 4 : -3,
      perspective: [
        { x: 8, y: -6 },
        { x: -10, y: 4 },
        { x: 6, y: 8 },
        { x: -4, y: -2 },
      ],
      format: 'jpeg',
      seed: side === 'FRONT' ? 3 : 5,
    })
  ).image;
/** Waits until the queue's `index`th item has finished (a card reads in about 0.5-2 s; the first warms the engine). */
const finished = async (index: number) => {
  await page.waitForFunction(`['done', 'failed'].includes(document.querySelectorAll('[data-testid="queue-item"]')[${index}]?.getAttribute('data-status'))`, null, { timeout: 90_000 });
  return items().nth(index).getAttribute('data-status');
};
const chooseSide = (label: string) => recognize().getByLabel('Card side').selectOption({ label });

test('the ID card service is offered, with its side choice instead of the text language', async () => {
  // The options' section is named "Service" too: the menu is the select in its label.
  const service = recognize().locator('label', { hasText: 'Service' }).locator('select');
  assert.equal(await service.locator('option[value="idcard"]').isDisabled(), false, 'available now');
  assert.equal(await service.locator('option[value="idcard"]').innerText(), 'ID card');
  await service.selectOption('idcard');
  assert.deepEqual(await recognize().getByLabel('Card side').locator('option').allInnerTexts(), ['Either side (decided from the card)', 'Front (portrait side)', 'Back (national emblem side)']);
  assert.equal(await recognize().getByLabel('Text language').count(), 0);
});

test('a front: the form shows the person as printed, the head photo, the checks and "No warnings"; copy as JSON', async () => {
  const expected = fieldsOf(person);
  await dropFiles(page, '[data-testid="drop-zone"]', [{ name: 'card-front.jpg', type: 'image/jpeg', bytes: await photo('FRONT') }]);
  assert.equal(await finished(0), 'done', await items().nth(0).innerText());
  await page.getByTestId('card-form').waitFor();
  assert.equal(await field('name').inputValue(), expected.name);
  assert.equal(await field('idNum').inputValue(), expected.idNum);
  assert.equal(await field('address').inputValue(), expected.address);
  assert.equal(await field('sex').inputValue(), expected.sex);
  assert.equal(await field('birth').inputValue(), expected.birth);
  // The card's labels, in its order, with the English names in the English UI.
  assert.deepEqual(await page.locator('[data-testid="card-form"] label').allInnerTexts(), [
    '姓名 Name',
    '性别 Sex',
    '民族 Ethnic group',
    '出生 Date of birth',
    '住址 Address',
    '公民身份号码 Citizen identity number',
  ]);
  assert.equal(await page.getByRole('textbox', { name: '公民身份号码 Citizen identity number', exact: true }).inputValue(), expected.idNum, 'each input is labelled');
  assert.match(await page.getByTestId('card-side').innerText(), /Front \(portrait side\)/u);
  const checks = await page.getByTestId('card-checks').innerText();
  assert.match(checks, /Check digit valid/u);
  assert.match(checks, /Birth matches the number/u);
  assert.match(checks, /Sex matches the number/u);
  assert.match(checks, /Region: \S+|Region code not in the division table \(reported, not an error\)/u);
  assert.equal(await page.getByTestId('card-warnings').innerText(), 'No warnings');
  assert.match((await page.getByTestId('head-photo').getAttribute('src')) ?? '', /^data:image\/jpeg;base64,/u);
  assert.match(await page.getByTestId('card-quality').innerText(), /^Quality: \d+$/u);
  // The photo is the file itself, with the card's outline (four corners) over it.
  assert.match((await page.locator('.idcard-result .overlay-frame img').getAttribute('src')) ?? '', /^blob:/u);
  assert.equal((((await page.locator('[data-testid="card-outline"] polygon').getAttribute('points')) ?? '').trim().split(/\s+/u)).length, 4);

  await page.getByRole('button', { name: 'Copy JSON' }).click();
  await page.getByRole('button', { name: 'Copied' }).waitFor();
  const copied = JSON.parse(String(await page.evaluate('navigator.clipboard.readText()'))) as { side: string; fields: { name: string; idNum: string } };
  assert.deepEqual([copied.side, copied.fields.name, copied.fields.idNum], ['FRONT', expected.name, expected.idNum]);
  await page.getByRole('button', { name: `Copy 姓名 Name` }).click();
  assert.equal(await page.evaluate('navigator.clipboard.readText()'), expected.name);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(screenshotFolder, 'idcard-front.png'), fullPage: true });
});

test('a back, with the back side chosen: the issuing authority and the period of validity', async () => {
  const expected = fieldsOf(person);
  await chooseSide('Back (national emblem side)');
  await dropFiles(page, '[data-testid="drop-zone"]', [{ name: 'card-back.jpg', type: 'image/jpeg', bytes: await photo('BACK') }]);
  assert.equal(await finished(1), 'done', await items().nth(1).innerText());
  await items().nth(1).getByRole('button', { name: 'card-back.jpg' }).click();
  await page.getByTestId('card-side').filter({ hasText: 'Back (national emblem side)' }).waitFor();
  assert.deepEqual(await page.locator('[data-testid="card-form"] label').allInnerTexts(), ['签发机关 Issuing authority', '有效期限 Period of validity']);
  assert.equal(await field('authority').inputValue(), expected.authority);
  assert.equal(await field('validDate').inputValue(), expected.validDate);
  assert.match(await page.getByTestId('card-checks').innerText(), /Period of validity well formed/u);
  assert.equal(await page.getByTestId('card-warnings').innerText(), 'No warnings');
  assert.equal(await page.getByTestId('head-photo').count(), 0, 'no head photo on the back');
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(screenshotFolder, 'idcard-back.png'), fullPage: true });
});

test('refusals in words: a front when the back is asked for, and a page that is no card', async () => {
  // The back is still chosen: a front is refused as the wrong side, in words that name the choice.
  await dropFiles(page, '[data-testid="drop-zone"]', [{ name: 'front-again.jpg', type: 'image/jpeg', bytes: await photo('FRONT') }]);
  assert.equal(await finished(2), 'failed');
  assert.match(await items().nth(2).getByRole('status').innerText(), /^The photo shows the other side of the card than the one chosen: Back \(national emblem side\)$/u);
  await chooseSide('Either side (decided from the card)');
  // A TIFF of printed text: no card in it (and shown from no preview, as nothing was read).
  await dropFiles(page, '[data-testid="drop-zone"]', [{ name: 'phototest.tif', type: 'image/tiff', bytes: await readFile(corpusPath('phototest.tif')) }]);
  assert.equal(await finished(3), 'failed');
  assert.equal(await items().nth(3).getByRole('status').innerText(), 'Not an identity card: no resident identity card of the Chinese mainland was found in the image.');
  await page.screenshot({ path: path.join(screenshotFolder, 'idcard-errors.png'), fullPage: true });
});

test('a TIFF of a card, which a browser cannot show, is shown from the server\'s preview with the card\'s outline', async () => {
  const tiff = await sharp(await photo('FRONT')).tiff().toBuffer();
  await dropFiles(page, '[data-testid="drop-zone"]', [{ name: 'card-front.tif', type: 'image/tiff', bytes: tiff }]);
  assert.equal(await finished(4), 'done', await items().nth(4).innerText());
  await items().nth(4).getByRole('button', { name: 'card-front.tif' }).click();
  await page.locator('.idcard-result .file-name', { hasText: 'card-front.tif' }).waitFor();
  assert.match((await page.locator('.idcard-result .overlay-frame img').getAttribute('src')) ?? '', /^data:image\/png;base64,/u);
  await page.getByTestId('card-outline').waitFor();
  assert.equal(await field('idNum').inputValue(), fieldsOf(person).idNum);
});

test('in Chinese: the card\'s labels alone, the checks, warnings and refusals in Chinese; fits 1280x800; no console errors', async () => {
  await page.getByLabel('Language', { exact: true }).selectOption('zh-CN');
  await items().nth(0).getByRole('button', { name: 'card-front.jpg' }).click();
  assert.deepEqual(await page.locator('[data-testid="card-form"] label').allInnerTexts(), ['姓名', '性别', '民族', '出生', '住址', '公民身份号码']);
  assert.match(await page.getByTestId('card-checks').innerText(), /校验码正确/u);
  assert.equal(await page.getByTestId('card-warnings').innerText(), '无告警');
  assert.equal(await items().nth(3).getByRole('status').innerText(), '不是身份证：图片中未找到中国大陆居民身份证。');
  assert.match(await items().nth(2).getByRole('status').innerText(), /^照片中的证件面与所选的不一致，所选：国徽面$/u);
  const overflow = await page.evaluate('document.scrollingElement.scrollWidth - window.innerWidth');
  assert.ok(Number(overflow) <= 0, `the Recognize page with a card is ${overflow} px too wide`);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(screenshotFolder, 'idcard-zh.png'), fullPage: true });
  // A refused reading shows in the console as a resource error (4xx); nothing else may.
  assert.deepEqual(session.consoleErrors.filter((message) => !/status of 4\d\d/u.test(message)), []);
});
