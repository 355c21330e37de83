import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fail, ok, type Result } from '../../shared/result.js';
import { sealedKeyFileName, secretKeyFileName, type KeyProvider } from './key-provider.js';
import { replaceFile } from './replace-file.js';

/**
 * Seals and opens bytes with a secret only the OS gives out (Electron's safeStorage: DPAPI on
 * Windows, the Keychain on macOS, libsecret or KWallet on Linux). Throws when the OS refuses.
 */
export interface KeySealer {
  seal(plain: string): Buffer;
  open(sealed: Buffer): string;
}

export interface SealedKeyProviderOptions {
  readonly directory: string;
  readonly sealer: KeySealer;
  /** Told when a plain key file was sealed and removed (an older version's or `serve`'s directory, or a restore). */
  readonly onSealedPlainKey?: (file: string) => void;
}

/**
 * The desktop's key provider: the key sealing stored SecretKeys lives in the data directory only
 * as the OS keychain sealed it, so a copy of the directory (a synced profile, a stolen disk image)
 * opens no API key without this user's login on this machine.
 *
 * A plain `secret.key` found beside it is the newer truth: the directory was used by `serve`, by an
 * older version, or restored from a backup (backups carry the key plain, so they can be restored
 * anywhere). It is sealed, the sealed copy read back and compared, and only then the plain file
 * removed: a crash at any step leaves a key that opens the secrets.
 */
export function createSealedKeyProvider(options: SealedKeyProviderOptions): KeyProvider {
  const plainFile = path.join(options.directory, secretKeyFileName);
  const sealedFile = path.join(options.directory, sealedKeyFileName);
  const unreadable = (message: string) => fail('SecretUnreadable' as const, message);

  async function writeSealed(key: Buffer): Promise<Result<void, 'SecretUnreadable'>> {
    let sealed: Buffer;
    try {
      sealed = options.sealer.seal(key.toString('base64'));
    } catch (error) {
      return unreadable(`The OS keychain refused to seal the API keys' encryption key: ${(error as Error).message}.`);
    }
    try {
      await replaceFile(sealedFile, sealed);
    } catch (error) {
      return unreadable(`Cannot write ${sealedFile}: ${(error as Error).message}.`);
    }
    const readBack = await readSealed();
    if (!readBack.ok) return readBack;
    if (!readBack.value.equals(key)) return unreadable(`${sealedFile} does not read back as the key just sealed.`);
    return ok(undefined);
  }

  async function readSealed(): Promise<Result<Buffer, 'SecretUnreadable'>> {
    let sealed: Buffer;
    try {
      sealed = await readFile(sealedFile);
    } catch (error) {
      return unreadable(`Cannot read ${sealedFile}: ${(error as Error).message}.`);
    }
    try {
      const key = Buffer.from(options.sealer.open(sealed).trim(), 'base64');
      if (key.length === 32) return ok(key);
    } catch {
      // Falls through: another user's or machine's keychain sealed it, or the keychain is locked.
    }
    return unreadable(
      `${sealedFile} cannot be opened with this user's OS keychain: it was sealed by another user or machine, or the keychain is locked. Restore the data from a backup made with \`ocr-desk backup\` (backups carry the key).`,
    );
  }

  return {
    async encryptionKey({ createIfMissing }) {
      const plain = await readPlainKey(plainFile);
      if (plain.kind === 'unreadable') return unreadable(plain.message);
      if (plain.kind === 'key') {
        const sealed = await writeSealed(plain.key);
        if (!sealed.ok) return sealed;
        await rm(plainFile);
        options.onSealedPlainKey?.(plainFile);
        return ok(plain.key);
      }
      if (await exists(sealedFile)) return readSealed();
      if (!createIfMissing) return unreadable(`${sealedFile} is missing, and the stored API keys were sealed with it: restore the data from the backup it was saved with.`);
      const key = randomBytes(32);
      const sealed = await writeSealed(key);
      if (!sealed.ok) return sealed;
      await rm(plainFile, { force: true });
      return ok(key);
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

const exists = (file: string): Promise<boolean> =>
  readFile(file).then(
    () => true,
    () => false,
  );
