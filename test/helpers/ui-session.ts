import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * The UI as a person uses it, for the browser tests: Debian's Chromium against a real `serve`
 * process with a fresh data directory and the real engine behind it. The page is not yet signed
 * in; the printed one-time link (`loginLink`) signs it in as root.
 */
export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const screenshotFolder = path.join(repositoryRoot, '.e2e-out');
const bin = path.join(repositoryRoot, 'bin/ocr-desk.js');

export interface UiSession {
  readonly directory: string;
  readonly baseUrl: string;
  readonly loginLink: string;
  readonly browser: Browser;
  readonly page: Page;
  /** Errors the page logged (console errors and uncaught exceptions), for a last check. */
  readonly consoleErrors: string[];
  /** `ocr-desk ARGS --data-dir <the server's directory>`. */
  cli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  close(): Promise<void>;
}

/** `seed` runs on the fresh data directory before the server owns it. */
export async function startUiSession(options: { seed?: (directory: string) => Promise<void> } = {}): Promise<UiSession> {
  await mkdir(screenshotFolder, { recursive: true });
  const directory = await mkdtemp(path.join(os.tmpdir(), 'ocr-desk-ui-'));
  await options.seed?.(directory);
  const server: ChildProcess = spawn(process.execPath, [bin, 'serve', '--port', '0', '--data-dir', directory, '--workers', '2'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const { baseUrl, loginLink } = await new Promise<{ baseUrl: string; loginLink: string }>((resolve, reject) => {
    let seen = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const served = /serving on (http:\/\/127\.0\.0\.1:\d+)/u.exec(seen);
      const link = /(http:\/\/127\.0\.0\.1:\d+\/console\/login\?token=[\w-]+)/u.exec(seen);
      if (served && link) resolve({ baseUrl: served[1]!, loginLink: link[1]! });
    });
    server.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  return {
    directory,
    baseUrl,
    loginLink,
    browser,
    page,
    consoleErrors,
    cli: (args) => new Promise((resolve) => execFile(process.execPath, [bin, ...args, '--data-dir', directory], (error, stdout, stderr) => resolve({ code: error ? 1 : 0, stdout, stderr }))),
    close: async () => {
      await browser.close();
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGTERM');
        await exited;
      }
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** Drops files on an element as a person's drag and drop would (a DataTransfer with File objects). */
export async function dropFiles(page: Page, selector: string, files: Array<{ name: string; type: string; bytes: Buffer }>): Promise<void> {
  const payload = files.map((file) => ({ name: file.name, type: file.type, base64: file.bytes.toString('base64') }));
  // A string, evaluated in the page: this project's TypeScript has no DOM types (README, "Tests").
  await page.evaluate(`(() => {
    const transfer = new DataTransfer();
    for (const file of ${JSON.stringify(payload)}) {
      const bytes = Uint8Array.from(atob(file.base64), (char) => char.charCodeAt(0));
      transfer.items.add(new File([bytes], file.name, { type: file.type }));
    }
    const target = document.querySelector(${JSON.stringify(selector)});
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  })()`);
}
