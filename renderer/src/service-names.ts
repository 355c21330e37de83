import type { ServiceId } from '../../shared/services.js';
import type { Messages } from './i18n.js';

/** Each billed service's name in the UI's language. */
export const serviceName = (t: Messages, service: ServiceId): string =>
  ({
    'general-basic': t.serviceGeneralBasic,
    'general-accurate': t.serviceGeneralAccurate,
    'general-fast': t.serviceGeneralFast,
    handwriting: t.serviceHandwriting,
    idcard: t.serviceIdcard,
    table: t.serviceTable,
    'table-accurate': t.serviceTableAccurate,
  })[service];

/** Services the Recognize page runs (ID cards through /idcard); the table services are the Tables page's. */
export const readableServices: readonly ServiceId[] = ['general-basic', 'general-accurate', 'general-fast', 'handwriting', 'idcard'];
