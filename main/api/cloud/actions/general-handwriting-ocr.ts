import { cloudActions } from '../../../../shared/cloud-api/cloud-actions.js';
import { generalHandwritingRequest } from '../../../../shared/cloud-api/text-ocr-requests.js';
import { ok } from '../../../../shared/result.js';
import { imageSourceOf, parseParams, type CloudActionHandler } from '../action-kit.js';
import { cloudAngle, handwritingDetections } from '../text-detections.js';

/**
 * GeneralHandwritingOCR: served by the accurate tier in Chinese and English, as the engine issue
 * decided, until a handwriting model exists; confidences are the model's own. `Scene: only_hw`
 * cannot drop printed text (nothing here tells print from handwriting), so every line is returned.
 */
export const generalHandwritingOcr: CloudActionHandler = async (params, context) => {
  const request = parseParams(generalHandwritingRequest, params);
  if (!request.ok) return request;
  const image = imageSourceOf(request.value, cloudActions.GeneralHandwritingOCR);
  if (!image.ok) return image;
  const read = await context.recognize({
    service: cloudActions.GeneralHandwritingOCR.service,
    image: image.value,
    options: { language: 'zh', tier: 'accurate', singleLine: request.value.EnableDetectText === false },
  });
  if (!read.ok) return read;
  const { result } = read.value;
  const angle = cloudAngle(result);
  return ok({
    TextDetections: handwritingDetections(result, { wordPolygons: request.value.EnableWordPolygon ?? false }),
    Angel: angle,
    Angle: angle,
  });
};
