import { fail } from '../../../../shared/result.js';
import type { CloudActionHandler } from '../action-kit.js';

/**
 * IDCardOCR until its issue lands: a clear
 * refusal that costs nothing, rather than an invented result.
 */
export const notYetServed =
  (action: string): CloudActionHandler =>
  async () =>
    fail('UnsupportedAction', `${action} is part of the contract but not available in this version of OCR Desk yet.`);
