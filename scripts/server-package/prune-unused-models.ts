import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { readerModels, tierProfiles } from '../../main/engine/tiers.js';

/**
 * Every @tesseract.js-data package ships two variants of its model: `4.0.0` (legacy + LSTM, the
 * large one) and `4.0.0_best_int` (LSTM only). The engine reads the variants its tiers name
 * (main/engine/tiers.ts; `fast` falls back to `4.0.0_best_int` for languages we carry no fast
 * model of) plus `4.0.0` for orientation detection (`osd`, recognize-page.ts) and for reading ID
 * cards (`chi_sim`, idcard/read-id-card.ts). Dropping the other `4.0.0` folders takes about 125 MB
 * off the package and nothing off what it can read; the package test reads a turned page and an ID
 * card, so a wrong guess here fails there.
 */
const standInVariant = '4.0.0_best_int';
const keptBeyondTiers = [{ language: 'osd', variant: '4.0.0' }, ...readerModels];

export async function pruneUnusedModels(nodeModules: string): Promise<{ removedBytes: number; removedFolders: string[] }> {
  const used = new Set<string>([standInVariant, ...Object.values(tierProfiles).map((profile) => profile.variant)]);
  const dataFolder = path.join(nodeModules, '@tesseract.js-data');
  const removedFolders: string[] = [];
  let removedBytes = 0;
  for (const language of await readdir(dataFolder)) {
    for (const entry of await readdir(path.join(dataFolder, language), { withFileTypes: true })) {
      if (!entry.isDirectory() || used.has(entry.name)) continue;
      if (keptBeyondTiers.some((kept) => kept.language === language && kept.variant === entry.name)) continue;
      const folder = path.join(dataFolder, language, entry.name);
      removedBytes += await folderBytes(folder);
      await rm(folder, { recursive: true });
      removedFolders.push(path.relative(nodeModules, folder));
    }
  }
  return { removedBytes, removedFolders };
}

export async function folderBytes(folder: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}
