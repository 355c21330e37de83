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
          <SettingCheckbox label={t.closeToTray} checked={settings.closeToTray} busy={busy} unavailableHint={settings.trayAvailable ? null : t.trayUnavailable} onChange={(checked) => void change({ closeToTray: checked })} />
          <SettingCheckbox label={t.openAtLogin} checked={settings.openAtLogin} busy={busy} unavailableHint={settings.openAtLoginSupported ? null : t.openAtLoginUnsupported} onChange={(checked) => void change({ openAtLogin: checked })} />
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

/** A desktop setting's box; where this desktop cannot do it, disabled and described by why. */
function SettingCheckbox({ label, checked, busy, unavailableHint, onChange }: { label: string; checked: boolean; busy: boolean; unavailableHint: string | null; onChange: (checked: boolean) => void }) {
  const hintId = useId();
  return (
    <>
      <label className="check">
        <input type="checkbox" checked={checked} disabled={busy || unavailableHint !== null} aria-describedby={unavailableHint === null ? undefined : hintId} onChange={(event) => onChange(event.target.checked)} />
        {label}
      </label>
      {unavailableHint !== null && (
        <p className="hint" id={hintId}>
          {unavailableHint}
        </p>
      )}
    </>
  );
}
