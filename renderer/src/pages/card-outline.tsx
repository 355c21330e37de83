import type { Point } from '../../../shared/ocr-result.js';
import { useI18n } from '../i18n.js';

/**
 * The photo with the card's outline drawn over it, its top-left corner (as the card reads) marked,
 * so a card lying upside down or sideways shows which way it was read. The corners are pixels of
 * the image as sent, whose size the reading carries: the drawing is laid in that size, so it fits
 * the file itself and the server's preview (scaled) alike.
 */
export function CardOutline({ name, imageUrl, corners, size }: { name: string; imageUrl: string; corners: readonly Point[]; size: { readonly width: number; readonly height: number } }) {
  const { t } = useI18n();
  const first = corners[0];
  return (
    <div className="overlay-frame">
      <img src={imageUrl} alt={name} />
      {size.width > 0 && (
        <svg className="overlay card-outline" viewBox={`0 0 ${size.width} ${size.height}`} preserveAspectRatio="none" data-testid="card-outline" role="img" aria-label={t.cardOutline}>
          <polygon points={corners.map((point) => `${point.x},${point.y}`).join(' ')} />
          {first && <circle cx={first.x} cy={first.y} r={Math.max(size.width, size.height) / 120} />}
        </svg>
      )}
    </div>
  );
}
