import { generalBasicRequest } from '../../../../shared/cloud-api/text-ocr-requests.js';
import { ok } from '../../../../shared/result.js';
import { cloudLanguageOf } from '../../../services/cloud-language.js';
import { pageOption, pdfPageSize, readForAction, type CloudActionHandler } from '../action-kit.js';
import { cloudAngle, textDetections } from '../text-detections.js';

/** GeneralBasicOCR: the standard tier in the requested LanguageType (default `zh`, as the cloud). */
export const generalBasicOcr: CloudActionHandler = async (params, context) => {
  const read = await readForAction('GeneralBasicOCR', generalBasicRequest, params, context.recognize, (request) => ({
    ...(request.LanguageType ? { lang: request.LanguageType } : {}),
    ...pageOption(request),
  }));
  if (!read.ok) return read;
  const { request, page } = read.value;
  const angle = cloudAngle(page.result);
  const language = request.LanguageType ?? 'zh';
  return ok({
    TextDetections: textDetections(page.result, { words: request.IsWords ?? false }),
    Language: language === 'auto' ? cloudLanguageOf(page.result.language) : language,
    Angel: angle,
    Angle: angle,
    PdfPageSize: pdfPageSize(page),
  });
};
