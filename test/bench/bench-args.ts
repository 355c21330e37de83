import { parseArgs } from 'node:util';
import { fail, ok, type Result } from '../../shared/result.js';
import { isTier, type Tier } from '../../main/engine/tiers.js';

export interface BenchArgs {
  /** Timed runs per image and engine; the median is reported. */
  readonly rounds: number;
  /** Where to write machine-readable results, or null for print-only. */
  readonly jsonFile: string | null;
  readonly help: boolean;
  /** OCR Desk's tier; native reads the same model files. */
  readonly tier: Tier;
}

export const benchUsage = `Usage: npm run bench -- [--rounds N] [--tier T] [--json FILE]

Benchmarks OCR Desk's engine against native Tesseract (Debian's CLI, same traineddata files)
on the fixture corpus, and prints latency, throughput, cold start, peak RSS and CER.

  --rounds N   timed runs per image and engine, median reported (default 3)
  --tier T     fast, standard (default) or accurate; native reads that tier's model files
  --json FILE  also write the results as JSON to FILE
  --help       show this text

Native Tesseract: scripts/install-system-packages.sh --bench`;

export function parseBenchArgs(argv: readonly string[]): Result<BenchArgs, 'InvalidArguments'> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { rounds: { type: 'string' }, json: { type: 'string' }, tier: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    // parseArgs reports unknown options by throwing; for the bench that is a usage error, not a bug.
    return fail('InvalidArguments', error instanceof Error ? error.message : String(error));
  }
  const { rounds = '3', json, help = false, tier = 'standard' } = parsed.values;
  if (!isTier(tier)) return fail('InvalidArguments', `--tier must be fast, standard or accurate, not "${tier}".`);
  const roundCount = Number(rounds);
  if (!Number.isInteger(roundCount) || roundCount < 1 || roundCount > 50) {
    return fail('InvalidArguments', `--rounds must be a whole number from 1 to 50, not "${rounds}".`);
  }
  if (json !== undefined && json.trim() === '') return fail('InvalidArguments', '--json needs a file name.');
  return ok({ rounds: roundCount, jsonFile: json ?? null, help, tier });
}
