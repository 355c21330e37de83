import { useCallback, useEffect, useReducer, useRef, useState, type DragEvent } from 'react';
import type { LanguageChoice, SessionView } from '../../../shared/console-api.js';
import type { OcrDeskBridge } from '../../../shared/desktop-bridge.js';
import type { CardSide } from '../../../shared/idcard-result.js';
import { isTableService, serviceIds, type ServiceId } from '../../../shared/services.js';
import type { ConsoleClient } from '../console-client.js';
import { openImageFiles } from '../desktop-bridge.js';
import { failureText } from '../failure-words.js';
import { download, filesFromDrop, previewable } from '../files.js';
import { useI18n, type Messages } from '../i18n.js';
import { allResults, allText, emptyQueue, nextToStart, queueReducer, type QueueItem, type QueueResult } from '../recognition-queue.js';
import { readableServices, serviceName } from '../service-names.js';
import { IdCardView } from './idcard-view.js';
import { ActionMessageLine } from '../ui/action-message.js';
import { ImageSourceButtons } from '../ui/image-source-buttons.js';
import { LanguageSelect } from '../ui/language-select.js';
import { ResultView } from './result-view.js';

let nextId = 0;

const statusLabel = (t: Messages, item: QueueItem) =>
  ({ waiting: t.stateWaiting, uploading: t.stateUploading, reading: t.stateReading, done: t.stateDone, failed: t.stateFailed, cancelled: t.stateCancelled })[item.status];

/**
 * Drop, paste or pick files (in the desktop window also through the OS dialog of `bridge`); they
 * are read two at a time, each with its progress, error or result.
 */
export function RecognizePage({ client, session, bridge }: { client: ConsoleClient; session: SessionView; bridge: OcrDeskBridge | null }) {
  const { t } = useI18n();
  const [queue, dispatch] = useReducer(queueReducer, emptyQueue);
  const [service, setService] = useState<ServiceId>('general-basic');
  const [lang, setLang] = useState('auto');
  const [singleLine, setSingleLine] = useState(false);
  // The side an ID card must show; null lets the server decide from the card.
  const [cardSide, setCardSide] = useState<CardSide | null>(null);
  const [languages, setLanguages] = useState<LanguageChoice[]>([]);
  const [dragging, setDragging] = useState(false);
  const [openFailed, setOpenFailed] = useState(false);
  const files = useRef(new Map<string, File>());
  const previews = useRef(new Map<string, string>());
  const running = useRef(new Map<string, AbortController>());
  const picker = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void client.languages().then((answer) => answer.ok && setLanguages(answer.value));
  }, [client]);
  // Leaving (signing out): readings in flight are cancelled, not finished and billed for no one.
  useEffect(
    () => () => {
      for (const controller of running.current.values()) controller.abort();
      for (const url of previews.current.values()) URL.revokeObjectURL(url);
    },
    [],
  );
  // Files no longer in the queue give back their memory.
  useEffect(() => {
    const kept = new Set(queue.items.map((item) => item.fileId));
    for (const [id, url] of previews.current) {
      if (kept.has(id)) continue;
      URL.revokeObjectURL(url);
      previews.current.delete(id);
    }
    for (const id of files.current.keys()) if (!kept.has(id)) files.current.delete(id);
  }, [queue.items]);

  const add = useCallback(
    (added: File[]) => {
      const entries = added.map((file) => {
        const id = `file-${(nextId += 1)}`;
        files.current.set(id, file);
        if (previewable(file)) previews.current.set(id, URL.createObjectURL(file));
        return { id, name: file.webkitRelativePath || file.name, size: file.size };
      });
      if (entries.length > 0) dispatch({ type: 'add', files: entries, service, lang, singleLine, cardSide });
    },
    [service, lang, singleLine, cardSide],
  );

  // Start waiting files as places free up.
  useEffect(() => {
    for (const item of nextToStart(queue)) {
      const file = files.current.get(item.fileId);
      if (!file) continue;
      const controller = new AbortController();
      running.current.set(item.id, controller);
      dispatch({ type: 'started', id: item.id });
      const onUpload = (fraction: number) => dispatch({ type: 'uploaded', id: item.id, fraction });
      const onReading = (progress: { progress: number; page: number; pages: number }) => dispatch({ type: 'reading', id: item.id, fraction: progress.progress, page: progress.page, pages: progress.pages });
      const preview = !previews.current.has(item.fileId);
      // An ID card has a route of its own (/idcard) and a result of its own kind; the upload,
      // progress and cancel are the same.
      const reading: Promise<{ ok: true; value: QueueResult } | { ok: false; error: { code: string; message: string } }> =
        item.service === 'idcard'
          ? client
              .readIdCard(file, item.name, { ...(item.cardSide ? { cardSide: item.cardSide } : {}), preview }, controller.signal, onUpload, onReading)
              .then((answer) => (answer.ok ? { ok: true, value: { kind: 'idcard', reading: answer.value } } : answer))
          : client
              .recognize(
                file,
                item.name,
                {
                  service: item.service,
                  ...(item.lang ? { lang: item.lang } : {}),
                  ...(item.pageNumber > 1 ? { page: item.pageNumber } : {}),
                  ...(item.singleLine ? { singleLine: true } : {}),
                  preview,
                },
                controller.signal,
                onUpload,
                onReading,
              )
              .then((answer) => (answer.ok ? { ok: true, value: { kind: 'text', reading: answer.value } } : answer));
      void reading.then((answer) => {
        running.current.delete(item.id);
        dispatch({ type: 'finished', id: item.id, answer });
      });
    }
  }, [queue, client]);

  // Paste from the clipboard anywhere on the page.
  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const pasted = [...(event.clipboardData?.files ?? [])];
      if (pasted.length > 0) add(pasted.map((file, index) => (file.name ? file : new File([file], `pasted-${index + 1}.png`, { type: file.type }))));
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, [add]);

  const onDrop = async (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    add(await filesFromDrop(event.dataTransfer));
  };
  // The desktop's own dialog: its images join the queue as chosen files do.
  const openNative = async (from: OcrDeskBridge) => {
    const opened = await openImageFiles(from);
    setOpenFailed(opened === null);
    if (opened) add(opened);
  };
  const cancel = (id: string) => {
    running.current.get(id)?.abort();
    dispatch({ type: 'cancel', id });
  };
  const selected = queue.items.find((item) => item.id === queue.selected && item.result);

  return (
    <div className="recognize">
      <section className="options card" aria-label={t.service}>
        <label>
          {t.service}
          <select value={service} onChange={(event) => setService(event.target.value as ServiceId)}>
            {serviceIds.map((id) => (
              <option key={id} value={id} disabled={!readableServices.includes(id)}>
                {serviceName(t, id)}
                {readableServices.includes(id) ? '' : isTableService(id) ? ` (${t.onTablesPage})` : ` (${t.notYetAvailable})`}
              </option>
            ))}
          </select>
        </label>
        {service === 'idcard' ? (
          // A card's language and lines are known; what may be chosen is the side it must show.
          <label>
            {t.cardSide}
            <select value={cardSide ?? 'auto'} onChange={(event) => setCardSide(event.target.value === 'FRONT' || event.target.value === 'BACK' ? event.target.value : null)}>
              <option value="auto">{t.sideAuto}</option>
              <option value="FRONT">{t.sideFront}</option>
              <option value="BACK">{t.sideBack}</option>
            </select>
          </label>
        ) : (
          <>
            <LanguageSelect languages={languages} value={lang} onChange={setLang} />
            <label className="check">
              <input type="checkbox" checked={singleLine} onChange={(event) => setSingleLine(event.target.checked)} />
              {t.singleLine}
            </label>
          </>
        )}
        {!session.may.recognize && <p className="hint">{t.readOnlyNote}</p>}
      </section>
      <div
        className={dragging ? 'drop-zone dragging' : 'drop-zone'}
        data-testid="drop-zone"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => void onDrop(event)}
      >
        <p>{t.dropHere}</p>
        <ImageSourceButtons bridge={bridge} onOpenNative={(from) => void openNative(from)} onChoose={() => picker.current?.click()} chooseLabel={t.chooseFiles} />
        <p className="hint">{t.pasteHint}</p>
        <ActionMessageLine message={openFailed ? { kind: 'error', text: t.openImagesFailed } : null} />
        <input
          ref={picker}
          type="file"
          multiple
          hidden
          accept="image/*,.pdf,.tif,.tiff,.bmp"
          data-testid="file-input"
          onChange={(event) => {
            add([...(event.target.files ?? [])]);
            event.target.value = '';
          }}
        />
      </div>
      <div className="recognize-body">
        <section className="queue card" aria-label={t.queue}>
          <div className="queue-head">
            <h2>{t.queue}</h2>
            <button type="button" onClick={() => dispatch({ type: 'clear-finished' })}>
              {t.clearDone}
            </button>
            <button type="button" onClick={() => download('ocr-desk-results.txt', allText(queue))}>
              {t.exportAllTxt}
            </button>
            <button
              type="button"
              onClick={() => download('ocr-desk-results.json', JSON.stringify(allResults(queue), null, 2), 'application/json')}
            >
              {t.exportAllJson}
            </button>
          </div>
          {queue.items.length === 0 && <p className="hint">{t.queueEmpty}</p>}
          <ul className="queue-list">
            {queue.items.map((item) => (
              <li key={item.id} className={`queue-item ${item.status}${item.id === queue.selected ? ' selected' : ''}`} data-testid="queue-item" data-status={item.status}>
                <button type="button" className="queue-name" disabled={!item.result} onClick={() => dispatch({ type: 'select', id: item.id })}>
                  {item.name}
                </button>
                <span className="queue-status">
                  {statusLabel(t, item)}
                  {item.status === 'reading' && item.page ? ` · ${t.page} ${item.page.at}/${item.page.of}` : ''}
                </span>
                <progress max={1} value={item.progress ?? undefined} aria-label={`${item.name} ${statusLabel(t, item)}`} data-testid="queue-progress" />
                {item.error && (
                  <span className="error" role="status">
                    {failureText(t, item.error, item.cardSide)}
                  </span>
                )}
                {(item.status === 'waiting' || item.status === 'uploading' || item.status === 'reading') && (
                  <button type="button" onClick={() => cancel(item.id)}>
                    {t.cancel}
                  </button>
                )}
                {(item.status === 'failed' || item.status === 'cancelled') && (
                  <button type="button" onClick={() => dispatch({ type: 'retry', id: item.id })}>
                    {t.retry}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
        {selected?.result?.kind === 'idcard' ? (
          <IdCardView
            key={selected.id}
            name={selected.name}
            imageUrl={previews.current.get(selected.fileId) ?? selected.result.reading.preview ?? null}
            card={selected.result.reading}
          />
        ) : selected?.result ? (
          <ResultView name={selected.name} imageUrl={(selected.pageNumber === 1 ? previews.current.get(selected.fileId) : undefined) ?? selected.result.reading.preview ?? null} reading={selected.result.reading} />
        ) : (
          <section className="result card">
            <p className="hint">{t.noSelection}</p>
          </section>
        )}
      </div>
    </div>
  );
}
