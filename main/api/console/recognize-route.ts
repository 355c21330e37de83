import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RecognitionCall } from '../../services/recognition-service.js';
import type { Result } from '../../../shared/result.js';
import { consoleApiBase, consoleRecognizeFields, xlsxMediaType, type ConsoleRecognition, type ConsoleTableReading, type ReadingProgress } from '../../../shared/console-api.js';
import { isTableService } from '../../../shared/services.js';
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
   * The upload, its fields and the metered reading with its progress, shared by /recognize (text)
   * and /tables: only the reading and the answer's shape differ.
   */
  const readUpload = async <T>(
    request: FastifyRequest,
    reply: FastifyReply,
    wantsTables: boolean,
    read: (call: RecognitionCall) => Promise<Result<T, string>>,
    answer: (read: T, page: number, preview: string | undefined) => unknown,
  ) => {
    if (!request.isMultipart()) return refuse(reply, { code: 'InvalidParameter', message: 'Send the image as multipart form data (field "image").' });
    const upload = await readMultipartImage(request, deps.maxFileBytes);
    if (!upload.ok) return send(reply, upload);
    const { image, fields } = upload.value;
    const parsed = consoleRecognizeFields.safeParse(fields);
    if (!parsed.success) return refuse(reply, { code: 'InvalidParameter', message: describeProblems(parsed.error) });
    const { service, lang, page, singleLine, job, preview } = parsed.data;
    if (isTableService(service) !== wantsTables) {
      return refuse(reply, { code: 'InvalidParameter', message: wantsTables ? `${service} does not read tables; use /recognize.` : `${service} reads tables; use /tables.` });
    }
    const options = recognitionOptionsFor(service, { ...(lang ? { lang } : {}), ...(page ? { page } : {}), ...(singleLine ? { singleLine } : {}) });
    if (!options.ok) return send(reply, options);
    const { account, session } = callerOf(request);
    const progressKey = job ? keyOf(session.id, job) : null;
    // Bounded by the readings that can be in flight at once (the engine's line and room).
    if (progressKey && inFlight.size < 1000) inFlight.set(progressKey, { stage: 'decoding', page: 0, pages: 0, progress: 0 });
    const outcome = await read({
      requestId: randomUUID(),
      caller: { account, secretId: null },
      service,
      image: { kind: 'bytes', bytes: image },
      options: options.value,
      signal: clientGone(reply),
      ...(progressKey ? { onProgress: (progress: ReadingProgress) => inFlight.has(progressKey) && inFlight.set(progressKey, progress) } : {}),
    }).finally(() => progressKey && inFlight.delete(progressKey));
    if (!outcome.ok) return send(reply, fail(outcome.error.code, outcome.error.message));
    // A preview that cannot be made costs the reading nothing: the text is shown without it.
    const png = preview ? await deps.recognition.preview(image, page ?? 1) : null;
    return send(reply, ok(answer(outcome.value, page ?? 1, png?.ok ? `data:image/png;base64,${Buffer.from(png.value.png).toString('base64')}` : undefined)));
  };

  app.post(`${consoleApiBase}/recognize`, async (request, reply) =>
    readUpload(request, reply, false, deps.recognition.recognize, (read, page, preview): ConsoleRecognition => ({
      page,
      pageCount: read.pageCount,
      result: read.result,
      ...(preview ? { preview } : {}),
    })),
  );

  app.post(`${consoleApiBase}/tables`, async (request, reply) =>
    readUpload(request, reply, true, deps.recognition.recognizeTables, (read, page, preview): ConsoleTableReading => ({
      page,
      pageCount: read.pageCount,
      reading: read.reading,
      ...(preview ? { preview } : {}),
    })),
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
