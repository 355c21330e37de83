import { recognizeTableAccurateRequest } from '../../../../shared/cloud-api/table-ocr.js';
import { ok } from '../../../../shared/result.js';
import { pageOption, readForAction, type CloudActionHandler } from '../action-kit.js';
import { tableAnswer, tableInfos } from '../table-detections.js';

/**
 * RecognizeTableAccurateOCR (V3): cells read by the accurate tier. UseNewModel is accepted and
 * changes nothing: there is one table finder here, and it always gives coordinates (the cloud's
 * new model does not promise them).
 */
export const recognizeTableAccurateOcr: CloudActionHandler = async (params, context) => {
  const read = await readForAction('RecognizeTableAccurateOCR', recognizeTableAccurateRequest, params, context.recognizeTables, (request) => pageOption(request));
  return read.ok ? ok(await tableAnswer(read.value.page, tableInfos)) : read;
};
