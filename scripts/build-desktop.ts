/**
 * `npm run build:desktop`: what the desktop installers pack. The main process is compiled to
 * dist/ (Electron runs JavaScript, not tsx), the thread entries that are not TypeScript
 * (the OCR worker's .cjs, the vision thread's .mjs) are copied beside their compiled modules
 * (main/desktop/desktop-build.ts, the same step `npm start` takes), and the UI is built into
 * dist/renderer.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareDesktopMain, runNpmScript } from '../main/desktop/desktop-build.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();

const { threadEntries } = await prepareDesktopMain({ root, outDir: path.join(root, 'dist'), clean: true });
// Through npm_execpath (or a shell on Windows, where npm is npm.cmd): see npmInvocation.
await runNpmScript(root, 'build:ui');
console.log(`build:desktop: main compiled to dist/main, ${threadEntries.length} thread entries copied, UI built (${((Date.now() - started) / 1000).toFixed(1)} s)`);
