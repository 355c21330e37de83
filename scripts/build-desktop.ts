/**
 * `npm run build:desktop`: what the desktop installers pack. The main process is compiled to
 * dist/ (Electron runs JavaScript, not tsx), the thread entries that are not TypeScript
 * (the OCR worker's .cjs, the vision thread's .mjs) are copied beside their compiled modules,
 * and the UI is built into dist/renderer.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();

await rm(path.join(root, 'dist', 'main'), { recursive: true, force: true });
await rm(path.join(root, 'dist', 'shared'), { recursive: true, force: true });
await run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'tsconfig.desktop.json')], { cwd: root });

/** Every .cjs and .mjs file under main/, copied to the same place under dist/main/. */
async function copyThreadEntries(folder: string): Promise<number> {
  let copied = 0;
  for (const entry of await readdir(path.join(root, folder), { withFileTypes: true })) {
    const relative = path.join(folder, entry.name);
    if (entry.isDirectory()) copied += await copyThreadEntries(relative);
    else if (/\.(cjs|mjs)$/u.test(entry.name)) {
      await mkdir(path.join(root, 'dist', folder), { recursive: true });
      await copyFile(path.join(root, relative), path.join(root, 'dist', relative));
      copied += 1;
    }
  }
  return copied;
}
const copied = await copyThreadEntries('main');
await run('npm', ['run', 'build:ui'], { cwd: root });
console.log(`build:desktop: main compiled to dist/main, ${copied} thread entries copied, UI built (${((Date.now() - started) / 1000).toFixed(1)} s)`);
