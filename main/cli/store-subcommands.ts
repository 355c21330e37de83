import type { Subcommand } from './admin-types.js';

/** `ocr-desk store verify`: walks the usage ledger's hash chain (exit 1 with the first break). */
export const storeSubcommands: Record<string, Subcommand> = {
  async verify(workspace) {
    const problem = await workspace.verifyLedger();
    if (problem) return { code: 'LedgerBroken', message: `The usage ledger is broken at ${problem.file} line ${problem.line}: ${problem.problem}.` };
    return { text: 'The usage ledger is intact: every entry follows the one before it and none was changed.', json: { intact: true } };
  },
};
