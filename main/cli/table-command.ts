import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Failure } from '../../shared/result.js';
import type { RecognizedTable } from '../../shared/table-result.js';
import type { Engine } from '../engine/create-engine.js';
import type { Tier } from '../engine/tiers.js';
import { tableWorkbook } from '../export/xlsx/table-workbook.js';
import { listInputs } from './list-inputs.js';
import { resultPaths } from './output-writer.js';

export interface TableCommandOptions {
  readonly inputs: readonly string[];
  readonly language: string;
  readonly tier: Tier;
  /** Only this page (from 1); otherwise every page of a PDF or TIFF, its tables in one workbook. */
  readonly page?: number;
  /** Where the workbooks go (default: the current folder), one `<name>.xlsx` per input. */
  readonly outDir: string;
  /** `json`: also print each page's tables (the shared table model) as a JSON line. */
  readonly format: 'text' | 'json';
  readonly timeoutMs?: number;
}

export interface TableCommandIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly signal?: AbortSignal;
}

/**
 * `ocr-desk recognize --table`: each input's tables into an xlsx workbook, a sheet per table,
 * merged cells as found. A page without a table adds nothing; a file without any table still gets
 * its (empty) workbook, so a batch's output matches its input. Files are read one after another:
 * each page already keeps the engine's threads busy. Resolves with the exit code (1 if any file
 * failed, 130 if interrupted).
 */
export async function runTableCommand(engine: Engine, options: TableCommandOptions, io: TableCommandIo): Promise<number> {
  const { files, unreadable } = await listInputs(options.inputs);
  for (const folder of unreadable) io.stderr.write(`ocr-desk: ${folder.path}: ${folder.message} [FileNotFound]\n`);
  if (files.length === 0) {
    io.stderr.write(`ocr-desk: no images found in ${options.inputs.join(', ')}\n`);
    return 1;
  }
  const targets = resultPaths(files, options.outDir, 'xlsx');
  let failed = 0;
  for (const [index, file] of files.entries()) {
    if (io.signal?.aborted) {
      io.stderr.write(`ocr-desk: stopped; ${files.length - index} files not read\n`);
      return 130;
    }
    const outcome = await tablesOfFile(engine, file, options, io);
    if (!outcome.ok) {
      failed += 1;
      io.stderr.write(`ocr-desk: ${file}: ${outcome.error.message} [${outcome.error.code}]\n`);
      continue;
    }
    const target = targets[index]!;
    // Written aside and renamed, so an interrupted write never leaves half a workbook under the name.
    const partial = `${target}.partial`;
    try {
      await writeFile(partial, await tableWorkbook(outcome.tables));
      await rename(partial, target);
    } catch (error) {
      failed += 1;
      await rm(partial, { force: true });
      io.stderr.write(`ocr-desk: ${target}: cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)}) [WriteFailed]\n`);
      continue;
    }
    io.stderr.write(`ocr-desk: ${path.basename(file)}: ${outcome.tables.length} tables -> ${target}\n`);
  }
  return failed > 0 || unreadable.length > 0 ? 1 : 0;
}

async function tablesOfFile(
  engine: Engine,
  file: string,
  options: TableCommandOptions,
  io: TableCommandIo,
): Promise<{ ok: true; tables: RecognizedTable[] } | { ok: false; error: Failure }> {
  const tables: RecognizedTable[] = [];
  let page = options.page ?? 1;
  let lastPage = options.page ?? 1;
  do {
    const reading = await engine.recognizeTables(
      { kind: 'path', path: file },
      { language: options.language, tier: options.tier, page, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) },
      { lane: 'cli', ...(io.signal ? { signal: io.signal } : {}) },
    );
    if (!reading.ok) return { ok: false, error: page > 1 ? { ...reading.error, message: `page ${page}: ${reading.error.message}` } : reading.error };
    if (options.page === undefined) lastPage = reading.value.pageCount;
    if (options.format === 'json') io.stdout.write(`${JSON.stringify({ file, page, pageCount: reading.value.pageCount, tables: reading.value.tables, outside: reading.value.outside })}\n`);
    tables.push(...reading.value.tables);
    page += 1;
  } while (page <= lastPage);
  return { ok: true, tables };
}
