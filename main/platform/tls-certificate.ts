import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import selfsigned from 'selfsigned';
import { fail, ok, type Result } from '../../shared/result.js';

export interface TlsMaterial {
  readonly cert: string;
  readonly key: string;
  /** SHA-256 of the certificate, as browsers and `openssl x509 -fingerprint -sha256` show it. */
  readonly fingerprint: string;
  /** Names and addresses the certificate is valid for. */
  readonly names: readonly string[];
  /** True when it was generated just now. */
  readonly generated: boolean;
}

/** Where a generated certificate is kept, in the data directory. */
export const generatedCertificateFiles = (directory: string) => ({ cert: path.join(directory, 'tls', 'certificate.pem'), key: path.join(directory, 'tls', 'private-key.pem') });

/** This machine's names for LAN clients: its host name and the addresses of its interfaces. */
export function machineNames(): string[] {
  const addresses = Object.values(os.networkInterfaces())
    .flat()
    .filter((entry): entry is os.NetworkInterfaceInfo => entry !== undefined && !entry.internal)
    .map((entry) => entry.address.replace(/%.*$/u, ''));
  return [...new Set([os.hostname().toLowerCase(), ...addresses])];
}

/**
 * The server's TLS certificate: the administrator's own files when given, else one generated on
 * first use into the data directory (EC P-256, SHA-256, two years; valid for localhost, this
 * machine's name and addresses and the listed names) and reused afterwards. Clients trust it by its
 * fingerprint, printed at start, or by importing the certificate file.
 */
export async function loadTlsCertificate(options: {
  readonly directory: string;
  readonly certFile?: string;
  readonly keyFile?: string;
  readonly names: readonly string[];
  readonly now: Date;
}): Promise<Result<TlsMaterial, 'TlsCertificateUnreadable'>> {
  const given = options.certFile !== undefined || options.keyFile !== undefined;
  const files = given ? { cert: options.certFile ?? '', key: options.keyFile ?? '' } : generatedCertificateFiles(options.directory);
  const existing = await readPair(files);
  const names = [...new Set(['localhost', '127.0.0.1', '::1', ...options.names])];
  if (existing && given) return describe(existing, false);
  if (given) return fail('TlsCertificateUnreadable', `The certificate ${files.cert} or its key ${files.key} cannot be read: give both, as PEM files.`);
  // A generated certificate is made again when it runs out within a week or misses a name the
  // server now answers to (a new --lan-host, a new address): clients would refuse it anyway.
  if (existing && coversAndLasts(existing.cert, names, options.now)) return describe(existing, false);
  const notAfter = new Date(options.now.getTime() + 730 * 86_400_000);
  const pems = await selfsigned.generate([{ name: 'commonName', value: os.hostname() }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: options.now,
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: names.map((name) => (/^[\d.]+$|:/u.test(name) ? { type: 7, ip: name } : { type: 2, value: name })) },
    ],
  });
  await mkdir(path.dirname(files.cert), { recursive: true, mode: 0o700 });
  await writeFile(files.key, pems.private, { mode: 0o600 });
  await writeFile(files.cert, pems.cert, { mode: 0o644 });
  return describe({ cert: pems.cert, key: pems.private }, true);
}

function coversAndLasts(cert: string, names: readonly string[], now: Date): boolean {
  try {
    const certificate = new X509Certificate(cert);
    if (Date.parse(certificate.validTo) < now.getTime() + 7 * 86_400_000) return false;
    return names.every((name) => (isIP(name) ? certificate.checkIP(name) : certificate.checkHost(name)) !== undefined);
  } catch {
    return false;
  }
}

async function readPair(files: { cert: string; key: string }): Promise<{ cert: string; key: string } | null> {
  try {
    return { cert: await readFile(files.cert, 'utf8'), key: await readFile(files.key, 'utf8') };
  } catch {
    return null;
  }
}

function describe(pair: { cert: string; key: string }, generated: boolean): Result<TlsMaterial, 'TlsCertificateUnreadable'> {
  try {
    const certificate = new X509Certificate(pair.cert);
    if (!certificate.checkPrivateKey(createPrivateKey(pair.key))) return fail('TlsCertificateUnreadable', 'The private key does not belong to the certificate.');
    const names = (certificate.subjectAltName ?? '')
      .split(', ')
      .map((entry) => entry.replace(/^(DNS|IP Address):/u, ''))
      .filter((entry) => entry.length > 0);
    return ok({ ...pair, fingerprint: certificate.fingerprint256, names, generated });
  } catch (error) {
    return fail('TlsCertificateUnreadable', `The certificate is not a PEM certificate (${(error as Error).message}).`);
  }
}
