import { fail, ok, type Result } from '../../shared/result.js';
import type { ServiceId } from '../../shared/services.js';
import type { RecognizeOptions } from '../engine/engine-types.js';

/** What a caller may choose beside the service (the plain endpoint, the console). */
export interface ServiceChoices {
  readonly lang?: string;
  readonly page?: number;
  readonly singleLine?: boolean;
}

/**
 * How each billed service reads text: the tier and default language of the cloud action it stands
 * for. Handwriting is the accurate tier until a handwriting model exists. The ID card service
 * reads cards, not lines: its doors call recognizeIdCard, and asking it for text options is NotTextService.
 */
export function recognitionOptionsFor(service: ServiceId, choices: ServiceChoices): Result<RecognizeOptions, 'NotTextService'> {
  const common = { ...(choices.page ? { page: choices.page } : {}), ...(choices.singleLine ? { singleLine: true } : {}) };
  switch (service) {
    case 'general-basic':
      return ok({ tier: 'standard', language: choices.lang ?? 'zh', ...common });
    case 'general-accurate':
      return ok({ tier: 'accurate', language: choices.lang ?? 'auto', ...common });
    case 'general-fast':
      return ok({ tier: 'fast', language: choices.lang ?? 'zh', ...common });
    case 'handwriting':
      return ok({ tier: 'accurate', language: choices.lang ?? 'zh', ...common });
    // The table services read cells with the tier of the cloud model they stand for: V2 the
    // standard tier, V3 (RecognizeTableAccurateOCR) the accurate one.
    case 'table':
      return ok({ tier: 'standard', language: choices.lang ?? 'zh', ...common });
    case 'table-accurate':
      return ok({ tier: 'accurate', language: choices.lang ?? 'zh', ...common });
    case 'idcard':
      return fail('NotTextService', `The ${service} service reads identity cards, not lines of text.`);
  }
}
