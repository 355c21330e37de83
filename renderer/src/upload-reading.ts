import { csrfHeader, type ConsoleAnswer, type ReadingProgress } from '../../shared/console-api.js';
import type { CardSide } from '../../shared/idcard-result.js';
import type { ServiceId } from '../../shared/services.js';

/** What a reading of one file asks for, as the console's multipart form carries it. */
export interface ReadingFields {
  readonly service: ServiceId;
  readonly lang?: string;
  readonly page?: number;
  readonly singleLine?: boolean;
  /** `true` for files a browser cannot show (TIFF, PDF): the server sends the page as a PNG. */
  readonly preview?: boolean;
  /** An ID card reading (/idcard): the side the card must show; absent, the server decides. */
  readonly cardSide?: CardSide;
}

export interface ReadingUpload {
  /** The console route that reads the form: `/recognize`, `/tables` or `/idcard`. */
  readonly url: string;
  readonly csrf: string;
  readonly file: Blob;
  readonly fileName: string;
  readonly fields: ReadingFields;
  readonly signal?: AbortSignal;
  readonly onUpload?: (fraction: number) => void;
  readonly onReading?: (progress: ReadingProgress) => void;
  /** Asks the server how far the named reading is (GET /progress/:job). */
  readonly progress: (job: string) => Promise<ConsoleAnswer<ReadingProgress>>;
}

const cancelled = { ok: false, error: { code: 'Cancelled', message: 'Cancelled.' } } as const;
const networkFailure = (message: string) => ({ ok: false, error: { code: 'NetworkError', message } }) as const;

/**
 * One file up to a reading route, for every page that reads files (text and tables alike):
 * XMLHttpRequest, not fetch, because only it reports upload progress; once the bytes are up, the
 * reading is followed by polling its job name until the answer arrives. Aborting `signal` cancels
 * the request, which the server takes as the reading's cancellation (not charged).
 */
export function uploadReading<T>(upload: ReadingUpload): Promise<ConsoleAnswer<T>> {
  const { fields, signal, onUpload, onReading } = upload;
  return new Promise((resolve) => {
    const job = crypto.randomUUID();
    const form = new FormData();
    form.append('service', fields.service);
    form.append('job', job);
    if (fields.lang) form.append('lang', fields.lang);
    if (fields.page) form.append('page', String(fields.page));
    if (fields.preview) form.append('preview', 'true');
    if (fields.singleLine) form.append('singleLine', 'true');
    if (fields.cardSide) form.append('cardSide', fields.cardSide);
    form.append('image', upload.file, upload.fileName);
    let polling: ReturnType<typeof setInterval> | null = null;
    const stopPolling = () => polling !== null && clearInterval(polling);
    const abort = () => request.abort();
    const finish = (answer: ConsoleAnswer<T>) => {
      stopPolling();
      signal?.removeEventListener('abort', abort);
      resolve(answer);
    };
    const request = new XMLHttpRequest();
    request.open('POST', upload.url);
    request.setRequestHeader(csrfHeader, upload.csrf);
    request.responseType = 'json';
    request.upload.onprogress = (event) => event.lengthComputable && onUpload?.(event.loaded / event.total);
    request.upload.onload = () => {
      onUpload?.(1);
      if (!onReading) return;
      polling = setInterval(() => {
        void upload.progress(job).then((answer) => answer.ok && onReading(answer.value));
      }, 400);
    };
    request.onload = () => finish((request.response as ConsoleAnswer<T> | null) ?? networkFailure(`HTTP ${request.status}`));
    request.onerror = () => finish(networkFailure('The server did not answer.'));
    request.onabort = () => finish(cancelled);
    if (signal?.aborted) return finish(cancelled);
    signal?.addEventListener('abort', abort, { once: true });
    request.send(form);
  });
}
