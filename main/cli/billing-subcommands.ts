import { fail } from '../../shared/result.js';
import type { PackageView } from '../billing/billing.js';
import type { PriceTable } from '../store/state-schema.js';
import type { Workspace } from '../services/open-workspace.js';
import { isServiceId, serviceIds } from '../../shared/services.js';
import { billingMonth } from '../billing/calendar.js';
import { done, exactlyOne, rootOf, stringOption, UsageError, type OptionValues, type Outcome, type Subcommand } from './admin-types.js';

/** Whoever runs the CLI on the data directory's files is its owner: they act as root. */

const packageLine = (pack: PackageView) => [pack.id, pack.service, pack.kind, pack.total, pack.used, pack.remaining, pack.activatedAt, pack.expiresAt, pack.status].join('\t');
const packageDone = (pack: PackageView) => ({ text: packageLine(pack), json: pack });

/** `ocr-desk license import FILE` (issuing is a vendor command without a data directory). */
export const licenceSubcommands: Record<string, Subcommand> = {
  async import(workspace, args, _values, inputs) {
    const file = exactlyOne(args, 'licence file');
    if (file instanceof UsageError) return file;
    const text = await inputs.readText(file);
    if (text === null) return fail('FileNotFound', `The licence file ${file} cannot be read.`).error;
    return done(await workspace.billing.importLicence(rootOf(workspace), text), packageDone);
  },
};

/** `ocr-desk package list | refund ID` */
export const packageSubcommands: Record<string, Subcommand> = {
  async list(workspace) {
    const packages = workspace.billing.packages();
    return { text: ['id\tservice\tkind\ttotal\tused\tremaining\tactivated\texpires\tstatus', ...packages.map(packageLine)].join('\n'), json: { packages } };
  },
  async refund(workspace, args) {
    const id = exactlyOne(args, 'package id');
    if (id instanceof UsageError) return id;
    return done(await workspace.billing.refund(rootOf(workspace), id), packageDone);
  },
};

/** `ocr-desk service disable|enable SERVICE` */
export const serviceSubcommands: Record<string, Subcommand> = Object.fromEntries(
  (['disable', 'enable'] as const).map((verb): [string, Subcommand] => [
    verb,
    async (workspace, args) => {
      const service = exactlyOne(args, 'service id');
      if (service instanceof UsageError) return service;
      return done(await workspace.billing.setServiceEnabled(rootOf(workspace), service, verb === 'enable'), () => ({ text: `${service} ${verb}d.`, json: { service, enabled: verb === 'enable' } }));
    },
  ]),
);

/** `ocr-desk payg on|off|prices FILE` */
export const paygSubcommands: Record<string, Subcommand> = {
  ...Object.fromEntries(
    (['on', 'off'] as const).map((setting): [string, Subcommand] => [
      setting,
      async (workspace) =>
        done(await workspace.billing.setPayAsYouGo(rootOf(workspace), setting === 'on'), () => ({
          text: `Pay-as-you-go is ${setting}: calls beyond all packages are ${setting === 'on' ? 'served and billed monthly' : 'refused'}.`,
          json: { payAsYouGo: setting === 'on' },
        })),
    ]),
  ),
  async prices(workspace, args, _values, inputs) {
    const file = exactlyOne(args, 'price table file (JSON)');
    if (file instanceof UsageError) return file;
    const text = await inputs.readText(file);
    let table: unknown = null;
    try {
      table = text === null ? null : JSON.parse(text);
    } catch {
      return new UsageError(`${file} is not JSON`);
    }
    if (table === null) return fail('FileNotFound', `The price table ${file} cannot be read.`).error;
    return done(await workspace.billing.setPriceTable(rootOf(workspace), table as PriceTable), () => ({ text: 'The price table is set.', json: { priceTable: table } }));
  },
};

/** `ocr-desk bill [--month YYYY-MM]`: the pay-as-you-go bill of a month (default: this one). */
export async function billCommand(workspace: Workspace, values: OptionValues): Promise<Outcome | UsageError> {
  const month = stringOption(values, 'month') ?? billingMonth(new Date(), workspace.billing.timeZone());
  return done(workspace.billing.bill(rootOf(workspace), month), (bill) => ({
    text: [
      `Pay-as-you-go bill for ${bill.month}, ${bill.currency}`,
      ...bill.lines.flatMap((line) => [`${line.service}: ${line.calls} calls`, ...line.tiers.map((tier) => `  ${tier.calls} x ${(tier.milliPerCall / 1000).toFixed(3)} = ${(tier.milliAmount / 1000).toFixed(3)}`)]),
      `Total: ${bill.total} ${bill.currency}`,
    ].join('\n'),
    json: bill,
  }));
}

/** `ocr-desk usage [show] [--month YYYY-MM] [--by day|month] [--account NAME] [--service S]` */
export async function usageCommand(workspace: Workspace, values: OptionValues): Promise<Outcome | UsageError> {
  const by = stringOption(values, 'by') ?? 'day';
  if (by !== 'day' && by !== 'month') return new UsageError('--by must be day or month');
  const service = stringOption(values, 'service');
  if (service !== undefined && !isServiceId(service)) return new UsageError(`--service must be one of ${serviceIds.join(', ')}`);
  const month = stringOption(values, 'month') ?? billingMonth(new Date(), workspace.billing.timeZone());
  const account = stringOption(values, 'account');
  const rows = await workspace.billing.usage(rootOf(workspace), { month, by, ...(account ? { account } : {}), ...(service ? { service } : {}) });
  return done(rows, (list) => ({
    text: ['period\tservice\taccount\trequests\tcalls\tfailures', ...list.map((row) => [row.period, row.service, row.account, row.requests, row.calls, row.failures].join('\t'))].join('\n'),
    json: { month, rows: list },
  }));
}
