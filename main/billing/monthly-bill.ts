import { serviceIds, type ServiceId } from '../../shared/services.js';
import type { PriceTable } from '../store/state-schema.js';

export interface BillLine {
  readonly service: ServiceId;
  readonly calls: number;
  /** How the calls fell into the price tiers. */
  readonly tiers: ReadonlyArray<{ readonly calls: number; readonly milliPerCall: number; readonly milliAmount: number }>;
  readonly milliAmount: number;
}

export interface MonthlyBill {
  readonly month: string;
  readonly currency: string;
  readonly lines: readonly BillLine[];
  readonly milliTotal: number;
  /** The total in the currency, two decimals (rounded half up from thousandths). */
  readonly total: string;
}

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
