import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { openAccounts, type Accounts } from '../../main/accounts/accounts.js';
import { isSecretIdShape } from '../../main/accounts/api-key-format.js';
import type { Clock } from '../../main/platform/clock.js';
import { createFileKeyProvider } from '../../main/platform/key-provider.js';
import { openDataStore, type DataStore } from '../../main/store/data-store.js';

const scratch = await mkdtemp(path.join(os.tmpdir(), 'ocr-desk-accounts-'));
after(() => rm(scratch, { recursive: true, force: true }));
let directories = 0;
const clock: Clock = { now: () => new Date('2026-11-25T10:00:00Z') };

async function openAll(directory: string): Promise<{ store: DataStore<unknown>; accounts: Accounts }> {
  const store = await openDataStore<unknown>({ directory, clock, role: 'test' });
  assert.ok(store.ok, store.ok ? '' : store.error.message);
  const accounts = await openAccounts({ state: store.value.state, keyProvider: createFileKeyProvider(directory), clock });
  assert.ok(accounts.ok, accounts.ok ? '' : accounts.error.message);
  return { store: store.value, accounts: accounts.value };
}

test('the root account is created once; sub-accounts are named, checked and unique', async () => {
  const directory = path.join(scratch, `data-${(directories += 1)}`);
  let { store, accounts } = await openAll(directory);
  assert.deepEqual(accounts.list().map((a) => [a.name, a.root, a.permission.kind]), [['root', true, 'full']]);
  const created = await accounts.create('clinic-scanner', { kind: 'services', services: ['general-basic', 'idcard', 'idcard'] });
  assert.ok(created.ok && created.value.status === 'active');
  assert.deepEqual(created.ok && created.value.permission, { kind: 'services', services: ['general-basic', 'idcard'] });
  for (const [name, permission, code] of [
    ['clinic-scanner', { kind: 'readonly' }, 'AccountExists'],
    ['bad name!', { kind: 'readonly' }, 'InvalidName'],
    ['auditor', { kind: 'services', services: [] }, 'InvalidPermission'],
    ['auditor', { kind: 'services', services: ['telepathy'] }, 'InvalidPermission'],
  ] as const) {
    const refused = await accounts.create(name, permission as never);
    assert.equal(!refused.ok && refused.error.code, code, name);
  }
  const rootDisabled = await accounts.setStatus('root', 'disabled');
  assert.equal(!rootDisabled.ok && rootDisabled.error.code, 'RootAccountProtected');
  const rootReadonly = await accounts.setPermission('root', { kind: 'readonly' });
  assert.equal(!rootReadonly.ok && rootReadonly.error.code, 'RootAccountProtected');
  await store.close();
  ({ store, accounts } = await openAll(directory));
  assert.deepEqual(accounts.list().map((a) => a.name), ['root', 'clinic-scanner'], 'no second root on reopening');
  await store.close();
});

test('API keys: cloud-shaped, SecretKey shown once and sealed at rest, usable after reopening, disabled or deleted keys refused', async () => {
  const directory = path.join(scratch, `data-${(directories += 1)}`);
  let { store, accounts } = await openAll(directory);
  await accounts.create('frontdesk', { kind: 'full' });
  const key = await accounts.createKey('frontdesk');
  assert.ok(key.ok);
  const { SecretId, SecretKey } = key.value;
  assert.ok(isSecretIdShape(SecretId) && SecretId.length === 36, SecretId);
  assert.match(SecretKey, /^[A-Za-z0-9]{32}$/u);
  assert.deepEqual(accounts.listKeys('frontdesk'), { ok: true, value: [{ secretId: SecretId, account: 'frontdesk', status: 'enabled', createdAt: '2026-11-25T10:00:00.000Z', lastUsedAt: null }] });
  const rootKey = await accounts.createKey();
  assert.ok(rootKey.ok && rootKey.value.account === 'root');
  await store.close();

  const onDisk = await readFile(path.join(directory, 'db.json'), 'utf8');
  assert.ok(onDisk.includes(SecretId) && !onDisk.includes(SecretKey), 'the SecretKey is not in db.json in plain text');

  ({ store, accounts } = await openAll(directory));
  const signing = accounts.keyForSigning(SecretId);
  assert.ok(signing.ok && signing.value.secretKey === SecretKey && signing.value.account.name === 'frontdesk');
  assert.ok((await accounts.setKeyStatus(SecretId, 'disabled')).ok);
  const keyOff = accounts.keyForSigning(SecretId);
  assert.equal(!keyOff.ok && keyOff.error.code, 'KeyDisabled');
  assert.ok((await accounts.setKeyStatus(SecretId, 'enabled')).ok);
  assert.ok((await accounts.setStatus('frontdesk', 'disabled')).ok);
  const accountOff = accounts.keyForSigning(SecretId);
  assert.equal(!accountOff.ok && accountOff.error.code, 'KeyDisabled', 'a disabled account disables its keys');
  assert.ok((await accounts.deleteKey(SecretId)).ok);
  const gone = accounts.keyForSigning(SecretId);
  assert.equal(!gone.ok && gone.error.code, 'KeyNotFound');
  assert.ok(!gone.ok && !gone.error.message.includes(SecretId), 'messages mask the SecretId');
  await store.close();

  // The sealing key file lost while sealed keys exist: reported, never silently replaced.
  const keyFile = path.join(directory, 'secret.key');
  const original = await readFile(keyFile, 'utf8');
  await rm(keyFile);
  const reopened = await openDataStore<unknown>({ directory, clock, role: 'test' });
  assert.ok(reopened.ok);
  const withoutKey = await openAccounts({ state: reopened.value.state, keyProvider: createFileKeyProvider(directory), clock });
  assert.equal(!withoutKey.ok && withoutKey.error.code, 'SecretUnreadable');
  // A different key opens the store but cannot open the secrets.
  await writeFile(keyFile, `${Buffer.alloc(32, 7).toString('base64')}\n`);
  const wrongKey = await openAccounts({ state: reopened.value.state, keyProvider: createFileKeyProvider(directory), clock });
  assert.ok(wrongKey.ok);
  const rootSecret = wrongKey.value.keyForSigning(rootKey.value.SecretId);
  assert.equal(!rootSecret.ok && rootSecret.error.code, 'SecretUnreadable');
  await writeFile(keyFile, original);
  await reopened.value.close();
});

test('passwords for the UI login: at least 10 characters, stored as scrypt, checked without telling which part was wrong', async () => {
  const directory = path.join(scratch, `data-${(directories += 1)}`);
  const { store, accounts } = await openAll(directory);
  const weak = await accounts.setPassword('root', 'short');
  assert.equal(!weak.ok && weak.error.code, 'WeakPassword');
  assert.ok((await accounts.setPassword('root', 'correct horse battery')).ok);
  const signedIn = await accounts.checkPassword('root', 'correct horse battery');
  assert.ok(signedIn.ok && signedIn.value.name === 'root');
  for (const [name, password] of [['root', 'wrong horse battery'], ['nobody', 'correct horse battery']]) {
    const refused = await accounts.checkPassword(name!, password!);
    assert.equal(!refused.ok && refused.error.code, 'InvalidCredentials');
  }
  const onDisk = await readFile(path.join(directory, 'db.json'), 'utf8');
  assert.ok(!onDisk.includes('correct horse') && /"passwordHash": "scrypt\$32768\$8\$1\$/u.test(onDisk));
  await accounts.create('clerk', { kind: 'readonly' });
  const noPassword = await accounts.checkPassword('clerk', 'anything at all');
  assert.equal(!noPassword.ok && noPassword.error.code, 'InvalidCredentials', 'an account without a password cannot sign in');
  await store.close();
});
