import { X509Certificate } from 'node:crypto';

/**
 * In LAN mode the service answers HTTPS with a certificate no authority signed (generated on first
 * use, or the administrator's own, which need not name 127.0.0.1). The window trusts exactly that
 * certificate, by fingerprint, and only on the app's origin: any other certificate error, anywhere,
 * is refused as Chromium would. The certificate comes from Electron as PEM, so its fingerprint is
 * computed the way the service printed its own (`openssl x509 -fingerprint -sha256`).
 */
export interface OwnCertificate {
  readonly appOrigin: string;
  /** TlsMaterial.fingerprint: SHA-256 as colon-separated hex. */
  readonly fingerprint256: string;
}

export function trustsOwnCertificate(url: string, certificatePem: string, own: OwnCertificate | null): boolean {
  if (own === null) return false;
  let origin: string;
  let fingerprint: string;
  try {
    origin = new URL(url).origin;
    fingerprint = new X509Certificate(certificatePem).fingerprint256;
  } catch {
    return false;
  }
  return origin === own.appOrigin && fingerprint.toUpperCase() === own.fingerprint256.toUpperCase();
}
