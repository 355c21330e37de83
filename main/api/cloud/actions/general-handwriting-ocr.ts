import { generalHandwritingRequest } from '../../../../shared/cloud-api/text-ocr-requests.js';
import { ok } from '../../../../shared/result.js';
import { readForAction, type CloudActionHandler } from '../action-kit.js';
import { cloudAngle, handwritingDetections } from '../text-detections.js';

/**
 * GeneralHandwritingOCR: served by the accurate tier in Chinese and English, as the engine issue
 * decided, until a handwriting model exists; confidences are the model's own. `Scene: only_hw`
 * cannot drop printed text (nothing here tells print from handwriting), so every line is returned.
 */
export const generalHandwritingOcr: CloudActionHandler = async (params, context) => {
  const read = await readForAction('GeneralHandwritingOCR', generalHandwritingRequest, params, context.recognize, (request) => ({
    singleLine: request.EnableDetectText === false,
  }));
  if (!read.ok) return read;
  const { request, page } = read.value;
  const angle = cloudAngle(page.result);
  return ok({
    TextDetections: handwritingDetections(page.result, { wordPolygons: request.EnableWordPolygon ?? false }),
    Angel: angle,
    Angle: angle,
  });
};
