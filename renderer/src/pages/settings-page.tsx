import { useEffect, useState, type FormEvent } from 'react';
import type { SessionView, SettingsView } from '../../../shared/console-api.js';
import type { OcrDeskBridge } from '../../../shared/desktop-bridge.js';
import type { ConsoleClient } from '../console-client.js';
import { languageName, useI18n } from '../i18n.js';
import { ActionMessageLine, useActionMessage } from '../ui/action-message.js';
import { DesktopSettingsSection } from './desktop-settings-section.js';

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);

/**
 * What the server is (data directory, address, version, languages) and how it is set; in the
 * desktop window (`bridge`), also what only the desktop has.
 */
export function SettingsPage({ client, session, bridge }: { client: ConsoleClient; session: SessionView; bridge: OcrDeskBridge | null }) {
  const { t, locale } = useI18n();
  const [view, setView] = useState<SettingsView | null>(null);
  const [port, setPort] = useState('');
  const [lan, setLan] = useState(false);
  const [lanHosts, setLanHosts] = useState('');
  const [imageHosts, setImageHosts] = useState('');
  const { message, setMessage } = useActionMessage();
  const manage = session.may.manageServer;

  const load = () =>
    void client.settings().then((answer) => {
      if (!answer.ok) return setMessage({ kind: 'error', text: answer.error.message });
      setView(answer.value);
      setPort(answer.value.server.port === null ? '' : String(answer.value.server.port));
      setLan(answer.value.server.lan.enabled);
      setLanHosts(answer.value.server.lan.hostNames.join('\n'));
      setImageHosts(answer.value.server.imageUrlHosts.join('\n'));
    });
  useEffect(load, [client]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!view) return;
    const answer = await client.saveSettings({
      ...view.server,
      port: port.trim() === '' ? null : Number(port),
      lan: { enabled: lan, hostNames: lines(lanHosts) },
      imageUrlHosts: lines(imageHosts),
    });
    setMessage(answer.ok ? { kind: 'ok', text: t.saved } : { kind: 'error', text: answer.error.message });
    if (answer.ok) load();
  };

  if (!view) return message ? <p className="error">{message.text}</p> : null;
  return (
    <div className="settings">
      <ActionMessageLine message={message} />
      <section className="card">
        <h2>{t.settingsTitle}</h2>
        <dl className="facts">
          <dt>{t.dataDirectory}</dt>
          <dd>
            <code data-testid="data-directory">{view.dataDirectory}</code>
          </dd>
          <dt>{t.listening}</dt>
          <dd>
            <code>{view.listening}</code>
          </dd>
          <dt>{t.logRetention}</dt>
          <dd>
            {view.logRetentionDays} {t.days}
          </dd>
          <dt>{t.version}</dt>
          <dd>{view.version}</dd>
          <dt>{t.licenceKey}</dt>
          <dd>
            <code>{view.licenceKeyFingerprint}</code>
          </dd>
        </dl>
        <form className="settings-form" onSubmit={(event) => void save(event)}>
          <fieldset disabled={!manage}>
            <label>
              {t.portSetting}
              <input inputMode="numeric" pattern="\d{0,5}" value={port} onChange={(event) => setPort(event.target.value)} />
            </label>
            <label className="check">
              <input type="checkbox" checked={lan} onChange={(event) => setLan(event.target.checked)} />
              {t.lanAccess}
            </label>
            <label>
              {t.lanHosts}
              <textarea rows={3} value={lanHosts} onChange={(event) => setLanHosts(event.target.value)} />
            </label>
            <label>
              {t.imageUrlHosts}
              <textarea rows={4} value={imageHosts} onChange={(event) => setImageHosts(event.target.value)} data-testid="image-url-hosts" />
            </label>
            <button type="submit" className="primary">
              {t.save}
            </button>
          </fieldset>
          {!manage && <p className="hint">{t.readOnlyNote}</p>}
        </form>
      </section>
      {bridge && <DesktopSettingsSection bridge={bridge} />}
      <section className="card">
        <h2>{t.installedLanguages}</h2>
        <ul className="languages" data-testid="languages">
          {view.languages.map((language) => (
            <li key={language.code}>
              {languageName(locale, language)} <code>{language.code}</code>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
