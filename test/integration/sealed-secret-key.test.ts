import assert from 'node:assert/strict';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { createFileKeyProvider, type KeyProvider } from '../../main/platform/key-provider.js';
import { createSealedKeyProvider, type KeySealer } from '../../main/platform/sealed-key-provider.js';
import { openWorkspace, type Workspace } from '../../main/services/open-workspace.js';
import { backupWorkspace, restoreWorkspace } from '../../main/services/store-maintenance.js';

const scratch = await mkdtemp(path.join(os.tmpdir(), 'ocr-desk-sealed-key-'));
after(() => rm(scratch, { recursive: true, force: true }));
const clock = { now: () => new Date('2026-12-03T10:00:00Z') };
let directories = 0;
const freshDirectory = () => path.join(scratch, `data-${(directories += 1)}`);

/**
 * Stands in for Electron's safeStorage, which cannot run here (no Electron binary): AES-GCM under
 * a secret that plays the OS user's keychain. Everything around it (files, migration, the store,
 * backups) is the real code on a real directory.
 */
function keychainOf(user: string, options: { rotated?: boolean } = {}): KeySealer & { sealed: number } {
  const secret = createHash('sha256').update(`keychain of ${user}`).digest();
  const sealer = {
    sealed: 0,
    async seal(plain: string) {
      sealer.sealed += 1;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', secret, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    async open(sealed: Buffer) {
      const decipher = createDecipheriv('aes-256-gcm', secret, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return { plain: Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8'), shouldReseal: options.rotated === true };
    },
  };
  return sealer;
}

const desktop = (directory: string, user = 'alice', notes: string[] = [], sealer: KeySealer = keychainOf(user)) => createSealedKeyProvider({ directory, sealer, now: clock.now, onNote: (note) => notes.push(note) });

async function open(directory: string, keyProvider: KeyProvider): Promise<Workspace> {
  const opened = await openWorkspace({ directory, clock, role: 'test', machineId: 'machine-one', keyProvider });
  assert.ok(opened.ok, opened.ok ? '' : opened.error.message);
  return opened.value;
}

async function openFails(directory: string, keyProvider: KeyProvider): Promise<{ code: string; message: string }> {
  const opened = await openWorkspace({ directory, clock, role: 'test', machineId: 'machine-one', keyProvider });
  if (opened.ok) {
    await opened.value.close();
    assert.fail('the workspace opened');
  }
  return opened.error;
}

const keyFiles = async (directory: string) => (await readdir(directory)).filter((name) => name.startsWith('secret.key')).sort();

test('the desktop keeps the key only sealed by the OS keychain; the sealed keys open again after a restart', async () => {
  const directory = freshDirectory();
  const first = await open(directory, desktop(directory));
  const created = await first.accounts.createKey();
  assert.ok(created.ok);
  await first.close();
  assert.deepEqual(await keyFiles(directory), ['secret.key.safe'], 'no plain key file is written');
  const sealedBytes = await readFile(path.join(directory, 'secret.key.safe'));
  assert.ok(!sealedBytes.toString('latin1').includes(created.value.SecretKey));

  const again = await open(directory, desktop(directory));
  const signing = again.accounts.keyForSigning(created.value.SecretId);
  assert.ok(signing.ok && signing.value.secretKey === created.value.SecretKey);
  await again.close();
});

test("a directory used by serve or an older version is taken over: its plain key is sealed, checked and removed, and its API keys still open", async () => {
  const directory = freshDirectory();
  const served = await open(directory, createFileKeyProvider(directory));
  const created = await served.accounts.createKey();
  assert.ok(created.ok);
  await served.close();
  assert.deepEqual(await keyFiles(directory), ['secret.key']);

  const notes: string[] = [];
  const taken = await open(directory, desktop(directory, 'alice', notes));
  assert.deepEqual(notes, [`${path.join(directory, 'secret.key')} is now sealed with the OS keychain and removed.`]);
  assert.deepEqual(await keyFiles(directory), ['secret.key.safe']);
  const signing = taken.accounts.keyForSigning(created.value.SecretId);
  assert.ok(signing.ok && signing.value.secretKey === created.value.SecretKey);
  await taken.close();
});

test('without the keychain that sealed it (another user, the CLI alone), the directory is refused in words, never given a new key', async () => {
  const directory = freshDirectory();
  const first = await open(directory, desktop(directory));
  assert.ok((await first.accounts.createKey()).ok);
  await first.close();

  const otherUser = await openFails(directory, desktop(directory, 'bob'));
  assert.equal(otherUser.code, 'SecretUnreadable');
  assert.match(otherUser.message, /cannot be opened with this user's OS keychain.*ocr-desk store backup/su);

  const cliAlone = await openFails(directory, createFileKeyProvider(directory));
  assert.equal(cliAlone.code, 'SecretUnreadable');
  assert.match(cliAlone.message, /sealed with this user's OS keychain by the OCR Desk desktop app.*while the desktop app is running/su);
  assert.deepEqual(await keyFiles(directory), ['secret.key.safe'], 'nothing was created or replaced');
});

test("a backup of the desktop's directory carries the key, so it restores for serve elsewhere and back into the desktop", async () => {
  const directory = freshDirectory();
  const source = await open(directory, desktop(directory));
  const created = await source.accounts.createKey();
  assert.ok(created.ok);
  const backupFile = path.join(scratch, 'desktop.backup');
  const written = await backupWorkspace(source, backupFile, clock);
  assert.ok(written.ok, written.ok ? '' : written.error.message);
  await source.close();

  const server = freshDirectory();
  assert.ok((await restoreWorkspace(server, backupFile, clock)).ok);
  const served = await open(server, createFileKeyProvider(server));
  const onServer = served.accounts.keyForSigning(created.value.SecretId);
  assert.ok(onServer.ok && onServer.value.secretKey === created.value.SecretKey, 'the plain key came along');
  await served.close();

  // Restored over the desktop's own directory: the sealed key goes aside with the rest, the
  // restored one is sealed at the next start.
  const restored = await restoreWorkspace(directory, backupFile, clock);
  assert.ok(restored.ok && restored.value.keptAside !== null);
  assert.deepEqual(await keyFiles(restored.value.keptAside), ['secret.key.safe']);
  assert.deepEqual(await keyFiles(directory), ['secret.key']);
  const reopened = await open(directory, desktop(directory, 'carol'));
  assert.deepEqual(await keyFiles(directory), ['secret.key.safe']);
  const signing = reopened.accounts.keyForSigning(created.value.SecretId);
  assert.ok(signing.ok && signing.value.secretKey === created.value.SecretKey);
  await reopened.close();
});

test('a keychain that refuses to seal stops the start with its reason and leaves the plain key in place', async () => {
  const directory = freshDirectory();
  const served = await open(directory, createFileKeyProvider(directory));
  await served.close();
  const refusing: KeySealer = {
    seal: () => Promise.reject(new Error('the keychain is locked')),
    open: () => Promise.reject(new Error('the keychain is locked')),
  };
  const failure = await openFails(directory, desktop(directory, 'alice', [], refusing));
  assert.equal(failure.code, 'SecretUnreadable');
  assert.match(failure.message, /OS keychain refused to seal.*the keychain is locked/su);
  assert.deepEqual(await keyFiles(directory), ['secret.key']);
});

test('a stray plain key never overwrites a different sealed key (kept aside, dated), and a backup carries the key the workspace opened with', async () => {
  const directory = freshDirectory();
  const first = await open(directory, desktop(directory));
  const created = await first.accounts.createKey();
  assert.ok(created.ok);
  // While the app runs, a plain key appears (copied in by hand): the running workspace and its
  // backup go on with the key the secrets were opened with.
  await writeFile(path.join(directory, 'secret.key'), `${Buffer.alloc(32, 9).toString('base64')}\n`);
  const backupFile = path.join(scratch, 'stray.backup');
  assert.ok((await backupWorkspace(first, backupFile, clock)).ok);
  await first.close();
  const elsewhere = freshDirectory();
  assert.ok((await restoreWorkspace(elsewhere, backupFile, clock)).ok);
  const restored = await open(elsewhere, createFileKeyProvider(elsewhere));
  const fromBackup = restored.accounts.keyForSigning(created.value.SecretId);
  assert.ok(fromBackup.ok && fromBackup.value.secretKey === created.value.SecretKey, 'the backup holds the key the secrets were sealed with');
  await restored.close();

  // At the next start the plain key is the newer truth, but the sealed one is kept, dated.
  const notes: string[] = [];
  const next = await openWorkspace({ directory, clock, role: 'test', machineId: 'machine-one', keyProvider: desktop(directory, 'alice', notes) });
  if (next.ok) await next.value.close();
  assert.deepEqual(await keyFiles(directory), ['secret.key.safe', 'secret.key.safe.before-2026-12-03T10-00-00-000Z']);
  assert.match(notes[0] ?? '', /held another key; it is kept as .*before-2026-12-03/u);
});

test('when the OS keychain rotates its key, the sealed key is sealed anew and still opens the secrets', async () => {
  const directory = freshDirectory();
  const first = await open(directory, desktop(directory));
  const created = await first.accounts.createKey();
  assert.ok(created.ok);
  await first.close();
  const rotated = keychainOf('alice', { rotated: true });
  const again = await open(directory, desktop(directory, 'alice', [], rotated));
  assert.equal(rotated.sealed, 1, 'sealed anew once');
  const signing = again.accounts.keyForSigning(created.value.SecretId);
  assert.ok(signing.ok && signing.value.secretKey === created.value.SecretKey);
  await again.close();
});
