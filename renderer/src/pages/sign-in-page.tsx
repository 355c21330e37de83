import { useState, type FormEvent } from 'react';
import type { SessionView } from '../../../shared/console-api.js';
import type { ConsoleClient } from '../console-client.js';
import { useI18n } from '../i18n.js';

export function SignInPage({ client, onSignedIn }: { client: ConsoleClient; onSignedIn: (session: SessionView) => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await client.login(name, password);
    if (answer.ok) onSignedIn(answer.value);
    else setError(answer.error.message);
  };
  return (
    <form className="sign-in card" onSubmit={(event) => void submit(event)}>
      <h2>{t.signInTitle}</h2>
      <p className="hint">{t.signInHint}</p>
      <label>
        {t.accountName}
        <input autoComplete="username" value={name} onChange={(event) => setName(event.target.value)} required />
      </label>
      <label>
        {t.password}
        <input type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} required />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" className="primary">
        {t.signIn}
      </button>
    </form>
  );
}
