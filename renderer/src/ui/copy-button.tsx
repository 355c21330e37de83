import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n.js';

/**
 * A button that copies a text to the clipboard and says so for a moment. A browser that refuses
 * (no permission, not a secure context) is said too, instead of an unhandled rejection.
 */
export function CopyButton({ text, label, accessibleName }: { text: string; label: string; accessibleName?: string }) {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setState('idle'), 1500);
  };
  return (
    <button type="button" aria-label={accessibleName} onClick={() => void copy()} className={state === 'failed' ? 'error' : undefined}>
      {state === 'copied' ? t.copied : state === 'failed' ? t.copyFailed : label}
    </button>
  );
}
