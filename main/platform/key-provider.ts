import { randomBytes } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fail, ok, type Result } from '../../shared/result.js';
import { fileExists } from './file-exists.js';

/**
 * Where the key that seals stored secrets comes from: the OS keychain in the desktop shell, a file
 * for `serve`. 32 bytes, the same every time for one data directory.
 */
export interface KeyProvider {
  encryptionKey(options: { readonly createIfMissing: boolean }): Promise<Result<Buffer, 'SecretUnreadable'>>;
}

export const secretKeyFileName = 'secret.key';
/** The same key sealed by the desktop app with the OS keychain (platform/sealed-key-provider.ts). */
export const sealedKeyFileName = 'secret.key.safe';

/**
 * The key as an owner-only file in the data directory. It is created only when asked: where
 * sealed secrets exist, a missing key file must be reported, not replaced by a new key that
 * cannot open them.
 */
export function createFileKeyProvider(directory: string): KeyProvider {
  const file = path.join(directory, secretKeyFileName);
  return {
    async encryptionKey({ createIfMissing }) {
      let damaged = false;
      try {
        const key = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
        if (key.length === 32) return ok(key);
        // Nothing sealed yet: a key file left empty or cut short by a crash may be replaced.
        if (!createIfMissing) return fail('SecretUnreadable', `${file} does not hold a 32-byte key.`);
        damaged = true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return fail('SecretUnreadable', `Cannot read ${file}: ${(error as Error).message}.`);
      }
      if (await fileExists(path.join(directory, sealedKeyFileName))) {
        // A new plain key would leave the desktop's key and the keys sealed with it behind.
        return fail(
          'SecretUnreadable',
          `The API keys of ${directory} are sealed with this user's OS keychain by the OCR Desk desktop app (${sealedKeyFileName}). Run this command while the desktop app is running (it is passed to the app), or move the data with \`ocr-desk store backup\` in the desktop app and \`ocr-desk store restore\` here.`,
        );
      }
      if (!createIfMissing) {
        return fail('SecretUnreadable', `${file} is missing, and the stored API keys were sealed with it: restore it from the backup it was saved with.`);
      }
      const key = randomBytes(32);
      try {
        const handle = await open(file, damaged ? 'w' : 'wx', 0o600);
        try {
          await handle.writeFile(`${key.toString('base64')}\n`);
          await handle.sync();
        } finally {
          await handle.close();
        }
        return ok(key);
      } catch (error) {
        return fail('SecretUnreadable', `Cannot create ${file}: ${(error as Error).message}.`);
      }
    },
  };
}
