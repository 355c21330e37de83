import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import type { DesktopSettings, DesktopSettingsPatch } from '../../shared/desktop-bridge.js';
import { corpusPath } from '../helpers/fixture-corpus.js';
import { fieldsOf, photoOfCard, renderCard, syntheticPeople, type SyntheticPerson } from '../helpers/synthetic-idcard.js';
import { dropFiles, screenshotFolder, startUiSession, type UiSession } from '../helpers/ui-session.js';

// The UI in the desktop window, as far as it can be had without Electron (none can run on these
// machines): the real `serve` and the built UI in Chromium, with `window.ocrDesk` put in place
// by an init script as the preload would. That bridge is the one fake: its calls go to this test,
// which records them and answers as the shell would. Everything behind it is real: the images it
// hands over are read by the server, the sign-in links it gives are the server's own.

let session: UiSession;
/** The desktop window's stand-in (the bridge present) beside session.page (a plain browser). */
let desktop: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

interface FakeFile {
  readonly name: string;
  readonly base64: string;
}
const calls: Array<{ method: string; args: unknown[] }> = [];
const callsOf = (method: string) => calls.filter((call) => call.method === method);
let shell: DesktopSettings = {
  closeToTray: true,
  openAtLogin: false,
  trayAvailable: true,
  openAtLoginSupported: false,
  secretKeyStorage: { kind: 'file', reason: 'the OS keychain is not available: an owner-only file in the data directory' },
};
/** How the fake shell answers; each test sets what it needs. */
const answers = {
  loginLink: async (): Promise<string | null> => null,
  openImages: async (): Promise<FakeFile[] | 'fail'> => [],
  openDataFolder: async (): Promise<boolean> => true,
  setDesktopSettings: async (patch: DesktopSettingsPatch): Promise<DesktopSettings | null> => (shell = { ...shell, ...patch }),
};

// Runs in the page before its scripts, as the preload does. A string: this project's TypeScript
// has no DOM types (README, "Tests"). Bytes cross from Node as base64 and arrive as Uint8Array.
const fakeBridge = `(() => {
  const call = (method, ...args) => window.ocrDeskFakeShell(method, args);
  window.ocrDesk = Object.freeze({
    desktop: true,
    loginLink: () => call('loginLink'),
    openImages: async () => {
      const answer = await call('openImages');
      if (answer === 'fail') throw new Error('the dialog failed');
      return answer.map((file) => ({ name: file.name, bytes: Uint8Array.from(atob(file.base64), (char) => char.charCodeAt(0)) }));
    },
    notify: (title, body) => call('notify', title, body),
    openDataFolder: () => call('openDataFolder'),
    desktopSettings: () => call('desktopSettings'),
    setDesktopSettings: (patch) => call('setDesktopSettings', patch),
  });
})()`;

/** A fresh one-time sign-in link, from the running server as the shell would get one. */
async function freshLink(): Promise<string> {
  const { code, stdout, stderr } = await session.cli(['login-link', '--json']);
  assert.equal(code, 0, stderr);
  return (JSON.parse(stdout) as { url: string }).url;
}

const fileOf = async (name: string, bytes?: Buffer): Promise<FakeFile> => ({ name, base64: (bytes ?? (await readFile(corpusPath(name)))).toString('base64') });
const nav = (target: Page, name: string) => target.getByRole('navigation').getByRole('button', { name });
/** Polls until `predicate` holds (the fake shell answers in Node; the page re-renders after). */
async function until(predicate: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (const started = Date.now(); !(await predicate()); ) {
    if (Date.now() - started > 10_000) assert.fail(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
const waitDone = (target: Page, index: number) =>
  target.waitForFunction(`['done', 'failed'].includes(document.querySelectorAll('[data-testid="queue-item"]')[${index}]?.getAttribute('data-status'))`, null, { timeout: 90_000 });

before(async () => {
  session = await startUiSession();
  desktop = await session.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
  await desktop.exposeFunction('ocrDeskFakeShell', async (method: string, args: unknown[]) => {
    calls.push({ method, args });
    if (method === 'loginLink') return answers.loginLink();
    if (method === 'openImages') return answers.openImages();
    if (method === 'openDataFolder') return answers.openDataFolder();
    if (method === 'desktopSettings') return shell;
    if (method === 'setDesktopSettings') return answers.setDesktopSettings(args[0] as DesktopSettingsPatch);
    if (method === 'notify') return true;
    throw new Error(`no such bridge method: ${method}`);
  });
  await desktop.addInitScript(fakeBridge);
  page = await desktop.newPage();
  page.on('console', (message) => message.type() === 'error' && pageErrors.push(message.text()));
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(await freshLink());
  await nav(page, 'Recognize').waitFor();
});

after(async () => {
  await desktop?.close();
  await session?.close();
});

test('a plain browser, or a global that is not the bridge, gets today\'s UI: no Open… button, no Desktop section', async () => {
  const plain = session.page;
  await plain.goto(session.loginLink);
  await nav(plain, 'Recognize').waitFor();
  const dropZone = plain.getByTestId('drop-zone');
  await dropZone.getByRole('button', { name: 'Choose files' }).waitFor();
  assert.equal(await dropZone.getByRole('button', { name: 'Open…' }).count(), 0);
  await nav(plain, 'Tables').click();
  await plain.getByTestId('tables-drop-zone').getByRole('button', { name: 'Choose a file' }).waitFor();
  assert.equal(await plain.getByTestId('tables-drop-zone').getByRole('button', { name: 'Open…' }).count(), 0);
  await nav(plain, 'Settings').click();
  await plain.getByTestId('data-directory').waitFor();
  assert.equal(await plain.getByTestId('desktop-settings').count(), 0);
  assert.equal(await plain.evaluate('typeof window.ocrDesk'), 'undefined');

  // Something else under the bridge's name (half a bridge, a getter that throws) is no bridge and no crash.
  for (const malformed of ['window.ocrDesk = { desktop: true, openImages: 42 }', 'Object.defineProperty(window, "ocrDesk", { get() { throw new Error("hostile") } })']) {
    const other = await session.browser.newContext({ locale: 'en-US' });
    await other.addInitScript(malformed);
    const odd = await other.newPage();
    const errors: string[] = [];
    odd.on('pageerror', (error) => errors.push(error.message));
    await odd.goto(await freshLink());
    await nav(odd, 'Settings').click();
    await odd.getByTestId('data-directory').waitFor();
    assert.equal(await odd.getByTestId('desktop-settings').count(), 0, malformed);
    await nav(odd, 'Recognize').click();
    assert.equal(await odd.getByRole('button', { name: 'Open…' }).count(), 0, malformed);
    assert.deepEqual(errors, []);
    await other.close();
  }
});

test('with the bridge, Open… reads the images the OS dialog gave through the real server; drop still works', async () => {
  const recognize = page.locator('.recognize');
  await recognize.getByLabel('Text language').selectOption('eng');
  const dropZone = page.getByTestId('drop-zone');
  assert.equal(await dropZone.getByRole('button', { name: 'Choose files' }).count(), 1, 'the browser\'s picker stays');

  // Cancelled: nothing joins the queue. A failing dialog says so.
  answers.openImages = async () => [];
  await dropZone.getByRole('button', { name: 'Open…' }).click();
  answers.openImages = async () => 'fail';
  await dropZone.getByRole('button', { name: 'Open…' }).click();
  assert.equal(await dropZone.getByRole('alert').innerText(), 'The files could not be opened');
  assert.equal(await page.getByTestId('queue-item').count(), 0);

  answers.openImages = async () => [await fileOf('node-tesseract.png')];
  await dropZone.getByRole('button', { name: 'Open…' }).click();
  await waitDone(page, 0);
  assert.equal(await dropZone.getByRole('alert').count(), 0, 'the failure line goes with the next success');
  const item = page.getByTestId('queue-item').nth(0);
  assert.equal(await item.getAttribute('data-status'), 'done', await item.innerText());
  await item.getByRole('button', { name: 'node-tesseract.png' }).click();
  assert.match(await page.getByTestId('result-text').innerText(), /tesseract/iu);
  // A type from the name, as for a chosen file: the page shows the PNG itself.
  assert.match((await page.locator('.overlay-frame img').getAttribute('src')) ?? '', /^blob:/u);

  await dropFiles(page, '[data-testid="drop-zone"]', [{ name: 'white-on-black.png', type: 'image/png', bytes: await readFile(corpusPath('derived-testocr-white-on-black.png')) }]);
  await waitDone(page, 1);
  await page.getByTestId('queue-item').nth(1).getByRole('button', { name: 'white-on-black.png' }).click();
  assert.match(await page.getByTestId('result-text').innerText(), /quick brown dog/u);
  assert.equal(callsOf('openImages').length, 3);
  await page.screenshot({ path: path.join(screenshotFolder, 'desktop-recognize.png') });
});

test('with the bridge, an ID card opened by the dialog is read as a card', async () => {
  const [person] = syntheticPeople(1, 2026) as [SyntheticPerson];
  const photo = (await photoOfCard(await renderCard(person, 'FRONT'), { angle: 3, format: 'jpeg', seed: 7 })).image;
  await page.locator('.recognize').locator('label', { hasText: 'Service' }).locator('select').selectOption('idcard');
  answers.openImages = async () => [await fileOf('card-front.jpg', photo)];
  await page.getByTestId('drop-zone').getByRole('button', { name: 'Open…' }).click();
  await waitDone(page, 2);
  const item = page.getByTestId('queue-item').nth(2);
  assert.equal(await item.getAttribute('data-status'), 'done', await item.innerText());
  await item.getByRole('button', { name: 'card-front.jpg' }).click();
  await page.getByTestId('card-form').waitFor();
  const expected = fieldsOf(person);
  assert.equal(await page.locator('[data-testid="card-form"] [data-field="name"]').locator('input, textarea').inputValue(), expected.name);
  assert.equal(await page.locator('[data-testid="card-form"] [data-field="idNum"]').locator('input, textarea').inputValue(), expected.idNum);
  await page.locator('.recognize').locator('label', { hasText: 'Service' }).locator('select').selectOption('general-basic');
});

test('with the bridge, the Tables page reads the table the dialog gave', async () => {
  await nav(page, 'Tables').click();
  await page.locator('.tables-page').getByLabel('Text language').selectOption('eng');
  answers.openImages = async () => [await fileOf('synthetic-ruled-table.png')];
  await page.getByTestId('tables-drop-zone').getByRole('button', { name: 'Open…' }).click();
  await page.waitForFunction(`['done', 'failed'].includes(document.querySelector('[data-testid="tables-status"]')?.getAttribute('data-status'))`, null, { timeout: 90_000 });
  assert.equal(await page.getByTestId('tables-status').getAttribute('data-status'), 'done');
  assert.equal(await page.locator('[data-testid="table-cells"] polygon[data-cell]').count(), 13, 'the ruled table\'s cells, as when dropped');
  assert.match(await page.locator('.tables-result .file-name').first().innerText(), /^synthetic-ruled-table\.png$/u);
});

test('Settings, Desktop: the shell\'s settings, each change as the shell answers it, a refusal in words, the data folder', async () => {
  await nav(page, 'Settings').click();
  const section = page.getByTestId('desktop-settings');
  await section.waitFor();
  const closeToTray = section.getByRole('checkbox', { name: /Close to tray/u });
  const openAtLogin = section.getByRole('checkbox', { name: /Open at login/u });
  await closeToTray.waitFor();
  assert.equal(await closeToTray.isChecked(), true);
  assert.equal(await closeToTray.isDisabled(), false);
  assert.equal(await openAtLogin.isChecked(), false);
  assert.equal(await openAtLogin.isDisabled(), true, 'no autostart on this desktop');
  assert.match(await section.innerText(), /This system gives OCR Desk no way to start at login\./u);
  assert.equal(await section.getByText('This desktop has no tray').count(), 0);
  assert.equal(await section.getByTestId('secret-key-storage').innerText(), 'In a file only this user may read, in the data directory (the OS keychain is not available: an owner-only file in the data directory)');

  // Clicked, not uncheck(): the box changes when the shell has answered, not at the click.
  const toggle = async () => {
    const before = callsOf('setDesktopSettings').length;
    await closeToTray.click();
    await until(() => callsOf('setDesktopSettings').length === before + 1, 'setDesktopSettings called');
    await until(async () => !(await closeToTray.isDisabled()), 'the answer shown');
  };
  calls.length = 0;
  await toggle();
  assert.deepEqual(callsOf('setDesktopSettings').map((call) => call.args), [[{ closeToTray: false }]]);
  assert.equal(await closeToTray.isChecked(), false);
  assert.equal(shell.closeToTray, false);
  // The box shows what the shell answered, not what was clicked: here the shell keeps it off.
  answers.setDesktopSettings = async () => ({ ...shell, closeToTray: false });
  await toggle();
  assert.deepEqual(callsOf('setDesktopSettings').at(-1)?.args, [{ closeToTray: true }]);
  assert.equal(await closeToTray.isChecked(), false);
  assert.equal(await section.getByRole('alert').count(), 0);
  // A refusal (null) is said in words and leaves the box as it was.
  answers.setDesktopSettings = async () => null;
  await toggle();
  assert.equal(await section.getByRole('alert').innerText(), 'The desktop did not apply the change.');
  assert.equal(await closeToTray.isChecked(), false);

  answers.openDataFolder = async () => false;
  await section.getByRole('button', { name: 'Open data folder' }).click();
  // The earlier refusal is on screen until the shell's answer replaces it: wait for the answer.
  await until(async () => (await section.getByRole('alert').innerText()) !== 'The desktop did not apply the change.', 'the data folder answer shown');
  assert.equal(await section.getByRole('alert').innerText(), 'The data folder could not be opened.');
  answers.openDataFolder = async () => true;
  await section.getByRole('button', { name: 'Open data folder' }).click();
  await page.waitForFunction(`!document.querySelector('[data-testid="desktop-settings"] [role="alert"]')`);
  assert.equal(callsOf('openDataFolder').length, 2);
  await page.screenshot({ path: path.join(screenshotFolder, 'desktop-settings.png'), fullPage: true });

  // A desktop with no tray, in Chinese: the box is disabled and says why; the key is in the keychain.
  shell = { ...shell, trayAvailable: false, openAtLoginSupported: true, openAtLogin: true, secretKeyStorage: { kind: 'keychain', reason: 'sealed with the Keychain, for this user on this machine' } };
  await page.getByLabel('Language', { exact: true }).selectOption('zh-CN');
  await nav(page, '用量').click();
  await nav(page, '设置').click();
  await section.getByRole('heading', { name: '桌面' }).waitFor();
  const trayBox = section.getByRole('checkbox', { name: /关闭到托盘/u });
  await trayBox.waitFor();
  assert.equal(await trayBox.isDisabled(), true);
  assert.match(await section.innerText(), /此桌面没有系统托盘，关闭窗口即退出 OCR Desk。/u);
  assert.equal(await section.getByRole('checkbox', { name: /登录系统时启动/u }).isChecked(), true);
  assert.equal(await section.getByRole('checkbox', { name: /登录系统时启动/u }).isDisabled(), false);
  assert.equal(await section.getByTestId('secret-key-storage').innerText(), '保存在系统钥匙串中（sealed with the Keychain, for this user on this machine）');
  await nav(page, '识别').click();
  assert.equal(await page.getByTestId('drop-zone').getByRole('button', { name: '打开…' }).count(), 1);
  await page.getByLabel('界面语言', { exact: true }).selectOption('en-US');
  answers.setDesktopSettings = async (patch) => (shell = { ...shell, ...patch });
});

test('an ended session: the window signs in again by the shell\'s link, falls back to sign-in, never loops', async () => {
  const signInHeading = page.getByRole('heading', { name: 'Sign in to OCR Desk' });
  // The shell gives no link: the sign-in page, as in a browser.
  calls.length = 0;
  answers.loginLink = async () => null;
  await desktop.clearCookies();
  await page.reload();
  await signInHeading.waitFor();
  assert.equal(callsOf('loginLink').length, 1);

  // Signed in again by hand, then the session ends while the page is in use (a request is refused).
  await page.goto(await freshLink());
  await nav(page, 'Recognize').waitFor();
  const link = await freshLink();
  answers.loginLink = async () => link;
  await desktop.clearCookies();
  const signedInAgain = page.waitForResponse((response) => response.url() === link);
  await nav(page, 'Usage').click();
  assert.equal((await signedInAgain).status(), 303, 'the link opened a session and led to the UI');
  await page.waitForURL(`${session.baseUrl}/`);
  await nav(page, 'Recognize').waitFor({ timeout: 15_000 });
  assert.equal(callsOf('loginLink').length, 2, 'asked once for the ended session');
  assert.ok((await desktop.cookies()).length > 0, 'a session cookie again');
  assert.equal(await signInHeading.count(), 0);
  // The link is used: the server would refuse it again, and the page does not ask twice at once.
  const replay = await session.browser.newContext();
  assert.equal((await (await replay.newPage()).goto(link))?.status(), 401);
  await replay.close();

  // Ended again right after: not renewed a second time (that could reload forever), the sign-in page.
  await desktop.clearCookies();
  await page.reload();
  await signInHeading.waitFor();
  assert.equal(callsOf('loginLink').length, 2, 'no second attempt so soon');

  // Only the server's refusals of the ended session (401) and Chromium's request for a favicon,
  // which the UI does not ship (404), were logged.
  assert.deepEqual(pageErrors.filter((error) => !/^Failed to load resource: the server responded with a status of (401|404)/u.test(error)), []);
});
