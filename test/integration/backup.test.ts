import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { issueLicence } from '../../main/billing/licence-file.js';
import { openWorkspace, type Workspace } from '../../main/services/open-workspace.js';
import { backupWorkspace, restoreWorkspace } from '../../main/services/store-maintenance.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const developmentKey = await readFile(path.join(repoRoot, 'test', 'fixtures', 'licence', 'development-private-key.pem'), 'utf8');
const scratch = await mkdtemp(path.join(os.tmpdir(), 'ocr-desk-backup-'));
after(() => rm(scratch, { recursive: true, force: true }));
const clock = { now: () => new Date('2026-11-20T10:00:00Z') };

async function open(directory: string, machineId: string): Promise<Workspace> {
  const opened = await openWorkspace({ directory, clock, role: 'test', machineId });
  assert.ok(opened.ok, opened.ok ? '' : opened.error.message);
  return opened.value;
}

test('a backup restores keys, packages and usage elsewhere; a licence bound to the old machine waits for re-issue; a damaged backup changes nothing', async () => {
  const original = path.join(scratch, 'original');
  const source = await open(original, 'machine-one');
  const root = source.accounts.list()[0]!;
  const key = await source.accounts.createKey();
  assert.ok(key.ok);
  const anywhere = issueLicence(developmentKey, { service: 'table', calls: 50, validFrom: new Date('2026-11-01T00:00:00Z'), validDays: 365 });
  const bound = issueLicence(developmentKey, { service: 'table', calls: 70, validFrom: new Date('2026-11-01T00:00:00Z'), validDays: 365, machineId: 'machine-one' });
  assert.ok(anywhere.ok && bound.ok);
  const boundPackage = await source.billing.importLicence(root, JSON.stringify(bound.value));
  assert.ok(boundPackage.ok && (await source.billing.importLicence(root, JSON.stringify(anywhere.value))).ok);
  for (let i = 0; i < 3; i += 1) {
    const reservation = source.billing.reserve({ requestId: `r${i}`, account: 'root', secretId: key.value.SecretId, service: 'idcard', calls: 2 });
    assert.ok(reservation.ok && (await source.billing.commit(reservation.value)).ok);
  }
  const backupFile = path.join(scratch, 'desk.backup');
  const written = await backupWorkspace(source, backupFile, clock);
  assert.ok(written.ok, written.ok ? '' : written.error.message);
  assert.equal(written.value.files, 3, 'db.json, the key file and one ledger segment');
  await source.close();

  const elsewhere = path.join(scratch, 'elsewhere');
  const restored = await restoreWorkspace(elsewhere, backupFile, clock);
  assert.ok(restored.ok);
  const copy = await open(elsewhere, 'machine-two');
  const signing = copy.accounts.keyForSigning(key.value.SecretId);
  assert.ok(signing.ok && signing.value.secretKey === key.value.SecretKey, 'the sealed keys open: the key file came along');
  assert.equal(await copy.verifyLedger(), null);
  assert.equal(copy.billing.packages().find((pack) => pack.id === 'free:idcard:2026-11')!.used, 6);
  assert.equal(copy.billing.packages().find((pack) => pack.id === boundPackage.value.id)!.status, 'other-machine');
  await copy.billing.setPayAsYouGo(copy.accounts.list()[0]!, false);
  const tableCall = copy.billing.reserve({ requestId: 'x', account: 'root', secretId: null, service: 'table', calls: 1001 });
  assert.ok(tableCall.ok);
  assert.deepEqual(tableCall.value.draws.map((draw) => draw.calls), [1000, 1], 'the bound package is not drawn on here; the other one is');
  await copy.billing.release(tableCall.value, 'Cancelled');
  await copy.close();

  // One changed byte inside: refused by its checksum, and the directory is as it was.
  const lines = gunzipSync(await readFile(backupFile)).toString('utf8').split('\n');
  const chunk = JSON.parse(lines[1]!) as { data: string };
  const data = Buffer.from(chunk.data, 'base64');
  data[10] = data[10]! ^ 1;
  lines[1] = JSON.stringify({ ...chunk, data: data.toString('base64') });
  const damaged = path.join(scratch, 'damaged.backup');
  await writeFile(damaged, gzipSync(lines.join('\n')));
  const before = (await readdir(elsewhere)).sort();
  const refused = await restoreWorkspace(elsewhere, damaged, clock);
  assert.equal(!refused.ok && refused.error.code, 'StoreCorrupt');
  assert.match(!refused.ok ? refused.error.message : '', /does not match its checksum. Nothing was changed/u);
  assert.deepEqual((await readdir(elsewhere)).sort(), before);
});
