import { recognizeTableAccurateRequest } from '../../../../shared/cloud-api/table-ocr.js';
import { ok } from '../../../../shared/result.js';
import { tableWorkbook } from '../../../export/xlsx/table-workbook.js';
import { pageOption, pdfPageSize, readForAction, type CloudActionHandler } from '../action-kit.js';
import { tableAngle, tableInfos } from '../table-detections.js';

/**
 * RecognizeTableAccurateOCR (V3): cells read by the accurate tier. UseNewModel is accepted and
 * changes nothing: there is one table finder here, and it always gives coordinates (the cloud's
 * new model does not promise them).
 */
export const recognizeTableAccurateOcr: CloudActionHandler = async (params, context) => {
  const read = await readForAction('RecognizeTableAccurateOCR', recognizeTableAccurateRequest, params, context.recognizeTables, (request) => pageOption(request));
  if (!read.ok) return read;
  const { reading } = read.value.page;
  return ok({
    TableDetections: tableInfos(reading),
    Data: Buffer.from(await tableWorkbook(reading.tables)).toString('base64'),
    PdfPageSize: pdfPageSize(read.value.page),
    Angle: tableAngle(reading),
  });
};
