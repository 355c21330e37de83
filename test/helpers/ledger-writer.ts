/**
 * A child process for the crash test: owns a data directory and meters calls as fast as it can,
 * printing each call's sequence number once its append has resolved (the call is committed),
 * until it is killed.
 *   node --import tsx test/helpers/ledger-writer.ts DATA_DIR
 */
import type { UsageEntry } from '../../main/billing/billing.js';
import { openDataStore } from '../../main/store/data-store.js';
import { systemClock } from '../../main/platform/clock.js';

const directory = process.argv[2];
if (!directory) throw new Error('usage: ledger-writer.ts DATA_DIR');
const store = await openDataStore<UsageEntry>({ directory, clock: systemClock, role: 'crash-test' });
if (!store.ok) throw new Error(store.error.message);
process.stdout.write('ready\n');
for (let call = 1; ; call += 1) {
  const entry: UsageEntry = { requestId: `call-${call}`, account: 'root', secretId: null, service: 'general-basic', calls: 1, draws: [{ package: 'free:general-basic:2026-11', calls: 1 }], result: 'ok' };
  const appended = await store.value.ledger.append(entry, systemClock.now());
  if (!appended.ok) throw new Error(appended.error.message);
  process.stdout.write(`${appended.value.seq}\n`);
}
