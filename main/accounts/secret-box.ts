import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { AccountErrorCode } from '../../shared/account-errors.js';
import { fail, ok, type Result } from '../../shared/result.js';
import type { KeyProvider } from '../platform/key-provider.js';

/**
 * The server must hold every SecretKey in plain text to check HMAC signatures, so they are stored
 * encrypted (AES-256-GCM) under a key kept elsewhere (platform/key-provider.ts): whoever copies
 * db.json alone gets no secret.
 */
export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): Result<string, AccountErrorCode>;
}

const version = 'v1';

export async function createSecretBox(provider: KeyProvider, options: { readonly createIfMissing: boolean }): Promise<Result<SecretBox, 'SecretUnreadable'>> {
  const key = await provider.encryptionKey(options);
  if (!key.ok) return key;
  if (key.value.length !== 32) return fail('SecretUnreadable', 'The secret-encryption key must be 32 bytes.');
  const secret = key.value;
  return ok({
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', secret, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${version}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    open(sealed) {
      const [tag, payload] = sealed.split(':');
      if (tag !== version || !payload) return fail('SecretUnreadable', 'A stored secret is in an unknown format.');
      const bytes = Buffer.from(payload, 'base64');
      try {
        const decipher = createDecipheriv('aes-256-gcm', secret, bytes.subarray(0, 12));
        decipher.setAuthTag(bytes.subarray(12, 28));
        return ok(Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8'));
      } catch {
        return fail('SecretUnreadable', 'A stored secret cannot be decrypted: the secret-encryption key is not the one it was sealed with.');
      }
    },
  });
}
