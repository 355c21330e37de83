/**
 * A child process for the lock race test: tries to own a data directory's lock once, says
 * `won` or `lost`, holds it a moment, and releases it.
 *   node --import tsx test/helpers/lock-contender.ts DATA_DIR
 */
import { acquireStoreLock } from '../../main/store/store-lock.js';

const directory = process.argv[2];
if (!directory) throw new Error('usage: lock-contender.ts DATA_DIR');
const lock = await acquireStoreLock(directory, 'contender', new Date());
process.stdout.write(lock.ok ? 'won\n' : `lost ${lock.error.code}\n`);
if (lock.ok) {
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await lock.value.release();
}
