import { useEffect, useId, useState } from 'react';
import type { DesktopSettings, DesktopSettingsPatch, OcrDeskBridge } from '../../../shared/desktop-bridge.js';
import { desktopSettingsOf } from '../desktop-bridge-checks.js';
import { fill, useI18n, type Messages } from '../i18n.js';
import { ActionMessageLine } from '../ui/action-message.js';

/** A failure kept as a message name, so the line follows a switch of the UI's language. */
type Failure = keyof Pick<Messages, 'desktopSettingsUnreadable' | 'desktopSettingsRefused' | 'openDataFolderFailed'> | null;

const secretKeyText = (t: Messages, storage: DesktopSettings['secretKeyStorage']) => {
  const where = storage.kind === 'keychain' ? t.secretKeyKeychain : t.secretKeyFile;
  return storage.reason.trim() === '' ? where : fill(t.secretKeyWhy, { where, reason: storage.reason.trim() });
};

/**
 * What only the desktop window has, kept by the shell (not by the service): close to tray, open at
 * login, where the API keys' encryption key is kept, the data folder in the file manager. The
 * boxes always show the shell's own answer, never what was clicked, so a refused change does not
 * look applied.
 */
export function DesktopSettingsSection({ bridge }: { bridge: OcrDeskBridge }) {
  const { t } = useI18n();
  const [settings, setSettings] = useState<DesktopSettings | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure>(null);
  const trayHint = useId();
  const loginHint = useId();

  useEffect(() => {
    let current = true;
    bridge.desktopSettings().then(
      (answer) => {
        if (!current) return;
        const read = desktopSettingsOf(answer);
        setSettings(read);
        setFailure(read ? null : 'desktopSettingsUnreadable');
      },
      () => current && setFailure('desktopSettingsUnreadable'),
    );
    return () => {
      current = false;
    };
  }, [bridge]);

  const change = async (patch: DesktopSettingsPatch) => {
    setBusy(true);
    let answer: DesktopSettings | null = null;
    try {
      answer = desktopSettingsOf(await bridge.setDesktopSettings(patch));
    } catch {
      answer = null;
    }
    setBusy(false);
    if (answer) setSettings(answer);
    setFailure(answer ? null : 'desktopSettingsRefused');
  };
  const openDataFolder = async () => {
    let opened = false;
    try {
      opened = (await bridge.openDataFolder()) === true;
    } catch {
      opened = false;
    }
    setFailure(opened ? null : 'openDataFolderFailed');
  };

  return (
    <section className="card desktop-settings" data-testid="desktop-settings">
      <h2>{t.desktopTitle}</h2>
      <ActionMessageLine message={failure && { kind: 'error', text: t[failure] }} />
      {settings && (
        <>
          <label className="check">
            <input
              type="checkbox"
              checked={settings.closeToTray}
              disabled={busy || !settings.trayAvailable}
              aria-describedby={settings.trayAvailable ? undefined : trayHint}
              onChange={(event) => void change({ closeToTray: event.target.checked })}
            />
            {t.closeToTray}
          </label>
          {!settings.trayAvailable && (
            <p className="hint" id={trayHint}>
              {t.trayUnavailable}
            </p>
          )}
          <label className="check">
            <input
              type="checkbox"
              checked={settings.openAtLogin}
              disabled={busy || !settings.openAtLoginSupported}
              aria-describedby={settings.openAtLoginSupported ? undefined : loginHint}
              onChange={(event) => void change({ openAtLogin: event.target.checked })}
            />
            {t.openAtLogin}
          </label>
          {!settings.openAtLoginSupported && (
            <p className="hint" id={loginHint}>
              {t.openAtLoginUnsupported}
            </p>
          )}
          <dl className="facts">
            <dt>{t.secretKeyStorage}</dt>
            {/* The reason is the shell's own words (English), said as it gives them. */}
            <dd data-testid="secret-key-storage">{secretKeyText(t, settings.secretKeyStorage)}</dd>
          </dl>
        </>
      )}
      <button type="button" onClick={() => void openDataFolder()}>
        {t.openDataFolder}
      </button>
    </section>
  );
}
