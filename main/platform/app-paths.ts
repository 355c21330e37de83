import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The application's root folder (the one holding package.json and assets/), found from this
 * file's location so it holds in the repository, in dist/ and inside a packaged app.
 */
export function findAppRoot(startUrl: string = import.meta.url): string {
  let folder = path.dirname(fileURLToPath(startUrl));
  for (;;) {
    if (existsSync(path.join(folder, 'package.json')) && existsSync(path.join(folder, 'assets'))) return folder;
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error(`no application root above ${fileURLToPath(startUrl)}`);
    folder = parent;
  }
}

/** Where the models we carry live (`<variant>/<lang>.traineddata[.gz]`); npm-shipped ones are found by package. */
export function defaultModelsFolder(appRoot: string = findAppRoot()): string {
  return path.join(appRoot, 'assets', 'tessdata');
}

/** This build's version, from its package.json. */
export function readAppVersion(appRoot: string = findAppRoot()): string {
  try {
    const manifest = JSON.parse(readFileSync(path.join(appRoot, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
