import path from 'node:path';
import type { Engine } from '../engine/create-engine.js';
import type { Tier } from '../engine/tiers.js';
import { listInputs } from './list-inputs.js';
import { existsSync } from 'node:fs';
import { createOutputWriter, hasFailure, resultPaths, type FileOutcome } from './output-writer.js';
import { fail } from '../../shared/result.js';
import { createProgressBar } from './progress-bar.js';

export interface RecognizeCommandOptions {
  readonly inputs: readonly string[];
  readonly language: string;
  readonly tier: Tier;
  /** Only this page (from 1) of each multi-page file. */
  readonly page?: number;
  /** With outDir: skip inputs whose result file is already there (an interrupted batch goes on). */
  readonly resume?: boolean;
  readonly format: 'text' | 'json';
  readonly outDir?: string;
  /** Files in flight at once; keeps every engine worker busy without flooding its queue. */
  readonly concurrency: number;
  readonly timeoutMs?: number;
  readonly singleLine?: boolean;
  readonly useTextLayer?: boolean;
}

export interface RecognizeCommandIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WriteStream;
  readonly signal?: AbortSignal;
  /** True once stdout's reader has gone (`| head`): the run ends without a summary. */
  readonly readerGone?: () => boolean;
}

/** Runs `ocr-desk recognize`; resolves with the process exit code (1 if any file or page failed, 130 if interrupted). */
export async function runRecognizeCommand(engine: Engine, options: RecognizeCommandOptions, io: RecognizeCommandIo): Promise<number> {
  const started = Date.now();
  const { files, skipped, unreadable } = await listInputs(options.inputs);
  for (const folder of unreadable) io.stderr.write(`ocr-desk: ${folder.path}: ${folder.message} [FileNotFound]\n`);
  if (files.length === 0) {
    io.stderr.write(`ocr-desk: no images found in ${options.inputs.join(', ')}${skipped ? ` (${skipped} other files skipped)` : ''}\n`);
    return 1;
  }
  const bar = createProgressBar(io.stderr);
  const inFlight = new Map<number, number>();
  let completed = 0;
  const showProgress = (label: string) => {
    const partial = [...inFlight.values()].reduce((sum, fraction) => sum + fraction, 0);
    bar.update(completed + partial, files.length, `${completed}/${files.length} ${label}`);
  };

  const recognizeFile = async (index: number): Promise<FileOutcome> => {
    const file = files[index]!;
    inFlight.set(index, 0);
    const result = await engine
      .recognize(
      { kind: 'path', path: file },
      { language: options.language, tier: options.tier, page: options.page, timeoutMs: options.timeoutMs, singleLine: options.singleLine, useTextLayer: options.useTextLayer },
      {
        signal: io.signal,
        lane: 'cli',
        onProgress: (progress) => {
          inFlight.set(index, progress.progress);
          showProgress(path.basename(file));
        },
      },
    )
      // The engine returns failures as values; a rejection is a bug, reported for this file only.
      .catch((error: unknown) => fail('EngineFailed', `Internal error: ${error instanceof Error ? error.message : String(error)}`));
    inFlight.delete(index);
    completed += 1;
    showProgress(path.basename(file));
    return result.ok ? { file, ok: true, pages: result.value } : { file, ok: false, error: result.error };
  };

  // Start up to `concurrency` files at once but report strictly in input order.
  const outcomes: Promise<FileOutcome>[] = [];
  let nextIndex = 0;
  const slots: Array<Promise<void>> = [];
  const resolvers: Array<(outcome: FileOutcome) => void> = [];
  for (let i = 0; i < files.length; i += 1) outcomes.push(new Promise((resolve) => resolvers.push(resolve)));
  const paths = options.outDir ? resultPaths(files, options.outDir, options.format) : [];
  const alreadyDone = new Set<number>();
  if (options.resume && options.outDir) {
    for (const [index, resultPath] of paths.entries()) if (existsSync(resultPath)) alreadyDone.add(index);
  }
  const runSlot = async () => {
    while (nextIndex < files.length) {
      const index = nextIndex;
      nextIndex += 1;
      if (alreadyDone.has(index)) {
        completed += 1;
        resolvers[index]!({ file: files[index]!, ok: true, pages: [] });
        continue;
      }
      // After Ctrl+C, files not yet started are not tried: one summary line, not one error each.
      resolvers[index]!(io.signal?.aborted ? { file: files[index]!, ok: false, error: { code: 'Cancelled', message: 'not read: cancelled' } } : await recognizeFile(index));
    }
  };
  for (let i = 0; i < Math.max(1, options.concurrency); i += 1) slots.push(runSlot());

  const writer = createOutputWriter(options, io, files.length);
  let failed = 0;
  let cancelled = 0;
  let pages = 0;
  for (const [index, pending] of outcomes.entries()) {
    const outcome = await pending;
    bar.clear();
    if (outcome.ok) pages += outcome.pages.filter((page) => page.ok).length;
    if (!outcome.ok && outcome.error.code === 'Cancelled') cancelled += 1;
    else if (hasFailure(outcome)) failed += 1;
    if (alreadyDone.has(index)) continue;
    if (outcome.ok || outcome.error.code !== 'Cancelled') await writer.write(outcome, paths[index]);
    showProgress('');
  }
  await Promise.all(slots);
  bar.clear();
  if (io.readerGone?.()) return 0;
  if (files.length > 1 || skipped > 0 || options.outDir || cancelled > 0) {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const where = options.outDir ? `; results in ${options.outDir}` : '';
    const skippedNote = skipped ? `, ${skipped} non-image files skipped` : '';
    const cancelledNote = cancelled ? `, ${cancelled} not read (cancelled)` : '';
    const resumedNote = alreadyDone.size ? `, ${alreadyDone.size} already done (--resume)` : '';
    const recognised = files.length - failed - cancelled - alreadyDone.size;
    io.stderr.write(`ocr-desk: ${recognised} of ${files.length} files recognised (${pages} pages) in ${seconds} s${failed ? `, ${failed} failed` : ''}${cancelledNote}${resumedNote}${skippedNote}${where}\n`);
  }
  // 130 is the shell's code for "ended by Ctrl+C".
  if (cancelled > 0) return 130;
  return failed > 0 || unreadable.length > 0 ? 1 : 0;
}
