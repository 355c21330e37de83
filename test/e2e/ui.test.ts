import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { systemClock } from '../../main/platform/clock.js';
import { openWorkspace } from '../../main/services/open-workspace.js';
import { sdkClient } from '../helpers/api-server.js';
import { corpusPath } from '../helpers/fixture-corpus.js';
import { meterCalls } from '../helpers/metered-calls.js';
import { dropFiles as dropOn, repositoryRoot as root, screenshotFolder as screenshots, startUiSession, type UiSession } from '../helpers/ui-session.js';

// The UI as a person uses it: Debian's Chromium against a real `serve` process with a fresh data
// directory, the real engine behind it, signed in through the link the server printed.
const bin = path.join(root, 'bin/ocr-desk.js');
let session: UiSession;
let directory = '';
let baseUrl = '';
let loginLink = '';
let browser: Browser;
let page: Page;
let consoleErrors: string[] = [];

const cli = (args: string[]) => session.cli(args);

before(async () => {
  session = await startUiSession({
    // A month of handwriting calls already metered (through billing itself, before the server owns
    // the directory): 801 of the free 1,000, so the package is below 20% and its alert is waiting.
    seed: async (fresh) => {
      const seeded = await openWorkspace({ directory: fresh, clock: systemClock, role: 'test-seed', machineId: null });
      if (!seeded.ok) throw new Error(seeded.error.message);
      if ((await meterCalls(seeded.value.billing, 'handwriting', 801)) !== 801) throw new Error('seeding failed');
      await seeded.value.close();
    },
  });
  ({ directory, baseUrl, loginLink, browser, page, consoleErrors } = session);
});

after(async () => {
  await session?.close();
});

const dropFiles = (selector: string, files: Array<{ name: string; type: string; bytes: Buffer }>) => dropOn(page, selector, files);

test('the printed sign-in link opens a root session once; it cannot be used again', async () => {
  const other = await browser.newContext();
  await page.goto(loginLink);
  await page.getByRole('navigation').getByRole('button', { name: 'Recognize' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
  const replay = await other.newPage();
  const second = await replay.goto(loginLink);
  assert.equal(second?.status(), 401, 'a used link opens nothing');
  await other.close();
});

test('Recognize: dropped files are read, a corrupt one fails with its message and the next succeeds; boxes are drawn over the image', async () => {
  // Scoped: the Tables page, kept mounted while hidden, has a language menu of the same name.
  await page.locator('.recognize').getByLabel('Text language').selectOption('eng');
  const progressAnswers: number[] = [];
  page.on('response', (response) => response.url().includes('/console/api/progress/') && progressAnswers.push(response.status()));
  await dropFiles('[data-testid="drop-zone"]', [
    { name: 'broken.png', type: 'image/png', bytes: Buffer.from('this is not an image at all') },
    { name: 'white-on-black.png', type: 'image/png', bytes: await readFile(corpusPath('derived-testocr-white-on-black.png')) },
    { name: 'node-tesseract.png', type: 'image/png', bytes: await readFile(corpusPath('node-tesseract.png')) },
    { name: 'magazine.tif', type: 'image/tiff', bytes: await readFile(corpusPath('unlv-8071_093.3B.tif')) },
  ]);
  const items = page.getByTestId('queue-item');
  await page.waitForFunction(`[...document.querySelectorAll('[data-testid="queue-item"]')].every((item) => ['done', 'failed'].includes(item.getAttribute('data-status')))`, null, { timeout: 60_000 });
  assert.equal(await items.nth(0).getAttribute('data-status'), 'failed');
  assert.match(await items.nth(0).innerText(), /not an image|format|decode/iu);
  assert.equal(await items.nth(1).getAttribute('data-status'), 'done');
  assert.equal(await items.nth(2).getAttribute('data-status'), 'done');
  assert.equal(await items.nth(3).getAttribute('data-status'), 'done');
  assert.ok(progressAnswers.includes(200), `the long page's reading progress was followed: ${progressAnswers.join()}`);
  // A result: its text, and one box per line over the image.
  await items.nth(1).getByRole('button', { name: 'white-on-black.png' }).click();
  const text = await page.getByTestId('result-text').innerText();
  assert.match(text, /quick brown dog/u);
  const lines = await page.getByTestId('result-text').locator('li').count();
  assert.equal(await page.locator('[data-testid="line-boxes"] polygon').count(), lines);
  // Hovering a box highlights its line.
  await page.locator('[data-testid="line-boxes"] polygon').first().hover();
  assert.match((await page.getByTestId('result-text').locator('li').first().getAttribute('class')) ?? '', /hovered/u);
  await page.screenshot({ path: path.join(screenshots, 'recognize.png'), fullPage: true });
  // The other result, by selecting it in the queue.
  await items.nth(2).getByRole('button', { name: 'node-tesseract.png' }).click();
  assert.match(await page.getByTestId('result-text').innerText(), /tesseract/iu);
  // A TIFF, which a browser cannot show, comes with a preview from the server, boxes over it.
  await items.nth(3).getByRole('button', { name: 'magazine.tif' }).click();
  assert.match((await page.locator('.overlay-frame img').getAttribute('src')) ?? '', /^data:image\/png;base64,/u);
  assert.ok((await page.locator('[data-testid="line-boxes"] polygon').count()) > 10);
  await page.screenshot({ path: path.join(screenshots, 'recognize-tiff.png'), fullPage: true });
  // Keyboard: a focused line outlines its box.
  await page.getByTestId('result-text').locator('li').nth(2).focus();
  assert.match((await page.locator('[data-testid="line-boxes"] polygon').nth(2).getAttribute('class')) ?? '', /hovered/u);
});

test('Recognize: a two-page PDF is read page by page, each with its preview and boxes', async () => {
  await dropFiles('[data-testid="drop-zone"]', [{ name: 'two-pages.pdf', type: 'application/pdf', bytes: await readFile(corpusPath('derived-two-pages.pdf')) }]);
  const pages = page.getByTestId('queue-item').filter({ hasText: 'two-pages.pdf' });
  await page.waitForFunction(`[...document.querySelectorAll('[data-testid="queue-item"]')].filter((item) => item.textContent.includes('two-pages.pdf')).length === 2 && [...document.querySelectorAll('[data-testid="queue-item"]')].every((item) => ['done', 'failed'].includes(item.getAttribute('data-status')))`, null, { timeout: 60_000 });
  assert.equal(await pages.count(), 2);
  await pages.nth(1).getByRole('button', { name: 'two-pages.pdf (2/2)' }).click();
  assert.match(await page.getByTestId('result-text').innerText(), /quick brown dog/u);
  assert.match((await page.locator('.overlay-frame img').getAttribute('src')) ?? '', /^data:image\/png;base64,/u);
  assert.ok((await page.locator('[data-testid="line-boxes"] polygon').count()) >= 8);
});

test('Packages: a licence file imported by the picker shows its balance', async () => {
  const licenceFile = path.join(directory, '..', `licence-${path.basename(directory)}.json`);
  const issued = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, [bin, 'license', 'issue', '--private-key', path.join(root, 'test/fixtures/licence/development-private-key.pem'), '--service', 'general-basic', '--calls', '500'], (error, stdout) => (error ? reject(error) : resolve(stdout))),
  );
  await writeFile(licenceFile, issued);
  try {
    await page.getByRole('navigation').getByRole('button', { name: 'Packages' }).click();
    await page.getByTestId('licence-input').setInputFiles(licenceFile);
    await page.locator('[data-testid="packages-table"] tr[data-service="general-basic"]', { hasText: 'Prepaid' }).waitFor();
    assert.match(await page.locator('tr', { hasText: 'Prepaid' }).getByTestId('remaining').innerText(), /500 \/ 500/u);
    await page.screenshot({ path: path.join(screenshots, 'packages.png'), fullPage: true });
  } finally {
    await rm(licenceFile, { force: true });
  }
});

test('Usage: calls made with the official SDK, with a key created through the CLI, appear in the totals and the chart', async () => {
  const created = await cli(['key', 'create', '--json']);
  assert.equal(created.code, 0, created.stderr);
  const key = JSON.parse(created.stdout) as { SecretId: string; SecretKey: string };
  const client = sdkClient(baseUrl.replace('http://', ''), key);
  const image = (await readFile(corpusPath('hello-google.tif'))).toString('base64');
  for (let call = 0; call < 3; call += 1) await client.GeneralFastOCR({ ImageBase64: image });
  await page.getByRole('navigation').getByRole('button', { name: 'Usage' }).click();
  await page.waitForFunction(`document.querySelector('[data-testid="calls-general-fast"]')?.textContent === '3'`);
  assert.equal(await page.getByTestId('calls-general-basic').innerText(), '5', 'the three files and two PDF pages read in the UI');
  assert.ok((await page.locator('[data-testid="usage-chart"] .recharts-bar-rectangle').count()) > 0, 'bars drawn');
  // The handwriting package's 20% alert: listed unread with a badge, then marked read.
  assert.match(await page.locator('.alerts li.unread').first().innerText(), /Handwriting is below 20% \(199\/1000\)/u);
  assert.equal(await page.locator('.badge').innerText(), '1');
  await page.getByRole('button', { name: 'Mark read', exact: true }).click();
  await page.locator('.alerts li.read').first().waitFor();
  assert.equal(await page.locator('.badge').count(), 0);
  await page.screenshot({ path: path.join(screenshots, 'usage.png'), fullPage: true });
});

test('Accounts and keys: a key pair created in the UI is shown once, works with the SDK, and shows its last use', async () => {
  await page.getByRole('navigation').getByRole('button', { name: 'Accounts and keys' }).click();
  await page.getByRole('button', { name: 'Create a key pair' }).click();
  const secretId = await page.getByTestId('created-secret-id').innerText();
  const secretKey = await page.getByTestId('created-secret-key').innerText();
  assert.match(secretId, /^AKID[0-9A-Za-z]{32}$/u);
  assert.equal(secretKey.length, 32);
  assert.equal(await page.locator(`[data-key="${secretId}"] [data-testid="last-used"]`).innerText(), 'never');
  await sdkClient(baseUrl.replace('http://', ''), { SecretId: secretId, SecretKey: secretKey }).GeneralFastOCR({ ImageBase64: (await readFile(corpusPath('hello-google.tif'))).toString('base64') });
  await page.getByRole('navigation').getByRole('button', { name: 'Usage' }).click();
  await page.getByRole('navigation').getByRole('button', { name: 'Accounts and keys' }).click();
  assert.notEqual(await page.locator(`[data-key="${secretId}"] [data-testid="last-used"]`).innerText(), 'never');
  assert.equal(await page.getByTestId('created-key').count(), 0, 'the SecretKey is not shown again');
  await page.screenshot({ path: path.join(screenshots, 'accounts.png'), fullPage: true });
});

test('a read-only account with a password signs in with the form, sees, and cannot change', async () => {
  await page.getByLabel('Account name').fill('auditor');
  await page.getByLabel('Permission').selectOption('readonly');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await page.locator('[data-account="auditor"]').getByRole('button', { name: 'Set password' }).click();
  await page.getByLabel(/New password/u).fill('auditor password 1');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved').waitFor();

  const context = await browser.newContext({ locale: 'en-US' });
  const reader = await context.newPage();
  reader.on('pageerror', (error) => consoleErrors.push(error.message));
  try {
    await reader.goto(baseUrl);
    await reader.getByLabel('Account name').fill('auditor');
    await reader.getByLabel('Password').fill('wrong password!');
    await reader.getByRole('button', { name: 'Sign in' }).click();
    await reader.getByRole('alert').waitFor();
    await reader.getByLabel('Password').fill('auditor password 1');
    await reader.getByRole('button', { name: 'Sign in' }).click();
    await reader.getByRole('navigation').getByRole('button', { name: 'Packages' }).click();
    await reader.getByText('This account can look but not change.').filter({ visible: true }).waitFor();
    assert.equal(await reader.getByTestId('licence-input').count(), 0, 'no import for a reader');
    // The server refuses the change even when asked directly, with the session's own CSRF token.
    const status = await reader.evaluate(`(async () => {
      const session = await (await fetch('/console/api/session')).json();
      const answer = await fetch('/console/api/payg', { method: 'POST', headers: { 'content-type': 'application/json', 'x-ocr-desk-csrf': session.value.csrf }, body: JSON.stringify({ on: true }) });
      return answer.status;
    })()`);
    assert.equal(status, 403);
    const withoutCsrf = await reader.evaluate(`fetch('/console/api/payg', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"on":true}' }).then((answer) => answer.status)`);
    assert.equal(withoutCsrf, 403, 'no CSRF token, no change');
  } finally {
    await context.close();
  }
});

test('Settings: the ImageUrl allow list saved in the UI is the server\'s setting at once', async () => {
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  assert.equal(await page.getByTestId('data-directory').innerText(), directory);
  assert.ok((await page.getByTestId('languages').locator('li').count()) >= 20);
  await page.getByTestId('image-url-hosts').fill('images.example\n*.scans.example');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved').waitFor();
  const shown = JSON.parse((await cli(['settings', 'show', '--json'])).stdout) as { settings: { imageUrlHosts: string[] } };
  assert.deepEqual(shown.settings.imageUrlHosts, ['images.example', '*.scans.example']);
  await page.screenshot({ path: path.join(screenshots, 'settings.png'), fullPage: true });
});

test('every page is readable at 1920x1080 and 1280x800: nothing runs off the side', async () => {
  for (const [width, height] of [[1920, 1080], [1280, 800]] as const) {
    await page.setViewportSize({ width, height });
    for (const name of ['Recognize', 'Tables', 'Usage', 'Packages', 'Accounts and keys', 'Settings']) {
      await page.getByRole('navigation').getByRole('button', { name }).click();
      await page.waitForTimeout(100);
      const overflow = await page.evaluate('document.scrollingElement.scrollWidth - window.innerWidth');
      assert.ok(Number(overflow) <= 0, `${name} at ${width}x${height} is ${overflow} px too wide`);
      if (width === 1920) await page.screenshot({ path: path.join(screenshots, `${name.split(' ')[0]!.toLowerCase()}-1920.png`) });
    }
  }
});

test('the language switch turns the UI into Chinese; the page logged no console errors', async () => {
  await page.getByLabel('Language', { exact: true }).selectOption('zh-CN');
  await page.getByRole('navigation').getByRole('button', { name: '识别' }).click();
  await page.getByText('将图片、PDF 或文件夹拖放到此处').waitFor();
  assert.equal(await page.getByTestId('queue-item').count(), 6, 'the queue survived the visits to other pages');
  assert.ok((await page.getByRole('option', { name: /简体中文/u }).count()) > 0, 'language names in Chinese');
  await page.screenshot({ path: path.join(screenshots, 'recognize-zh.png'), fullPage: true });
  // A failed request shows in the console as a resource error; the corrupt file above is one (422).
  const unexpected = consoleErrors.filter((message) => !/status of 4\d\d/u.test(message));
  assert.deepEqual(unexpected, []);
});
