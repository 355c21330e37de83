import type { CloudActionName } from '../../../shared/cloud-api/cloud-actions.js';
import type { CloudActionHandler } from './action-kit.js';
import { generalAccurateOcr } from './actions/general-accurate-ocr.js';
import { generalBasicOcr } from './actions/general-basic-ocr.js';
import { generalFastOcr } from './actions/general-fast-ocr.js';
import { generalHandwritingOcr } from './actions/general-handwriting-ocr.js';
import { idCardOcr } from './actions/id-card-ocr.js';
import { recognizeTableAccurateOcr } from './actions/recognize-table-accurate-ocr.js';
import { recognizeTableOcr } from './actions/recognize-table-ocr.js';

/** Every action of the contract and the handler that answers it. */
export const cloudActionHandlers: Readonly<Record<CloudActionName, CloudActionHandler>> = {
  GeneralBasicOCR: generalBasicOcr,
  GeneralAccurateOCR: generalAccurateOcr,
  GeneralFastOCR: generalFastOcr,
  GeneralHandwritingOCR: generalHandwritingOcr,
  IDCardOCR: idCardOcr,
  RecognizeTableOCR: recognizeTableOcr,
  RecognizeTableAccurateOCR: recognizeTableAccurateOcr,
};
