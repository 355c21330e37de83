import { useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { RecognizedTable, TableCell } from '../../../shared/table-result.js';
import { useI18n } from '../i18n.js';
import { areaBetween, expandArea, rowKind, type CellKind, type TableEdit } from '../table-editing.js';
import type { GridArea } from '../table-geometry.js';
import { cellKey, inSelection, isDoubtful, isRef, type CellRef, type CellSelection } from '../table-view-state.js';

const areaOf = (cell: GridArea): GridArea => ({ rowTl: cell.rowTl, colTl: cell.colTl, rowBr: cell.rowBr, colBr: cell.colBr });

/**
 * One table as an editable grid (an HTML table with its spans): click a cell to type, shift-click
 * to select a rectangle, then merge, split, add or remove rows and columns, mark rows as header or
 * body, edit the titles. Every change is a TableEdit for the page's reducer; this component keeps
 * only which cell is being typed in.
 */
export function TableEditor(props: {
  table: RecognizedTable;
  index: number;
  dispatch: (edit: TableEdit) => void;
  hovered: CellRef | null;
  selection: CellSelection | null;
  onHover: (ref: CellRef | null) => void;
  onSelect: (selection: CellSelection | null) => void;
  onCopy: () => void;
}) {
  const { t } = useI18n();
  const { table, index, dispatch, onSelect } = props;
  const [editing, setEditing] = useState<{ row: number; column: number } | null>(null);
  // Escape ends editing without keeping the text; the blur that follows must not keep it either.
  const discarding = useRef(false);
  const selection = props.selection?.table === index ? props.selection : null;
  const area = selection?.area ?? null;
  const single = area !== null && table.cells.filter((cell) => inSelection(selection, index, cell)).length === 1;
  const selectedCell = single ? table.cells.find((cell) => inSelection(selection, index, cell)) : undefined;

  const select = (cell: GridArea) => onSelect({ table: index, anchor: areaOf(cell), area: areaOf(cell) });
  const extend = (cell: GridArea) => onSelect(selection ? { ...selection, area: areaBetween(table, selection.anchor, cell) } : { table: index, anchor: areaOf(cell), area: areaOf(cell) });
  const focusCell = (row: number, column: number) => requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-cell-editor="${cellKey(index, { rowTl: row, colTl: column })}"]`)?.focus());

  const startEditing = (cell: TableCell) => {
    discarding.current = false;
    setEditing({ row: cell.rowTl, column: cell.colTl });
  };
  const keep = (cell: TableCell, text: string) => {
    setEditing(null);
    if (discarding.current) {
      discarding.current = false;
      return;
    }
    dispatch({ type: 'set-text', table: index, row: cell.rowTl, column: cell.colTl, text });
  };
  const onCellClick = (event: MouseEvent, cell: TableCell) => {
    if (editing?.row === cell.rowTl && editing.column === cell.colTl) return; // a click inside the text box
    if (event.shiftKey) return extend(cell);
    select(cell);
    startEditing(cell);
  };
  const onCellKey = (event: KeyboardEvent, cell: TableCell) => {
    if (editing?.row === cell.rowTl && editing.column === cell.colTl) return;
    if (event.key === 'Enter' || event.key === 'F2') {
      event.preventDefault();
      select(cell);
      startEditing(cell);
    } else if (event.key === ' ') {
      event.preventDefault();
      if (event.shiftKey) extend(cell);
      else select(cell);
    }
  };
  const onTextKey = (event: KeyboardEvent<HTMLTextAreaElement>, cell: TableCell) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      discarding.current = true;
      event.currentTarget.blur();
      focusCell(cell.rowTl, cell.colTl);
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.currentTarget.blur();
      focusCell(cell.rowTl, cell.colTl);
    }
  };

  // Structure edits: the selection follows what it selected where that is clear, else it ends.
  const edit = (change: TableEdit, next: CellSelection | null) => {
    setEditing(null);
    dispatch(change);
    onSelect(next);
  };
  const merge = () => {
    if (!area) return;
    const merged = expandArea(table, area);
    edit({ type: 'merge', table: index, area }, { table: index, anchor: merged, area: merged });
  };
  const split = () => {
    if (!selectedCell) return;
    const first = { rowTl: selectedCell.rowTl, colTl: selectedCell.colTl, rowBr: selectedCell.rowTl + 1, colBr: selectedCell.colTl + 1 };
    edit({ type: 'split', table: index, row: selectedCell.rowTl, column: selectedCell.colTl }, { table: index, anchor: first, area: first });
  };
  const kindOfSelection = area ? rowKind(table, area.rowTl) : 'body';
  const setKind = (kind: CellKind) => {
    if (!area) return;
    for (let row = area.rowTl; row < area.rowBr; row += 1) dispatch({ type: 'set-row-kind', table: index, row, kind });
  };

  const rows = Array.from({ length: table.rows }, (_, row) => table.cells.filter((cell) => cell.rowTl === row));
  const heading = `${t.tableNumber} ${index + 1}`;
  return (
    <section className="table-editor card" aria-label={heading} data-testid="table-editor">
      <div className="toolbar">
        <h2>{heading}</h2>
        <span className="hint">
          {table.rows} × {table.columns}
        </span>
        <button type="button" onClick={props.onCopy}>
          {t.copyTsv}
        </button>
      </div>
      <fieldset className="table-titles">
        <legend>{t.titles}</legend>
        {table.titles.map((title, position) => (
          <div key={position} className="title-line">
            <input aria-label={`${t.titles} ${position + 1}`} value={title} onChange={(event) => dispatch({ type: 'set-title', table: index, index: position, text: event.target.value })} />
            <button type="button" className="link" aria-label={`${t.removeTitle} (${position + 1})`} title={t.removeTitle} onClick={() => dispatch({ type: 'remove-title', table: index, index: position })}>
              ×
            </button>
          </div>
        ))}
        <button type="button" className="link" onClick={() => dispatch({ type: 'add-title', table: index })}>
          + {t.addTitle}
        </button>
      </fieldset>
      <div className="table-tools" role="toolbar" aria-label={heading}>
        <button type="button" disabled={!area || single} onClick={merge}>
          {t.mergeCells}
        </button>
        <button type="button" disabled={!selectedCell || (selectedCell.rowBr - selectedCell.rowTl === 1 && selectedCell.colBr - selectedCell.colTl === 1)} onClick={split}>
          {t.splitCell}
        </button>
        <span className="tool-gap" />
        <button type="button" disabled={!area} onClick={() => area && edit({ type: 'insert-row', table: index, row: area.rowTl, side: 'above' }, null)}>
          {t.rowAbove}
        </button>
        <button type="button" disabled={!area} onClick={() => area && edit({ type: 'insert-row', table: index, row: area.rowBr - 1, side: 'below' }, null)}>
          {t.rowBelow}
        </button>
        <button type="button" disabled={!area} onClick={() => area && edit({ type: 'insert-column', table: index, column: area.colTl, side: 'left' }, null)}>
          {t.columnLeft}
        </button>
        <button type="button" disabled={!area} onClick={() => area && edit({ type: 'insert-column', table: index, column: area.colBr - 1, side: 'right' }, null)}>
          {t.columnRight}
        </button>
        <span className="tool-gap" />
        <button type="button" disabled={!area || table.rows <= 1} onClick={() => area && edit({ type: 'remove-row', table: index, row: area.rowTl }, null)}>
          {t.removeRow}
        </button>
        <button type="button" disabled={!area || table.columns <= 1} onClick={() => area && edit({ type: 'remove-column', table: index, column: area.colTl }, null)}>
          {t.removeColumn}
        </button>
        <label>
          {t.rowKind}
          <select disabled={!area} value={kindOfSelection} onChange={(event) => setKind(event.target.value as CellKind)}>
            <option value="header">{t.kindHeader}</option>
            <option value="body">{t.kindBody}</option>
            <option value="footer">{t.kindFooter}</option>
          </select>
        </label>
      </div>
      <div className="grid-scroll">
        <table className="table-grid" data-testid="table-grid">
          <tbody>
            {rows.map((cells, row) => (
              <tr key={row} className={`kind-${rowKind(table, row)}`}>
                {cells.map((cell) => {
                  const Cell = cell.kind === 'header' ? 'th' : 'td';
                  const typing = editing?.row === cell.rowTl && editing.column === cell.colTl;
                  const ref = { table: index, row: cell.rowTl, column: cell.colTl };
                  return (
                    <Cell
                      key={cellKey(index, cell)}
                      rowSpan={cell.rowBr - cell.rowTl}
                      colSpan={cell.colBr - cell.colTl}
                      data-testid="table-cell"
                      data-cell-editor={cellKey(index, cell)}
                      data-row={cell.rowTl}
                      data-col={cell.colTl}
                      tabIndex={0}
                      title={isDoubtful(cell) ? `${t.lowConfidence} (${Math.round(cell.confidence)})` : undefined}
                      className={[`kind-${cell.kind}`, isDoubtful(cell) ? 'low' : '', inSelection(selection, index, cell) ? 'selected' : '', isRef(props.hovered, index, cell) ? 'hovered' : ''].join(' ')}
                      onMouseEnter={() => props.onHover(ref)}
                      onMouseLeave={() => props.onHover(null)}
                      onFocus={() => props.onHover(ref)}
                      onBlur={() => props.onHover(null)}
                      onClick={(event) => onCellClick(event, cell)}
                      onKeyDown={(event) => onCellKey(event, cell)}
                    >
                      {typing ? (
                        <textarea
                          aria-label={t.cellText}
                          autoFocus
                          defaultValue={cell.text}
                          rows={Math.max(2, cell.text.split('\n').length)}
                          onBlur={(event) => keep(cell, event.currentTarget.value)}
                          onKeyDown={(event) => onTextKey(event, cell)}
                        />
                      ) : (
                        <span className="cell-text">{cell.text}</span>
                      )}
                    </Cell>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
