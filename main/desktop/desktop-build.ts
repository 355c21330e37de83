import { spawn } from 'node:child_process';
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * The steps `npm start` (launch.ts) and `npm run build:desktop` (scripts/build-desktop.ts) share,
 * apart from launch.ts, which starts things as soon as it is imported, so that they can be tested.
 */

/** How to run a command: what spawn is given. */
export interface Invocation {
  readonly command: string;
  readonly args: readonly string[];
  readonly shell: boolean;
}

/**
 * How to run `npm <args>` on this machine. Under npm (`npm start`, `npm run build:desktop`),
 * `npm_execpath` names npm's JavaScript entry, run with this Node: no shell and no lookup on PATH.
 * Otherwise, on Windows npm is `npm.cmd`, which Node (since 20.12.2) runs only through a shell, so
 * the command line goes to cmd.exe whole; elsewhere `npm` is an executable.
 */
export function npmInvocation(npmArgs: readonly string[], situation: { readonly env: Readonly<Record<string, string | undefined>>; readonly platform: NodeJS.Platform; readonly nodePath: string }): Invocation {
  const npmEntry = situation.env['npm_execpath'];
  if (npmEntry && /\.[cm]?js$/u.test(npmEntry)) return { command: situation.nodePath, args: [npmEntry, ...npmArgs], shell: false };
  if (situation.platform === 'win32') {
    // The arguments are pasted into a cmd.exe line: only plain words are allowed.
    for (const arg of npmArgs) if (!/^[\w:.=@/-]+$/u.test(arg)) throw new Error(`npm argument not safe for a command line: ${arg}`);
    return { command: ['npm', ...npmArgs].join(' '), args: [], shell: true };
  }
  return { command: 'npm', args: npmArgs, shell: false };
}

/** Runs the command with our terminal; rejects when it fails, naming it. */
export function runInvocation(invocation: Invocation, cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(invocation.command, [...invocation.args], { cwd, stdio: 'inherit', shell: invocation.shell });
    const name = [invocation.command, ...invocation.args].join(' ');
    child.on('error', (error) => reject(new Error(`${name} could not start: ${error.message}`)));
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${name} failed (${signal ? `killed by ${signal}` : `exit code ${code}`})`));
    });
  });
}

/** `npm run <script>` in the repository, the same way on every OS. */
export function runNpmScript(root: string, script: string): Promise<void> {
  return runInvocation(npmInvocation(['run', script], { env: process.env, platform: process.platform, nodePath: process.execPath }), root);
}

/**
 * The thread entries that are not TypeScript (every .cjs and .mjs under main/: the OCR worker's
 * `worker-thread.cjs`, the vision thread's `vision-thread.mjs`), copied to the same place under
 * `<outDir>/main`, beside the compiled modules that load them. Returns their paths under main/.
 */
export async function copyThreadEntries(root: string, outDir: string): Promise<string[]> {
  const copied: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(path.join(root, folder), { withFileTypes: true })) {
      const relative = path.join(folder, entry.name);
      if (entry.isDirectory()) await walk(relative);
      else if (/\.(cjs|mjs)$/u.test(entry.name)) {
        await mkdir(path.join(outDir, folder), { recursive: true });
        await copyFile(path.join(root, relative), path.join(outDir, relative));
        copied.push(relative.split(path.sep).join('/'));
      }
    }
  };
  await walk('main');
  return copied.sort();
}

/**
 * What Electron runs: main and shared compiled with tsconfig.desktop.json into `<outDir>/main` and
 * `<outDir>/shared`, and the thread entries copied beside them. `clean` removes both folders first
 * (the installers must carry nothing stale; `npm start` leaves them, as a running instance may be
 * reading them).
 */
export async function prepareDesktopMain(options: { readonly root: string; readonly outDir: string; readonly clean: boolean }): Promise<{ readonly threadEntries: string[] }> {
  const { root, outDir } = options;
  if (options.clean) {
    await rm(path.join(outDir, 'main'), { recursive: true, force: true });
    await rm(path.join(outDir, 'shared'), { recursive: true, force: true });
  }
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  await runInvocation({ command: process.execPath, args: [tsc, '-p', path.join(root, 'tsconfig.desktop.json'), '--outDir', outDir], shell: false }, root);
  return { threadEntries: await copyThreadEntries(root, outDir) };
}

/** The exit code that reports a child's end: its own, or 128 + the signal's number (130 for SIGINT). */
export function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  if (signal === null) return 1;
  const number = (os.constants.signals as Readonly<Record<string, number | undefined>>)[signal];
  return number === undefined ? 1 : 128 + number;
}
