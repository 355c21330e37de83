import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { consoleApiBase, consoleRecognizeFields, type ConsoleRecognition, type ReadingProgress } from '../../../shared/console-api.js';
import { fail, ok } from '../../../shared/result.js';
import { recognitionOptionsFor } from '../../services/service-options.js';
import { clientGone } from '../client-gone.js';
import { readMultipartImage } from '../multipart-image.js';
import { callerOf, refuse, send, type ConsoleDeps } from './console-context.js';
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

  app.post(`${consoleApiBase}/recognize`, async (request, reply) => {
    if (!request.isMultipart()) return refuse(reply, { code: 'InvalidParameter', message: 'Send the image as multipart form data (field "image").' });
    const upload = await readMultipartImage(request, deps.maxFileBytes);
    if (!upload.ok) return send(reply, upload);
    const { image, fields } = upload.value;
    const parsed = consoleRecognizeFields.safeParse(fields);
    if (!parsed.success) return refuse(reply, { code: 'InvalidParameter', message: describeProblems(parsed.error) });
    const { service, lang, page, singleLine, job, preview } = parsed.data;
    const options = recognitionOptionsFor(service, { ...(lang ? { lang } : {}), ...(page ? { page } : {}), ...(singleLine ? { singleLine } : {}) });
    if (!options.ok) return send(reply, options);
    const { account, session } = callerOf(request);
    const progressKey = job ? keyOf(session.id, job) : null;
    // Bounded by the readings that can be in flight at once (the engine's line and room).
    if (progressKey && inFlight.size < 1000) inFlight.set(progressKey, { stage: 'decoding', page: 0, pages: 0, progress: 0 });
    const read = await deps.recognition.recognize({
      requestId: randomUUID(),
      caller: { account, secretId: null },
      service,
      image: { kind: 'bytes', bytes: image },
      options: options.value,
      signal: clientGone(reply),
      ...(progressKey ? { onProgress: (progress: ReadingProgress) => inFlight.has(progressKey) && inFlight.set(progressKey, progress) } : {}),
    }).finally(() => progressKey && inFlight.delete(progressKey));
    if (!read.ok) return send(reply, fail(read.error.code, read.error.message));
    // A preview that cannot be made costs the reading nothing: the text is shown without it.
    const png = preview ? await deps.recognition.preview(image, page ?? 1) : null;
    return send(
      reply,
      ok<ConsoleRecognition>({
        page: page ?? 1,
        pageCount: read.value.pageCount,
        result: read.value.result,
        ...(png?.ok ? { preview: `data:image/png;base64,${Buffer.from(png.value.png).toString('base64')}` } : {}),
      }),
    );
  });
}
