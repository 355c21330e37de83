import {
  consoleApiBase,
  csrfHeader,
  type AccountView,
  type BillingOverview,
  type ConsoleAnswer,
  type ConsoleRecognition,
  type CreatedKeyView,
  type KeyView,
  type LanguageChoice,
  type ReadingProgress,
  type SessionView,
  type SettingsView,
  type UsageView,
} from '../../shared/console-api.js';
import type { ServerSettings } from '../../shared/server-settings.js';
import type { MonthlyBill, PackageView } from '../../shared/billing-views.js';
import type { ServiceId } from '../../shared/services.js';

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
    fields: { service: ServiceId; lang?: string; page?: number; singleLine?: boolean; preview?: boolean },
    signal?: AbortSignal,
    onUpload?: (fraction: number) => void,
    onReading?: (progress: ReadingProgress) => void,
  ): Promise<ConsoleAnswer<ConsoleRecognition>>;
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
  const call = async <T>(method: string, path: string, body?: BodyInit, contentType?: string): Promise<ConsoleAnswer<T>> => {
    try {
      const headers: Record<string, string> = {};
      if (method !== 'GET') headers[csrfHeader] = csrf;
      if (contentType) headers['content-type'] = contentType;
      const response = await fetch(`${base}${path}`, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body } : {}) });
      return watch((await response.json()) as ConsoleAnswer<T>);
    } catch (error) {
      return networkFailure((error as Error).message);
    }
  };
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
    // XMLHttpRequest, not fetch: only it reports upload progress for the queue's bars.
    recognize: (file, fileName, fields, signal, onUpload, onReading) =>
      new Promise((resolve) => {
        const job = crypto.randomUUID();
        const form = new FormData();
        form.append('service', fields.service);
        form.append('job', job);
        if (fields.lang) form.append('lang', fields.lang);
        if (fields.page) form.append('page', String(fields.page));
        if (fields.preview) form.append('preview', 'true');
        if (fields.singleLine) form.append('singleLine', 'true');
        form.append('image', file, fileName);
        let polling: ReturnType<typeof setInterval> | null = null;
        const stopPolling = () => polling !== null && clearInterval(polling);
        const abort = () => request.abort();
        const finish = (answer: ConsoleAnswer<ConsoleRecognition>) => {
          stopPolling();
          signal?.removeEventListener('abort', abort);
          resolve(answer);
        };
        const request = new XMLHttpRequest();
        request.open('POST', `${base}/recognize`);
        request.setRequestHeader(csrfHeader, csrf);
        request.responseType = 'json';
        request.upload.onprogress = (event) => event.lengthComputable && onUpload?.(event.loaded / event.total);
        request.upload.onload = () => {
          onUpload?.(1);
          if (!onReading) return;
          polling = setInterval(() => {
            void call<ReadingProgress>('GET', `/progress/${job}`).then((answer) => answer.ok && onReading(answer.value));
          }, 400);
        };
        request.onload = () => finish(watch((request.response as ConsoleAnswer<ConsoleRecognition> | null) ?? networkFailure(`HTTP ${request.status}`)));
        request.onerror = () => finish(networkFailure('The server did not answer.'));
        request.onabort = () => finish({ ok: false, error: { code: 'Cancelled', message: 'Cancelled.' } });
        if (signal?.aborted) return finish({ ok: false, error: { code: 'Cancelled', message: 'Cancelled.' } });
        signal?.addEventListener('abort', abort, { once: true });
        request.send(form);
      }),
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
