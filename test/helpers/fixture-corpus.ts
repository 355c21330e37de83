import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One item of test/fixtures/corpus/manifest.json (see SOURCES.md there). */
export interface CorpusItem {
  readonly id: string;
  readonly file: string;
  readonly truth: string | null;
  readonly pageTruths?: readonly string[];
  readonly language: string;
  readonly category: string;
  readonly source: string;
  readonly licence: string;
  readonly truthOrigin: string;
  readonly synthetic?: boolean;
  readonly derived?: boolean;
  readonly orderFree?: boolean;
  readonly expectedAngle?: number;
  readonly uprightOf?: string;
  readonly note?: string;
}

export const corpusFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/corpus');

export function loadCorpus(folder: string = corpusFolder): CorpusItem[] {
  const manifest = JSON.parse(readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as { items: CorpusItem[] };
  return manifest.items;
}

export function corpusItem(id: string): CorpusItem {
  const item = loadCorpus().find((candidate) => candidate.id === id);
  if (!item) throw new Error(`no corpus item ${id}`);
  return item;
}

export function corpusPath(item: CorpusItem | string, folder: string = corpusFolder): string {
  return path.join(folder, typeof item === 'string' ? item : item.file);
}

export function readTruth(item: CorpusItem, folder: string = corpusFolder): string {
  if (!item.truth) throw new Error(`corpus item ${item.id} has no truth`);
  return readFileSync(path.join(folder, item.truth), 'utf8');
}
