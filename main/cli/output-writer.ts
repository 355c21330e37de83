import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PageOutcome } from '../../shared/ocr-result.js';
import type { Failure } from '../../shared/result.js';

/** What became of one input file: failed as a whole, or read page by page. */
export type FileOutcome = { readonly file: string; readonly ok: true; readonly pages: PageOutcome[] } | { readonly file: string; readonly ok: false; readonly error: Failure };

/** True when the file, or any page of it, failed. */
export function hasFailure(outcome: FileOutcome): boolean {
  return !outcome.ok || outcome.pages.some((page) => !page.ok);
}

/** The JSON Lines records of one file (one per page, or one for a failed file): the CLI's documented output contract. */
export function toRecords(outcome: FileOutcome): object[] {
  if (!outcome.ok) return [{ file: outcome.file, ok: false, error: outcome.error }];
  return outcome.pages.map((page) =>
    page.ok
      ? { file: outcome.file, page: page.page, pageCount: page.pageCount, ok: true, result: page.result }
      : { file: outcome.file, page: page.page, pageCount: page.pageCount, ok: false, error: page.error },
  );
}

export interface OutputWriter {
  /** `resultPath`: where this input's result goes when writing into a folder (see resultPaths). */
  write(outcome: FileOutcome, resultPath?: string): Promise<void>;
}

export interface OutputOptions {
  readonly format: 'text' | 'json';
  readonly outDir?: string;
}

/**
 * Writes results as they come, in input order: text or JSON Lines to stdout, or one file per input
 * into `outDir`. Every failure, of a file or of one page, also gets one line on stderr, so a person
 * watching a JSON run still sees it.
 */
export function createOutputWriter(options: OutputOptions, io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }, fileCount: number): OutputWriter {
  const reportFailures = (outcome: FileOutcome) => {
    const failures: Array<{ where: string; error: Failure }> = outcome.ok
      ? outcome.pages.flatMap((page) => (page.ok ? [] : [{ where: `${outcome.file} (page ${page.page})`, error: page.error }]))
      : [{ where: outcome.file, error: outcome.error }];
    for (const { where, error } of failures) io.stderr.write(`ocr-desk: ${where}: ${error.message} [${error.code}]\n`);
  };
  const asText = (outcome: FileOutcome, withHeaders: boolean) => {
    if (!outcome.ok) return '';
    return outcome.pages
      .map((page) => {
        const header = withHeaders ? `==> ${outcome.file}${outcome.pages.length > 1 ? ` (page ${page.page})` : ''} <==\n` : '';
        return `${header}${page.ok ? page.result.text : ''}\n`;
      })
      .join(withHeaders ? '\n' : '\f\n');
  };
  const asJsonLines = (outcome: FileOutcome) => toRecords(outcome).map((record) => `${JSON.stringify(record)}\n`).join('');
  const render = (outcome: FileOutcome, withHeaders: boolean) => (options.format === 'json' ? asJsonLines(outcome) : asText(outcome, withHeaders));

  if (!options.outDir) {
    return {
      async write(outcome) {
        reportFailures(outcome);
        const multiPage = outcome.ok && outcome.pages.length > 1;
        if (options.format === 'json' || outcome.ok) io.stdout.write(render(outcome, fileCount > 1 || multiPage));
      },
    };
  }
  const outDir = options.outDir;
  return {
    async write(outcome, resultPath) {
      reportFailures(outcome);
      // A file with any failure gets no result file, so that --resume tries it again.
      if (hasFailure(outcome)) return;
      await mkdir(outDir, { recursive: true });
      // Written aside and renamed, so an interrupted run never leaves a partial result that
      // --resume would take for a finished one.
      const partial = `${resultPath ?? path.join(outDir, 'result')}.partial`;
      await writeFile(partial, render(outcome, false));
      await rename(partial, resultPath ?? path.join(outDir, 'result'));
    },
  };
}

/**
 * The result file of each input in `outDir`: its base name with `.txt` or `.jsonl`, and `-2`,
 * `-3`... for repeated names, in input order. Fixed before any file is read, so a resumed run
 * finds the names a first run gave.
 */
export function resultPaths(files: readonly string[], outDir: string, format: 'text' | 'json' | 'xlsx'): string[] {
  const extension = { json: '.jsonl', text: '.txt', xlsx: '.xlsx' }[format];
  const used = new Set<string>();
  return files.map((file) => {
    const base = path.parse(file).name;
    let name = `${base}${extension}`;
    for (let n = 2; used.has(name); n += 1) name = `${base}-${n}${extension}`;
    used.add(name);
    return path.join(outDir, name);
  });
}
