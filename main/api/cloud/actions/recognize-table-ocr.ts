import { recognizeTableRequest } from '../../../../shared/cloud-api/table-ocr.js';
import { ok } from '../../../../shared/result.js';
import { pageOption, readForAction, type CloudActionHandler } from '../action-kit.js';
import { tableAnswer, tableDetectInfos } from '../table-detections.js';

/** RecognizeTableOCR (V2): the standard tier, Chinese with English (TableLanguage zh) or Japanese (jap). */
export const recognizeTableOcr: CloudActionHandler = async (params, context) => {
  const read = await readForAction('RecognizeTableOCR', recognizeTableRequest, params, context.recognizeTables, (request) => ({
    lang: request.TableLanguage ?? 'zh',
    ...pageOption(request),
  }));
  return read.ok ? ok(await tableAnswer(read.value.page, tableDetectInfos)) : read;
};
