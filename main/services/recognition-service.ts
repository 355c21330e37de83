import type { BillingErrorCode } from '../../shared/billing-errors.js';
import type { EngineErrorCode } from '../../shared/engine-errors.js';
import type { RecognitionResult } from '../../shared/ocr-result.js';
import type { TableReading } from '../../shared/table-result.js';
import type { IdCardReading } from '../../shared/idcard-result.js';
import type { RecognitionErrorCode } from '../../shared/recognition-errors.js';
import { fail, ok, type Result } from '../../shared/result.js';
import type { ServiceId } from '../../shared/services.js';
import type { StoreErrorCode } from '../../shared/store-errors.js';
import type { Account } from '../accounts/accounts.js';
import { isAllowed } from '../accounts/permissions.js';
import type { Billing, Reservation, ReserveErrorCode } from '../billing/billing.js';
import type { Engine, IdCardOptions, PagePreview, RecognizeOptions, RecognizeProgress } from '../engine/engine-types.js';
import type { ImageInput } from '../engine/intake/image-input.js';
import type { ImageUrlFetcher } from './image-url-fetcher.js';

export type { RecognizeOptions, RecognizeProgress } from '../engine/engine-types.js';

/** Who makes a call: the account, and the key it signed with (null for the console and the CLI). */
export interface Caller {
  readonly account: Account;
  readonly secretId: string | null;
}

export type ImageSource = ImageInput | { readonly kind: 'url'; readonly url: string };

export interface RecognitionCall {
  /** Unique per request: metering is idempotent per request id. */
  readonly requestId: string;
  readonly caller: Caller;
  readonly service: ServiceId;
  readonly image: ImageSource;
  readonly options: RecognizeOptions;
  /** Fires when the caller goes away: the job is cancelled and nothing is charged. */
  readonly signal?: AbortSignal;
  /** Told how far the reading is (stage, page, share done), for a progress bar. */
  readonly onProgress?: (progress: RecognizeProgress) => void;
}

/** Who calls, for what, under which request id: what metering needs of any reading. */
export type MeteredCall = Omit<RecognitionCall, 'options'>;

/** An ID card reading's call: the card's options in place of the text options. */
export interface IdCardCall extends MeteredCall {
  readonly card: Omit<IdCardOptions, 'today'>;
}

export interface RecognizedPage {
  readonly result: RecognitionResult;
  /** Pages in the whole input: 1 for a single image. */
  readonly pageCount: number;
  /** A PDF or a multi-page TIFF (the cloud's PdfPageSize is 0 for anything else). */
  readonly isDocument: boolean;
}

/** A page's tables, read for a table service. */
export interface RecognizedTables {
  readonly reading: TableReading;
  readonly pageCount: number;
  readonly isDocument: boolean;
}

export type RecognitionCallCode =
  | EngineErrorCode
  | RecognitionErrorCode
  | StoreErrorCode
  | ReserveErrorCode
  | Extract<BillingErrorCode, 'NotAllowed'>;

/**
 * Failures the cloud bills like a success (since 2020-07-06, `tencent-ocr-api.md` 6): an empty
 * image. Every other failure is free.
 */
export const billedFailures: ReadonlySet<RecognitionCallCode> = new Set<RecognitionCallCode>(['EmptyImage']);

export interface RecognitionService {
  /** authorise -> reserve the call -> fetch the image if it is a URL -> read one page -> settle. */
  recognize(call: RecognitionCall): Promise<Result<RecognizedPage, RecognitionCallCode>>;
  /** The same for the table services: one page's tables and the text outside them. A page without a table is an empty result, not a failure. */
  recognizeTables(call: RecognitionCall): Promise<Result<RecognizedTables, RecognitionCallCode>>;
  /** A resident identity card: its side, fields, checks and the warnings asked for. */
  recognizeIdCard(call: IdCardCall): Promise<Result<IdCardReading, RecognitionCallCode>>;
  /** A page as a PNG for viewers that cannot show its format (TIFF, PDF); not metered, as it reads no text. */
  preview(bytes: Uint8Array, page: number): Promise<Result<PagePreview, EngineErrorCode>>;
}

export interface RecognitionServiceDeps {
  /** Time limit of a page unless a call sets its own (default 50 s: the SDKs give up after 60). */
  readonly timeoutMs?: number;
  readonly engine: Engine;
  readonly billing: Billing;
  readonly fetchImage: ImageUrlFetcher;
  /** Today, for the validity dates of ID cards (default: the system clock). */
  readonly now?: () => Date;
}

const defaultTimeoutMs = 50_000;
/** Previews are for a screen: 2000 px on the long side keeps 300 dpi text legible at A4. */
const previewMaxSide = 2000;

/** `%PDF-` at the start of the bytes, or of the base64 text (`JVBER`). */
function startsLikePdf(input: ImageInput): boolean {
  if (input.kind === 'bytes') return Buffer.from(input.bytes.subarray(0, 5)).toString('latin1') === '%PDF-';
  if (input.kind === 'base64') return /^(data:[^,]*,)?\s*JVBER/u.test(input.text.slice(0, 200));
  return input.path.toLowerCase().endsWith('.pdf');
}

/**
 * The one use case behind every door that recognises text: the cloud actions, the plain endpoint
 * and the console. Metering is a reservation around the engine, so a package is never overdrawn
 * and a failed, refused or cancelled call costs nothing (unless the cloud bills that failure).
 */
export function createRecognitionService(deps: RecognitionServiceDeps): RecognitionService {
  /** The image as bytes or text the engine takes: a URL is fetched first (under the call's signal). */
  const inputOf = async (call: MeteredCall): Promise<Result<ImageInput, RecognitionCallCode>> => {
    if (call.image.kind !== 'url') return ok(call.image);
    const fetched = await deps.fetchImage(call.image.url, call.signal);
    return fetched.ok ? ok({ kind: 'bytes', bytes: fetched.value }) : fetched;
  };
  /** How the engine is told who waits and how far it is. */
  const controlOf = (call: MeteredCall) => ({
    lane: call.caller.account.name,
    ...(call.signal ? { signal: call.signal } : {}),
    ...(call.onProgress ? { onProgress: call.onProgress } : {}),
  });

  const readText = async (call: RecognitionCall): Promise<Result<RecognizedPage, RecognitionCallCode>> => {
    const input = await inputOf(call);
    if (!input.ok) return input;
    // One page per call, as the cloud: PdfPageNumber, default the first.
    const pages = await deps.engine.recognize(input.value, { ...call.options, page: call.options.page ?? 1 }, controlOf(call));
    if (!pages.ok) return pages;
    const page = pages.value[0];
    if (!page) return fail('EngineFailed', 'The engine returned no page.');
    if (!page.ok) return page;
    if (page.result.lines.length === 0) return fail('NoText', 'No text was found in the image.');
    return ok({ result: page.result, pageCount: page.pageCount, isDocument: page.pageCount > 1 || startsLikePdf(input.value) });
  };

  const readTables = async (call: RecognitionCall): Promise<Result<RecognizedTables, RecognitionCallCode>> => {
    const input = await inputOf(call);
    if (!input.ok) return input;
    const tables = await deps.engine.recognizeTables(input.value, { ...call.options, page: call.options.page ?? 1 }, controlOf(call));
    if (!tables.ok) return tables;
    return ok({ reading: tables.value, pageCount: tables.value.pageCount, isDocument: tables.value.pageCount > 1 || startsLikePdf(input.value) });
  };

  /**
   * authorise -> reserve -> read -> settle, for every kind of reading. A failure is free unless the
   * cloud bills it, and a result the ledger did not take is not given out.
   */
  const metered = async <Call extends MeteredCall, T>(call: Call, read: (call: Call) => Promise<Result<T, RecognitionCallCode>>, calls = 1): Promise<Result<T, RecognitionCallCode>> => {
    const { account, secretId } = call.caller;
    if (!isAllowed(account, { kind: 'call', service: call.service })) {
      return fail('NotAllowed', `The account ${account.name} may not call ${call.service}.`);
    }
    const reservation = deps.billing.reserve({ requestId: call.requestId, account: account.name, secretId, service: call.service, calls });
    if (!reservation.ok) return reservation;
    let outcome: Result<T, RecognitionCallCode>;
    try {
      outcome = await read(call);
    } catch (error) {
      // A bug: the reservation must not hold its calls for ever.
      await deps.billing.release(reservation.value, 'EngineFailed');
      throw error;
    }
    const charged = outcome.ok || billedFailures.has(outcome.error.code);
    const written = charged ? await deps.billing.commit(reservation.value, outcome.ok ? 'ok' : outcome.error.code) : await deps.billing.release(reservation.value, outcome.ok ? 'ok' : outcome.error.code);
    return written.ok ? outcome : written;
  };

  const readIdCard = async (call: IdCardCall): Promise<Result<IdCardReading, RecognitionCallCode>> => {
    const input = await inputOf(call);
    if (!input.ok) return input;
    return deps.engine.recognizeIdCard(input.value, { timeoutMs: deps.timeoutMs ?? defaultTimeoutMs, ...call.card, today: now() }, controlOf(call));
  };

  /** A page's time limit unless the call sets its own. */
  const withTimeLimit = (call: RecognitionCall): RecognitionCall => ({ ...call, options: { timeoutMs: deps.timeoutMs ?? defaultTimeoutMs, ...call.options } });
  const now = deps.now ?? (() => new Date());

  return {
    preview: (bytes, page) => deps.engine.preview({ kind: 'bytes', bytes }, { page, maxSide: previewMaxSide }),
    recognize: (call) => metered(withTimeLimit(call), readText),
    recognizeTables: (call) => metered(withTimeLimit(call), readTables),
    // Both sides of one image (MultiCardDetect) are two calls, as the cloud bills them.
    recognizeIdCard: (call) => metered(call, readIdCard, call.card.multiCard ? 2 : 1),
  };
}
