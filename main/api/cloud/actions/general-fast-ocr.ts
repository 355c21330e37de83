import { generalFastRequest } from '../../../../shared/cloud-api/text-ocr-requests.js';
import { ok } from '../../../../shared/result.js';
import { cloudLanguageOf } from '../../../services/cloud-language.js';
import { pageOption, pdfPageSize, readForAction, type CloudActionHandler } from '../action-kit.js';
import { cloudAngle, textDetections } from '../text-detections.js';

/** GeneralFastOCR: the fast tier, Chinese and English (the cloud's fast service takes no LanguageType). */
export const generalFastOcr: CloudActionHandler = async (params, context) => {
  const read = await readForAction('GeneralFastOCR', generalFastRequest, params, context.recognize, (request) => pageOption(request));
  if (!read.ok) return read;
  const { page } = read.value;
  const angle = cloudAngle(page.result);
  return ok({
    TextDetections: textDetections(page.result, { words: false }),
    Language: cloudLanguageOf(page.result.language),
    // The spec of this action names only the misspelt Angel; both are sent, as in the other actions.
    Angel: angle,
    Angle: angle,
    PdfPageSize: pdfPageSize(page),
  });
};
