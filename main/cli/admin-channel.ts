import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * How the admin CLI reaches the server that owns a data directory: `serve` writes the URL and a
 * random token to an owner-only file in the directory, and removes it when it stops. Whoever can
 * read the file could open the directory's files anyway, so it grants nothing new.
 */
export interface AdminChannel {
  readonly url: string;
  readonly token: string;
  /**
   * In LAN mode: the SHA-256 fingerprint of the server's certificate. The CLI pins it instead of
   * checking names and chains, since an administrator's certificate need not name 127.0.0.1.
   */
  readonly fingerprint?: string;
}

const fileName = 'admin-channel.json';

export const newAdminToken = () => randomBytes(32).toString('hex');

/** Writes the channel file once the server listens; the returned function removes it. */
export async function publishAdminChannel(directory: string, channel: AdminChannel): Promise<() => Promise<void>> {
  const file = path.join(directory, fileName);
  await writeFile(file, JSON.stringify(channel), { mode: 0o600 });
  return () => rm(file, { force: true });
}

export async function readAdminChannel(directory: string): Promise<AdminChannel | null> {
  try {
    const value = JSON.parse(await readFile(path.join(directory, fileName), 'utf8')) as Partial<AdminChannel>;
    if (typeof value.url !== 'string' || typeof value.token !== 'string') return null;
    return { url: value.url, token: value.token, ...(typeof value.fingerprint === 'string' ? { fingerprint: value.fingerprint } : {}) };
  } catch {
    return null;
  }
}
