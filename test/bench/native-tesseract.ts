import { spawn } from 'node:child_process';
import { access, constants, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fail, ok, type Result } from '../../shared/result.js';

export type NativeErrorCode = 'NativeFailed';

export interface NativeRun {
  readonly ms: number;
  readonly text: string;
}

export interface NativeTesseract {
  readonly binary: string;
  readonly version: string;
  /** One CLI process per image: process start and model load included, as an app shelling out pays. */
  recognize(imagePath: string, languages: string): Promise<Result<NativeRun, NativeErrorCode>>;
  /** One process over a list file: the model is loaded once for all images. */
  recognizeList(imagePaths: readonly string[], languages: string, listFile: string): Promise<Result<NativeRun, NativeErrorCode>>;
}

/** Looks the binary up on PATH ourselves so a missing install is a value to report, not a spawn error. */
export async function findExecutable(name: string, searchPath: string | undefined): Promise<string | null> {
  for (const folder of (searchPath ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(folder, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return null;
}

interface ProcessOutcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  readonly spawnError: string | null;
}

function runProcess(binary: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<ProcessOutcome> {
  return new Promise((resolve) => {
    const start = performance.now();
    const child = spawn(binary, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let spawnError: string | null = null;
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => {
      spawnError = error.message;
    });
    child.on('close', (code) =>
      resolve({
        code,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        ms: performance.now() - start,
        spawnError,
      }),
    );
  });
}

export interface NativeTesseractOptions {
  readonly binary: string;
  /** Holds the uncompressed traineddata files shared with OCR Desk. */
  readonly tessdataDir: string;
  readonly baseEnv: NodeJS.ProcessEnv;
}

export async function createNativeTesseract(options: NativeTesseractOptions): Promise<Result<NativeTesseract, NativeErrorCode>> {
  // Debian's build uses OpenMP; with its default thread count it was 5x slower per page on two
  // cores (engine-benchmark.md). One thread per process is the configuration worth comparing with.
  const env: NodeJS.ProcessEnv = { ...options.baseEnv, OMP_THREAD_LIMIT: '1' };
  const versionRun = await runProcess(options.binary, ['--version'], env);
  if (versionRun.spawnError !== null || versionRun.code !== 0) {
    return fail('NativeFailed', `${options.binary} --version failed: ${versionRun.spawnError ?? versionRun.stderr.trim()}`);
  }
  // Tesseract 5 prints its version on stdout, 4.x on stderr.
  const version = (versionRun.stdout + versionRun.stderr).split('\n')[0]?.trim() ?? 'unknown';

  // PSM 3 (automatic segmentation, no OSD) is Tesseract's default and what OCR Desk uses too.
  const argsFor = (input: string, languages: string) => [input, 'stdout', '-l', languages, '--psm', '3', '--tessdata-dir', options.tessdataDir];

  const run = async (input: string, languages: string): Promise<Result<NativeRun, NativeErrorCode>> => {
    const outcome = await runProcess(options.binary, argsFor(input, languages), env);
    if (outcome.spawnError !== null) return fail('NativeFailed', outcome.spawnError);
    if (outcome.code !== 0) return fail('NativeFailed', `exit ${outcome.code}: ${outcome.stderr.trim().split('\n').slice(-2).join(' / ')}`);
    return ok({ ms: outcome.ms, text: outcome.stdout });
  };

  return ok({
    binary: options.binary,
    version,
    recognize: (imagePath, languages) => run(imagePath, languages),
    async recognizeList(imagePaths, languages, listFile) {
      await writeFile(listFile, `${imagePaths.join('\n')}\n`);
      return run(listFile, languages);
    },
  });
}
