import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { contentSecurityPolicy } from '../../main/desktop/content-security-policy.js';
import { startUiSession, type UiSession } from '../helpers/ui-session.js';

// The desktop shell sets this policy on every response of the served UI (electron-main.ts). No
// Electron here, so Chromium gets the same header from a route and must show the UI without a
// single violation.
let session: UiSession;
before(async () => {
  session = await startUiSession();
});
after(async () => {
  await session?.close();
});

test('the built UI signs in and works under the desktop shell\'s Content-Security-Policy', async () => {
  const { page, baseUrl } = session;
  const violations: string[] = [];
  page.on('console', (message) => /Content.Security.Policy|Refused to/iu.test(message.text()) && violations.push(message.text()));
  const missing: string[] = [];
  page.on('response', (response) => response.status() === 404 && missing.push(new URL(response.url()).pathname));
  // Signed in first: Playwright does not route the document a fulfilled redirect leads to.
  await page.goto(session.loginLink);
  await page.route(`${baseUrl}/**`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': contentSecurityPolicy() } });
  });
  await page.goto(`${baseUrl}/`);
  await page.waitForSelector('.nav-item', { timeout: 15_000 });
  // Every page of the console, as a person clicks through them.
  const items = await page.locator('.nav-item').count();
  for (let index = 0; index < items; index += 1) {
    await page.locator('.nav-item').nth(index).click();
    await page.waitForTimeout(300);
  }
  assert.deepEqual(violations, []);
  // The UI ships no favicon; Chromium's request for one is the only thing missing.
  assert.deepEqual(missing.filter((pathname) => pathname !== '/favicon.ico'), []);
  assert.deepEqual(session.consoleErrors.filter((error) => !error.startsWith('Failed to load resource: the server responded with a status of 404')), []);
  // And the policy is in force: an inline script put into the page does not run.
  const ran = await page.evaluate('(() => { const s = document.createElement("script"); s.textContent = "window.inlineRan = true"; document.body.append(s); return window.inlineRan === true; })()');
  assert.equal(ran, false, 'an inline script is refused');
});
