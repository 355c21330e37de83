import { createPrivateKey, createPublicKey, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import type { BillingErrorCode } from '../../shared/billing-errors.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { isServiceId, type ServiceId } from '../../shared/services.js';

/** What a licence grants: `calls` of one service, usable from `validFrom` to `validTo`. */
export interface LicencePayload {
  readonly id: string;
  readonly service: ServiceId;
  readonly calls: number;
  /** ISO 8601. */
  readonly validFrom: string;
  readonly validTo: string;
  /** Bound to one machine (`ocr-desk machine-id`), or usable anywhere when absent. */
  readonly machineId?: string;
}

/** The file: the payload's exact bytes, base64, and an Ed25519 signature of those bytes. */
export interface LicenceFile {
  readonly payload: string;
  readonly signature: string;
}

export interface IssueRequest {
  readonly service: ServiceId;
  readonly calls: number;
  readonly validFrom: Date;
  readonly validDays: number;
  readonly machineId?: string | undefined;
}

/** Signs a licence (the vendor's tool; tests use the development key in test/fixtures/licence). */
export function issueLicence(privateKeyPem: string, request: IssueRequest): Result<LicenceFile, 'LicenceInvalid'> {
  let key: KeyObject;
  try {
    key = createPrivateKey(privateKeyPem);
  } catch (error) {
    return fail('LicenceInvalid', `The private key cannot be read: ${(error as Error).message}.`);
  }
  if (key.asymmetricKeyType !== 'ed25519') return fail('LicenceInvalid', 'Licences are signed with an Ed25519 private key.');
  if (!Number.isInteger(request.calls) || request.calls < 1) return fail('LicenceInvalid', 'A licence grants a whole number of calls, at least 1.');
  if (!(request.validDays >= 1)) return fail('LicenceInvalid', 'A licence is valid for at least one day.');
  const validTo = new Date(request.validFrom.getTime() + request.validDays * 86_400_000);
  const payload: LicencePayload = {
    id: randomUUID(),
    service: request.service,
    calls: request.calls,
    validFrom: request.validFrom.toISOString(),
    validTo: validTo.toISOString(),
    ...(request.machineId ? { machineId: request.machineId } : {}),
  };
  const bytes = Buffer.from(JSON.stringify(payload), 'utf8');
  return ok({ payload: bytes.toString('base64'), signature: sign(null, bytes, key).toString('base64') });
}

/**
 * Checks a licence file's text against this build's public key and returns what it grants.
 * Validity dates and the machine are checked by the import, which knows the time and the machine.
 */
export function readLicence(text: string, publicKeyPem: string): Result<LicencePayload, BillingErrorCode> {
  let file: Partial<LicenceFile> | null;
  try {
    file = JSON.parse(text) as Partial<LicenceFile> | null;
  } catch {
    return fail('LicenceInvalid', 'This is not a licence file (it is not JSON).');
  }
  if (typeof file !== 'object' || file === null || typeof file.payload !== 'string' || typeof file.signature !== 'string') return fail('LicenceInvalid', 'This is not a licence file (payload or signature missing).');
  const bytes = Buffer.from(file.payload, 'base64');
  const signed = verify(null, bytes, createPublicKey(publicKeyPem), Buffer.from(file.signature, 'base64'));
  if (!signed) return fail('LicenceInvalid', 'The licence signature does not verify: the file was changed, or it was not issued for this build of OCR Desk.');
  let payload: Partial<LicencePayload> | null;
  try {
    payload = JSON.parse(bytes.toString('utf8')) as Partial<LicencePayload> | null;
  } catch {
    return fail('LicenceInvalid', 'The signed licence content is not readable.');
  }
  if (typeof payload !== 'object' || payload === null) return fail('LicenceInvalid', 'The signed licence content is not a licence.');
  const { id, service, calls, validFrom, validTo, machineId } = payload;
  if (typeof id !== 'string' || typeof service !== 'string' || !Number.isInteger(calls) || typeof validFrom !== 'string' || typeof validTo !== 'string') {
    return fail('LicenceInvalid', 'The signed licence content is incomplete.');
  }
  if (!isServiceId(service)) return fail('LicenceInvalid', `The licence is for an unknown service "${service}".`);
  return ok({ id, service, calls: calls!, validFrom, validTo, ...(typeof machineId === 'string' ? { machineId } : {}) });
}
