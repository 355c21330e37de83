import { readFile } from 'node:fs/promises';
import { isServiceId } from '../../shared/services.js';
import { issueLicence } from '../billing/licence-file.js';
import { readMachineId } from '../platform/machine-id.js';
import { stringOption, UsageError, type Outcome, type OptionValues } from './admin-types.js';

/**
 * Commands that need no data directory: `license issue` (the vendor signs a licence with its
 * private key; tests and development builds use test/fixtures/licence) and `machine-id`.
 */
export async function issueLicenceCommand(values: OptionValues): Promise<Outcome | UsageError> {
  const keyFile = stringOption(values, 'private-key');
  const service = stringOption(values, 'service') ?? '';
  const calls = Number(stringOption(values, 'calls'));
  const validDays = Number(stringOption(values, 'valid-days') ?? '365');
  if (!keyFile) return new UsageError('license issue needs --private-key FILE (a PEM Ed25519 private key)');
  if (!isServiceId(service)) return new UsageError('--service must be general-basic, general-accurate, general-fast, handwriting, idcard, table or table-accurate');
  if (!Number.isInteger(calls) || calls < 1) return new UsageError('--calls must be a whole number from 1');
  if (!Number.isInteger(validDays) || validDays < 1) return new UsageError('--valid-days must be a whole number from 1');
  const key = await readFile(keyFile, 'utf8').catch(() => null);
  if (key === null) return { code: 'FileNotFound', message: `The private key ${keyFile} cannot be read.` };
  const issued = issueLicence(key, { service, calls, validFrom: new Date(), validDays, machineId: stringOption(values, 'machine') });
  // The licence file is itself the JSON document, with or without --json.
  return issued.ok ? { text: JSON.stringify(issued.value), json: issued.value } : issued.error;
}

export async function machineIdCommand(): Promise<Outcome> {
  const id = await readMachineId();
  return id.ok ? { text: id.value, json: { machineId: id.value } } : id.error;
}
