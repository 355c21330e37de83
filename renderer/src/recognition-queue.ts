import type { ConsoleIdCardReading, ConsoleRecognition } from '../../shared/console-api.js';
import type { CardSide } from '../../shared/idcard-result.js';
import type { Failure } from '../../shared/result.js';
import type { ServiceId } from '../../shared/services.js';
import { cardText } from './idcard-fields.js';

/**
 * The Recognize page's queue, as a pure reducer: files wait, upload, are read, and end done, failed
 * or cancelled; a failed or cancelled one can be retried; one bad file never stops the rest.
 * Kept free of React and the DOM so its rules are unit-tested.
 */
export type QueueStatus = 'waiting' | 'uploading' | 'reading' | 'done' | 'failed' | 'cancelled';

/**
 * What a finished item holds: a text reading (/recognize) or an identity card (/idcard), tagged so
 * the page shows each with its own view and the exports tell them apart.
 */
export type QueueResult = { readonly kind: 'text'; readonly reading: ConsoleRecognition } | { readonly kind: 'idcard'; readonly reading: ConsoleIdCardReading };

export interface QueueItem {
  readonly id: string;
  readonly name: string;
  readonly size: number;
  readonly service: ServiceId;
  readonly lang: string;
  readonly singleLine: boolean;
  /** The side an ID card must show (null: the server decides); null for other services. */
  readonly cardSide: CardSide | null;
  /** The page of a multi-page file this item reads (1 for a single image). */
  readonly pageNumber: number;
  /** The file's queue id that holds the bytes (a page item shares its file's). */
  readonly fileId: string;
  readonly status: QueueStatus;
  /** 0..1 of the upload, then of the reading (null while the reading has not reported yet). */
  readonly progress: number | null;
  /** While reading a document: the page and the pages. */
  readonly page: { readonly at: number; readonly of: number } | null;
  readonly result: QueueResult | null;
  readonly error: Failure | null;
}

export interface QueueState {
  readonly items: readonly QueueItem[];
  /** The item whose result is shown. */
  readonly selected: string | null;
}

export type QueueAction =
  | { readonly type: 'add'; readonly files: ReadonlyArray<{ id: string; name: string; size: number }>; readonly service: ServiceId; readonly lang: string; readonly singleLine?: boolean; readonly cardSide?: CardSide | null }
  | { readonly type: 'started'; readonly id: string }
  | { readonly type: 'uploaded'; readonly id: string; readonly fraction: number }
  | { readonly type: 'reading'; readonly id: string; readonly fraction: number; readonly page: number; readonly pages: number }
  | { readonly type: 'finished'; readonly id: string; readonly answer: { ok: true; value: QueueResult } | { ok: false; error: Failure } }
  | { readonly type: 'cancel'; readonly id: string }
  | { readonly type: 'retry'; readonly id: string }
  | { readonly type: 'remove'; readonly id: string }
  | { readonly type: 'clear-finished' }
  | { readonly type: 'select'; readonly id: string };

export const emptyQueue: QueueState = { items: [], selected: null };

/** Files read at once: the server's engine has two threads here; more would only wait there. */
export const parallelReads = 2;

const finished = (status: QueueStatus) => status === 'done' || status === 'failed' || status === 'cancelled';

export function queueReducer(state: QueueState, action: QueueAction): QueueState {
  const update = (id: string, change: (item: QueueItem) => QueueItem | null): QueueState => ({
    ...state,
    items: state.items.map((item) => (item.id === id ? (change(item) ?? item) : item)),
  });
  switch (action.type) {
    case 'add':
      return {
        ...state,
        items: [
          ...state.items,
          ...action.files.map((file) => ({
            ...file,
            service: action.service,
            lang: action.lang,
            singleLine: action.singleLine ?? false,
            // Only a card reading has a side to ask for.
            cardSide: action.service === 'idcard' ? (action.cardSide ?? null) : null,
            pageNumber: 1,
            fileId: file.id,
            status: 'waiting' as const,
            progress: 0,
            page: null,
            result: null,
            error: null,
          })),
        ],
      };
    case 'started':
      return update(action.id, (item) => (item.status === 'waiting' ? { ...item, status: 'uploading', progress: 0 } : null));
    case 'uploaded':
      return update(action.id, (item) => (item.status === 'uploading' ? (action.fraction >= 1 ? { ...item, status: 'reading', progress: null } : { ...item, progress: action.fraction }) : null));
    case 'reading':
      return update(action.id, (item) =>
        item.status === 'reading' ? { ...item, progress: Math.max(item.progress ?? 0, action.fraction), page: action.pages > 1 ? { at: action.page, of: action.pages } : null } : null,
      );
    case 'finished': {
      const item = state.items.find((candidate) => candidate.id === action.id);
      if (!item || item.status === 'cancelled') return state; // a late answer to a cancelled request
      const answer = action.answer;
      const finishedItem: QueueItem = answer.ok
        ? { ...item, status: 'done', progress: 1, result: answer.value, error: null }
        : { ...item, status: answer.error.code === 'Cancelled' ? 'cancelled' : 'failed', error: answer.error };
      // A multi-page file is read a page a request, like the cloud: its first page brings the others
      // into the queue behind it, each read (and charged) as one call. A card is one image: no pages.
      const pageCount = answer.ok && answer.value.kind === 'text' ? answer.value.reading.pageCount : 1;
      const morePages: QueueItem[] =
        item.pageNumber === 1 && pageCount > 1
          ? Array.from({ length: pageCount - 1 }, (_, index) => ({
              ...item,
              id: `${item.id}-page-${index + 2}`,
              name: `${item.name} (${index + 2}/${pageCount})`,
              pageNumber: index + 2,
              status: 'waiting' as const,
              progress: 0,
              page: null,
              result: null,
              error: null,
            }))
          : [];
      const at = state.items.indexOf(item);
      const items = [...state.items.slice(0, at), finishedItem, ...morePages, ...state.items.slice(at + 1)];
      // The first result is shown without a click.
      return { items, selected: answer.ok && state.selected === null ? action.id : state.selected };
    }
    case 'cancel':
      return update(action.id, (item) => (finished(item.status) ? null : { ...item, status: 'cancelled', error: null }));
    case 'retry':
      return update(action.id, (item) => (item.status === 'failed' || item.status === 'cancelled' ? { ...item, status: 'waiting', progress: 0, page: null, error: null } : null));
    case 'remove':
      return { items: state.items.filter((item) => item.id !== action.id), selected: state.selected === action.id ? null : state.selected };
    case 'clear-finished': {
      const items = state.items.filter((item) => !finished(item.status));
      return { items, selected: items.some((item) => item.id === state.selected) ? state.selected : null };
    }
    case 'select':
      return { ...state, selected: action.id };
  }
}

/** The waiting items to start now, oldest first, keeping `parallelReads` in flight. */
export function nextToStart(state: QueueState): QueueItem[] {
  const inFlight = state.items.filter((item) => item.status === 'uploading' || item.status === 'reading').length;
  return state.items.filter((item) => item.status === 'waiting').slice(0, Math.max(0, parallelReads - inFlight));
}

/** A finished result as text: a page's text, or a card's fields as the card labels them. */
export const resultText = (result: QueueResult): string => (result.kind === 'text' ? result.reading.result.text : cardText(result.reading.reading));

/** Every finished result as one text, file by file, for "export all". */
export function allText(state: QueueState): string {
  return state.items
    .filter((item) => item.result)
    .map((item) => `# ${item.name}\n${resultText(item.result!)}`)
    .join('\n\n');
}

/** Every finished result as JSON records, file by file, for "export all": each as its route answered. */
export function allResults(state: QueueState): Array<{ file: string; service: ServiceId } & (ConsoleRecognition | ConsoleIdCardReading)> {
  return state.items.flatMap((item) => (item.result ? [{ file: item.name, service: item.service, ...item.result.reading }] : []));
}
