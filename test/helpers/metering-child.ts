/**
 * A child process for the crash test: owns a data directory and meters calls through billing
 * (reserve, then commit) as fast as it can, printing each request id once its commit has
 * resolved (the call is charged), until it is killed.
 *   node --import tsx test/helpers/metering-child.ts DATA_DIR
 */
import { systemClock } from '../../main/platform/clock.js';
import { openWorkspace } from '../../main/services/open-workspace.js';

const directory = process.argv[2];
if (!directory) throw new Error('usage: metering-child.ts DATA_DIR');
const workspace = await openWorkspace({ directory, clock: systemClock, role: 'crash-test', machineId: 'crash-test' });
if (!workspace.ok) throw new Error(workspace.error.message);
process.stdout.write('ready\n');
for (let call = 1; ; call += 1) {
  const reservation = workspace.value.billing.reserve({ requestId: `call-${call}`, account: 'root', secretId: null, service: 'general-basic', calls: 1 });
  if (!reservation.ok) throw new Error(reservation.error.message);
  const committed = await workspace.value.billing.commit(reservation.value);
  if (!committed.ok) throw new Error(committed.error.message);
  process.stdout.write(`call-${call}\n`);
}
