import { generalAccurateRequest } from '../../../../shared/cloud-api/text-ocr-requests.js';
import { ok } from '../../../../shared/result.js';
import { cloudLanguageOf } from '../../../services/cloud-language.js';
import { pageOption, readForAction, type CloudActionHandler } from '../action-kit.js';
import { cloudAngle, textDetections } from '../text-detections.js';

/**
 * GeneralAccurateOCR: the accurate tier, language found from the script (the cloud's accurate
 * service takes no LanguageType). EnableDetectText=false reads one line; ConfigID=MulOCR adds each
 * line's language. EnableDetectSplit and WordsType are accepted and have no effect: large pages
 * are read whole, and print and handwriting are not told apart (README, "Server and cloud API").
 */
export const generalAccurateOcr: CloudActionHandler = async (params, context) => {
  const read = await readForAction('GeneralAccurateOCR', generalAccurateRequest, params, context.recognize, (request) => ({
    singleLine: request.EnableDetectText === false,
    ...pageOption(request),
  }));
  if (!read.ok) return read;
  const { request, page } = read.value;
  const angle = cloudAngle(page.result);
  const lineLanguage = request.ConfigID === 'MulOCR' ? cloudLanguageOf(page.result.language) : undefined;
  return ok({
    TextDetections: textDetections(page.result, { words: request.IsWords ?? false, ...(lineLanguage ? { language: lineLanguage } : {}) }),
    Angel: angle,
    Angle: angle,
  });
};
