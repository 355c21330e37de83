import { z } from 'zod';
import type { MonthlyBill, NotificationRecord, PackageView, UsageRow } from './billing-views.js';
import type { RecognitionResult } from './ocr-result.js';
import type { TableReading } from './table-result.js';
import type { IdCardReading } from './idcard-result.js';
import type { Failure } from './result.js';
import type { ServerSettings } from './server-settings.js';
import { serviceIds, type ServiceId } from './services.js';

/**
 * The console API (`/console/api/...`): the one door of the UI, in the desktop window and in a
 * browser alike. Every answer is `{"ok": true, "value": ...}` or `{"ok": false, "error": {code,
 * message}}`; every change carries the session's CSRF token in `x-ocr-desk-csrf`.
 */
export const consoleApiBase = '/console/api';
export const csrfHeader = 'x-ocr-desk-csrf';
export const sessionCookie = 'ocr_desk_session';

export type ConsoleAnswer<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Failure };

export interface AccountView {
  readonly name: string;
  readonly root: boolean;
  readonly status: 'active' | 'disabled';
  readonly permission: { readonly kind: 'full' } | { readonly kind: 'readonly' } | { readonly kind: 'services'; readonly services: readonly ServiceId[] };
  readonly createdAt: string;
}

/** GET /session */
export interface SessionView {
  readonly account: AccountView;
  /** What the account may do in the UI; the server checks every change again. */
  readonly may: { readonly recognize: boolean; readonly manageBilling: boolean; readonly manageAccounts: boolean; readonly manageServer: boolean };
  readonly csrf: string;
  readonly version: string;
}

/** POST /login */
export const passwordLogin = z.object({ name: z.string().min(1).max(64), password: z.string().min(1).max(1000) });

/** GET /languages: what the language menu offers. */
export interface LanguageChoice {
  /** What the engine takes: a cloud LanguageType or Tesseract model names joined with `+`. */
  readonly code: string;
  readonly englishName: string;
  readonly vertical: boolean;
}

/** POST /recognize (multipart: `image` file, fields below). */
export const consoleRecognizeFields = z.object({
  service: z.enum(serviceIds),
  lang: z.string().min(1).max(100).optional(),
  page: z.string().regex(/^\d+$/u).transform(Number).optional(),
  singleLine: z.enum(['true', 'false']).transform((text) => text === 'true').optional(),
  /** `true`: also send the page as a PNG (for files a browser cannot show: TIFF, PDF). */
  preview: z.enum(['true', 'false']).transform((text) => text === 'true').optional(),
  /** The client's name for this reading, to ask GET /progress/:job how far it is. */
  job: z.string().regex(/^[\w-]{8,64}$/u).optional(),
  /** POST /idcard: the side the card must show (default: either). */
  cardSide: z.enum(['FRONT', 'BACK']).optional(),
});
export type ConsoleRecognizeFields = z.output<typeof consoleRecognizeFields>;

/**
 * POST /idcard: the same form with service `idcard`: the card as read, every warning measured,
 * the head photo cut out (front).
 */
export interface ConsoleIdCardReading {
  readonly reading: Omit<IdCardReading, 'cardJpeg' | 'portraitJpeg'>;
  /** The head photo as a JPEG data URL (front). */
  readonly portrait?: string;
  readonly preview?: string;
}

/** GET /progress/:job while the reading runs (404 before it starts and after it ends). */
export interface ReadingProgress {
  readonly stage: 'decoding' | 'orientation' | 'recognizing' | 'done';
  readonly page: number;
  readonly pages: number;
  /** 0..1 of the whole file. */
  readonly progress: number;
}

export interface ConsoleRecognition {
  readonly page: number;
  readonly pageCount: number;
  readonly result: RecognitionResult;
  /** The page as a PNG data URL, when asked for (its size is the input's, scaled). */
  readonly preview?: string;
}

/**
 * POST /tables: the same multipart form as /recognize, with a table service (`table` or
 * `table-accurate`); GET /progress/:job follows it the same way.
 */
export interface ConsoleTableReading {
  readonly page: number;
  readonly pageCount: number;
  readonly reading: TableReading;
  /** The page as a PNG data URL, when asked for. */
  readonly preview?: string;
}

/**
 * POST /tables/xlsx: JSON `{ "tables": RecognizedTable[] }` (as read, or as edited in the UI) ->
 * the workbook's bytes (`application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`).
 */
export const xlsxMediaType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** GET /overview: what the usage and packages pages show at once. */
export interface BillingOverview {
  readonly packages: readonly PackageView[];
  readonly payAsYouGo: boolean;
  readonly disabledServices: readonly ServiceId[];
  readonly timeZone: string;
  readonly notifications: readonly NotificationRecord[];
}

/** GET /usage?month=YYYY-MM&by=day|month[&account=NAME] */
export type UsageView = readonly UsageRow[];
export type BillView = MonthlyBill;

/** GET /keys: a key as listed (never its SecretKey). */
export interface KeyView {
  readonly secretId: string;
  readonly account: string;
  readonly status: 'enabled' | 'disabled';
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
}

/** POST /keys: the one time the SecretKey is shown. */
export interface CreatedKeyView {
  readonly SecretId: string;
  readonly SecretKey: string;
  readonly account: string;
}

const permission = z.union([
  z.object({ kind: z.literal('full') }),
  z.object({ kind: z.literal('readonly') }),
  z.object({ kind: z.literal('services'), services: z.array(z.enum(serviceIds)).min(1) }),
]);

/** POST /accounts */
export const newAccount = z.object({ name: z.string().min(1).max(64), permission });
/** POST /accounts/:name */
export const accountChange = z.object({ active: z.boolean().optional(), permission: permission.optional(), password: z.string().min(1).max(1000).optional() });

/** GET /settings: what the Settings page shows; only `server` can be changed (PUT /settings). */
export interface SettingsView {
  readonly server: ServerSettings;
  readonly dataDirectory: string;
  /** Where the server listens now (settings that apply at the next start may differ). */
  readonly listening: string;
  readonly logRetentionDays: number;
  readonly languages: readonly LanguageChoice[];
  readonly version: string;
  readonly licenceKeyFingerprint: string;
}
