import { randomUUID } from 'node:crypto';
import type { BillingErrorCode } from '../../shared/billing-errors.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { isServiceId, serviceIds, type ServiceId } from '../../shared/services.js';
import type { StoreErrorCode } from '../../shared/store-errors.js';
import type { Account } from '../accounts/accounts.js';
import { isAllowed } from '../accounts/permissions.js';
import type { Clock } from '../platform/clock.js';
import type { NotificationRecord, PackageView } from '../../shared/billing-views.js';
import type { PackageRecord, PriceTable } from '../store/state-schema.js';
import { monthlyBill, type MonthlyBill } from './monthly-bill.js';
import type { StateStore } from '../store/state-store.js';
import type { UsageLedger } from '../store/usage-ledger.js';
import { billingMonth, calendarDaysBetween, isTimeZone, monthDays } from './calendar.js';
import { deduct, type Draw } from './deduction.js';
import type { Reservation, ReserveRequest, UsageEntry } from './usage-entry.js';

export type { Reservation, ReserveRequest, UsageEntry } from './usage-entry.js';
export type { PackageView } from '../../shared/billing-views.js';
import { readLicence } from './licence-file.js';
import { usageReport, type UsageQuery, type UsageRow } from './usage-report.js';
import type { WebhookSender } from './webhook-sender.js';

/** Calls in each service's free package, renewed on the 1st of every month. */
export const freeCallsPerMonth = 1000;
/** A prepaid package with no call used may be refunded up to this many days after activation. */
export const refundDays = 7;
/** Counters are written to db.json every this many commits (and at close); the ledger is the truth. */
const checkpointEvery = 1000;
/** The cloud alerts when the last usable package of a service has less than this share left, and at 0. */
const lowShare = 0.2;
/** Settled request ids remembered (from the ledger's tail at opening): a second commit or release of one returns the first. */
const rememberedRequests = 100_000;



/** Why a call cannot be reserved. */
export type ReserveErrorCode = Extract<BillingErrorCode, 'ServiceDisabled' | 'ResourcePackageRunOut' | 'DuplicateRequest'>;

type Managing<T> = Promise<Result<T, BillingErrorCode | StoreErrorCode>>;

export interface Billing {
  packages(): PackageView[];
  importLicence(actor: Account, text: string): Managing<PackageView>;
  refund(actor: Account, packageId: string): Managing<PackageView>;
  setPayAsYouGo(actor: Account, on: boolean): Managing<void>;
  /** The IANA zone billing months and refund days are counted in (default: this machine's). */
  setTimeZone(actor: Account, timeZone: string): Managing<void>;
  setServiceEnabled(actor: Account, service: string, enabled: boolean): Managing<void>;
  /**
   * Holds the calls a request will cost before it runs, in the deduction order, so concurrent
   * requests never overdraw a package. Synchronous: two reservations never interleave.
   */
  reserve(request: ReserveRequest): Result<Reservation, ReserveErrorCode>;
  /**
   * The request succeeded, or failed in a way the cloud bills (`result` then names the failure):
   * the reserved calls are charged and the call enters the ledger.
   */
  commit(reservation: Reservation, result?: string): Promise<Result<UsageEntry, StoreErrorCode>>;
  /** The request failed or was cancelled: nothing is charged; the call enters the ledger with its result. */
  release(reservation: Reservation, result: string): Promise<Result<UsageEntry, StoreErrorCode>>;
  /** What opening found wrong with the ledger against the checkpoint (lost or changed entries). */
  readonly warnings: readonly string[];
  /** Writes the counters to db.json (also every 1,000 commits). */
  checkpoint(): Promise<Result<void, StoreErrorCode>>;
  /**
   * Usage of a month by day or month, service and account. Root and full-access accounts see
   * everyone's and may filter by account; any other account sees its own only.
   */
  usage(viewer: Account, query: UsageQuery): Promise<Result<UsageRow[], BillingErrorCode>>;
  /** The IANA zone months and days are counted in. */
  timeZone(): string;
  /** Whether calls beyond all packages are billed (or refused). */
  payAsYouGo(): boolean;
  /** Services refusing calls until enabled again. */
  disabledServices(): ServiceId[];
  /** The pay-as-you-go bill of a month (`YYYY-MM`), at the price table. */
  bill(viewer: Account, month: string): Result<MonthlyBill, BillingErrorCode>;
  /** Replaces the pay-as-you-go price table. */
  setPriceTable(actor: Account, table: PriceTable): Managing<void>;
  /** In-app notifications, newest first. */
  notifications(): NotificationRecord[];
  /** Alerts are shared: only accounts that manage billing mark them read. */
  markRead(actor: Account, ids: readonly string[] | 'all'): Managing<void>;
  /** Where alerts are POSTed as JSON (http or https), or null for none. */
  setAlertWebhook(actor: Account, url: string | null): Managing<void>;
}

export interface BillingDeps {
  readonly state: StateStore;
  readonly ledger: UsageLedger<UsageEntry>;
  readonly clock: Clock;
  /** The licence public key of this build (assets/licence/public-key.pem). */
  readonly licencePublicKey: string;
  /** This machine's id, for machine-bound licences (platform/machine-id.ts). */
  readonly machineId: string | null;
  /** Told of every alert as it fires (the desktop shell shows a native notification). */
  readonly onAlert?: (alert: NotificationRecord) => void;
  /** Delivers alerts to the webhook (billing/webhook-sender.ts). */
  readonly webhook: WebhookSender;
  /** Told of what an administrator should know at once (the clock went back); the doors log it. */
  readonly onWarning?: (message: string) => void;
}

/**
 * Resource packages and metering. Counters live in memory, rebuilt at opening from the checkpoint
 * in db.json plus the ledger entries after it (or the whole ledger when the checkpoint does not
 * match it); every charge is a ledger entry first, so a crash loses no committed call.
 */
export async function openBilling(deps: BillingDeps): Promise<Result<Billing, StoreErrorCode>> {
  const { state, ledger, clock } = deps;
  const used = new Map<string, number>();
  const reserved = new Map<string, number>();
  const pending = new Map<string, Reservation>();
  /** Requests whose charge or release is on its way to the ledger, and those already there. */
  const settling = new Map<string, Promise<Result<UsageEntry, StoreErrorCode>>>();
  const settled = new Map<string, UsageEntry>();
  /** Prepaid packages being imported or refunded: decided, not yet written. */
  const importing = new Set<string>();
  const refunding = new Set<string>();
  let commitsSinceCheckpoint = 0;
  // Held in memory too, so two commits at once cannot both fire the same alert.
  const fired = new Set(state.state.alertsFired);

  const warnings = await rebuildCounters(state, ledger, used);
  /** The last ledger entry whose counters are in `used`: what a checkpoint may claim. */
  let appliedSeq = ledger.entries;
  let appliedHash = ledger.lastHash;
  const remember = (entry: UsageEntry) => {
    settled.set(entry.requestId, entry);
    if (settled.size > rememberedRequests) settled.delete(settled.keys().next().value!);
  };
  for await (const entry of ledger.entriesFrom(Math.max(1, ledger.entries - rememberedRequests + 1))) {
    if (typeof entry.data?.requestId === 'string') remember(entry.data);
  }

  const settings = () => state.state.billing;
  const freeKey = (service: ServiceId, month: string) => `free:${service}:${month}`;
  const available = (key: string, total: number) => total - (used.get(key) ?? 0) - (reserved.get(key) ?? 0);
  const add = (counters: Map<string, number>, draws: readonly Draw[], sign: 1 | -1) => {
    for (const draw of draws) counters.set(draw.package, (counters.get(draw.package) ?? 0) + sign * draw.calls);
  };
  const onThisMachine = (record: PackageRecord) => record.machineId === null || record.machineId === deps.machineId;
  const usable = (record: PackageRecord, now: Date) => record.refundedAt === null && !refunding.has(record.id) && onThisMachine(record) && Date.parse(record.validFrom) <= now.getTime() && now.getTime() <= Date.parse(record.validTo);
  const usablePrepaid = (service: ServiceId, now: Date) =>
    state.state.packages.filter((record) => record.service === service && usable(record, now)).sort((a, b) => a.activatedAt.localeCompare(b.activatedAt));
  /** The packages a call of `service` may draw on now, in the deduction order: free, then prepaid by activation. */
  const drawOrder = (service: ServiceId, now: Date) => [
    { id: freeKey(service, billingMonth(now, settings().timeZone)), total: freeCallsPerMonth },
    ...usablePrepaid(service, now).map((record) => ({ id: record.id, total: record.calls })),
  ];

  const viewPrepaid = (record: PackageRecord, now: Date): PackageView => {
    const spent = used.get(record.id) ?? 0;
    const status: PackageView['status'] =
      record.refundedAt !== null ? 'refunded' : !onThisMachine(record) ? 'other-machine' : now.getTime() > Date.parse(record.validTo) ? 'expired' : now.getTime() < Date.parse(record.validFrom) ? 'not-yet-valid' : spent >= record.calls ? 'exhausted' : 'active';
    return { id: record.id, service: record.service, kind: 'prepaid', total: record.calls, used: spent, remaining: Math.max(0, record.calls - spent), activatedAt: record.activatedAt, expiresAt: record.validTo, status };
  };

  const managing = (actor: Account): Result<void, BillingErrorCode> =>
    isAllowed(actor, { kind: 'manage-billing' }) ? ok(undefined) : fail('NotAllowed', `The account "${actor.name}" may not manage packages or services; root or a full-access account may.`);

  /**
   * Ends a reservation once: a second commit or release of the same request (a retry, a bug)
   * returns what the first one wrote and charges nothing more.
   */
  const settle = (reservation: Reservation, charged: boolean, result: string): Promise<Result<UsageEntry, StoreErrorCode>> => {
    const already = settled.get(reservation.requestId);
    if (already) return Promise.resolve(ok(already));
    const inFlight = settling.get(reservation.requestId);
    if (inFlight) return inFlight;
    if (pending.get(reservation.requestId)?.id !== reservation.id) throw new Error(`settling a reservation this billing did not make (${reservation.requestId})`);
    pending.delete(reservation.requestId);
    const work = write(reservation, charged, result);
    settling.set(reservation.requestId, work);
    void work.then(() => settling.delete(reservation.requestId));
    return work;
  };

  const write = async (reservation: Reservation, charged: boolean, result: string): Promise<Result<UsageEntry, StoreErrorCode>> => {
    const entry: UsageEntry = {
      requestId: reservation.requestId,
      account: reservation.account,
      secretId: reservation.secretId,
      service: reservation.service,
      calls: charged ? reservation.calls : 0,
      draws: charged ? reservation.draws : [],
      result,
    };
    const at = clock.now();
    const appended = await ledger.append(entry, at);
    // Whether or not the ledger took it, the hold ends; a charge counts only once it is on disk.
    add(reserved, reservation.draws, -1);
    if (!appended.ok) return appended;
    if (appended.value.clockWentBack) {
      deps.onWarning?.(`The clock went back: ledger entry ${appended.value.seq} is dated ${at.toISOString()}, earlier than the entry before it. Months, refunds and usage days follow the clock; check its time and time zone.`);
    }
    // Counters and the position they describe move together, in ledger order (appends are serial).
    appliedSeq = appended.value.seq;
    appliedHash = appended.value.hash;
    if (charged) add(used, entry.draws, 1);
    remember(entry);
    if (charged) raiseAlerts(reservation.service, entry.draws);
    commitsSinceCheckpoint += 1;
    if (commitsSinceCheckpoint >= checkpointEvery) await writeCheckpoint();
    return ok(entry);
  };

  /**
   * After a charge: when a single usable package of the service has calls left and it is below
   * 20% of its total, it is low; when none has any left, the package that ran out is exhausted.
   * Each fires once per package and kind: a notification, the onAlert event and the webhook.
   * Recording it is not awaited here: a call never waits for an alert.
   */
  const raiseAlerts = (service: ServiceId, draws: readonly Draw[]): void => {
    const now = clock.now();
    const withCalls = drawOrder(service, now)
      .map((pack) => ({ ...pack, remaining: pack.total - (used.get(pack.id) ?? 0) }))
      .filter((pack) => pack.remaining > 0);
    const ranOut = draws.filter((draw) => !draw.package.startsWith('payg:')).at(-1)?.package;
    const alerts: Array<Pick<NotificationRecord, 'kind' | 'packageId' | 'remaining' | 'total'>> = [];
    const only = withCalls.length === 1 ? withCalls[0]! : null;
    if (only && only.remaining < lowShare * only.total) alerts.push({ kind: 'package-low', packageId: only.id, remaining: only.remaining, total: only.total });
    if (withCalls.length === 0 && ranOut) {
      const total = ranOut.startsWith('free:') ? freeCallsPerMonth : (state.state.packages.find((record) => record.id === ranOut)?.calls ?? 0);
      alerts.push({ kind: 'package-exhausted', packageId: ranOut, remaining: 0, total });
    }
    for (const alert of alerts) {
      const key = `${alert.packageId}:${alert.kind}`;
      if (fired.has(key)) continue;
      fired.add(key);
      const record: NotificationRecord = { id: randomUUID(), at: now.toISOString(), service, read: false, ...alert };
      void state
        .update((draft) => {
          draft.alertsFired.push(key);
          draft.notifications.push(record);
        })
        // Not recorded: it may fire again at the next charge rather than be lost.
        .then((written) => written.ok || fired.delete(key));
      deps.onAlert?.(record);
      const url = settings().alertWebhookUrl;
      if (url) deps.webhook.send(url, { event: 'ocr-desk.package-alert', ...record });
    }
  };

  const writeCheckpoint = async (): Promise<Result<void, StoreErrorCode>> => {
    commitsSinceCheckpoint = 0;
    // Read when the write runs, all three at one instant: the counters are exactly those of the
    // entries up to appliedSeq, whatever was appended while this waited in the queue.
    return state.update((draft) => {
      draft.ledgerCheckpoint = { entries: appliedSeq, lastHash: appliedHash };
      draft.usedAtCheckpoint = Object.fromEntries(used);
    });
  };

  return ok({
    packages() {
      const now = clock.now();
      const month = billingMonth(now, settings().timeZone);
      const free = serviceIds.map((service): PackageView => {
        const spent = used.get(freeKey(service, month)) ?? 0;
        return {
          id: freeKey(service, month),
          service,
          kind: 'free',
          total: freeCallsPerMonth,
          used: spent,
          remaining: Math.max(0, freeCallsPerMonth - spent),
          activatedAt: monthDays(month).first,
          expiresAt: monthDays(month).last,
          status: spent >= freeCallsPerMonth ? 'exhausted' : 'active',
        };
      });
      return [...free, ...state.state.packages.map((record) => viewPrepaid(record, now))];
    },

    async importLicence(actor, text) {
      const allowed = managing(actor);
      if (!allowed.ok) return allowed;
      const licence = readLicence(text, deps.licencePublicKey);
      if (!licence.ok) return licence;
      const { id, service, calls, validFrom, validTo, machineId } = licence.value;
      const now = clock.now();
      if (importing.has(id) || state.state.packages.some((record) => record.id === id)) return fail('LicenceAlreadyImported', `The licence ${id} was imported before; a licence counts once.`);
      if (now.getTime() > Date.parse(validTo)) return fail('LicenceExpired', `The licence ${id} expired on ${validTo}.`);
      if (machineId !== undefined && machineId !== deps.machineId) {
        return fail('LicenceForeignMachine', `The licence ${id} is bound to machine ${machineId}; this machine is ${deps.machineId ?? 'unidentified'}. Ask the vendor to issue it for this machine (\`ocr-desk machine-id\`).`);
      }
      const record: PackageRecord = { id, service, calls, validFrom, validTo, machineId: machineId ?? null, activatedAt: now.toISOString(), refundedAt: null };
      importing.add(id);
      const written = await state.update((draft) => void draft.packages.push(record));
      importing.delete(id);
      return written.ok ? ok(viewPrepaid(record, now)) : written;
    },

    async refund(actor, packageId) {
      const allowed = managing(actor);
      if (!allowed.ok) return allowed;
      const record = state.state.packages.find((candidate) => candidate.id === packageId);
      if (!record) return fail('PackageNotFound', `There is no prepaid package ${packageId}.`);
      const now = clock.now();
      const days = calendarDaysBetween(new Date(record.activatedAt), now, settings().timeZone);
      const touched = (used.get(record.id) ?? 0) + (reserved.get(record.id) ?? 0);
      if (record.refundedAt !== null || refunding.has(packageId)) return fail('RefundNotAllowed', `The package ${packageId} was refunded${record.refundedAt ? ` on ${record.refundedAt}` : ''}.`);
      if (touched > 0) return fail('RefundNotAllowed', `The package ${packageId} has been used (${touched} calls); only an unused package can be refunded.`);
      if (days > refundDays) return fail('RefundNotAllowed', `The package ${packageId} was activated ${days} days ago; refunds are possible for ${refundDays} days.`);
      // From here no reservation may draw on it, while the refund is being written.
      refunding.add(packageId);
      const written = await state.update((draft) => void (draft.packages.find((candidate) => candidate.id === packageId)!.refundedAt = now.toISOString()));
      refunding.delete(packageId);
      return written.ok ? ok(viewPrepaid(state.state.packages.find((candidate) => candidate.id === packageId)!, now)) : written;
    },

    async setPayAsYouGo(actor, on) {
      const allowed = managing(actor);
      if (!allowed.ok) return allowed;
      return state.update((draft) => void (draft.billing.payAsYouGo = on));
    },

    async setTimeZone(actor, timeZone) {
      const allowed = managing(actor);
      if (!allowed.ok) return allowed;
      if (!isTimeZone(timeZone)) return fail('InvalidSetting', `"${timeZone}" is not a time zone; use an IANA name such as Asia/Shanghai.`);
      return state.update((draft) => void (draft.billing.timeZone = timeZone));
    },

    async setServiceEnabled(actor, service, enabled) {
      const allowed = managing(actor);
      if (!allowed.ok) return allowed;
      if (!isServiceId(service)) return fail('UnknownService', `There is no service "${service}"; the services are ${serviceIds.join(', ')}.`);
      if (!enabled) {
        const now = clock.now();
        const paidLeft = usablePrepaid(service, now).reduce((sum, record) => sum + Math.max(0, available(record.id, record.calls)), 0);
        if (paidLeft > 0) return fail('DisableNotAllowed', `${service} still has ${paidLeft} paid calls left; it can be disabled once they are used, expired or refunded.`);
      }
      return state.update((draft) => {
        const others = draft.billing.disabledServices.filter((candidate) => candidate !== service);
        draft.billing.disabledServices = enabled ? others : [...others, service];
      });
    },

    reserve(request) {
      if (!Number.isInteger(request.calls) || request.calls < 1) throw new Error(`a request costs a whole number of calls from 1, not ${request.calls}`);
      const duplicate = () => fail('DuplicateRequest' as const, `The request id ${request.requestId} was used before; every request needs its own.`);
      if (settled.has(request.requestId) || settling.has(request.requestId)) return duplicate();
      const existing = pending.get(request.requestId);
      if (existing) return existing.service === request.service && existing.calls === request.calls && existing.account === request.account ? ok(existing) : duplicate();
      if (settings().disabledServices.includes(request.service)) return fail('ServiceDisabled', `The service ${request.service} is disabled on this deployment.`);
      const now = clock.now();
      const month = billingMonth(now, settings().timeZone);
      const candidates = drawOrder(request.service, now).map((pack) => ({ key: pack.id, available: available(pack.id, pack.total) }));
      const draws = deduct(request.calls, candidates, settings().payAsYouGo ? `payg:${request.service}:${month}` : null);
      if (!draws) return fail('ResourcePackageRunOut', `No package of ${request.service} has ${request.calls} call${request.calls === 1 ? '' : 's'} left, and pay-as-you-go is off.`);
      const reservation: Reservation = { id: randomUUID(), ...request, draws };
      add(reserved, draws, 1);
      pending.set(request.requestId, reservation);
      return ok(reservation);
    },

    warnings,
    timeZone: () => settings().timeZone,
    payAsYouGo: () => settings().payAsYouGo,
    disabledServices: () => [...settings().disabledServices],
    bill(viewer, month) {
      if (!/^\d{4}-\d{2}$/u.test(month)) return fail('InvalidSetting', `The month must be written YYYY-MM, not "${month}".`);
      if (!isAllowed(viewer, { kind: 'manage-billing' })) return fail('NotAllowed', `The account "${viewer.name}" may not see bills; root or a full-access account may.`);
      const calls = new Map(serviceIds.map((service) => [service, used.get(`payg:${service}:${month}`) ?? 0] as const));
      return ok(monthlyBill(month, calls, settings().priceTable));
    },
    async setPriceTable(actor, table) {
      const allowed = managing(actor);
      if (!allowed.ok) return allowed;
      const problem = priceTableProblem(table);
      if (problem) return fail('InvalidSetting', `The price table is not usable: ${problem}.`);
      return state.update((draft) => void (draft.billing.priceTable = table));
    },
    async usage(viewer, query) {
      if (!/^\d{4}-\d{2}$/u.test(query.month)) return fail('InvalidSetting', `The month must be written YYYY-MM, not "${query.month}".`);
      const seesAll = isAllowed(viewer, { kind: 'manage-accounts' });
      if (!seesAll && query.account !== undefined && query.account !== viewer.name) return fail('NotAllowed', `The account "${viewer.name}" sees its own usage only.`);
      if (viewer.status !== 'active') return fail('NotAllowed', `The account "${viewer.name}" is disabled.`);
      return ok(await usageReport(ledger, seesAll ? query : { ...query, account: viewer.name }, settings().timeZone));
    },
    notifications: () => [...state.state.notifications].reverse(),
    async markRead(actor, ids) {
      const allowed = managing(actor);
      if (!allowed.ok) return allowed;
      return state.update((draft) => {
        for (const notification of draft.notifications) if (ids === 'all' || ids.includes(notification.id)) notification.read = true;
      });
    },
    async setAlertWebhook(actor, url) {
      const allowed = managing(actor);
      if (!allowed.ok) return allowed;
      if (url !== null && !isHttpUrl(url)) return fail('InvalidSetting', `"${url}" is not an http or https URL.`);
      return state.update((draft) => void (draft.billing.alertWebhookUrl = url));
    },
    commit: (reservation, result = 'ok') => settle(reservation, true, result),
    release: (reservation, result) => settle(reservation, false, result),
    checkpoint: writeCheckpoint,
  });
}

/**
 * The counters at the checkpoint plus every ledger entry after it. When the checkpoint does not
 * describe this ledger (entries lost or changed since it was written), the whole ledger is
 * replayed, each counter kept at the higher of the two (billing never gives calls back because a
 * file was damaged), and what was found is returned as warnings for the admin.
 */
async function rebuildCounters(state: StateStore, ledger: UsageLedger<UsageEntry>, used: Map<string, number>): Promise<string[]> {
  const warnings: string[] = [];
  const checkpoint = state.state.ledgerCheckpoint;
  let from = 1;
  let floor: Record<string, number> = {};
  if (checkpoint) {
    let hashAtCheckpoint: string | null = checkpoint.entries === 0 ? '0'.repeat(64) : null;
    if (checkpoint.entries > 0 && checkpoint.entries <= ledger.entries) {
      for await (const entry of ledger.entriesFrom(checkpoint.entries)) {
        if (entry.seq === checkpoint.entries) hashAtCheckpoint = entry.hash;
        break;
      }
    }
    if (hashAtCheckpoint === checkpoint.lastHash) {
      for (const [key, calls] of Object.entries(state.state.usedAtCheckpoint)) used.set(key, calls);
      from = checkpoint.entries + 1;
    } else {
      floor = state.state.usedAtCheckpoint;
      warnings.push(
        checkpoint.entries > ledger.entries
          ? `The usage ledger holds ${ledger.entries} calls, but ${checkpoint.entries} had been recorded: entries are missing. Usage is counted as the higher of both; run \`ocr-desk store verify\` and restore the ledger from a backup.`
          : `Entry ${checkpoint.entries} of the usage ledger is not the one recorded at the last checkpoint: the ledger was changed. Usage is counted as the higher of both; run \`ocr-desk store verify\`.`,
      );
    }
  }
  for await (const entry of ledger.entriesFrom(from)) {
    // The chain vouches for every entry; the shape is checked anyway, as a foreign or future
    // entry must not stop the service from starting.
    const draws: unknown = entry.data?.draws;
    if (!Array.isArray(draws)) continue;
    for (const draw of draws as Draw[]) if (typeof draw?.package === 'string' && Number.isInteger(draw.calls)) used.set(draw.package, (used.get(draw.package) ?? 0) + draw.calls);
  }
  for (const [key, calls] of Object.entries(floor)) if (calls > (used.get(key) ?? 0)) used.set(key, calls);
  return warnings;
}

function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** What is wrong with a price table, or null: every service priced, tiers rising, the last open. */
function priceTableProblem(table: PriceTable): string | null {
  if (typeof table?.currency !== 'string' || table.currency.trim() === '') return 'it names no currency';
  for (const service of serviceIds) {
    const tiers = table.services?.[service];
    if (!Array.isArray(tiers) || tiers.length === 0) return `${service} has no price`;
    if (tiers.some((tier) => !Number.isInteger(tier.milliPerCall) || tier.milliPerCall < 0)) return `a price of ${service} is not a whole, non-negative number of thousandths`;
    if (tiers.at(-1)!.upTo !== null) return `the last tier of ${service} must cover all further calls (upTo null)`;
    const limits = tiers.slice(0, -1).map((tier) => tier.upTo);
    if (limits.some((limit, i) => !Number.isInteger(limit) || limit! <= (i === 0 ? 0 : limits[i - 1]!))) return `the tiers of ${service} must rise`;
  }
  return null;
}
