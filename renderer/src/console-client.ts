import {
  consoleApiBase,
  csrfHeader,
  type AccountView,
  type BillingOverview,
  type ConsoleAnswer,
  type ConsoleIdCardReading,
  type ConsoleRecognition,
  type ConsoleTableReading,
  type CreatedKeyView,
  type KeyView,
  type LanguageChoice,
  type ReadingProgress,
  type SessionView,
  type SettingsView,
  type UsageView,
  xlsxMediaType,
} from '../../shared/console-api.js';
import type { ServerSettings } from '../../shared/server-settings.js';
import type { MonthlyBill, PackageView } from '../../shared/billing-views.js';
import type { ServiceId, TableServiceId } from '../../shared/services.js';
import type { RecognizedTable } from '../../shared/table-result.js';
import { uploadReading, type ReadingFields } from './upload-reading.js';

/**
 * The UI's one door to main: the console API over HTTP, typed by shared/console-api.ts. Every
 * answer is a value (`ok` or an error with a code and a message a person can read); a network
 * failure becomes one too, so pages never handle exceptions.
 */
export interface ConsoleClient {
  session(): Promise<ConsoleAnswer<SessionView>>;
  login(name: string, password: string): Promise<ConsoleAnswer<SessionView>>;
  logout(): Promise<ConsoleAnswer<null>>;
  languages(): Promise<ConsoleAnswer<LanguageChoice[]>>;
  /**
   * Uploads and reads one file. `onUpload` follows the upload; once it is up, `onReading` follows
   * the server's reading (polled by the job's name) until the answer arrives.
   */
  recognize(
    file: Blob,
    fileName: string,
    fields: ReadingFields,
    signal?: AbortSignal,
    onUpload?: (fraction: number) => void,
    onReading?: (progress: ReadingProgress) => void,
  ): Promise<ConsoleAnswer<ConsoleRecognition>>;
  /** Uploads one file (one page of it) and reads its tables, followed like `recognize`. */
  readTables(
    file: Blob,
    fileName: string,
    fields: Omit<ReadingFields, 'service' | 'singleLine'> & { service: TableServiceId },
    signal?: AbortSignal,
    onUpload?: (fraction: number) => void,
    onReading?: (progress: ReadingProgress) => void,
  ): Promise<ConsoleAnswer<ConsoleTableReading>>;
  /**
   * Uploads one photo of an identity card and reads it (POST /idcard), followed like `recognize`:
   * the fields, checks and every warning, the head photo of a front.
   */
  readIdCard(
    file: Blob,
    fileName: string,
    fields: Pick<ReadingFields, 'cardSide' | 'preview'>,
    signal?: AbortSignal,
    onUpload?: (fraction: number) => void,
    onReading?: (progress: ReadingProgress) => void,
  ): Promise<ConsoleAnswer<ConsoleIdCardReading>>;
  /** The tables (as read or edited) written by the server as an xlsx workbook. */
  tablesXlsx(tables: readonly RecognizedTable[]): Promise<ConsoleAnswer<Blob>>;
  overview(): Promise<ConsoleAnswer<BillingOverview>>;
  usage(month: string, by: 'day' | 'month', account?: string): Promise<ConsoleAnswer<UsageView>>;
  bill(month: string): Promise<ConsoleAnswer<MonthlyBill>>;
  importLicence(text: string): Promise<ConsoleAnswer<PackageView>>;
  refund(packageId: string): Promise<ConsoleAnswer<PackageView>>;
  setPayAsYouGo(on: boolean): Promise<ConsoleAnswer<null>>;
  setServiceEnabled(service: ServiceId, on: boolean): Promise<ConsoleAnswer<null>>;
  markRead(ids: string[] | 'all'): Promise<ConsoleAnswer<null>>;
  accounts(): Promise<ConsoleAnswer<AccountView[]>>;
  createAccount(name: string, permission: AccountView['permission']): Promise<ConsoleAnswer<AccountView>>;
  changeAccount(name: string, change: { active: boolean } | { permission: AccountView['permission'] } | { password: string }): Promise<ConsoleAnswer<AccountView>>;
  keys(account?: string): Promise<ConsoleAnswer<KeyView[]>>;
  createKey(account?: string): Promise<ConsoleAnswer<CreatedKeyView>>;
  setKeyEnabled(secretId: string, enabled: boolean): Promise<ConsoleAnswer<KeyView>>;
  deleteKey(secretId: string): Promise<ConsoleAnswer<null>>;
  settings(): Promise<ConsoleAnswer<SettingsView>>;
  saveSettings(settings: ServerSettings): Promise<ConsoleAnswer<ServerSettings>>;
}

const networkFailure = <T>(message: string): ConsoleAnswer<T> => ({ ok: false, error: { code: 'NetworkError', message } });

/**
 * `onSignedOut` hears of any answer saying the session is gone (idle too long, signed out
 * elsewhere, the account disabled), so the UI returns to the sign-in page instead of showing errors.
 */
export function createConsoleClient(base = consoleApiBase, onSignedOut: () => void = () => undefined): ConsoleClient {
  let csrf = '';
  const watch = <T>(answer: ConsoleAnswer<T>): ConsoleAnswer<T> => {
    if (!answer.ok && answer.error.code === 'NotSignedIn') onSignedOut();
    return answer;
  };
  const send = (method: string, path: string, body?: BodyInit, contentType?: string): Promise<Response> => {
    const headers: Record<string, string> = {};
    if (method !== 'GET') headers[csrfHeader] = csrf;
    if (contentType) headers['content-type'] = contentType;
    return fetch(`${base}${path}`, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body } : {}) });
  };
  const call = async <T>(method: string, path: string, body?: BodyInit, contentType?: string): Promise<ConsoleAnswer<T>> => {
    try {
      return watch((await (await send(method, path, body, contentType)).json()) as ConsoleAnswer<T>);
    } catch (error) {
      return networkFailure((error as Error).message);
    }
  };
  const upload = <T>(route: string, file: Blob, fileName: string, fields: ReadingFields, signal?: AbortSignal, onUpload?: (fraction: number) => void, onReading?: (progress: ReadingProgress) => void) =>
    uploadReading<T>({
      url: `${base}${route}`,
      csrf,
      file,
      fileName,
      fields,
      ...(signal ? { signal } : {}),
      ...(onUpload ? { onUpload } : {}),
      ...(onReading ? { onReading } : {}),
      progress: (job) => call<ReadingProgress>('GET', `/progress/${job}`),
    }).then(watch);
  const json = (value: unknown) => JSON.stringify(value);
  const remember = (answer: ConsoleAnswer<SessionView>) => {
    if (answer.ok) csrf = answer.value.csrf;
    return answer;
  };

  return {
    session: async () => remember(await call<SessionView>('GET', '/session')),
    login: async (name, password) => remember(await call<SessionView>('POST', '/login', json({ name, password }), 'application/json')),
    logout: () => call('POST', '/logout', '{}', 'application/json'),
    languages: () => call('GET', '/languages'),
    recognize: (file, fileName, fields, signal, onUpload, onReading) => upload<ConsoleRecognition>('/recognize', file, fileName, fields, signal, onUpload, onReading),
    readTables: (file, fileName, fields, signal, onUpload, onReading) => upload<ConsoleTableReading>('/tables', file, fileName, fields, signal, onUpload, onReading),
    readIdCard: (file, fileName, fields, signal, onUpload, onReading) => upload<ConsoleIdCardReading>('/idcard', file, fileName, { ...fields, service: 'idcard' }, signal, onUpload, onReading),
    // The workbook comes back as bytes; a refusal comes back as the usual JSON answer.
    tablesXlsx: async (tables) => {
      try {
        const response = await send('POST', '/tables/xlsx', json({ tables }), 'application/json');
        if (response.ok && (response.headers.get('content-type') ?? '').startsWith(xlsxMediaType)) return { ok: true, value: await response.blob() };
        return watch((await response.json()) as ConsoleAnswer<Blob>);
      } catch (error) {
        return networkFailure((error as Error).message);
      }
    },
    overview: () => call('GET', '/overview'),
    usage: (month, by, account) => call('GET', `/usage?month=${month}&by=${by}${account ? `&account=${encodeURIComponent(account)}` : ''}`),
    bill: (month) => call('GET', `/bill?month=${month}`),
    importLicence: (text) => call('POST', '/licences', text, 'application/json'),
    refund: (packageId) => call('POST', `/packages/${encodeURIComponent(packageId)}/refund`, '{}', 'application/json'),
    setPayAsYouGo: (on) => call('POST', '/payg', json({ on }), 'application/json'),
    setServiceEnabled: (service, on) => call('POST', `/services/${service}`, json({ on }), 'application/json'),
    markRead: (ids) => call('POST', '/notifications/read', json({ ids }), 'application/json'),
    accounts: () => call('GET', '/accounts'),
    createAccount: (name, permission) => call('POST', '/accounts', json({ name, permission }), 'application/json'),
    changeAccount: (name, change) => call('POST', `/accounts/${encodeURIComponent(name)}`, json(change), 'application/json'),
    keys: (account) => call('GET', `/keys${account ? `?account=${encodeURIComponent(account)}` : ''}`),
    createKey: (account) => call('POST', '/keys', json(account ? { account } : {}), 'application/json'),
    setKeyEnabled: (secretId, enabled) => call('POST', `/keys/${encodeURIComponent(secretId)}`, json({ enabled }), 'application/json'),
    deleteKey: (secretId) => call('DELETE', `/keys/${encodeURIComponent(secretId)}`),
    settings: () => call('GET', '/settings'),
    saveSettings: (settings) => call('PUT', '/settings', json(settings), 'application/json'),
  };
}
