import { randomUUID } from 'node:crypto';
import type { Billing } from '../../main/billing/billing.js';
import type { ServiceId } from '../../shared/services.js';

/**
 * Meters calls through billing itself (real ledger entries), as root without a key: `count` of
 * them, or until the packages of the service run out. Returns how many were charged; throws if the
 * ledger refuses one, which no test expects.
 */
export async function meterCalls(billing: Billing, service: ServiceId, count = Infinity): Promise<number> {
  let charged = 0;
  while (charged < count) {
    const reservation = billing.reserve({ requestId: randomUUID(), account: 'root', secretId: null, service, calls: 1 });
    if (!reservation.ok) break;
    const committed = await billing.commit(reservation.value);
    if (!committed.ok) throw new Error(committed.error.message);
    charged += 1;
  }
  return charged;
}
