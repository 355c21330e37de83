import type { BillLine, MonthlyBill } from '../../shared/billing-views.js';
import { serviceIds, type ServiceId } from '../../shared/services.js';
import type { PriceTable } from '../store/state-schema.js';

export type { BillLine, MonthlyBill } from '../../shared/billing-views.js';

/**
 * Pay-as-you-go calls of a month priced by tier: the first `upTo` calls at the first price, the
 * next at the second, and so on (the cloud lists its tiers per month; we bill them progressively).
 */
export function monthlyBill(month: string, paygCalls: ReadonlyMap<ServiceId, number>, table: PriceTable): MonthlyBill {
  const lines: BillLine[] = [];
  for (const service of serviceIds) {
    const calls = paygCalls.get(service) ?? 0;
    if (calls === 0) continue;
    const tiers: Array<BillLine['tiers'][number]> = [];
    let priced = 0;
    for (const tier of table.services[service]) {
      const inTier = Math.min(calls, tier.upTo ?? Infinity) - priced;
      if (inTier <= 0) continue;
      tiers.push({ calls: inTier, milliPerCall: tier.milliPerCall, milliAmount: inTier * tier.milliPerCall });
      priced += inTier;
    }
    lines.push({ service, calls, tiers, milliAmount: tiers.reduce((sum, tier) => sum + tier.milliAmount, 0) });
  }
  const milliTotal = lines.reduce((sum, line) => sum + line.milliAmount, 0);
  return { month, currency: table.currency, lines, milliTotal, total: (Math.round(milliTotal / 10) / 100).toFixed(2) };
}
