import { useState } from 'react';
import type { Point } from '../../../shared/ocr-result.js';
import { useI18n } from '../i18n.js';

/** The server's preview is at most this long a side (main/services/recognition-service.ts). */
const previewMaxSide = 2000;

/**
 * The photo with the card's outline drawn over it, its top-left corner (as the card reads) marked,
 * so a card lying upside down or sideways shows which way it was read.
 *
 * The corners are pixels of the image as sent, and the reading does not carry that image's size:
 * it is taken from the picture once loaded. The file itself is the image as sent; the server's
 * preview (a TIFF) is the same size unless it was scaled down to `previewMaxSide`, in which case
 * the outline is left out rather than drawn in the wrong place.
 */
export function CardOutline({ name, imageUrl, fromPreview, corners }: { name: string; imageUrl: string; fromPreview: boolean; corners: readonly Point[] }) {
  const { t } = useI18n();
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const trusted = size !== null && !(fromPreview && Math.max(size.width, size.height) >= previewMaxSide);
  const first = corners[0];
  return (
    <div className="overlay-frame">
      <img src={imageUrl} alt={name} onLoad={(event) => setSize({ width: event.currentTarget.naturalWidth, height: event.currentTarget.naturalHeight })} />
      {trusted && (
        <svg className="overlay card-outline" viewBox={`0 0 ${size.width} ${size.height}`} preserveAspectRatio="none" data-testid="card-outline" role="img" aria-label={t.cardOutline}>
          <polygon points={corners.map((point) => `${point.x},${point.y}`).join(' ')} />
          {first && <circle cx={first.x} cy={first.y} r={Math.max(size.width, size.height) / 120} />}
        </svg>
      )}
    </div>
  );
}
