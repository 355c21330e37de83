import { randomBytes } from 'node:crypto';
import { readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fail, ok, type Result } from '../../shared/result.js';
import { sealedKeyFileName, secretKeyFileName, type KeyProvider } from './key-provider.js';
import { replaceFile } from './replace-file.js';

/**
 * Seals and opens bytes with a secret only the OS gives out (Electron's safeStorage: DPAPI on
 * Windows, the Keychain on macOS, libsecret or KWallet on Linux). Rejects when the OS refuses.
 * `shouldReseal`: the OS rotated its key (or has a stronger one); the value should be sealed anew.
 */
export interface KeySealer {
  seal(plain: string): Promise<Buffer>;
  open(sealed: Buffer): Promise<{ readonly plain: string; readonly shouldReseal: boolean }>;
}

export interface SealedKeyProviderOptions {
  readonly directory: string;
  readonly sealer: KeySealer;
  /** What an administrator should know: a plain key sealed and removed, a different sealed key kept aside. */
  readonly onNote?: (message: string) => void;
  /** For the name of a sealed key kept aside. */
  readonly now: () => Date;
}

/**
 * The desktop's key provider: the key sealing stored SecretKeys lives in the data directory only
 * as the OS keychain sealed it, so a copy of the directory (a synced profile, a stolen disk image)
 * opens no API key without this user's login on this machine.
 *
 * A plain `secret.key` found there is the newer truth: the directory was used by `serve` or an
 * older version, or restored from a backup (backups carry the key plain, so they restore anywhere;
 * a restore moves the sealed key aside). It is sealed, the sealed copy read back and compared, and
 * only then the plain file removed, so a crash at any step leaves a key that opens the secrets. A
 * different sealed key found beside it is never overwritten: it is kept aside under a dated name.
 *
 * The first key obtained is the one for the life of the provider: a backup made later carries the
 * key the workspace opened its secrets with, whatever appears in the directory meanwhile.
 */
export function createSealedKeyProvider(options: SealedKeyProviderOptions): KeyProvider {
  const plainFile = path.join(options.directory, secretKeyFileName);
  const sealedFile = path.join(options.directory, sealedKeyFileName);
  const unreadable = (message: string) => fail('SecretUnreadable' as const, message);

  async function writeSealed(key: Buffer): Promise<Result<void, 'SecretUnreadable'>> {
    let sealed: Buffer;
    try {
      sealed = await options.sealer.seal(key.toString('base64'));
    } catch (error) {
      return unreadable(`The OS keychain refused to seal the API keys' encryption key: ${(error as Error).message}.`);
    }
    try {
      await replaceFile(sealedFile, sealed);
    } catch (error) {
      return unreadable(`Cannot write ${sealedFile}: ${(error as Error).message}.`);
    }
    const readBack = await readSealed();
    if (readBack.kind !== 'key') return unreadable(readBack.kind === 'unreadable' ? readBack.message : `${sealedFile} vanished as it was written.`);
    if (!readBack.key.equals(key)) return unreadable(`${sealedFile} does not read back as the key just sealed.`);
    return ok(undefined);
  }

  type Sealed = { kind: 'key'; key: Buffer; shouldReseal: boolean } | { kind: 'none' } | { kind: 'unreadable'; message: string };

  async function readSealed(): Promise<Sealed> {
    let sealed: Buffer;
    try {
      sealed = await readFile(sealedFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
      return { kind: 'unreadable', message: `Cannot read ${sealedFile}: ${(error as Error).message}.` };
    }
    try {
      const { plain, shouldReseal } = await options.sealer.open(sealed);
      const key = Buffer.from(plain.trim(), 'base64');
      if (key.length === 32) return { kind: 'key', key, shouldReseal };
    } catch {
      // Falls through: another user's or machine's keychain sealed it, or the keychain is locked.
    }
    return {
      kind: 'unreadable',
      message: `${sealedFile} cannot be opened with this user's OS keychain: it was sealed by another user or machine, or the keychain is locked. Restore the data from a backup made with \`ocr-desk store backup\` (backups carry the key).`,
    };
  }

  /** A plain key takes over: any different sealed key is kept aside first, never overwritten. */
  async function takeOverPlainKey(key: Buffer): Promise<Result<Buffer, 'SecretUnreadable'>> {
    const existing = await readSealed();
    if (existing.kind !== 'none' && !(existing.kind === 'key' && existing.key.equals(key))) {
      const aside = `${sealedFile}.before-${options.now().toISOString().replace(/[:.]/gu, '-')}`;
      try {
        await rename(sealedFile, aside);
      } catch (error) {
        return unreadable(`Cannot keep ${sealedFile} aside before sealing ${plainFile}: ${(error as Error).message}.`);
      }
      options.onNote?.(`${sealedFile} held another key; it is kept as ${aside}.`);
    }
    if (existing.kind !== 'key' || !existing.key.equals(key)) {
      const sealed = await writeSealed(key);
      if (!sealed.ok) return sealed;
    }
    try {
      await rm(plainFile, { force: true });
      options.onNote?.(`${plainFile} is now sealed with the OS keychain and removed.`);
    } catch (error) {
      // The key is sealed and opens the secrets; the plain copy is left for the next start to remove.
      options.onNote?.(`${plainFile} is sealed but could not be removed: ${(error as Error).message}.`);
    }
    return ok(key);
  }

  async function obtain(createIfMissing: boolean): Promise<Result<Buffer, 'SecretUnreadable'>> {
    const plain = await readPlainKey(plainFile);
    if (plain.kind === 'unreadable') return unreadable(plain.message);
    if (plain.kind === 'key') return takeOverPlainKey(plain.key);
    const sealed = await readSealed();
    if (sealed.kind === 'unreadable') return unreadable(sealed.message);
    if (sealed.kind === 'key') {
      if (sealed.shouldReseal) {
        const resealed = await writeSealed(sealed.key);
        // The old sealing still opens it: a failed re-seal is news, not a reason to stop.
        if (!resealed.ok) options.onNote?.(`The OS keychain asked for the key to be sealed anew, which failed: ${resealed.error.message}`);
      }
      return ok(sealed.key);
    }
    if (!createIfMissing) return unreadable(`${sealedFile} is missing, and the stored API keys were sealed with it: restore the data from the backup it was saved with.`);
    const key = randomBytes(32);
    const written = await writeSealed(key);
    if (!written.ok) return written;
    // A plain key file cut short by a crash, found above as no key: gone with the new key sealed.
    await rm(plainFile, { force: true }).catch(() => undefined);
    return ok(key);
  }

  let kept: Buffer | null = null;
  let pending: Promise<Result<Buffer, 'SecretUnreadable'>> | null = null;
  return {
    encryptionKey({ createIfMissing }) {
      if (kept) return Promise.resolve(ok(kept));
      // Calls at once share one attempt; only a key is kept: after a refusal (a locked keychain) the next call asks again.
      pending ??= obtain(createIfMissing).then((result) => {
        pending = null;
        if (result.ok) kept = result.value;
        return result;
      });
      return pending;
    },
  };
}

type PlainKey = { kind: 'key'; key: Buffer } | { kind: 'none' } | { kind: 'unreadable'; message: string };

async function readPlainKey(file: string): Promise<PlainKey> {
  try {
    const key = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
    // A file cut short by a crash before anything was sealed with it: as if absent.
    return key.length === 32 ? { kind: 'key', key } : { kind: 'none' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    return { kind: 'unreadable', message: `Cannot read ${file}: ${(error as Error).message}.` };
  }
}
