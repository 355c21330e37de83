import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { findAppRoot } from '../platform/app-paths.js';
import { exitCodeOf, prepareDesktopMain, runNpmScript } from './desktop-build.js';
import { chooseStartMode, electronBinaryCandidate } from './start-mode.js';

/**
 * `npm start`: the desktop app where an Electron binary can run, else `ocr-desk serve` with the
 * same UI, saying why. Never imports electron (that would try to download it).
 */
const root = findAppRoot();
const args = process.argv.slice(2);
const serverAsked = args.includes('--server');
const passOn = args.filter((arg) => arg !== '--server');

const packageFolder = locateElectronPackage();
const pathTxt = packageFolder && existsSync(path.join(packageFolder, 'path.txt')) ? readFileSync(path.join(packageFolder, 'path.txt'), 'utf8') : null;
const candidate = electronBinaryCandidate({ packageFolder, pathTxt, env: process.env, platform: process.platform });
const electronBinary = candidate !== null && existsSync(candidate) ? candidate : null;
const mode = chooseStartMode({ platform: process.platform, env: process.env, electronBinary, serverAsked });

if (!existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) await step(() => runNpmScript(root, 'build:ui'));
if (mode.mode === 'desktop') {
  // Electron runs JavaScript: the main process and the preload are compiled first (dist/main), and
  // the threads' .cjs/.mjs entries copied beside them, as build:desktop does.
  await step(() => prepareDesktopMain({ root, outDir: path.join(root, 'dist'), clean: false }));
  process.stdout.write('npm start: starting the desktop app\n');
  forward(mode.electron, [root, ...passOn]);
} else {
  process.stdout.write(`npm start: starting the headless server instead of the desktop app: ${mode.reason}. Open the printed link in a browser.\n`);
  forward(process.execPath, [path.join(root, 'bin', 'ocr-desk.js'), 'serve', ...passOn]);
}

function locateElectronPackage(): string | null {
  try {
    // Resolving package.json runs nothing; requiring 'electron' would start its download.
    return path.dirname(createRequire(path.join(root, 'package.json')).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** A build step; its output went to our terminal, so a failure only says which step failed. */
async function step(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    process.stderr.write(`npm start: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

/** Runs the child with our terminal; SIGINT/SIGTERM pass through so serve stops in order. */
function forward(command: string, commandArgs: string[]): void {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    process.exitCode = exitCodeOf(code, signal);
  });
}
