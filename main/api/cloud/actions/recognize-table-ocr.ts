import { recognizeTableRequest } from '../../../../shared/cloud-api/table-ocr.js';
import { ok } from '../../../../shared/result.js';
import { tableWorkbook } from '../../../export/xlsx/table-workbook.js';
import { pageOption, pdfPageSize, readForAction, type CloudActionHandler } from '../action-kit.js';
import { tableAngle, tableDetectInfos } from '../table-detections.js';

/** RecognizeTableOCR (V2): the standard tier, Chinese with English (TableLanguage zh) or Japanese (jap). */
export const recognizeTableOcr: CloudActionHandler = async (params, context) => {
  const read = await readForAction('RecognizeTableOCR', recognizeTableRequest, params, context.recognizeTables, (request) => ({
    lang: request.TableLanguage ?? 'zh',
    ...pageOption(request),
  }));
  if (!read.ok) return read;
  const { reading } = read.value.page;
  return ok({
    TableDetections: tableDetectInfos(reading),
    Data: Buffer.from(await tableWorkbook(reading.tables)).toString('base64'),
    PdfPageSize: pdfPageSize(read.value.page),
    Angle: tableAngle(reading),
  });
};
