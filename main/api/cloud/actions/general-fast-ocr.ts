import { cloudActions } from '../../../../shared/cloud-api/cloud-actions.js';
import { generalFastRequest } from '../../../../shared/cloud-api/text-ocr-requests.js';
import { ok } from '../../../../shared/result.js';
import { cloudLanguageOf } from '../../../services/cloud-language.js';
import { imageSourceOf, parseParams, pdfPageSize, type CloudActionHandler } from '../action-kit.js';
import { cloudAngle, textDetections } from '../text-detections.js';

/** GeneralFastOCR: the fast tier, Chinese and English (the cloud's fast service takes no LanguageType). */
export const generalFastOcr: CloudActionHandler = async (params, context) => {
  const request = parseParams(generalFastRequest, params);
  if (!request.ok) return request;
  const image = imageSourceOf(request.value, cloudActions.GeneralFastOCR);
  if (!image.ok) return image;
  const read = await context.recognize({
    service: cloudActions.GeneralFastOCR.service,
    image: image.value,
    options: { language: 'zh', tier: 'fast', ...(request.value.PdfPageNumber ? { page: request.value.PdfPageNumber } : {}) },
  });
  if (!read.ok) return read;
  const { result } = read.value;
  const angle = cloudAngle(result);
  return ok({
    TextDetections: textDetections(result, { words: false }),
    Language: cloudLanguageOf(result.language),
    // The spec of this action names only the misspelt Angel; both are sent, as in the other actions.
    Angel: angle,
    Angle: angle,
    PdfPageSize: pdfPageSize(read.value),
  });
};
