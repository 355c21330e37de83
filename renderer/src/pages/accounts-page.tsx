import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { AccountView, CreatedKeyView, KeyView, SessionView } from '../../../shared/console-api.js';
import type { ConsoleClient } from '../console-client.js';
import { dateTime } from '../format.js';
import { ActionMessageLine, useActionMessage } from '../ui/action-message.js';
import { useI18n, type Messages } from '../i18n.js';
import { serviceName } from '../service-names.js';
import { PermissionPicker, type PermissionChoice } from './permission-picker.js';

const permissionText = (t: Messages, permission: AccountView['permission']) =>
  permission.kind === 'full' ? t.permissionFull : permission.kind === 'readonly' ? t.permissionReadonly : `${t.permissionServices}: ${permission.services.map((service) => serviceName(t, service)).join(', ')}`;

/** Sub-accounts and their permissions; key pairs (the SecretKey shown once), last use, disable, delete. */
export function AccountsPage({ client, session }: { client: ConsoleClient; session: SessionView }) {
  const { t, locale } = useI18n();
  const [accounts, setAccounts] = useState<AccountView[]>([]);
  const [keys, setKeys] = useState<KeyView[]>([]);
  const [created, setCreated] = useState<CreatedKeyView | null>(null);
  const [name, setName] = useState('');
  const [permission, setPermission] = useState<PermissionChoice>({ kind: 'services', services: ['general-basic'] });
  const [editing, setEditing] = useState<{ name: string; permission: PermissionChoice } | null>(null);
  const [keyOwner, setKeyOwner] = useState(session.account.name);
  const [passwordFor, setPasswordFor] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const manage = session.may.manageAccounts;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  const load = useCallback(() => {
    void client.accounts().then((answer) => answer.ok && setAccounts(answer.value));
    void client.keys().then((answer) => answer.ok && setKeys(answer.value));
  }, [client]);
  useEffect(load, [load]);
  const { message, report } = useActionMessage(load);

  const createAccount = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await client.createAccount(name, permission);
    if (answer.ok) setName('');
    report(answer, `${t.create}: ${name}`);
  };
  const createKey = async () => {
    const answer = await client.createKey(keyOwner);
    if (answer.ok) setCreated(answer.value);
    report(answer, t.newKey);
  };
  const savePermission = async (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    const answer = await client.changeAccount(editing.name, { permission: editing.permission });
    if (answer.ok) setEditing(null);
    report(answer, t.saved);
  };
  const savePassword = async (event: FormEvent) => {
    event.preventDefault();
    if (!passwordFor) return;
    const answer = await client.changeAccount(passwordFor, { password });
    if (answer.ok) {
      setPasswordFor(null);
      setPassword('');
    }
    report(answer, t.saved);
  };

  return (
    <div className="accounts">
      <ActionMessageLine message={message} />
      <section className="card">
        <h2>{t.accountsTitle}</h2>
        <table data-testid="accounts-table">
          <thead>
            <tr>
              <th>{t.accountName}</th>
              <th>{t.permission}</th>
              <th>{t.status}</th>
              <th>{t.created}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <tr key={account.name} data-account={account.name}>
                <td>{account.name}</td>
                <td>{permissionText(t, account.permission)}</td>
                <td>{account.status === 'active' ? t.enabled : t.disabled}</td>
                <td>{dateTime(account.createdAt, locale, zone)}</td>
                <td className="actions">
                  {manage && !account.root && (
                    <>
                      <button type="button" onClick={() => void client.changeAccount(account.name, { active: account.status !== 'active' }).then((answer) => report(answer, t.saved))}>
                        {account.status === 'active' ? t.disable : t.enable}
                      </button>
                      <button type="button" onClick={() => setEditing({ name: account.name, permission: account.permission })}>
                        {t.changePermission}
                      </button>
                    </>
                  )}
                  {(manage || account.name === session.account.name) && (
                    <button type="button" onClick={() => setPasswordFor(account.name)}>
                      {t.setPassword}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {editing && (
          <form className="inline-form" onSubmit={(event) => void savePermission(event)} aria-label={`${t.changePermission}: ${editing.name}`}>
            <h3>
              {t.changePermission}: {editing.name}
            </h3>
            <PermissionPicker value={editing.permission} onChange={(next) => setEditing({ ...editing, permission: next })} />
            <button type="submit" className="primary">
              {t.save}
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              {t.cancel}
            </button>
          </form>
        )}
        {passwordFor && (
          <form className="inline-form" onSubmit={(event) => void savePassword(event)}>
            <label>
              {t.newPassword} ({passwordFor})
              <input type="password" autoComplete="new-password" minLength={10} value={password} onChange={(event) => setPassword(event.target.value)} required />
            </label>
            <button type="submit" className="primary">
              {t.save}
            </button>
            <button type="button" onClick={() => setPasswordFor(null)}>
              {t.cancel}
            </button>
          </form>
        )}
        {manage && (
          <form className="inline-form" onSubmit={(event) => void createAccount(event)} aria-label={t.newAccount}>
            <h3>{t.newAccount}</h3>
            <label>
              {t.accountName}
              <input value={name} onChange={(event) => setName(event.target.value)} pattern="[A-Za-z0-9._\-]{1,64}" required />
            </label>
            <PermissionPicker value={permission} onChange={setPermission} />
            <button type="submit" className="primary">
              {t.create}
            </button>
          </form>
        )}
      </section>
      <section className="card">
        <div className="toolbar">
          <h2>{t.keysTitle}</h2>
          {manage && (
            <label>
              {t.account}
              <select value={keyOwner} onChange={(event) => setKeyOwner(event.target.value)}>
                {accounts.map((account) => (
                  <option key={account.name} value={account.name}>
                    {account.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          {session.may.recognize && (
            <button type="button" className="primary" onClick={() => void createKey()}>
              {t.newKey}
            </button>
          )}
        </div>
        {created && (
          <div className="secret-once" role="status" data-testid="created-key">
            <p>{t.keyShownOnce}</p>
            <dl>
              <dt>SecretId</dt>
              <dd>
                <code data-testid="created-secret-id">{created.SecretId}</code>
              </dd>
              <dt>SecretKey</dt>
              <dd>
                <code data-testid="created-secret-key">{created.SecretKey}</code>{' '}
                <button type="button" onClick={() => void navigator.clipboard.writeText(created.SecretKey)}>
                  {t.copy}
                </button>
              </dd>
            </dl>
          </div>
        )}
        <table data-testid="keys-table">
          <thead>
            <tr>
              <th>SecretId</th>
              <th>{t.account}</th>
              <th>{t.status}</th>
              <th>{t.created}</th>
              <th>{t.lastUsed}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key.secretId} data-key={key.secretId}>
                <td>
                  <code>{key.secretId}</code>
                </td>
                <td>{key.account}</td>
                <td>{key.status === 'enabled' ? t.enabled : t.disabled}</td>
                <td>{dateTime(key.createdAt, locale, zone)}</td>
                <td data-testid="last-used">{key.lastUsedAt ? dateTime(key.lastUsedAt, locale, zone) : t.never}</td>
                <td className="actions">
                  {(manage || (key.account === session.account.name && session.may.recognize)) && (
                    <>
                      <button type="button" onClick={() => void client.setKeyEnabled(key.secretId, key.status !== 'enabled').then((answer) => report(answer, t.saved))}>
                        {key.status === 'enabled' ? t.disable : t.enable}
                      </button>
                      <button type="button" onClick={() => window.confirm(t.confirmDelete) && void client.deleteKey(key.secretId).then((answer) => report(answer, t.saved))}>
                        {t.deleteKey}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
