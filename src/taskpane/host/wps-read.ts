import { toA1, type RangeRef } from "../../scoring/grid/address";
import type { CellValue, Grid } from "../../scoring/grid/grid";
import { beyondLimitsNote, GRID_LIMITS } from "../../readers/grid-builder";
import type { EtApplication, EtRange, EtWorksheet } from "./wps-app";
import { a1, addressOf, cellValue, formatOf, matrixOf } from "./wps-cells";
import { HostError } from "./host-error";
import type { ReadScope, WorkbookRead } from "./WorkbookHost";

/**
 * The one reader of the WPS adapter. Every property read or method call on a WPS object is a
 * synchronous round trip into WPS (the add-in's page and WPS are separate processes), so a sheet
 * is read in a few whole-range calls — UsedRange, its Address, Value2, Formula — and never cell
 * by cell. Two things ET cannot hand over for a whole range are found by halving:
 *
 * - merged areas: `Range.MergeCells` is False when a range holds no merged cell (VBA reference
 *   "Range.MergeCells"; WPS airsheet.wps.cn Range/属性/MergeCells: 如果区域包含合并单元格,则为 True).
 *   Only False is relied on (what a mixed range gives is not documented by WPS). Every merged area
 *   has a cell besides its top-left one, and those cells are empty, so only empty cells are searched;
 *   one cell found merged gives the whole area through `MergeArea` (Range, MergeArea, Address: three
 *   calls), and its other cells are skipped. A range with a merge and at most PROBE_BELOW unknown
 *   cells is not halved further: each cell is asked directly (fewest calls on the corpus forms).
 * - number formats, which the core needs for figures only (95% stored as 0.95): `Range.NumberFormat`
 *   is Null when the cells differ (WPS airsheet DisplayFormat/属性/NumberFormat: 如果指定区域中的所有
 *   单元格不具有相同的数字格式,则此属性将返回 Null; VBA "Range.NumberFormat" likewise), so a column
 *   of figures in one format costs one call.
 */

/** The area a form can occupy, as the file readers keep it (GRID_LIMITS). */
const LIMIT: RangeRef = { top: 0, left: 0, bottom: GRID_LIMITS.rows - 1, right: GRID_LIMITS.cols - 1 };

/** A rectangle of the read area and what is known of each of its cells, row-major. */
class Area {
  readonly rows: number;
  readonly cols: number;
  constructor(readonly at: RangeRef) {
    this.rows = at.bottom - at.top + 1;
    this.cols = at.right - at.left + 1;
  }
  index(row: number, col: number): number {
    return (row - this.at.top) * this.cols + (col - this.at.left);
  }
  count(r: RangeRef, want: (i: number) => boolean): number {
    let n = 0;
    for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) if (want(this.index(row, col))) n++;
    return n;
  }
  /** The smallest rectangle inside `r` holding the cells `want` picks; null when none. */
  bound(r: RangeRef, want: (i: number) => boolean): RangeRef | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (let row = r.top; row <= r.bottom; row++)
      for (let col = r.left; col <= r.right; col++)
        if (want(this.index(row, col))) {
          if (row < top) top = row;
          if (row > bottom) bottom = row;
          if (col < left) left = col;
          if (col > right) right = col;
        }
    return bottom < 0 ? null : { top, left, bottom, right };
  }
}

/** The two halves of a rectangle of more than one cell, split across its longer side. */
function halves(r: RangeRef): [RangeRef, RangeRef] {
  if (r.bottom - r.top >= r.right - r.left) {
    const mid = Math.floor((r.top + r.bottom) / 2);
    return [
      { ...r, bottom: mid },
      { ...r, top: mid + 1 },
    ];
  }
  const mid = Math.floor((r.left + r.right) / 2);
  return [
    { ...r, right: mid },
    { ...r, left: mid + 1 },
  ];
}

/** Below this many unknown cells in a range holding a merge, each is asked for its area directly. */
const PROBE_BELOW = 4;

const single = (r: RangeRef): boolean => r.top === r.bottom && r.left === r.right;

/**
 * Visits the `open` cells of the area by halving: `settle` is handed the smallest rectangle that
 * holds the open cells of a part and answers whether it dealt with them all (one call to WPS
 * covered the rectangle); when not, the rectangle is halved and each half searched the same way.
 */
function halving(area: Area, open: (i: number) => boolean, settle: (b: RangeRef) => boolean): void {
  const search = (r: RangeRef): void => {
    const b = area.bound(r, open);
    if (!b || settle(b)) return;
    const [x, y] = halves(b);
    search(x);
    search(y);
  };
  search(area.at);
}

/** The merged areas that touch the read area, found through its empty cells. */
function findMerges(ws: EtWorksheet, area: Area, empty: boolean[]): string[] {
  const covered = new Uint8Array(empty.length);
  const found: string[] = [];
  const open = (i: number) => empty[i] && !covered[i];
  const cover = (m: RangeRef) => {
    for (let row = Math.max(m.top, area.at.top); row <= Math.min(m.bottom, area.at.bottom); row++)
      for (let col = Math.max(m.left, area.at.left); col <= Math.min(m.right, area.at.right); col++) covered[area.index(row, col)] = 1;
  };
  const probe = (cell: RangeRef, range: EtRange = ws.Range(a1(cell))): RangeRef | null => {
    const m = addressOf(range.MergeArea);
    cover(m ?? cell);
    if (!m || single(m)) return null;
    found.push(a1(m));
    follow(m);
    return m;
  };
  /**
   * Forms repeat their merges down the rows (the same columns merged on every indicator row, a
   * level-2 name over each group of rows): the cell just below an area, or the first cell that
   * is not the top-left of an area of the same height below it, is asked first, directly.
   */
  const follow = (m: RangeRef) => {
    for (const row of [m.bottom + 1, m.bottom + 2]) {
      if (row > area.at.bottom || m.left < area.at.left || m.left > area.at.right) continue;
      const col = m.left;
      if (!open(area.index(row, col))) continue;
      probe({ top: row, left: col, bottom: row, right: col });
      return;
    }
  };
  halving(area, open, (b) => {
    const range = ws.Range(a1(b));
    const merged: unknown = range.MergeCells;
    if (merged === false || merged === 0) return true;
    if (single(b)) {
      probe(b, range);
      return true;
    }
    // A few cells left: asking each for its area costs less than halving further.
    if (area.count(b, open) > PROBE_BELOW) return false;
    for (let row = b.top; row <= b.bottom; row++)
      for (let col = b.left; col <= b.right; col++) if (open(area.index(row, col))) probe({ top: row, left: col, bottom: row, right: col });
    return true;
  });
  return found;
}

/** Number formats of the figures in the read area (null elsewhere and for General). */
function findFormats(ws: EtWorksheet, area: Area, figure: boolean[]): (string | null)[] {
  const formats: (string | null)[] = new Array<string | null>(figure.length).fill(null);
  const known = new Uint8Array(figure.length);
  const open = (i: number) => figure[i] && !known[i];
  halving(area, open, (b) => {
    const f: unknown = ws.Range(a1(b)).NumberFormat;
    if (typeof f !== "string" && !single(b)) return false;
    const format = formatOf(f);
    for (let row = b.top; row <= b.bottom; row++)
      for (let col = b.left; col <= b.right; col++) {
        const i = area.index(row, col);
        if (!figure[i]) continue;
        formats[i] = format;
        known[i] = 1;
      }
    return true;
  });
  return formats;
}

const emptyGrid = (name: string): Grid => ({ sheet: name, origin: { row: 0, col: 0 }, values: [], numberFormats: [], merges: [] });

/** One sheet as the core's grid, within the area a form can occupy, with a note for what lies beyond. */
export function readWpsSheet(ws: EtWorksheet, name: string): { grid: Grid; notes: string[] } {
  const reach = addressOf(ws.UsedRange);
  if (!reach || reach.top > LIMIT.bottom || reach.left > LIMIT.right) {
    return { grid: emptyGrid(name), notes: reach && reach.top > LIMIT.bottom ? [beyondLimitsNote(name, toA1(reach.bottom, reach.right))] : [] };
  }
  const notes = reach.bottom > LIMIT.bottom || reach.right > LIMIT.right ? [beyondLimitsNote(name, toA1(reach.bottom, reach.right))] : [];
  const at: RangeRef = { top: reach.top, left: reach.left, bottom: Math.min(reach.bottom, LIMIT.bottom), right: Math.min(reach.right, LIMIT.right) };
  const area = new Area(at);
  const range = ws.Range(a1(at));
  const rawValues = matrixOf(range.Value2, area.rows, area.cols);
  const rawFormulas = matrixOf(range.Formula, area.rows, area.cols);

  const values: CellValue[][] = [];
  const formulas: (string | null)[][] = [];
  const empty: boolean[] = [];
  const figure: boolean[] = [];
  let anyFormula = false;
  let anyValue = false;
  for (let i = 0; i < area.rows; i++) {
    const vr: CellValue[] = [];
    const fr: (string | null)[] = [];
    for (let j = 0; j < area.cols; j++) {
      const rawF = rawFormulas[i]?.[j];
      const f = typeof rawF === "string" && rawF.startsWith("=") ? rawF : null;
      // A formula always has its result, "" included: keep it, so it is not read as unsaved.
      const v = f !== null && (rawValues[i]?.[j] === "" || rawValues[i]?.[j] === undefined || rawValues[i]?.[j] === null) ? "" : cellValue(rawValues[i]?.[j]);
      if (f) anyFormula = true;
      if (v !== null || f) anyValue = true;
      vr.push(v);
      fr.push(f);
      empty.push(v === null && f === null);
      figure.push(typeof v === "number");
    }
    values.push(vr);
    formulas.push(fr);
  }
  if (!anyValue) return { grid: emptyGrid(name), notes };
  const merges = findMerges(ws, area, empty);
  const flat = findFormats(ws, area, figure);
  const numberFormats = values.map((r, i) => r.map((_, j) => flat[i * area.cols + j]));
  return {
    grid: { sheet: name, origin: { row: at.top, col: at.left }, values, numberFormats, merges, ...(anyFormula ? { formulas } : {}) },
    notes,
  };
}

/** The sheets of the active workbook, in order, by name (1-based Item: VBA "Sheets.Item"). */
export function sheetList(app: EtApplication): { ws: EtWorksheet; name: string }[] {
  const wb = app.ActiveWorkbook;
  if (!wb) throw new HostError("WPS 中没有打开的工作簿。请先打开自评表。", "ItemNotFound");
  const sheets = wb.Worksheets;
  const n = sheets.Count;
  const out: { ws: EtWorksheet; name: string }[] = [];
  for (let i = 1; i <= n; i++) {
    const ws = sheets.Item(i) as EtWorksheet;
    out.push({ ws, name: ws.Name });
  }
  return out;
}

/** The active sheet and its name, or a Chinese error when no workbook is open. */
export function activeSheet(app: EtApplication): { ws: EtWorksheet; name: string } {
  if (!app.ActiveWorkbook) throw new HostError("WPS 中没有打开的工作簿。请先打开自评表。", "ItemNotFound");
  const ws = app.ActiveSheet as EtWorksheet;
  return { ws, name: ws.Name };
}

/** Values, formulas, number formats and merged areas of the active sheet or of every sheet but the add-in's own. */
export function readWpsWorkbook(app: EtApplication, scope: ReadScope, ours: (name: string) => boolean): WorkbookRead {
  const active = activeSheet(app);
  const chosen = scope === "active" ? [active] : sheetList(app).filter((s) => !ours(s.name));
  const grids: Grid[] = [];
  const notes: string[] = [];
  for (const s of chosen) {
    const r = readWpsSheet(s.ws, s.name);
    grids.push(r.grid);
    notes.push(...r.notes);
  }
  return { grids, activeSheet: active.name, notes };
}
