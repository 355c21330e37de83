import { cloudActions } from '../../../../shared/cloud-api/cloud-actions.js';
import { generalAccurateRequest } from '../../../../shared/cloud-api/text-ocr-requests.js';
import { ok } from '../../../../shared/result.js';
import { cloudLanguageOf } from '../../../services/cloud-language.js';
import { imageSourceOf, parseParams, type CloudActionHandler } from '../action-kit.js';
import { cloudAngle, textDetections } from '../text-detections.js';

/**
 * GeneralAccurateOCR: the accurate tier, language found from the script (the cloud's accurate
 * service takes no LanguageType). EnableDetectText=false reads one line; ConfigID=MulOCR adds each
 * line's language. EnableDetectSplit and WordsType are accepted and have no effect: large pages
 * are read whole, and print and handwriting are not told apart (README, "Cloud API").
 */
export const generalAccurateOcr: CloudActionHandler = async (params, context) => {
  const request = parseParams(generalAccurateRequest, params);
  if (!request.ok) return request;
  const image = imageSourceOf(request.value, cloudActions.GeneralAccurateOCR);
  if (!image.ok) return image;
  const read = await context.recognize({
    service: cloudActions.GeneralAccurateOCR.service,
    image: image.value,
    options: {
      language: 'auto',
      tier: 'accurate',
      singleLine: request.value.EnableDetectText === false,
      ...(request.value.PdfPageNumber ? { page: request.value.PdfPageNumber } : {}),
    },
  });
  if (!read.ok) return read;
  const { result } = read.value;
  const angle = cloudAngle(result);
  const lineLanguage = request.value.ConfigID === 'MulOCR' ? cloudLanguageOf(result.language) : undefined;
  return ok({
    TextDetections: textDetections(result, { words: request.value.IsWords ?? false, ...(lineLanguage ? { language: lineLanguage } : {}) }),
    Angel: angle,
    Angle: angle,
  });
};
