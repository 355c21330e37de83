import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SessionView } from '../../shared/console-api.js';
import type { OcrDeskBridge } from '../../shared/desktop-bridge.js';
import type { ConsoleClient } from './console-client.js';
import { rememberInSession, signedOutByChoiceKey } from './desktop-sign-in-again.js';
import { defaultLocale, LocaleContext, messages, type Locale } from './i18n.js';
import { AccountsPage } from './pages/accounts-page.js';
import { PackagesPage } from './pages/packages-page.js';
import { RecognizePage } from './pages/recognize-page.js';
import { SettingsPage } from './pages/settings-page.js';
import { SignInPage } from './pages/sign-in-page.js';
import { TablesPage } from './pages/tables-page.js';
import { UsagePage } from './pages/usage-page.js';

type Page = 'recognize' | 'tables' | 'usage' | 'packages' | 'accounts' | 'settings';
const storedLocale = (): Locale | null => {
  const value = localStorage.getItem('ocr-desk-locale');
  return value === 'zh-CN' || value === 'en-US' ? value : null;
};

export interface AppProps {
  readonly client: ConsoleClient;
  readonly signedOut?: EventTarget;
  /** The desktop shell's native surface in its window; null in a plain browser. */
  readonly bridge?: OcrDeskBridge | null;
  /**
   * In the desktop window: signs in again by the shell's one-time link when the session ended
   * (true: the page is navigating there; false: show the sign-in page).
   */
  readonly signInAgain?: (() => Promise<boolean>) | null;
}

/** The shell: who is signed in, the pages, the language switch. */
export function App({ client, signedOut, bridge = null, signInAgain = null }: AppProps) {
  const [locale, setLocaleState] = useState<Locale>(() => storedLocale() ?? defaultLocale(navigator.language));
  const [session, setSession] = useState<SessionView | null | 'loading'>('loading');
  const [page, setPage] = useState<Page>('recognize');
  // While the desktop signs in again the sign-in page is not shown: the window is about to reload.
  const [signingInAgain, setSigningInAgain] = useState(false);
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem('ocr-desk-locale', next);
    setLocaleState(next);
  }, []);
  const i18n = useMemo(() => ({ locale, t: messages[locale], setLocale }), [locale, setLocale]);
  const { t } = i18n;

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t.appName;
  }, [locale, t]);
  useEffect(() => {
    void client.session().then((answer) => setSession(answer.ok ? answer.value : null));
  }, [client]);
  useEffect(() => {
    const onSignedOut = () => {
      setSession(null);
      if (!signInAgain) return;
      setSigningInAgain(true);
      void signInAgain().then((navigating) => navigating || setSigningInAgain(false));
    };
    signedOut?.addEventListener('signed-out', onSignedOut);
    return () => signedOut?.removeEventListener('signed-out', onSignedOut);
  }, [signedOut, signInAgain]);

  const signOut = async () => {
    // In the desktop window, a sign-out the person chose holds: no automatic sign-in by link after it.
    if (signInAgain) rememberInSession(signedOutByChoiceKey, true);
    await client.logout();
    setSession(null);
  };
  const signedIn = (view: SessionView) => {
    rememberInSession(signedOutByChoiceKey, false);
    setSession(view);
  };

  const mayRecognize = session !== null && session !== 'loading' && session.may.recognize;
  // An account that may not read (signed in after one that may) does not land on the Tables page.
  useEffect(() => {
    if (!mayRecognize && page === 'tables') setPage('recognize');
  }, [mayRecognize, page]);
  const pages: Array<[Page, string]> = [
    ['recognize', t.navRecognize],
    // Reading tables is a metered call: only for accounts that may recognise.
    ...(mayRecognize ? [['tables', t.navTables] as [Page, string]] : []),
    ['usage', t.navUsage],
    ['packages', t.navPackages],
    ['accounts', t.navAccounts],
    ['settings', t.navSettings],
  ];

  return (
    <LocaleContext.Provider value={i18n}>
      <div className="app">
        <header className="app-header">
          <h1 className="brand">{t.appName}</h1>
          {session && session !== 'loading' ? (
            <nav aria-label="main">
              {pages.map(([id, label]) => (
                <button key={id} type="button" className={page === id ? 'nav-item active' : 'nav-item'} aria-current={page === id ? 'page' : undefined} onClick={() => setPage(id)}>
                  {label}
                </button>
              ))}
            </nav>
          ) : (
            <span />
          )}
          <div className="header-tools">
            <label>
              <span className="visually-hidden">{t.language}</span>
              <select aria-label={t.language} value={locale} onChange={(event) => setLocale(event.target.value as Locale)}>
                <option value="zh-CN">中文</option>
                <option value="en-US">English</option>
              </select>
            </label>
            {session && session !== 'loading' && (
              <>
                <span className="who">{session.account.name}</span>
                <button type="button" onClick={() => void signOut()}>
                  {t.signOut}
                </button>
              </>
            )}
          </div>
        </header>
        <main className="app-main">
          {session !== 'loading' && session !== null && (
            // Kept mounted while other pages show, so the queue and its results survive a visit elsewhere.
            <div hidden={page !== 'recognize'}>
              <RecognizePage client={client} session={session} bridge={bridge} />
            </div>
          )}
          {mayRecognize && (
            // Kept mounted too: the edits of a table survive a look at another page.
            <div hidden={page !== 'tables'}>
              <TablesPage client={client} bridge={bridge} />
            </div>
          )}
          {session === 'loading' ? null : session === null ? (
            signingInAgain ? (
              <p className="hint" role="status">
                {t.signingInAgain}
              </p>
            ) : (
              <SignInPage client={client} onSignedIn={signedIn} />
            )
          ) : page === 'recognize' || page === 'tables' ? null : page === 'usage' ? (
            <UsagePage client={client} session={session} />
          ) : page === 'packages' ? (
            <PackagesPage client={client} session={session} />
          ) : page === 'accounts' ? (
            <AccountsPage client={client} session={session} />
          ) : (
            <SettingsPage client={client} session={session} bridge={bridge} />
          )}
        </main>
      </div>
    </LocaleContext.Provider>
  );
}
