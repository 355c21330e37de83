import { useCallback, useState } from 'react';

export interface ActionMessage {
  readonly kind: 'error' | 'ok';
  readonly text: string;
}

/**
 * The line above a page that says how the last action went: the server's message when it refused
 * (a person can read it), a short confirmation when it worked.
 */
export function useActionMessage(afterEach: () => void = () => undefined) {
  const [message, setMessage] = useState<ActionMessage | null>(null);
  const report = useCallback(
    (answer: { ok: boolean; error?: { message: string } }, done: string) => {
      setMessage(answer.ok ? { kind: 'ok', text: done } : { kind: 'error', text: answer.error?.message ?? '' });
      afterEach();
    },
    [afterEach],
  );
  return { message, setMessage, report };
}

export function ActionMessageLine({ message }: { message: ActionMessage | null }) {
  if (!message) return null;
  return (
    <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error' : 'ok'}>
      {message.text}
    </p>
  );
}
