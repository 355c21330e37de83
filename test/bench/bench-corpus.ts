import { existsSync } from 'node:fs';
import path from 'node:path';
import { fail, ok, type Result } from '../../shared/result.js';
import { corpusPath, loadCorpus, readTruth } from '../helpers/fixture-corpus.js';

/** One image the bench runs, with its ground truth already read. */
export interface BenchItem {
  readonly id: string;
  readonly imagePath: string;
  readonly truth: string;
  /** As the manifest gives it (a cloud code such as `zh`, or Tesseract names joined with `+`). */
  readonly language: string;
  readonly category: string;
}

export interface SkippedItem {
  readonly id: string;
  readonly reason: string;
}

export interface BenchCorpus {
  readonly items: readonly BenchItem[];
  readonly skipped: readonly SkippedItem[];
}

/**
 * The fixture corpus as the bench runs it. Items without a truth file cannot give a CER, and a
 * multi-page TIFF would compare one OCR Desk call with a native run of a different shape, so both
 * are skipped (and listed, so the reader sees what was left out).
 */
export function loadBenchCorpus(corpusDir: string): Result<BenchCorpus, 'CorpusUnreadable'> {
  let manifest;
  try {
    manifest = loadCorpus(corpusDir);
  } catch (error) {
    return fail('CorpusUnreadable', `Cannot read the manifest in ${corpusDir}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const items: BenchItem[] = [];
  const skipped: SkippedItem[] = [];
  for (const item of manifest) {
    if (item.pageTruths) skipped.push({ id: item.id, reason: 'multi-page input' });
    else if (!item.truth) skipped.push({ id: item.id, reason: 'no truth file' });
    else items.push({ id: item.id, imagePath: corpusPath(item, corpusDir), truth: readTruth(item, corpusDir), language: item.language, category: item.category });
  }
  return ok({ items, skipped });
}

/** The shared corpus beside the repository has its own, undocumented layout; bench and eval only report it. */
export function sharedCorpusNote(repoRoot: string): { readonly path: string; readonly exists: boolean } {
  const sharedPath = path.resolve(repoRoot, '..', 'shared', 'corpus');
  return { path: sharedPath, exists: existsSync(sharedPath) };
}
