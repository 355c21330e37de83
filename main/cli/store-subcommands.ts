import { systemClock } from '../platform/clock.js';
import { openWorkspace } from '../services/open-workspace.js';
import { backupWorkspace, restoreWorkspace } from '../services/store-maintenance.js';
import { done, exactlyOne, UsageError, type Outcome, type Subcommand } from './admin-types.js';

/** `ocr-desk store verify`: walks the usage ledger's hash chain (exit 1 with the first break). */
export const storeSubcommands: Record<string, Subcommand> = {
  async backup(workspace, args) {
    const target = exactlyOne(args, 'backup file');
    if (target instanceof UsageError) return target;
    return done(await backupWorkspace(workspace, target, systemClock), ({ files, bytes }) => ({
      text: `Backed up ${files} files (${bytes} bytes) to ${target}. It holds the key that opens the stored API keys: keep it as safe as the keys.`,
      json: { backup: target, files, bytes },
    }));
  },
  async verify(workspace) {
    const problem = await workspace.verifyLedger();
    if (problem) return { code: 'LedgerBroken', message: `The usage ledger is broken at ${problem.file} line ${problem.line}: ${problem.problem}.` };
    return { text: 'The usage ledger is intact: every entry follows the one before it and none was changed.', json: { intact: true } };
  },
};

/** `ocr-desk store restore FILE`: then opens the result, to say which licences this machine cannot use. */
export async function restoreCommand(directory: string, args: readonly string[]): Promise<Outcome | UsageError> {
  const source = exactlyOne(args, 'backup file');
  if (source instanceof UsageError) return source;
  const restored = await restoreWorkspace(directory, source, systemClock);
  if (!restored.ok) return restored.error;
  const workspace = await openWorkspace({ directory, clock: systemClock, role: 'cli' });
  if (!workspace.ok) return workspace.error;
  try {
    const elsewhere = workspace.value.billing.packages().filter((pack) => pack.status === 'other-machine');
    const aside = restored.value.keptAside ? ` What was there before is in ${restored.value.keptAside}.` : '';
    const note = elsewhere.length > 0 ? ` ${elsewhere.length} licence(s) are bound to another machine and need the vendor's re-issue for this one (\`ocr-desk machine-id\`): ${elsewhere.map((pack) => pack.id).join(', ')}.` : '';
    return { text: `Restored ${restored.value.files} files into ${directory}.${aside}${note}`, json: { restored: restored.value.files, keptAside: restored.value.keptAside, otherMachine: elsewhere.map((pack) => pack.id) } };
  } finally {
    await workspace.value.close();
  }
}
