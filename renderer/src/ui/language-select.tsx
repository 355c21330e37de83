import type { LanguageChoice } from '../../../shared/console-api.js';
import { languageName, useI18n } from '../i18n.js';

/** The text-language menu of the reading pages: the server's choices, named in the UI's language. */
export function LanguageSelect({ languages, value, onChange }: { languages: readonly LanguageChoice[]; value: string; onChange: (code: string) => void }) {
  const { t, locale } = useI18n();
  return (
    <label>
      {t.ocrLanguage}
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        {languages.map((choice) => (
          <option key={choice.code} value={choice.code}>
            {languageName(locale, choice)} ({choice.code})
          </option>
        ))}
      </select>
    </label>
  );
}
