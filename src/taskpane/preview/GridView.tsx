import { makeStyles } from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { columnLetters, parseA1, parseRange, toA1 } from "../../scoring/grid/address";
import { MARK_COLOR } from "../host/mark-style";
import type { MemoryWorkbook } from "../host/memory-workbook";
import { displayValue } from "./cell-display";

/** Rows drawn at once: a 5,000-row sheet shows a window around the selected cell. */
const WINDOW = 300;

const useStyles = makeStyles({
  wrap: { display: "flex", flexDirection: "column", height: "100%", minWidth: 0 },
  bar: { display: "flex", gap: "8px", alignItems: "center", padding: "4px 8px", borderBottom: "1px solid #d1d1d1", fontSize: "13px", background: "#fafafa" },
  addr: { minWidth: "56px", fontWeight: 600 },
  content: { fontFamily: "Consolas, 'Noto Sans Mono CJK SC', monospace", whiteSpace: "pre", overflow: "hidden", textOverflow: "ellipsis" },
  scroller: { flex: 1, overflow: "auto", minHeight: 0 },
  table: { borderCollapse: "collapse", fontSize: "12px", tableLayout: "auto" },
  head: { background: "#f3f3f3", color: "#616161", border: "1px solid #e0e0e0", padding: "1px 4px", fontWeight: 400, position: "sticky", top: 0, zIndex: 1 },
  rowHead: { background: "#f3f3f3", color: "#616161", border: "1px solid #e0e0e0", padding: "1px 4px", textAlign: "right", position: "sticky", left: 0 },
  // Text wraps between words and CJK characters; a run of digits breaks only if wider than the cell can be.
  cell: { border: "1px solid #e0e0e0", padding: "2px 4px", maxWidth: "220px", minWidth: "40px", whiteSpace: "pre-wrap", overflowWrap: "break-word", verticalAlign: "top", cursor: "cell" },
  // A figure never wraps (no 1151.7/9); right-aligned as Excel shows numbers.
  number: { whiteSpace: "nowrap", textAlign: "right" },
  selected: { outline: "2px solid #107c41", outlineOffset: "-2px" },
  editor: { width: "100%", minWidth: "80px", font: "inherit" },
  tabs: { display: "flex", gap: "2px", borderTop: "1px solid #d1d1d1", padding: "4px", background: "#fafafa", overflowX: "auto" },
  tab: { border: "1px solid #d1d1d1", background: "#fff", padding: "2px 10px", cursor: "pointer", fontSize: "12px", whiteSpace: "nowrap" },
  activeTab: { borderBottom: "3px solid #107c41", fontWeight: 600 },
  note: { fontSize: "12px", color: "#616161", padding: "4px 8px" },
});

/**
 * Scrolls a cell into the part of the grid the sticky headers leave visible: the row numbers on
 * the left and the column letters on top would otherwise cover column A and the first row. A cell
 * already in view is left where it is.
 */
function showCell(scroller: HTMLElement, cell: string, block: ScrollLogicalPosition): void {
  const td = scroller.querySelector<HTMLElement>(`td[data-cell="${cell}"]`);
  if (!td) return;
  const rowHead = scroller.querySelector<HTMLElement>("tbody th");
  const colHead = scroller.querySelector<HTMLElement>("thead th");
  const left = rowHead?.offsetWidth ?? 0;
  const top = colHead?.offsetHeight ?? 0;
  scroller.style.scrollPaddingLeft = `${left}px`;
  scroller.style.scrollPaddingTop = `${top}px`;
  const box = scroller.getBoundingClientRect();
  const r = td.getBoundingClientRect();
  const inView = r.left >= box.left + left && r.top >= box.top + top && r.right <= box.left + scroller.clientWidth && r.bottom <= box.top + scroller.clientHeight;
  if (!inView) td.scrollIntoView({ block, inline: "nearest" });
}

/** The in-memory workbook drawn as a table, so the pane's effects (selection, marks, writes) are visible. */
export function GridView({ workbook, hidden }: { workbook: MemoryWorkbook; hidden?: (sheet: string) => boolean }) {
  const s = useStyles();
  const version = useSyncExternalStore(
    (cb) => workbook.subscribe(() => cb()),
    () => workbook.changeCount,
  );
  const [editing, setEditing] = useState<{ cell: string; text: string } | null>(null);
  const sheet = workbook.sheet(workbook.activeSheet) ?? workbook.sheets[0];
  const selected = workbook.selection && sheet && workbook.selection.sheet === sheet.name ? workbook.selection.cell : null;
  const scroller = useRef<HTMLDivElement>(null);

  // Another sheet starts at its top-left corner, as Excel shows a sheet first opened.
  useEffect(() => {
    scroller.current?.scrollTo({ left: 0, top: 0 });
  }, [sheet?.name]);

  // Bring the selected cell into view, as Excel does when the pane selects a finding's cell.
  useEffect(() => {
    if (selected && scroller.current) showCell(scroller.current, selected, "nearest");
  }, [selected, sheet?.name]);

  // What a fill, an undo or an inserted form just wrote: its first cell, and as much after it as fits.
  const revealed = workbook.revealed;
  useEffect(() => {
    if (!revealed || !scroller.current || revealed.sheet !== sheet?.name) return;
    const first = [...revealed.cells].map((c) => ({ c, p: parseA1(c) })).filter((x) => x.p).sort((a, b) => a.p!.row - b.p!.row || a.p!.col - b.p!.col)[0];
    if (first) showCell(scroller.current, first.c, "start");
    // seq: every write is revealed, even of the same cells.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [revealed?.seq, sheet?.name]);

  const layout = useMemo(() => {
    if (!sheet) return null;
    const ext = workbook.extent(sheet);
    const rows = Math.max(ext.rows + 2, 20);
    const cols = Math.max(ext.cols + 1, 8);
    const sel = selected ? parseA1(selected) : null;
    const start = sel && sel.row >= WINDOW ? Math.max(0, sel.row - Math.floor(WINDOW / 2)) : 0;
    const end = Math.min(rows, start + WINDOW);
    const spans = new Map<string, { rowSpan: number; colSpan: number }>();
    const covered = new Set<string>();
    for (const m of sheet.merges) {
      const r = parseRange(m);
      if (!r) continue;
      const top = Math.max(r.top, start);
      spans.set(toA1(top, r.left), { rowSpan: Math.min(r.bottom, end - 1) - top + 1, colSpan: r.right - r.left + 1 });
      for (let i = top; i <= r.bottom; i++) for (let j = r.left; j <= r.right; j++) if (i !== top || j !== r.left) covered.add(toA1(i, j));
    }
    return { rows, cols, start, end, spans, covered };
    // version: redraw when the workbook changes in place.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sheet, selected, version, workbook]);

  if (!sheet || !layout) return <p className={s.note}>工作簿中没有工作表。</p>;
  const sel = selected ? workbook.content(sheet, selected) : null;

  const commit = () => {
    if (!editing) return;
    workbook.type(sheet.name, editing.cell, editing.text);
    setEditing(null);
  };

  const body = [];
  for (let i = layout.start; i < layout.end; i++) {
    const cells = [];
    for (let j = 0; j < layout.cols; j++) {
      const a1 = toA1(i, j);
      if (layout.covered.has(a1)) continue;
      const span = layout.spans.get(a1);
      const mark = sheet.marks.get(a1);
      const v = sheet.values[i]?.[j] ?? null;
      const isSel = a1 === selected;
      cells.push(
        <td
          key={a1}
          data-cell={a1}
          data-selected={isSel ? "true" : undefined}
          data-mark={mark}
          rowSpan={span?.rowSpan}
          colSpan={span?.colSpan}
          className={`${s.cell} ${typeof v === "number" ? s.number : ""} ${isSel ? s.selected : ""}`}
          style={mark ? { background: MARK_COLOR[mark] } : undefined}
          onClick={() => {
            workbook.selection = { sheet: sheet.name, cell: a1 };
            workbook.emit("view");
          }}
          onDoubleClick={() => {
            const c = workbook.content(sheet, a1);
            setEditing({ cell: a1, text: c.formula ?? (c.value === null ? "" : String(c.value)) });
          }}
        >
          {editing?.cell === a1 ? (
            <input
              className={s.editor}
              autoFocus
              value={editing.text}
              aria-label={`编辑 ${a1}`}
              onChange={(e) => setEditing({ cell: a1, text: e.target.value })}
              onKeyDown={(e) => {
                if (e.key === "Enter") commit();
                if (e.key === "Escape") setEditing(null);
              }}
              onBlur={commit}
            />
          ) : (
            displayValue(v, sheet.numberFormats[i]?.[j] ?? null)
          )}
        </td>,
      );
    }
    body.push(
      <tr key={i}>
        <th className={s.rowHead}>{i + 1}</th>
        {cells}
      </tr>,
    );
  }

  return (
    <div className={s.wrap} data-testid="grid-view" data-sheet={sheet.name}>
      <div className={s.bar}>
        <span className={s.addr} data-testid="selected-cell">
          {selected ?? "—"}
        </span>
        <span className={s.content} data-testid="formula-bar">
          {sel ? (sel.formula ?? (sel.value === null ? "" : String(sel.value))) : ""}
        </span>
      </div>
      <div className={s.scroller} ref={scroller}>
        {layout.start > 0 ? <p className={s.note}>{`（从第 ${layout.start + 1} 行起显示）`}</p> : null}
        <table className={s.table}>
          <thead>
            <tr>
              <th className={s.head} />
              {Array.from({ length: layout.cols }, (_, j) => (
                <th key={j} className={s.head}>
                  {columnLetters(j)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{body}</tbody>
        </table>
        {layout.end < layout.rows ? <p className={s.note}>{`（共 ${layout.rows} 行，只显示了第 ${layout.start + 1}–${layout.end} 行）`}</p> : null}
      </div>
      <div className={s.tabs} role="tablist" aria-label="工作表">
        {workbook.sheets.filter((x) => !hidden?.(x.name)).map((x) => (
          <button
            key={x.name}
            type="button"
            role="tab"
            aria-selected={x.name === sheet.name}
            className={`${s.tab} ${x.name === sheet.name ? s.activeTab : ""}`}
            data-testid="sheet-tab"
            data-sheet={x.name}
            onClick={() => {
              workbook.activeSheet = x.name;
              workbook.emit("view");
            }}
          >
            {x.protected ? `🔒 ${x.name}` : x.name}
          </button>
        ))}
      </div>
    </div>
  );
}
