import type { OcrDeskBridge } from '../../../shared/desktop-bridge.js';
import { useI18n } from '../i18n.js';

/**
 * "or Open… / Choose files" under a drop zone. In the desktop window the OS dialog comes first
 * (it is what people expect there); in a browser the file input is the only way, so it leads.
 */
export function ImageSourceButtons({ bridge, onOpenNative, onChoose, chooseLabel }: { bridge: OcrDeskBridge | null; onOpenNative: (bridge: OcrDeskBridge) => void; onChoose: () => void; chooseLabel: string }) {
  const { t } = useI18n();
  return (
    <p>
      {t.dropOr}{' '}
      {bridge && (
        <>
          <button type="button" className="primary" onClick={() => onOpenNative(bridge)}>
            {t.openImages}
          </button>{' '}
        </>
      )}
      <button type="button" className={bridge ? undefined : 'primary'} onClick={onChoose}>
        {chooseLabel}
      </button>
    </p>
  );
}
