import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Account } from '../../main/accounts/accounts.js';
import type { Billing, ReserveRequest } from '../../main/billing/billing.js';
import { billingMonth } from '../../main/billing/calendar.js';
import { issueLicence } from '../../main/billing/licence-file.js';
import { openWorkspace, type Workspace } from '../../main/services/open-workspace.js';
import type { ServiceId } from '../../shared/services.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const developmentKey = await readFile(path.join(repoRoot, 'test', 'fixtures', 'licence', 'development-private-key.pem'), 'utf8');
const scratch = await mkdtemp(path.join(os.tmpdir(), 'ocr-desk-billing-'));
after(() => rm(scratch, { recursive: true, force: true }));
let directories = 0;
const thisMachine = 'machine-under-test';

/** A clock the test moves by hand: months, refund days and validity are tested across dates. */
function manualClock(start: string) {
  let now = new Date(start);
  return { now: () => new Date(now), set: (iso: string) => void (now = new Date(iso)) };
}

async function workspaceAt(clock: { now(): Date }, directory = path.join(scratch, `data-${(directories += 1)}`)): Promise<Workspace> {
  const opened = await openWorkspace({ directory, clock, role: 'test', machineId: thisMachine });
  assert.ok(opened.ok, opened.ok ? '' : opened.error.message);
  return opened.value;
}

const root = (workspace: Workspace): Account => workspace.accounts.list().find((account) => account.root)!;
let requests = 0;
const request = (service: ServiceId, calls = 1): ReserveRequest => ({ requestId: `req-${(requests += 1)}`, account: 'root', secretId: null, service, calls });

async function charge(billing: Billing, service: ServiceId, calls = 1) {
  const reservation = billing.reserve(request(service, calls));
  assert.ok(reservation.ok, reservation.ok ? '' : reservation.error.message);
  const committed = await billing.commit(reservation.value);
  assert.ok(committed.ok);
  return committed.value.draws;
}

function licence(service: ServiceId, calls: number, validFrom: Date, options: { validDays?: number; machineId?: string; key?: string } = {}): string {
  const issued = issueLicence(options.key ?? developmentKey, { service, calls, validFrom, validDays: options.validDays ?? 365, machineId: options.machineId });
  assert.ok(issued.ok);
  return JSON.stringify(issued.value);
}

const view = (billing: Billing, id: string) => billing.packages().find((pack) => pack.id === id)!;

test('the free package renews on the 1st, in the deployment time zone', async () => {
  const clock = manualClock('2026-11-30T10:00:00Z');
  const workspace = await workspaceAt(clock);
  assert.ok((await workspace.billing.setTimeZone(root(workspace), 'UTC')).ok);
  assert.deepEqual(await charge(workspace.billing, 'general-basic', 3), [{ package: 'free:general-basic:2026-11', calls: 3 }]);
  assert.equal(view(workspace.billing, 'free:general-basic:2026-11').remaining, 997);
  clock.set('2026-12-01T00:00:01Z');
  assert.equal(view(workspace.billing, 'free:general-basic:2026-12').remaining, 1000);
  assert.deepEqual(await charge(workspace.billing, 'general-basic'), [{ package: 'free:general-basic:2026-12', calls: 1 }]);
  await workspace.close();
});

test('the month is the deployment time zone\'s: 16:30 UTC on 30 November is already December in Shanghai', async () => {
  const clock = manualClock('2026-11-30T16:30:00Z');
  const workspace = await workspaceAt(clock);
  assert.ok((await workspace.billing.setTimeZone(root(workspace), 'Asia/Shanghai')).ok);
  assert.deepEqual(await charge(workspace.billing, 'idcard', 2), [{ package: 'free:idcard:2026-12', calls: 2 }]);
  const refused = await workspace.billing.setTimeZone(root(workspace), 'Mars/Olympus');
  assert.equal(!refused.ok && refused.error.code, 'InvalidSetting');
  await workspace.close();
});

test('deduction: free, then prepaid in activation order, then pay-as-you-go; a package of one service never pays for another', async () => {
  const clock = manualClock('2026-11-10T09:00:00Z');
  const workspace = await workspaceAt(clock);
  const { billing } = workspace;
  const first = await billing.importLicence(root(workspace), licence('general-accurate', 2, new Date('2026-11-01T00:00:00Z')));
  clock.set('2026-11-10T09:05:00Z');
  const second = await billing.importLicence(root(workspace), licence('general-accurate', 3, new Date('2026-11-01T00:00:00Z')));
  const other = await billing.importLicence(root(workspace), licence('table', 50, new Date('2026-11-01T00:00:00Z')));
  assert.ok(first.ok && second.ok && other.ok);
  assert.deepEqual(await charge(billing, 'general-accurate', 999), [{ package: 'free:general-accurate:2026-11', calls: 999 }]);
  assert.deepEqual(await charge(billing, 'general-accurate', 2), [
    { package: 'free:general-accurate:2026-11', calls: 1 },
    { package: first.value.id, calls: 1 },
  ]);
  assert.deepEqual(await charge(billing, 'general-accurate', 4), [
    { package: first.value.id, calls: 1 },
    { package: second.value.id, calls: 3 },
  ]);
  const runOut = billing.reserve(request('general-accurate'));
  assert.equal(!runOut.ok && runOut.error.code, 'ResourcePackageRunOut', 'the table package does not pay for accurate OCR');
  assert.equal(view(billing, first.value.id).status, 'exhausted');
  assert.ok((await billing.setPayAsYouGo(root(workspace), true)).ok);
  assert.deepEqual(await charge(billing, 'general-accurate'), [{ package: 'payg:general-accurate:2026-11', calls: 1 }]);
  assert.equal(view(billing, other.value.id).remaining, 50);

  // A failed call is released: nothing charged, the call still in the ledger with its result.
  const failedCall = billing.reserve(request('table'));
  assert.ok(failedCall.ok);
  const released = await billing.release(failedCall.value, 'ImageDecodeFailed');
  assert.ok(released.ok && released.value.calls === 0 && released.value.result === 'ImageDecodeFailed');
  assert.equal(view(billing, 'free:table:2026-11').remaining, 1000);
  await workspace.close();
});

test('200 concurrent requests against a package of 100 calls commit exactly 100', async () => {
  const clock = manualClock('2026-11-10T09:00:00Z');
  const workspace = await workspaceAt(clock);
  const { billing } = workspace;
  await charge(billing, 'handwriting', 1000);
  const pack = await billing.importLicence(root(workspace), licence('handwriting', 100, new Date('2026-11-01T00:00:00Z')));
  assert.ok(pack.ok);
  const outcomes = await Promise.all(
    Array.from({ length: 200 }, async () => {
      const reservation = billing.reserve(request('handwriting'));
      if (!reservation.ok) return reservation.error.code;
      // The recognition runs between reserving and committing.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
      return (await billing.commit(reservation.value)).ok ? 'committed' : 'commit failed';
    }),
  );
  assert.equal(outcomes.filter((outcome) => outcome === 'committed').length, 100);
  assert.equal(outcomes.filter((outcome) => outcome === 'ResourcePackageRunOut').length, 100);
  assert.deepEqual(view(billing, pack.value.id), { ...view(billing, pack.value.id), used: 100, remaining: 0, status: 'exhausted' });
  await workspace.close();
  // Reopened, the counters come back from the checkpoint and the ledger alike.
  const again = await workspaceAt(clock, workspace.directory);
  assert.equal(view(again.billing, pack.value.id).used, 100);
  await again.close();
  // A checkpoint that does not match the ledger is ignored: the counters are replayed from it.
  const dbFile = path.join(workspace.directory, 'db.json');
  const db = JSON.parse(await readFile(dbFile, 'utf8'));
  await writeFile(dbFile, JSON.stringify({ ...db, ledgerCheckpoint: { entries: db.ledgerCheckpoint.entries, lastHash: 'f'.repeat(64) }, usedAtCheckpoint: { [pack.value.id]: 3 } }));
  const replayed = await workspaceAt(clock, workspace.directory);
  assert.equal(view(replayed.billing, pack.value.id).used, 100);
  assert.equal(view(replayed.billing, 'free:handwriting:2026-11').used, 1000);
  await replayed.close();
});

test('refunds: unused, within 7 calendar days of activation (day 7 yes, day 8 no), once', async () => {
  const clock = manualClock('2026-11-01T08:00:00Z');
  const workspace = await workspaceAt(clock);
  const { billing } = workspace;
  assert.ok((await billing.setTimeZone(root(workspace), 'UTC')).ok);
  const early = await billing.importLicence(root(workspace), licence('general-fast', 10, new Date('2026-11-01T00:00:00Z')));
  const late = await billing.importLicence(root(workspace), licence('general-fast', 10, new Date('2026-11-01T00:00:00Z')));
  const usedOne = await billing.importLicence(root(workspace), licence('table-accurate', 10, new Date('2026-11-01T00:00:00Z')));
  assert.ok(early.ok && late.ok && usedOne.ok);
  await charge(billing, 'table-accurate', 1000);
  await charge(billing, 'table-accurate', 1);
  clock.set('2026-11-08T23:59:00Z');
  const day7 = await billing.refund(root(workspace), early.value.id);
  assert.ok(day7.ok && day7.value.status === 'refunded');
  const twice = await billing.refund(root(workspace), early.value.id);
  assert.equal(!twice.ok && twice.error.code, 'RefundNotAllowed');
  const used = await billing.refund(root(workspace), usedOne.value.id);
  assert.equal(!used.ok && used.error.code, 'RefundNotAllowed');
  clock.set('2026-11-09T00:00:01Z');
  const day8 = await billing.refund(root(workspace), late.value.id);
  assert.equal(!day8.ok && day8.error.code, 'RefundNotAllowed');
  assert.match(!day8.ok ? day8.error.message : '', /8 days ago/u);
  // A refunded package is never drawn on.
  await charge(billing, 'general-fast', 1000);
  assert.deepEqual(await charge(billing, 'general-fast'), [{ package: late.value.id, calls: 1 }]);
  await workspace.close();
});

test('a service can be disabled only with no paid calls left; disabled, it refuses calls; only root or full access manage billing', async () => {
  const clock = manualClock('2026-11-10T09:00:00Z');
  const workspace = await workspaceAt(clock);
  const { billing } = workspace;
  const pack = await billing.importLicence(root(workspace), licence('idcard', 5, new Date('2026-11-01T00:00:00Z')));
  assert.ok(pack.ok);
  const refused = await billing.setServiceEnabled(root(workspace), 'idcard', false);
  assert.equal(!refused.ok && refused.error.code, 'DisableNotAllowed');
  assert.ok((await billing.refund(root(workspace), pack.value.id)).ok);
  assert.ok((await billing.setServiceEnabled(root(workspace), 'idcard', false)).ok);
  const call = billing.reserve(request('idcard'));
  assert.equal(!call.ok && call.error.code, 'ServiceDisabled');
  assert.ok((await billing.setServiceEnabled(root(workspace), 'idcard', true)).ok);
  assert.ok(billing.reserve(request('idcard')).ok);
  const unknown = await billing.setServiceEnabled(root(workspace), 'telepathy', false);
  assert.equal(!unknown.ok && unknown.error.code, 'UnknownService');

  const auditor = await workspace.accounts.create('auditor', { kind: 'readonly' });
  assert.ok(auditor.ok);
  for (const attempt of [billing.setPayAsYouGo(auditor.value, true), billing.importLicence(auditor.value, licence('idcard', 5, new Date())), billing.refund(auditor.value, pack.value.id)]) {
    const outcome = await attempt;
    assert.equal(!outcome.ok && outcome.error.code, 'NotAllowed');
  }
  await workspace.close();
});

test('bad licence files are refused, each with its own code', async () => {
  const clock = manualClock('2026-11-10T09:00:00Z');
  const workspace = await workspaceAt(clock);
  const importing = (text: string) => workspace.billing.importLicence(root(workspace), text);
  const good = licence('table', 10, new Date('2026-11-01T00:00:00Z'));
  const parsed = JSON.parse(good) as { payload: string; signature: string };
  const tamperedPayload = Buffer.from(Buffer.from(parsed.payload, 'base64').toString('utf8').replace('"calls":10', '"calls":99999')).toString('base64');
  const otherKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cases: Array<[string, string]> = [
    ['not json', 'LicenceInvalid'],
    [JSON.stringify({ payload: parsed.payload }), 'LicenceInvalid'],
    [JSON.stringify({ ...parsed, payload: tamperedPayload }), 'LicenceInvalid'],
    [licence('table', 10, new Date('2026-11-01T00:00:00Z'), { key: otherKey }), 'LicenceInvalid'],
    [licence('table', 10, new Date('2025-01-01T00:00:00Z'), { validDays: 30 }), 'LicenceExpired'],
    [licence('table', 10, new Date('2026-11-01T00:00:00Z'), { machineId: 'another-machine' }), 'LicenceForeignMachine'],
  ];
  for (const [text, code] of cases) {
    const outcome = await importing(text);
    assert.equal(!outcome.ok && outcome.error.code, code, text.slice(0, 60));
  }
  assert.ok((await importing(licence('table', 10, new Date('2026-11-01T00:00:00Z'), { machineId: thisMachine }))).ok, 'bound to this machine');
  assert.ok((await importing(good)).ok);
  const twice = await importing(good);
  assert.equal(!twice.ok && twice.error.code, 'LicenceAlreadyImported');
  await workspace.close();
});

test('alerts: the last usable package below 20% and at 0, once each, in the list, as an event and to the webhook (retried)', async () => {
  const received: Array<Record<string, unknown>> = [];
  let answers = 0;
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      answers += 1;
      // The first delivery fails: it must be retried, not lost.
      if (answers === 1) return void response.writeHead(500).end();
      received.push(JSON.parse(body) as Record<string, unknown>);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const events: string[] = [];
  const clock = manualClock('2026-11-10T09:00:00Z');
  const directory = path.join(scratch, `data-${(directories += 1)}`);
  const opened = await openWorkspace({ directory, clock, role: 'test', machineId: thisMachine, onAlert: (alert) => events.push(`${alert.kind}:${alert.packageId}`), webhook: { firstRetryMs: 20 } });
  assert.ok(opened.ok);
  const workspace = opened.value;
  const { billing } = workspace;
  assert.ok((await billing.setAlertWebhook(root(workspace), `http://127.0.0.1:${port}/alerts`)).ok);
  const bad = await billing.setAlertWebhook(root(workspace), 'ftp://example.invalid/');
  assert.equal(!bad.ok && bad.error.code, 'InvalidSetting');
  const pack = await billing.importLicence(root(workspace), licence('general-fast', 10, new Date('2026-11-01T00:00:00Z')));
  assert.ok(pack.ok);
  await charge(billing, 'general-fast', 1000);
  await charge(billing, 'general-fast', 8);
  assert.deepEqual(events, [] as string[], 'the free package ran out but a prepaid one is left; 2 of 10 is not below 20%');
  await charge(billing, 'general-fast', 1);
  assert.deepEqual(events, [`package-low:${pack.value.id}`]);
  await charge(billing, 'general-fast', 1);
  assert.deepEqual(events, [`package-low:${pack.value.id}`, `package-exhausted:${pack.value.id}`]);
  assert.ok((await billing.setPayAsYouGo(root(workspace), true)).ok);
  await charge(billing, 'general-fast', 1);
  assert.equal(events.length, 2, 'each alert fires once');
  const deadline = Date.now() + 5000;
  while (received.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual(received.map((alert) => [alert['event'], alert['kind'], alert['packageId']]), [
    ['ocr-desk.package-alert', 'package-low', pack.value.id],
    ['ocr-desk.package-alert', 'package-exhausted', pack.value.id],
  ]);
  assert.equal(answers, 3, 'the first POST was retried');
  const listed = billing.notifications();
  assert.deepEqual(listed.map((n) => [n.kind, n.remaining, n.total, n.read]), [['package-exhausted', 0, 10, false], ['package-low', 1, 10, false]]);
  assert.ok((await billing.markRead(root(workspace), 'all')).ok);
  assert.ok(billing.notifications().every((n) => n.read));
  await workspace.close();
  await new Promise((resolve) => server.close(resolve));

  // Reopened, nothing fires again for the same package.
  const reopened = await openWorkspace({ directory, clock, role: 'test', machineId: thisMachine, onAlert: (alert) => events.push(alert.kind) });
  assert.ok(reopened.ok);
  await charge(reopened.value.billing, 'general-fast', 1);
  assert.equal(events.length, 2);
  assert.equal(reopened.value.billing.notifications().length, 2);
  await reopened.value.close();
});

test('a request is settled once: concurrent or repeated commits and a late release charge once, also after reopening', async () => {
  const clock = manualClock('2026-11-10T09:00:00Z');
  const workspace = await workspaceAt(clock);
  const { billing } = workspace;
  const reservation = billing.reserve(request('general-basic', 2));
  assert.ok(reservation.ok);
  const [first, second] = await Promise.all([billing.commit(reservation.value), billing.commit(reservation.value)]);
  assert.ok(first.ok && second.ok);
  assert.deepEqual(second.value, first.value);
  const third = await billing.commit(reservation.value);
  const lateRelease = await billing.release(reservation.value, 'Cancelled');
  assert.ok(third.ok && lateRelease.ok && lateRelease.value.calls === 2 && lateRelease.value.result === 'ok', 'the release returns the commit that happened');
  assert.equal(view(billing, 'free:general-basic:2026-11').used, 2);
  const reused = billing.reserve({ ...request('general-basic'), requestId: reservation.value.requestId });
  assert.equal(!reused.ok && reused.error.code, 'DuplicateRequest');
  await workspace.close();
  const again = await workspaceAt(clock, workspace.directory);
  const afterRestart = again.billing.reserve({ ...request('general-basic'), requestId: reservation.value.requestId });
  assert.equal(!afterRestart.ok && afterRestart.error.code, 'DuplicateRequest', 'remembered from the ledger');
  let entries = 0;
  for (const line of (await readFile(path.join(workspace.directory, 'ledger', 'segment-00000001.jsonl'), 'utf8')).trim().split('\n')) {
    if (line.includes(reservation.value.requestId)) entries += 1;
  }
  assert.equal(entries, 1, 'one ledger entry for the request');
  await again.close();
});

test('a checkpoint written while calls commit describes exactly the entries it counts', async () => {
  const clock = manualClock('2026-11-10T09:00:00Z');
  const workspace = await workspaceAt(clock);
  const { billing } = workspace;
  let checkpoint: Promise<unknown> = Promise.resolve();
  await Promise.all(
    Array.from({ length: 40 }, async (_, i) => {
      // Spread out, so the checkpoint comes while some commits are on disk and others on their way.
      await new Promise((resolve) => setTimeout(resolve, i * 2));
      const reservation = billing.reserve(request('table'));
      assert.ok(reservation.ok);
      if (i === 15) checkpoint = billing.checkpoint();
      await billing.commit(reservation.value);
    }),
  );
  await checkpoint;
  const db = JSON.parse(await readFile(path.join(workspace.directory, 'db.json'), 'utf8'));
  const lines = (await readFile(path.join(workspace.directory, 'ledger', 'segment-00000001.jsonl'), 'utf8')).trim().split('\n');
  const counted = lines.slice(0, db.ledgerCheckpoint.entries).reduce((sum, line) => sum + (JSON.parse(line).data.calls as number), 0);
  assert.ok(db.ledgerCheckpoint.entries > 0 && db.ledgerCheckpoint.entries < 40, `the checkpoint came mid-run (entry ${db.ledgerCheckpoint.entries})`);
  assert.equal(db.usedAtCheckpoint['free:table:2026-11'] ?? 0, counted, `checkpoint at entry ${db.ledgerCheckpoint.entries}`);
  assert.equal(JSON.parse(lines[db.ledgerCheckpoint.entries - 1]!).hash, db.ledgerCheckpoint.lastHash);
  await workspace.close();
});

test('decisions in flight: a package being refunded is not drawn on; one licence imported twice at once counts once', async () => {
  const clock = manualClock('2026-11-10T09:00:00Z');
  const workspace = await workspaceAt(clock);
  const { billing } = workspace;
  await charge(billing, 'idcard', 1000);
  const pack = await billing.importLicence(root(workspace), licence('idcard', 5, new Date('2026-11-01T00:00:00Z')));
  assert.ok(pack.ok);
  const refund = billing.refund(root(workspace), pack.value.id);
  const during = billing.reserve(request('idcard'));
  assert.equal(!during.ok && during.error.code, 'ResourcePackageRunOut');
  assert.ok((await refund).ok);
  const text = licence('table', 10, new Date('2026-11-01T00:00:00Z'));
  const both = await Promise.all([billing.importLicence(root(workspace), text), billing.importLicence(root(workspace), text)]);
  assert.deepEqual(both.map((outcome) => (outcome.ok ? 'imported' : outcome.error.code)).sort(), ['LicenceAlreadyImported', 'imported']);
  await workspace.close();
});

test('a ledger shorter than its checkpoint is reported, and usage is never counted down', async () => {
  const clock = manualClock('2026-11-10T09:00:00Z');
  const workspace = await workspaceAt(clock);
  for (let i = 0; i < 5; i += 1) await charge(workspace.billing, 'handwriting');
  await workspace.close();
  const segment = path.join(workspace.directory, 'ledger', 'segment-00000001.jsonl');
  const lines = (await readFile(segment, 'utf8')).trim().split('\n');
  await writeFile(segment, `${lines.slice(0, 3).join('\n')}\n`);
  const again = await workspaceAt(clock, workspace.directory);
  assert.match(again.warnings.join('\n'), /holds 3 calls, but 5 had been recorded/u);
  assert.equal(view(again.billing, 'free:handwriting:2026-11').used, 5);
  await again.close();
});

test('usage by day or month, service and account; root sees and filters everyone, a sub-account only itself', async () => {
  const clock = manualClock('2026-11-10T09:00:00Z');
  const workspace = await workspaceAt(clock);
  const { billing } = workspace;
  assert.ok((await billing.setTimeZone(root(workspace), 'UTC')).ok);
  const scanner = await workspace.accounts.create('scanner', { kind: 'services', services: ['general-basic', 'idcard'] });
  assert.ok(scanner.ok);
  const meter = async (account: string, service: ServiceId, calls: number, outcome: 'ok' | string) => {
    const reservation = billing.reserve({ ...request(service, calls), account });
    assert.ok(reservation.ok);
    assert.ok((outcome === 'ok' ? await billing.commit(reservation.value) : await billing.release(reservation.value, outcome)).ok);
  };
  await meter('root', 'general-basic', 2, 'ok');
  await meter('scanner', 'general-basic', 1, 'ok');
  clock.set('2026-11-11T23:59:00Z');
  await meter('scanner', 'idcard', 2, 'ok');
  await meter('scanner', 'idcard', 1, 'ImageDecodeFailed');
  clock.set('2026-12-01T00:01:00Z');
  await meter('root', 'general-basic', 1, 'ok');

  const byDay = await billing.usage(root(workspace), { month: '2026-11', by: 'day' });
  assert.ok(byDay.ok);
  assert.deepEqual(byDay.value, [
    { period: '2026-11-10', service: 'general-basic', account: 'root', requests: 1, calls: 2, failures: 0 },
    { period: '2026-11-10', service: 'general-basic', account: 'scanner', requests: 1, calls: 1, failures: 0 },
    { period: '2026-11-11', service: 'idcard', account: 'scanner', requests: 2, calls: 2, failures: 1 },
  ]);
  const scannerMonth = await billing.usage(root(workspace), { month: '2026-11', by: 'month', account: 'scanner', service: 'idcard' });
  assert.deepEqual(scannerMonth.ok && scannerMonth.value, [{ period: '2026-11', service: 'idcard', account: 'scanner', requests: 2, calls: 2, failures: 1 }]);
  const own = await billing.usage(scanner.value, { month: '2026-11', by: 'month' });
  assert.deepEqual(own.ok && own.value.map((row) => [row.service, row.account, row.calls]), [['general-basic', 'scanner', 1], ['idcard', 'scanner', 2]]);
  const others = await billing.usage(scanner.value, { month: '2026-11', by: 'month', account: 'root' });
  assert.equal(!others.ok && others.error.code, 'NotAllowed');
  const december = await billing.usage(root(workspace), { month: '2026-12', by: 'month' });
  assert.deepEqual(december.ok && december.value.map((row) => [row.period, row.calls]), [['2026-12', 1]]);
  const badMonth = await billing.usage(root(workspace), { month: 'November', by: 'month' });
  assert.equal(!badMonth.ok && badMonth.error.code, 'InvalidSetting');
  await workspace.close();
});

test('pay-as-you-go calls are billed monthly at the price table, which root can change; others may not see bills', async () => {
  const clock = manualClock('2026-11-10T09:00:00Z');
  const workspace = await workspaceAt(clock);
  const { billing } = workspace;
  assert.ok((await billing.setPayAsYouGo(root(workspace), true)).ok);
  await charge(billing, 'general-basic', 1000);
  await charge(billing, 'general-basic', 4);
  await charge(billing, 'general-accurate', 1000);
  await charge(billing, 'general-accurate', 2);
  const bill = billing.bill(root(workspace), '2026-11');
  assert.ok(bill.ok);
  assert.deepEqual(bill.value.lines.map((line) => [line.service, line.calls, line.milliAmount]), [['general-basic', 4, 600], ['general-accurate', 2, 1000]]);
  assert.equal(bill.value.total, '1.60');
  const empty = billing.bill(root(workspace), '2026-10');
  assert.ok(empty.ok && empty.value.lines.length === 0 && empty.value.total === '0.00');

  const flat = (milliPerCall: number) => [{ upTo: null, milliPerCall }];
  const table = { currency: 'EUR', services: { 'general-basic': flat(20), 'general-accurate': flat(50), 'general-fast': flat(50), handwriting: flat(20), idcard: flat(20), table: flat(20), 'table-accurate': flat(50) } };
  assert.ok((await billing.setPriceTable(root(workspace), table)).ok);
  const repriced = billing.bill(root(workspace), '2026-11');
  assert.ok(repriced.ok && repriced.value.currency === 'EUR' && repriced.value.total === '0.18');
  const falling = await billing.setPriceTable(root(workspace), { ...table, services: { ...table.services, idcard: [{ upTo: 100, milliPerCall: 20 }, { upTo: 50, milliPerCall: 10 }, { upTo: null, milliPerCall: 5 }] } });
  assert.equal(!falling.ok && falling.error.code, 'InvalidSetting');
  const auditor = await workspace.accounts.create('auditor', { kind: 'readonly' });
  assert.ok(auditor.ok);
  const hidden = billing.bill(auditor.value, '2026-11');
  assert.equal(!hidden.ok && hidden.error.code, 'NotAllowed');
  await workspace.close();
});

test('a process killed with SIGKILL while metering: every call it reported is charged once, the chain verifies, counters match the ledger', async () => {
  const directory = path.join(scratch, `data-${(directories += 1)}`);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test', 'helpers', 'metering-child.ts'), directory], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const reported: string[] = [];
  let buffered = '';
  const drained = new Promise<void>((resolve) => child.stdout.once('end', () => resolve()));
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) if (line.startsWith('call-')) reported.push(line);
    if (reported.length >= 150 && child.exitCode === null && !child.killed) child.kill('SIGKILL');
  });
  await new Promise((resolve) => child.once('exit', resolve));
  await drained;
  assert.ok(reported.length >= 150);
  const clock = { now: () => new Date() };
  const workspace = await workspaceAt(clock, directory);
  assert.equal(await workspace.verifyLedger(), null);
  const charged: string[] = [];
  const segment = path.join(directory, 'ledger', 'segment-00000001.jsonl');
  for (const line of (await readFile(segment, 'utf8')).trim().split('\n')) charged.push(JSON.parse(line).data.requestId as string);
  assert.deepEqual(charged.slice(0, reported.length), reported, 'every reported call is in the ledger, in order, once');
  assert.ok(charged.length - reported.length <= 1, `at most the call in flight besides (${charged.length} vs ${reported.length})`);
  assert.equal(new Set(charged).size, charged.length, 'no call charged twice');
  const month = billingMonth(new Date(), workspace.billing.timeZone());
  assert.equal(view(workspace.billing, `free:general-basic:${month}`).used, charged.length, 'the counters are the ledger');
  await workspace.close();
});

test('a clock set back is reported to the door once, as it happens, and the call is still metered', async () => {
  const clock = manualClock('2026-11-20T10:00:00Z');
  const warnings: string[] = [];
  const opened = await openWorkspace({ directory: path.join(scratch, `data-${(directories += 1)}`), clock, role: 'test', machineId: thisMachine, onWarning: (message) => warnings.push(message) });
  assert.ok(opened.ok);
  const workspace = opened.value;
  try {
    await charge(workspace.billing, 'general-basic');
    clock.set('2026-11-20T09:00:00Z');
    await charge(workspace.billing, 'general-basic');
    await charge(workspace.billing, 'general-basic');
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0]!, /clock went back: ledger entry 2 is dated 2026-11-20T09:00:00.000Z/u);
    assert.equal(workspace.billing.packages().find((pack) => pack.service === 'general-basic')!.used, 3);
  } finally {
    await workspace.close();
  }
});
