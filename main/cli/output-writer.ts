import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RecognitionResult, RecognizedPage } from '../../shared/ocr-result.js';
import type { Failure } from '../../shared/result.js';

/** What became of one input file. */
export type FileOutcome = { readonly file: string; readonly ok: true; readonly pages: RecognizedPage[] } | { readonly file: string; readonly ok: false; readonly error: Failure };

/** The JSON Lines record of one page or one failed file: the CLI's documented output contract. */
export function toRecord(outcome: FileOutcome): object[] {
  if (!outcome.ok) return [{ file: outcome.file, ok: false, error: outcome.error }];
  return outcome.pages.map((page) => ({ file: outcome.file, page: page.page, ok: true, result: page.result satisfies RecognitionResult }));
}

export interface OutputWriter {
  write(outcome: FileOutcome): Promise<void>;
}

export interface OutputOptions {
  readonly format: 'text' | 'json';
  readonly outDir?: string;
}

/**
 * Writes results as they come, in input order: text or JSON Lines to stdout, or one file per
 * input into `outDir`. Failures always get one line on stderr.
 */
export function createOutputWriter(options: OutputOptions, io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }, fileCount: number): OutputWriter {
  const reportFailure = (outcome: FileOutcome & { ok: false }) => io.stderr.write(`ocr-desk: ${outcome.file}: ${outcome.error.message} [${outcome.error.code}]\n`);
  const asText = (outcome: FileOutcome & { ok: true }, withHeaders: boolean) =>
    outcome.pages
      .map((page) => {
        const header = withHeaders ? `==> ${outcome.file}${outcome.pages.length > 1 ? ` (page ${page.page})` : ''} <==\n` : '';
        return `${header}${page.result.text}\n`;
      })
      .join(withHeaders ? '\n' : '\f\n');
  const asJsonLines = (outcome: FileOutcome) => toRecord(outcome).map((record) => `${JSON.stringify(record)}\n`).join('');

  if (!options.outDir) {
    return {
      async write(outcome) {
        if (options.format === 'json') io.stdout.write(asJsonLines(outcome));
        else if (outcome.ok) io.stdout.write(asText(outcome, fileCount > 1 || outcome.pages.length > 1));
        else reportFailure(outcome);
      },
    };
  }
  const outDir = options.outDir;
  const used = new Set<string>();
  return {
    async write(outcome) {
      if (!outcome.ok) {
        reportFailure(outcome);
        if (options.format === 'text') return;
      }
      await mkdir(outDir, { recursive: true });
      const extension = options.format === 'json' ? '.jsonl' : '.txt';
      const base = path.parse(outcome.file).name;
      let name = `${base}${extension}`;
      for (let n = 2; used.has(name); n += 1) name = `${base}-${n}${extension}`;
      used.add(name);
      const content = options.format === 'json' ? asJsonLines(outcome) : outcome.ok ? asText(outcome, false) : '';
      await writeFile(path.join(outDir, name), content);
    },
  };
}
