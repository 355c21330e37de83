import type { ConsoleIdCardReading } from '../../../shared/console-api.js';
import { download } from '../files.js';
import { useI18n } from '../i18n.js';
import { checkLines, lowQuality, warningLines } from '../idcard-words.js';
import { CopyButton } from '../ui/copy-button.js';
import { CardOutline } from './card-outline.js';
import { IdCardForm } from './idcard-form.js';

const baseName = (name: string) => name.replace(/\.[^.]+$/u, '');

/**
 * One identity card as read: the photo with the card's outline beside the form of its fields, the
 * head photo of a front, the checks and warnings in words and the quality. Exports as JSON, like a
 * text result (the image data left out of the copy, kept in the file).
 */
export function IdCardView({ name, imageUrl, card }: { name: string; imageUrl: string | null; card: ConsoleIdCardReading }) {
  const { t } = useI18n();
  const { reading } = card;
  const checks = checkLines(t, reading);
  const warnings = warningLines(t, reading);
  return (
    <section className="result idcard-result" aria-label={t.result}>
      <div className="result-toolbar">
        <strong className="file-name">{name}</strong>
        <span data-testid="card-side">
          {t.cardSide}: {reading.side === 'FRONT' ? t.sideFront : t.sideBack}
        </span>
        <span data-testid="card-quality" className={reading.quality < lowQuality ? 'error' : undefined}>
          {t.quality}: {Math.round(reading.quality)}
        </span>
        <CopyButton text={JSON.stringify(reading, null, 2)} label={t.copyJson} />
        <button type="button" onClick={() => download(`${baseName(name)}.json`, JSON.stringify(card, null, 2), 'application/json')}>
          {t.exportJson}
        </button>
      </div>
      {reading.quality < lowQuality && (
        <p className="hint error" data-testid="quality-hint">
          {t.qualityLow}
        </p>
      )}
      <div className="idcard-panes">
        <div className="image-pane">{imageUrl ? <CardOutline key={imageUrl} name={name} imageUrl={imageUrl} corners={reading.corners} size={{ width: reading.imageWidth, height: reading.imageHeight }} /> : <p className="hint">{t.cardNotPreviewable}</p>}</div>
        <div className="card-pane" aria-label={t.cardFields} role="group">
          <div className="card-pane-top">
            <IdCardForm card={reading} />
            {reading.side === 'FRONT' && card.portrait && <img className="head-photo" src={card.portrait} alt={t.headPhoto} data-testid="head-photo" />}
          </div>
          <h3>{t.checks}</h3>
          <ul className="card-checks" data-testid="card-checks">
            {checks.map((line) => (
              <li key={line.text} className={line.verdict}>
                {line.text}
              </li>
            ))}
          </ul>
          <h3>{t.warnings}</h3>
          <ul className="card-warnings" data-testid="card-warnings">
            {warnings.length === 0 ? (
              <li className="good">{t.noWarnings}</li>
            ) : (
              warnings.map((text) => (
                <li key={text} className="bad">
                  {text}
                </li>
              ))
            )}
          </ul>
        </div>
      </div>
    </section>
  );
}
