import { useState } from 'react';
import type { ConsoleRecognition } from '../../../shared/console-api.js';
import { boxInInput } from '../../../shared/result-geometry.js';
import { download } from '../files.js';
import { useI18n } from '../i18n.js';

/** Below this a line is marked as doubtful. */
const lowConfidence = 60;

const baseName = (name: string) => name.replace(/\.[^.]+$/u, '');

/**
 * One result: the image as given with each line's box drawn over it (boxes map back from the
 * corrected image, so a turned page is outlined where its text is), and the text beside it.
 * Hovering a box highlights its line and the other way round; doubtful lines are marked.
 */
export function ResultView({ name, imageUrl, reading }: { name: string; imageUrl: string | null; reading: ConsoleRecognition }) {
  const { t } = useI18n();
  const [hovered, setHovered] = useState<number | null>(null);
  const [copied, setCopied] = useState(false);
  const { result } = reading;
  const copy = async () => {
    await navigator.clipboard.writeText(result.text);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <section className="result" aria-label={t.result}>
      <div className="result-toolbar">
        <strong className="file-name">{name}</strong>
        <span>
          {t.angle}: {result.angle.toFixed(1)}°
        </span>
        <span>
          {result.lines.length} {t.lines}
        </span>
        {reading.pageCount > 1 && (
          <span>
            {t.page} {reading.page}/{reading.pageCount}
          </span>
        )}
        <button type="button" onClick={() => void copy()}>
          {copied ? t.copied : t.copyText}
        </button>
        <button type="button" onClick={() => download(`${baseName(name)}.txt`, result.text)}>
          {t.exportTxt}
        </button>
        <button type="button" onClick={() => download(`${baseName(name)}.json`, JSON.stringify(reading, null, 2), 'application/json')}>
          {t.exportJson}
        </button>
      </div>
      <div className="result-panes">
        <div className="image-pane">
          {imageUrl ? (
            <div className="overlay-frame">
              <img src={imageUrl} alt={name} />
              <svg className="overlay" viewBox={`0 0 ${result.inputWidth} ${result.inputHeight}`} preserveAspectRatio="none" data-testid="line-boxes">
                {result.lines.map((line, index) => (
                  <polygon
                    key={index}
                    data-line={index}
                    points={boxInInput(line.box, result)
                      .map((point) => `${point.x},${point.y}`)
                      .join(' ')}
                    className={[line.confidence < lowConfidence ? 'low' : '', hovered === index ? 'hovered' : ''].join(' ')}
                    onMouseEnter={() => setHovered(index)}
                    onMouseLeave={() => setHovered(null)}
                  >
                    <title>{`${line.text} (${Math.round(line.confidence)})`}</title>
                  </polygon>
                ))}
              </svg>
            </div>
          ) : (
            <p className="hint">{t.notPreviewable}</p>
          )}
        </div>
        <ol className="text-pane" data-testid="result-text">
          {result.lines.map((line, index) => (
            <li
              key={index}
              data-line={index}
              className={[line.confidence < lowConfidence ? 'low' : '', hovered === index ? 'hovered' : ''].join(' ')}
              onMouseEnter={() => setHovered(index)}
              onMouseLeave={() => setHovered(null)}
              // Reachable by keyboard too: focusing a line outlines its box on the image.
              tabIndex={0}
              onFocus={() => setHovered(index)}
              onBlur={() => setHovered(null)}
              title={line.confidence < lowConfidence ? `${t.lowConfidence} (${Math.round(line.confidence)})` : String(Math.round(line.confidence))}
            >
              {line.text}
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
