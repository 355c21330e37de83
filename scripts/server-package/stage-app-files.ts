import { chmod, cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Copies into the staging folder what the app runs on a server, as the repository runs it: the
 * TypeScript sources (bin/ocr-desk.js loads them through tsx, a production dependency) rather than
 * tsc output. Why sources: bin/ocr-desk.js imports `.ts` paths, the engine's worker thread is a
 * `.cjs` beside them and findAppRoot() locates assets/ from the source tree; compiling would mean a
 * second entry point and a second layout that no test runs. tsx transpiles with esbuild (a
 * prebuilt binary), so no build tool is needed on the server.
 */
export const appEntries: ReadonlyArray<{ from: string; to?: string }> = [
  { from: 'bin/ocr-desk.js' },
  { from: 'main' },
  { from: 'shared' },
  { from: 'assets' },
  { from: 'dist/renderer' },
  // npm ci needs both, findAppRoot() and readAppVersion() read package.json, and tsx reads the
  // compiler options the sources are written against.
  { from: 'package.json' },
  { from: 'package-lock.json' },
  { from: 'tsconfig.json' },
];

// The Electron shell is a desktop concern (and electron is no production dependency); `serve`
// never imports it.
const leftOut = [path.join('main', 'desktop')];

export async function stageAppFiles(repositoryRoot: string, target: string): Promise<void> {
  for (const entry of appEntries) {
    await cp(path.join(repositoryRoot, entry.from), path.join(target, entry.to ?? entry.from), {
      recursive: true,
      filter: (source) => !leftOut.some((excluded) => source === path.join(repositoryRoot, excluded) || source.startsWith(path.join(repositoryRoot, excluded) + path.sep)),
    });
  }
}

/** The launcher, the systemd unit, its settings file and INSTALL.md, kept as plain files beside this one. */
export async function stageServerFiles(templates: string, target: string, version: string): Promise<void> {
  await cp(path.join(templates, 'ocr-desk'), path.join(target, 'bin', 'ocr-desk'));
  await chmod(path.join(target, 'bin', 'ocr-desk'), 0o755);
  for (const name of ['ocr-desk.service', 'ocr-desk.env']) await cp(path.join(templates, name), path.join(target, name));
  const guide = await readFile(path.join(templates, 'INSTALL.md'), 'utf8');
  await writeFile(path.join(target, 'INSTALL.md'), guide.replaceAll('{{version}}', version));
}
