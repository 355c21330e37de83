import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fail, ok, type Result } from '../../shared/result.js';

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

interface ManifestItem {
  readonly id?: unknown;
  readonly file?: unknown;
  readonly truth?: unknown;
  readonly language?: unknown;
  readonly category?: unknown;
}

/**
 * Reads the fixture manifest. Items without a truth file cannot give a CER, and the multi-page
 * TIFF would compare one OCR Desk call with a native run that reads only its first page, so both
 * are skipped (and listed, so the reader sees what was left out).
 */
export async function loadBenchCorpus(corpusDir: string): Promise<Result<BenchCorpus, 'CorpusUnreadable'>> {
  const manifestPath = path.join(corpusDir, 'manifest.json');
  let manifest: { items?: unknown };
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { items?: unknown };
  } catch (error) {
    return fail('CorpusUnreadable', `Cannot read ${manifestPath}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!Array.isArray(manifest.items)) return fail('CorpusUnreadable', `${manifestPath} has no "items" list.`);

  const items: BenchItem[] = [];
  const skipped: SkippedItem[] = [];
  for (const raw of manifest.items as ManifestItem[]) {
    const id = typeof raw.id === 'string' ? raw.id : String(raw.file);
    if (typeof raw.file !== 'string' || typeof raw.language !== 'string') {
      skipped.push({ id, reason: 'manifest entry lacks file or language' });
      continue;
    }
    if (raw.category === 'multipage') {
      skipped.push({ id, reason: 'multi-page input' });
      continue;
    }
    if (typeof raw.truth !== 'string') {
      skipped.push({ id, reason: 'no truth file' });
      continue;
    }
    try {
      items.push({
        id,
        imagePath: path.join(corpusDir, raw.file),
        truth: await readFile(path.join(corpusDir, raw.truth), 'utf8'),
        language: raw.language,
        category: typeof raw.category === 'string' ? raw.category : '',
      });
    } catch (error) {
      skipped.push({ id, reason: `truth unreadable: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  return ok({ items, skipped });
}

/** The shared corpus beside the repository has its own, undocumented layout; the bench only reports it. */
export function sharedCorpusNote(repoRoot: string): { readonly path: string; readonly exists: boolean } {
  const sharedPath = path.resolve(repoRoot, '..', 'shared', 'corpus');
  return { path: sharedPath, exists: existsSync(sharedPath) };
}
