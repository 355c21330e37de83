import type { ServiceId } from '../services.js';

/** The API version every OCR action of the cloud has (X-TC-Version / Version). */
export const cloudApiVersion = '2018-11-19';

export interface CloudActionInfo {
  /** The billing service whose packages pay for the action. */
  readonly service: ServiceId;
  /** The cloud's default requests per second, per key (`tencent-ocr-api.md` 3). */
  readonly defaultQps: number;
  /** The largest ImageBase64 the cloud accepts, in characters. */
  readonly maxBase64Length: number;
}

const megabytes = (n: number) => n * 1024 * 1024;

/** The actions the local API answers, with the cloud's limits. */
export const cloudActions = {
  GeneralBasicOCR: { service: 'general-basic', defaultQps: 20, maxBase64Length: megabytes(10) },
  GeneralAccurateOCR: { service: 'general-accurate', defaultQps: 10, maxBase64Length: megabytes(10) },
  GeneralFastOCR: { service: 'general-fast', defaultQps: 10, maxBase64Length: megabytes(7) },
  GeneralHandwritingOCR: { service: 'handwriting', defaultQps: 10, maxBase64Length: megabytes(10) },
  IDCardOCR: { service: 'idcard', defaultQps: 20, maxBase64Length: megabytes(10) },
  RecognizeTableOCR: { service: 'table', defaultQps: 10, maxBase64Length: megabytes(7) },
  RecognizeTableAccurateOCR: { service: 'table-accurate', defaultQps: 2, maxBase64Length: megabytes(10) },
} as const satisfies Record<string, CloudActionInfo>;

export type CloudActionName = keyof typeof cloudActions;

export function isCloudActionName(name: string): name is CloudActionName {
  return Object.hasOwn(cloudActions, name);
}

/** The action that bills a service (each service has one), for limits shared with the plain endpoint. */
export function actionOfService(service: ServiceId): CloudActionName {
  return (Object.keys(cloudActions) as CloudActionName[]).find((action) => cloudActions[action].service === service)!;
}
