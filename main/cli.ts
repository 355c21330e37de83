import os from 'node:os';
import { parseArgs } from 'node:util';
import { createEngine } from './engine/create-engine.js';
import { adminCommands, runAdminCommand } from './cli/admin-commands.js';
import { runRecognizeCommand } from './cli/recognize-command.js';
import { runTableCommand } from './cli/table-command.js';
import { runServeCommand } from './cli/serve-command.js';
import { usage } from './cli/usage.js';
import { isTier } from './engine/tiers.js';

/** `ocr-desk`: the command-line door. Parses arguments, wires the engine, maps outcomes to exit codes. */
async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(usage);
    return command === undefined ? 2 : 0;
  }
  if (adminCommands.includes(command)) return runAdminCommand(command, rest, { stdout: process.stdout, stderr: process.stderr });
  if (command === 'serve') {
    // The first signal stops in order. A terminal's Ctrl-C reaches us twice (directly and forwarded
    // by the launcher, platform/one-malloc-arena.ts) within moments: only one a second later stops
    // at once (the ledger survives that: every committed call is synced, a torn line is cut).
    let firstAt = 0;
    const stopRequested = new Promise<NodeJS.Signals>((resolve) => {
      const onSignal = (signal: NodeJS.Signals) => {
        if (firstAt === 0) {
          firstAt = Date.now();
          resolve(signal);
        } else if (Date.now() - firstAt > 1000) {
          process.stderr.write(`ocr-desk serve: ${signal} again: stopping now\n`);
          process.exit(130);
        }
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    });
    return runServeCommand(rest, { stdout: process.stdout, stderr: process.stderr, stopRequested });
  }
  if (command !== 'recognize') {
    process.stderr.write(`ocr-desk: unknown command "${command}"\n\n${usage}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      allowPositionals: true,
      options: {
        lang: { type: 'string', default: 'auto' },
        format: { type: 'string', default: 'text' },
        out: { type: 'string' },
        workers: { type: 'string' },
        timeout: { type: 'string' },
        'single-line': { type: 'boolean' },
        'ignore-text-layer': { type: 'boolean' },
        tier: { type: 'string', default: 'standard' },
        page: { type: 'string' },
        resume: { type: 'boolean', default: false },
        table: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`ocr-desk: ${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const usageError = (message: string) => {
    process.stderr.write(`ocr-desk: ${message}\n`);
    return 2;
  };
  if (positionals.length === 0) return usageError('recognize needs at least one file or folder');
  if (values.format !== 'text' && values.format !== 'json') return usageError(`--format must be text or json, not "${values.format}"`);
  const tier = values.tier ?? 'standard';
  if (!isTier(tier)) return usageError(`--tier must be fast, standard or accurate, not "${tier}"`);
  const workers = values.workers === undefined ? Math.max(1, os.availableParallelism()) : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > 16) return usageError('--workers must be a whole number from 1 to 16 (each thread holds its own models)');
  if (values.resume && !values.out) return usageError('--resume needs --out: it skips inputs whose result is already in that folder');
  if (values.table && (values['single-line'] || values.resume)) return usageError('--table reads whole pages into workbooks: it takes neither --single-line nor --resume');
  const page = values.page === undefined ? undefined : Number(values.page);
  if (page !== undefined && !(Number.isInteger(page) && page >= 1)) return usageError('--page must be a whole number from 1');
  const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout) * 1000;
  if (timeoutMs !== undefined && !(timeoutMs > 0)) return usageError('--timeout must be a positive number of seconds');

  const engine = createEngine({ workers });
  const abort = new AbortController();
  let interruptedBy: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    interruptedBy ??= signal;
    abort.abort();
  };
  // `on`, not `once`: a Ctrl-C can arrive twice (from the terminal and forwarded by the launcher,
  // see platform/one-malloc-arena.ts); stopping is idempotent.
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // A reader that goes away (`| head`) is not an error of ours: stop quietly, exit 0.
  let readerGone = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') return;
    readerGone = true;
    abort.abort();
  });
  try {
    const io = { stdout: process.stdout, stderr: process.stderr, signal: abort.signal };
    const code = values.table
      ? await runTableCommand(engine, { inputs: positionals, language: values.lang ?? 'auto', tier, ...(page ? { page } : {}), outDir: values.out ?? process.cwd(), format: values.format, ...(timeoutMs ? { timeoutMs } : {}) }, io)
      : await runRecognizeCommand(
          engine,
          { inputs: positionals, language: values.lang ?? 'auto', tier, page, resume: values.resume, format: values.format, outDir: values.out, concurrency: workers, timeoutMs, singleLine: values['single-line'], useTextLayer: !values['ignore-text-layer'] },
          { ...io, readerGone: () => readerGone },
        );
    if (readerGone) return 0;
    // The shell's convention: 128 + the signal's number (SIGINT 2, SIGTERM 15).
    return interruptedBy === 'SIGTERM' ? 143 : code;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await engine.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
