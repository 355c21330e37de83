import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MeteredCall, RecognitionCall } from '../../services/recognition-service.js';
import type { Result } from '../../../shared/result.js';
import { consoleApiBase, consoleRecognizeFields, xlsxMediaType, type ConsoleIdCardReading, type ConsoleRecognition, type ConsoleRecognizeFields, type ConsoleTableReading, type ReadingProgress } from '../../../shared/console-api.js';
import { allIdCardWarnings } from '../../../shared/idcard-result.js';
import { isTableService, type ServiceId } from '../../../shared/services.js';
import { tableLayoutProblems, tablesForXlsx } from '../../../shared/table-schema.js';
import { tableWorkbook } from '../../export/xlsx/table-workbook.js';
import { fail, ok } from '../../../shared/result.js';
import { recognitionOptionsFor } from '../../services/service-options.js';
import { clientGone } from '../client-gone.js';
import { readMultipartImage } from '../multipart-image.js';
import { callerOf, jsonBody, refuse, send, type ConsoleDeps } from './console-context.js';
import { describeProblems } from '../../../shared/schema-problems.js';

/**
 * POST /console/api/recognize: one file from the UI's queue, read by the service it names and
 * metered to the signed-in account, like a cloud call without a key. The UI cancels by aborting the
 * request; the job is then cancelled and not charged.
 */
export function recognizeRoute(app: FastifyInstance, deps: ConsoleDeps): void {
  /** Readings in flight that a client named, by session and name: removed when they end. */
  const inFlight = new Map<string, ReadingProgress>();
  const keyOf = (sessionId: string, job: string) => `${sessionId}\n${job}`;

  app.get(`${consoleApiBase}/languages`, async (_request, reply) => send(reply, ok(deps.languages())));

  app.get<{ Params: { job: string } }>(`${consoleApiBase}/progress/:job`, async (request, reply) => {
    const progress = inFlight.get(keyOf(callerOf(request).session.id, request.params.job));
    return send(reply, progress ? ok(progress) : fail('NotFound', 'No reading of that name is running.'));
  });

  /**
   * The upload, its fields and the metered reading with its progress, shared by /recognize (text),
   * /tables and /idcard: which services each takes, the reading and the answer's shape differ.
   */
  const readUpload = async <T>(
    request: FastifyRequest,
    reply: FastifyReply,
    refusal: (service: ServiceId) => string | null,
    read: (call: MeteredCall, fields: ConsoleRecognizeFields) => Promise<Result<T, string>>,
    answer: (read: T, page: number, preview: string | undefined) => unknown,
  ) => {
    if (!request.isMultipart()) return refuse(reply, { code: 'InvalidParameter', message: 'Send the image as multipart form data (field "image").' });
    const upload = await readMultipartImage(request, deps.maxFileBytes);
    if (!upload.ok) return send(reply, upload);
    const { image, fields } = upload.value;
    const parsed = consoleRecognizeFields.safeParse(fields);
    if (!parsed.success) return refuse(reply, { code: 'InvalidParameter', message: describeProblems(parsed.error) });
    const { service, page, job, preview } = parsed.data;
    const refused = refusal(service);
    if (refused) return refuse(reply, { code: 'InvalidParameter', message: refused });
    const { account, session } = callerOf(request);
    const progressKey = job ? keyOf(session.id, job) : null;
    // Bounded by the readings that can be in flight at once (the engine's line and room).
    if (progressKey && inFlight.size < 1000) inFlight.set(progressKey, { stage: 'decoding', page: 0, pages: 0, progress: 0 });
    const call: MeteredCall = {
      requestId: randomUUID(),
      caller: { account, secretId: null },
      service,
      image: { kind: 'bytes', bytes: image },
      signal: clientGone(reply),
      ...(progressKey ? { onProgress: (progress: ReadingProgress) => inFlight.has(progressKey) && inFlight.set(progressKey, progress) } : {}),
    };
    const outcome = await read(call, parsed.data).finally(() => progressKey && inFlight.delete(progressKey));
    if (!outcome.ok) return send(reply, fail(outcome.error.code, outcome.error.message));
    // A preview that cannot be made costs the reading nothing: the text is shown without it.
    const png = preview ? await deps.recognition.preview(image, page ?? 1) : null;
    return send(reply, ok(answer(outcome.value, page ?? 1, png?.ok ? `data:image/png;base64,${Buffer.from(png.value.png).toString('base64')}` : undefined)));
  };

  /** Text and tables are read with the service's options and what the form chose. */
  const withOptions =
    <T>(read: (call: RecognitionCall) => Promise<Result<T, string>>) =>
    async (call: MeteredCall, { service, lang, page, singleLine }: ConsoleRecognizeFields): Promise<Result<T, string>> => {
      const options = recognitionOptionsFor(service, { ...(lang ? { lang } : {}), ...(page ? { page } : {}), ...(singleLine ? { singleLine } : {}) });
      return options.ok ? read({ ...call, options: options.value }) : options;
    };

  app.post(`${consoleApiBase}/recognize`, async (request, reply) =>
    readUpload(
      request,
      reply,
      (service) => (isTableService(service) ? `${service} reads tables; use /tables.` : service === 'idcard' ? 'idcard reads identity cards; use /idcard.' : null),
      withOptions(deps.recognition.recognize),
      (read, page, preview): ConsoleRecognition => ({ page, pageCount: read.pageCount, result: read.result, ...(preview ? { preview } : {}) }),
    ),
  );

  app.post(`${consoleApiBase}/tables`, async (request, reply) =>
    readUpload(
      request,
      reply,
      (service) => (isTableService(service) ? null : `${service} does not read tables; use /recognize.`),
      withOptions(deps.recognition.recognizeTables),
      (read, page, preview): ConsoleTableReading => ({ page, pageCount: read.pageCount, reading: read.reading, ...(preview ? { preview } : {}) }),
    ),
  );

  // An identity card, with every warning measured and the head photo cut out, for the UI's form.
  app.post(`${consoleApiBase}/idcard`, async (request, reply) =>
    readUpload(
      request,
      reply,
      (service) => (service === 'idcard' ? null : `${service} does not read identity cards.`),
      (call, { cardSide }) => deps.recognition.recognizeIdCard({ ...call, card: { ...(cardSide ? { side: cardSide } : {}), warnings: new Set(allIdCardWarnings), cropPortrait: true, reflectionDetail: true } }),
      (card, _page, preview): ConsoleIdCardReading => {
        // The straightened card is not sent: the page shows the photo itself.
        const { cardJpeg, portraitJpeg, ...reading } = card;
        return { reading, ...(portraitJpeg ? { portrait: `data:image/jpeg;base64,${Buffer.from(portraitJpeg).toString('base64')}` } : {}), ...(preview ? { preview } : {}) };
      },
    ),
  );

  // The tables as the UI shows them (edited or not) written as xlsx: free, as it reads nothing.
  app.post(`${consoleApiBase}/tables/xlsx`, async (request, reply) => {
    const parsed = tablesForXlsx.safeParse(jsonBody(request));
    if (!parsed.success) return refuse(reply, { code: 'InvalidParameter', message: `These are not tables (${describeProblems(parsed.error)}).` });
    const problems = parsed.data.tables.flatMap((table, index) => tableLayoutProblems(table).map((problem) => `table ${index + 1}: ${problem}`));
    if (problems.length > 0) return refuse(reply, { code: 'InvalidParameter', message: `The tables cannot be written: ${problems.slice(0, 5).join('; ')}.` });
    return reply.code(200).type(xlsxMediaType).header('content-disposition', 'attachment; filename="tables.xlsx"').send(Buffer.from(await tableWorkbook(parsed.data.tables)));
  });
}
