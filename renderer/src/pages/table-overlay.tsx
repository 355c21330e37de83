import type { RecognizedTable, TableCell } from '../../../shared/table-result.js';
import { useI18n } from '../i18n.js';
import { cellKey, inSelection, isDoubtful, isRef, type CellRef, type CellSelection } from '../table-view-state.js';

const points = (polygon: TableCell['polygon'] | RecognizedTable['corners']) => polygon.map((point) => `${point.x},${point.y}`).join(' ');

/**
 * The page with every table's grid drawn over it, as edited: one outline per cell, so a spanning
 * cell is one shape; doubtful cells dashed in red; the cell under the pointer (or focused in the
 * editor) lit; a click on a cell selects it in its editor. Polygons are in the pixels of the image as
 * given, which a preview (scaled) shares through the viewBox.
 */
export function TableOverlay(props: {
  name: string;
  imageUrl: string | null;
  width: number;
  height: number;
  tables: readonly RecognizedTable[];
  hovered: CellRef | null;
  selection: CellSelection | null;
  onHover: (ref: CellRef | null) => void;
  onPick: (table: number, cell: TableCell) => void;
}) {
  const { t } = useI18n();
  if (!props.imageUrl) return <p className="hint">{t.tablePreviewMissing}</p>;
  return (
    <div className="overlay-frame">
      <img src={props.imageUrl} alt={props.name} />
      <svg className="overlay table-overlay" viewBox={`0 0 ${props.width} ${props.height}`} preserveAspectRatio="none" data-testid="table-cells">
        {props.tables.map((table, index) => (
          <g key={index} data-table={index}>
            <polygon className="table-outline" points={points(table.corners)} />
            {table.cells.map((cell) => (
              <polygon
                key={cellKey(index, cell)}
                data-cell={cellKey(index, cell)}
                points={points(cell.polygon)}
                className={[isDoubtful(cell) ? 'low' : '', inSelection(props.selection, index, cell) ? 'selected' : '', isRef(props.hovered, index, cell) ? 'hovered' : ''].join(' ')}
                onMouseEnter={() => props.onHover({ table: index, row: cell.rowTl, column: cell.colTl })}
                onMouseLeave={() => props.onHover(null)}
                onClick={() => props.onPick(index, cell)}
              >
                <title>{`${cell.text || '-'} (${Math.round(cell.confidence)})`}</title>
              </polygon>
            ))}
          </g>
        ))}
      </svg>
    </div>
  );
}
