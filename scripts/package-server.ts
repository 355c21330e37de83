// `npm run package:server [-- --out-dir DIR]`: the self-contained server archive,
// release/ocr-desk-server-<version>-linux-x64.tar.gz (layout and install: scripts/server-package/INSTALL.md).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { folderBytes, pruneUnusedModels } from './server-package/prune-unused-models.js';
import { stageAppFiles, stageServerFiles } from './server-package/stage-app-files.js';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const templates = path.join(repositoryRoot, 'scripts', 'server-package');

function run(command: string, args: readonly string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // stdout to our stderr: this script's stdout is its summary only.
    const child = spawn(command, args, { cwd, stdio: ['ignore', process.stderr, 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code ?? signal}`))));
  });
}

async function timed<T>(label: string, times: Record<string, number>, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  process.stderr.write(`package:server: ${label}...\n`);
  try {
    return await work();
  } finally {
    times[label] = Math.round(performance.now() - started) / 1000;
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'out-dir': { type: 'string' }, 'skip-ui-build': { type: 'boolean', default: false } } });
  // npm ci installs the prebuilt native parts (sharp's libvips, @napi-rs/canvas, esbuild) of the
  // machine it runs on, so the archive is for this platform and is named after it.
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    process.stderr.write(`package:server: builds the linux-x64 package only on linux-x64 (this is ${process.platform}-${process.arch})\n`);
    return 1;
  }
  const manifest = JSON.parse(await readFile(path.join(repositoryRoot, 'package.json'), 'utf8')) as { version: string; devDependencies?: Record<string, string> };
  const name = `ocr-desk-server-${manifest.version}`;
  const outDir = path.resolve(values['out-dir'] ?? path.join(repositoryRoot, 'release'));
  const archive = path.join(outDir, `${name}-linux-x64.tar.gz`);
  const times: Record<string, number> = {};
  const started = performance.now();

  // Built every time: an archive must never carry a UI older than its sources.
  if (!values['skip-ui-build']) await timed('build UI', times, () => run('npm', ['run', 'build:ui'], repositoryRoot));
  if (!existsSync(path.join(repositoryRoot, 'dist', 'renderer', 'index.html'))) throw new Error('dist/renderer/index.html is missing: run npm run build:ui');

  await mkdir(outDir, { recursive: true });
  // Staged beside the output (same file system, so nothing big is copied twice) and always removed.
  const staging = await mkdtemp(path.join(outDir, '.staging-'));
  const top = path.join(staging, name);
  try {
    await timed('copy app files', times, async () => {
      await stageAppFiles(repositoryRoot, top);
      await stageServerFiles(templates, top, manifest.version);
    });
    // From the lockfile, production only, from the local npm cache (--offline: a package missing
    // from the cache is an error, never a download). No install scripts: the native parts come as
    // prebuilt optional packages, and the only scripts in the tree (esbuild's binary check,
    // tesseract.js's donation notice) are not needed to run.
    await timed('npm ci --omit=dev', times, () =>
      run('npm', ['ci', '--omit=dev', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], top).catch((error: Error) => {
        throw new Error(`${error.message}\n(offline install from the npm cache: run \`npm ci\` once in the repository to fill it)`);
      }),
    );
    const nodeModules = path.join(top, 'node_modules');
    const strays = Object.keys(manifest.devDependencies ?? {}).filter((dependency) => existsSync(path.join(nodeModules, dependency)));
    if (strays.length > 0) throw new Error(`development dependencies in the package: ${strays.join(', ')}`);
    const pruned = await timed('prune unused models', times, () => pruneUnusedModels(nodeModules));

    const unpackedBytes = await folderBytes(top);
    const fileCount = (await readdir(top, { recursive: true })).length;
    // GNU tar: root-owned entries so the unpacked tree does not belong to whatever uid built it.
    await timed('tar + gzip', times, () =>
      run('tar', ['--create', '--gzip', '--file', `${archive}.partial`, '--sort=name', '--owner=0', '--group=0', '--numeric-owner', '--directory', staging, name], repositoryRoot),
    );
    await rename(`${archive}.partial`, archive);
    const archiveBytes = (await stat(archive)).size;
    times['total'] = Math.round(performance.now() - started) / 1000;
    const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
    process.stderr.write(
      `package:server: ${archive}\n  archive ${mb(archiveBytes)}, unpacked ${mb(unpackedBytes)} in ${fileCount} entries ` +
        `(unused model variants removed: ${mb(pruned.removedBytes)})\n  seconds: ${JSON.stringify(times)}\n`,
    );
    process.stdout.write(`${JSON.stringify({ archive, archiveBytes, unpackedBytes, fileCount, prunedModelBytes: pruned.removedBytes, seconds: times })}\n`);
    return 0;
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(`${archive}.partial`, { force: true });
  }
}

process.exitCode = await main().catch((error: Error) => {
  process.stderr.write(`package:server: ${error.message}\n`);
  return 1;
});
