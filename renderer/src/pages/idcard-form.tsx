import type { IdCardFieldName, IdCardReading } from '../../../shared/idcard-result.js';
import { useI18n } from '../i18n.js';
import { cardFieldOrder, lowFieldConfidence, printedLabel } from '../idcard-fields.js';
import { fieldName } from '../idcard-words.js';
import { CopyButton } from '../ui/copy-button.js';

/**
 * The side's fields as a read-only form, in the card's order and under the card's own (Chinese)
 * labels, so it reads like the card in the photo; the English UI adds each field's English name.
 * Read-only inputs rather than text: a value is selected whole with a click and copied as is.
 */
export function IdCardForm({ card }: { card: Pick<IdCardReading, 'side' | 'fields' | 'confidence'> }) {
  const { t, locale } = useI18n();
  const label = (field: IdCardFieldName) => (locale === 'zh-CN' ? printedLabel[field] : `${printedLabel[field]} ${fieldName(t, field)}`);
  return (
    <div className="card-form" data-testid="card-form">
      {cardFieldOrder[card.side].map((field) => {
        const confidence = card.confidence[field];
        const low = confidence !== undefined && confidence < lowFieldConfidence;
        const id = `card-field-${field}`;
        const value = card.fields[field];
        return (
          <div key={field} className={low ? 'card-field low' : 'card-field'} data-field={field}>
            <label htmlFor={id}>
              <span lang="zh-CN">{printedLabel[field]}</span>
              {locale !== 'zh-CN' && <span className="english-name"> {fieldName(t, field)}</span>}
            </label>
            {field === 'address' ? (
              <textarea id={id} readOnly rows={2} value={value} onFocus={(event) => event.currentTarget.select()} />
            ) : (
              <input id={id} readOnly value={value} onFocus={(event) => event.currentTarget.select()} />
            )}
            <CopyButton text={value} label={t.copy} accessibleName={`${t.copy} ${label(field)}`} />
            {low && (
              <span className="low-mark" data-testid="low-confidence">
                {t.lowConfidence} ({Math.round(confidence)})
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}
