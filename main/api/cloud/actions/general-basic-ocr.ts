import { cloudActions } from '../../../../shared/cloud-api/cloud-actions.js';
import { generalBasicRequest } from '../../../../shared/cloud-api/text-ocr-requests.js';
import { ok } from '../../../../shared/result.js';
import { cloudLanguageOf } from '../../../services/cloud-language.js';
import { imageSourceOf, parseParams, pdfPageSize, type CloudActionHandler } from '../action-kit.js';
import { cloudAngle, textDetections } from '../text-detections.js';

/** GeneralBasicOCR: the standard tier in the requested LanguageType (default `zh`, as the cloud). */
export const generalBasicOcr: CloudActionHandler = async (params, context) => {
  const request = parseParams(generalBasicRequest, params);
  if (!request.ok) return request;
  const image = imageSourceOf(request.value, cloudActions.GeneralBasicOCR);
  if (!image.ok) return image;
  const language = request.value.LanguageType ?? 'zh';
  const read = await context.recognize({
    service: cloudActions.GeneralBasicOCR.service,
    image: image.value,
    options: { language, tier: 'standard', ...(request.value.PdfPageNumber ? { page: request.value.PdfPageNumber } : {}) },
  });
  if (!read.ok) return read;
  const { result } = read.value;
  const angle = cloudAngle(result);
  return ok({
    TextDetections: textDetections(result, { words: request.value.IsWords ?? false }),
    Language: language === 'auto' ? cloudLanguageOf(result.language) : language,
    Angel: angle,
    Angle: angle,
    PdfPageSize: pdfPageSize(read.value),
  });
};
