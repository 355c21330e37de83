import { useCallback, useEffect, useReducer, useRef, useState, type DragEvent } from 'react';
import type { ConsoleTableReading, LanguageChoice } from '../../../shared/console-api.js';
import type { OcrDeskBridge } from '../../../shared/desktop-bridge.js';
import { tableServiceIds, type TableServiceId } from '../../../shared/services.js';
import type { TableCell } from '../../../shared/table-result.js';
import type { ConsoleClient } from '../console-client.js';
import { openImageFiles } from '../desktop-bridge.js';
import { downloadBlob, filesFromDrop, previewable } from '../files.js';
import { useI18n, type Messages } from '../i18n.js';
import { LanguageSelect } from '../ui/language-select.js';
import { serviceName } from '../service-names.js';
import { tablesForExport, tablesReducer } from '../table-editing.js';
import { tableTsv } from '../table-tsv.js';
import type { CellRef, CellSelection } from '../table-view-state.js';
import { ActionMessageLine } from '../ui/action-message.js';
import { ImageSourceButtons } from '../ui/image-source-buttons.js';
import { TableEditor } from './table-editor.js';
import { TableOverlay } from './table-overlay.js';

/**
 * How the last action went, kept as a message name (and the server's words, if it refused) so the
 * line follows a switch of the UI's language.
 */
type Notice = { readonly kind: 'error' | 'ok'; readonly say: keyof Messages; readonly detail?: string } | null;

type Run = { readonly status: 'idle' | 'done' | 'failed' | 'cancelled' } | { readonly status: 'uploading' | 'reading'; readonly progress: number | null };

const baseName = (name: string) => name.replace(/\.[^.]+$/u, '');

/**
 * One page's tables: pick or drop a file (an image, or a page of a PDF or TIFF), read it with a
 * table service, see the grid over the image, correct it in the editors and export it as xlsx.
 * One file at a time: the edits belong to that page's reading. In the desktop window, `bridge`
 * also offers the OS file dialog.
 */
export function TablesPage({ client, bridge }: { client: ConsoleClient; bridge: OcrDeskBridge | null }) {
  const { t } = useI18n();
  const [service, setService] = useState<TableServiceId>('table');
  const [lang, setLang] = useState('auto');
  const [pageNumber, setPageNumber] = useState(1);
  const [languages, setLanguages] = useState<LanguageChoice[]>([]);
  const [file, setFile] = useState<File | null>(null);
  const [imageUrl, setImageUrl] = useState<string | null>(null);
  const [run, setRun] = useState<Run>({ status: 'idle' });
  const [reading, setReading] = useState<ConsoleTableReading | null>(null);
  const [tables, dispatch] = useReducer(tablesReducer, []);
  const [hovered, setHovered] = useState<CellRef | null>(null);
  const [selection, setSelection] = useState<CellSelection | null>(null);
  const [dragging, setDragging] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const running = useRef<AbortController | null>(null);
  const picker = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void client.languages().then((answer) => answer.ok && setLanguages(answer.value));
  }, [client]);
  // Leaving (signing out): a reading in flight is cancelled, not finished and billed for no one.
  useEffect(() => () => running.current?.abort(), []);
  // The object URL of the shown file gives its memory back when another file replaces it.
  useEffect(() => () => void (imageUrl && URL.revokeObjectURL(imageUrl)), [imageUrl]);

  const read = useCallback(
    async (chosen: File, page: number) => {
      running.current?.abort();
      const controller = new AbortController();
      running.current = controller;
      setNotice(null);
      setRun({ status: 'uploading', progress: 0 });
      const answer = await client.readTables(
        chosen,
        chosen.name,
        { service, lang, ...(page > 1 ? { page } : {}), preview: !previewable(chosen) },
        controller.signal,
        (fraction) => setRun(fraction >= 1 ? { status: 'reading', progress: null } : { status: 'uploading', progress: fraction }),
        (progress) => setRun((current) => (current.status === 'reading' ? { status: 'reading', progress: Math.max(current.progress ?? 0, progress.progress) } : current)),
      );
      if (running.current !== controller) return; // a later reading replaced this one
      running.current = null;
      if (answer.ok) {
        setReading(answer.value);
        dispatch({ type: 'load', tables: answer.value.reading.tables });
        setSelection(null);
        setHovered(null);
        setRun({ status: 'done' });
      } else if (answer.error.code === 'Cancelled') {
        setRun({ status: 'cancelled' });
      } else {
        setRun({ status: 'failed' });
        setNotice({ kind: 'error', say: 'readingFailed', detail: answer.error.message });
      }
    },
    [client, service, lang],
  );

  const choose = (chosen: File | undefined) => {
    if (!chosen) return;
    setFile(chosen);
    setReading(null);
    dispatch({ type: 'load', tables: [] });
    setImageUrl(previewable(chosen) ? URL.createObjectURL(chosen) : null);
    setPageNumber(1);
    void read(chosen, 1);
  };
  const onDrop = async (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    choose((await filesFromDrop(event.dataTransfer))[0]);
  };
  // The desktop's own dialog; of several images the first is read, as of several dropped.
  const openNative = async (from: OcrDeskBridge) => {
    const opened = await openImageFiles(from);
    if (opened === null) return setNotice({ kind: 'error', say: 'openImagesFailed' });
    choose(opened[0]);
  };
  const exportXlsx = async () => {
    if (!file) return;
    const answer = await client.tablesXlsx(tablesForExport(tables));
    if (!answer.ok) return setNotice({ kind: 'error', say: 'exportFailed', detail: answer.error.message });
    downloadBlob(`${baseName(file.name)}${reading && reading.pageCount > 1 ? `-${reading.page}` : ''}.xlsx`, answer.value);
    setNotice({ kind: 'ok', say: 'exported' });
  };
  const copy = async (index: number) => {
    const table = tables[index];
    if (!table) return;
    try {
      await navigator.clipboard.writeText(tableTsv(table));
      setNotice({ kind: 'ok', say: 'copied' });
    } catch {
      setNotice({ kind: 'error', say: 'copyFailed' });
    }
  };
  // A cell clicked on the image is selected and focused in its editor (which lights it back).
  const pick = (table: number, cell: TableCell) => {
    const area = { rowTl: cell.rowTl, colTl: cell.colTl, rowBr: cell.rowBr, colBr: cell.colBr };
    setSelection({ table, anchor: area, area });
    document.querySelector<HTMLElement>(`[data-cell-editor="${table}:${cell.rowTl}:${cell.colTl}"]`)?.focus();
  };

  const busy = run.status === 'uploading' || run.status === 'reading';
  const statusText = { idle: '', uploading: t.stateUploading, reading: t.stateReading, done: t.stateDone, failed: t.stateFailed, cancelled: t.stateCancelled }[run.status];
  // A TIFF or PDF page is shown from the server's preview; an image the browser shows as it is.
  const shownImage = imageUrl ?? reading?.preview ?? null;

  return (
    <div className="tables-page">
      <section className="options card" aria-label={t.service}>
        <label>
          {t.service}
          <select value={service} onChange={(event) => setService(event.target.value as TableServiceId)}>
            {tableServiceIds.map((id) => (
              <option key={id} value={id}>
                {serviceName(t, id)}
              </option>
            ))}
          </select>
        </label>
        <LanguageSelect languages={languages} value={lang} onChange={setLang} />
        <label>
          {t.pageOfFile}
          <input
            type="number"
            className="page-number"
            min={1}
            max={reading?.pageCount ?? undefined}
            value={pageNumber}
            onChange={(event) => setPageNumber(Math.max(1, Math.floor(Number(event.target.value) || 1)))}
          />
        </label>
        <button type="button" disabled={!file || busy} onClick={() => file && void read(file, pageNumber)}>
          {t.readAgain}
        </button>
      </section>
      <div
        className={dragging ? 'drop-zone dragging' : 'drop-zone'}
        data-testid="tables-drop-zone"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => void onDrop(event)}
      >
        <p>{t.tablesDrop}</p>
        <ImageSourceButtons bridge={bridge} onOpenNative={(from) => void openNative(from)} onChoose={() => picker.current?.click()} chooseLabel={t.chooseFile} />
        <input
          ref={picker}
          type="file"
          hidden
          accept="image/*,.pdf,.tif,.tiff,.bmp"
          data-testid="tables-file-input"
          onChange={(event) => {
            choose(event.target.files?.[0]);
            event.target.value = '';
          }}
        />
      </div>
      {file && run.status !== 'idle' && (
        <div className={`card reading-status ${run.status}`} data-testid="tables-status" data-status={run.status}>
          <strong className="file-name">{file.name}</strong>
          <span className="queue-status">{statusText}</span>
          {busy && (
            <>
              <progress max={1} value={run.progress ?? undefined} aria-label={`${file.name} ${statusText}`} />
              <button type="button" onClick={() => running.current?.abort()}>
                {t.cancel}
              </button>
            </>
          )}
        </div>
      )}
      <ActionMessageLine message={notice && { kind: notice.kind, text: notice.detail ? `${t[notice.say]}: ${notice.detail}` : t[notice.say] }} />
      {reading && file ? (
        <section className="result tables-result" aria-label={t.result}>
          <div className="result-toolbar">
            <strong className="file-name">{file.name}</strong>
            {reading.pageCount > 1 && (
              <span>
                {t.page} {reading.page}/{reading.pageCount}
              </span>
            )}
            <span>
              {t.tablesFound}: {tables.length}
            </span>
            <button
              type="button"
              onClick={() => {
                dispatch({ type: 'load', tables: reading.reading.tables });
                setSelection(null);
              }}
            >
              {t.undoAll}
            </button>
            <button type="button" className="primary" disabled={tables.length === 0} onClick={() => void exportXlsx()}>
              {t.exportXlsx}
            </button>
          </div>
          <div className="tables-panes">
            <div className="image-pane">
              <TableOverlay
                name={file.name}
                imageUrl={shownImage}
                width={reading.reading.inputWidth}
                height={reading.reading.inputHeight}
                tables={tables}
                hovered={hovered}
                selection={selection}
                onHover={setHovered}
                onPick={pick}
              />
            </div>
            <div className="editors-pane">
              {tables.length === 0 ? <p className="hint">{t.noTables}</p> : <p className="hint">{t.editHint}</p>}
              {tables.map((table, index) => (
                <TableEditor
                  key={index}
                  table={table}
                  index={index}
                  dispatch={dispatch}
                  hovered={hovered}
                  selection={selection}
                  onHover={setHovered}
                  onSelect={setSelection}
                  onCopy={() => void copy(index)}
                />
              ))}
            </div>
          </div>
        </section>
      ) : (
        !busy && (
          <section className="result card">
            <p className="hint">{t.tablesEmpty}</p>
          </section>
        )
      )}
    </div>
  );
}
