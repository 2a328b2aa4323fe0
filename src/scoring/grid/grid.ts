import { CellRef, parseRange, RangeRef, toA1 } from "./address";
import { callsJxzp } from "../formula/calls";
import { copyFormulaBy } from "../formula/copy";
import { plainNumber } from "../values/display";
import { isPlaceholder } from "../values/text";

/** What a cell holds as a host reports it: Excel has numbers, text, booleans and empties. */
export type CellValue = string | number | boolean | null;

/**
 * A cell of a shared formula (`<f t="shared">`): the text of its first cell, without `=`, and this
 * cell's offset from it. The cell's own text is spelled out only when it is read (formulaText), so
 * a long formula shared by many cells is held once, not once per cell.
 */
export interface SharedFormulaCell {
  shared: string;
  rows: number;
  cols: number;
}

/** A cell's formula as a grid holds it: its text (`=SUM(H13:H35)`), or a cell of a shared formula. */
export type GridFormula = string | SharedFormulaCell;

/**
 * A formula's text (`=G12*1`). With `limit`, at least that many characters of it, or all of it
 * when it is shorter: enough for a message that quotes its start.
 */
export function formulaText(f: GridFormula | null | undefined, limit = Infinity): string | null {
  if (f === null || f === undefined) return null;
  return typeof f === "string" ? f : `=${copyFormulaBy(f.shared, f.rows, f.cols, limit)}`;
}

/**
 * The text that says which functions a formula calls, without spelling a shared formula out: its
 * first cell's (moving a formula moves its references, never its function names). Null for none.
 */
export function formulaCalls(f: GridFormula | null | undefined): string | null {
  if (f === null || f === undefined) return null;
  return typeof f === "string" ? f : f.shared;
}

/**
 * One sheet as the core sees it. Both adapters (Office.js, .xlsx files) build this.
 * `values[i][j]` is the cell at row `origin.row + i`, column `origin.col + j` (0-based).
 * A merged area keeps its value in its top-left cell only; the others are null.
 */
export interface Grid {
  sheet: string;
  origin: { row: number; col: number };
  values: CellValue[][];
  /** Number formats in the same shape as values; missing or null means General. */
  numberFormats?: (string | null)[][];
  /** Merged areas as absolute A1 ranges (`A1:G1`). */
  merges: string[];
  /**
   * Formulas in the same shape as values (`=SUM(H13:H35)`), null where a cell holds none. A cell
   * with a formula and a null value is one whose result the file did not save.
   */
  formulas?: (GridFormula | null)[][];
}

/** Read access to a grid by absolute position, with the merges resolved once. */
export class Sheet {
  readonly name: string;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  readonly merges: RangeRef[];
  /**
   * The last row of the whole sheet: `bottom` too, except in a view of some of its rows (one of
   * several stacked forms), where rows below belong to the next form.
   */
  readonly sheetBottom: number;
  private readonly grid: Grid;
  /** The merged area at each cell of the grid, by row and column offset. */
  private readonly mergeIndex: (RangeRef | undefined)[][];
  private readonly texts: (string | undefined)[][];
  private readonly places: CellRef[][];

  constructor(grid: Grid, sheetBottom?: number) {
    this.grid = grid;
    this.name = grid.sheet;
    this.top = grid.origin.row;
    this.left = grid.origin.col;
    const width = grid.values.reduce((m, r) => Math.max(m, r.length), 0);
    this.bottom = this.top + grid.values.length - 1;
    this.right = this.left + width - 1;
    this.sheetBottom = Math.max(this.bottom, sheetBottom ?? this.bottom);
    this.texts = grid.values.map(() => []);
    this.places = grid.values.map(() => []);
    this.mergeIndex = grid.values.map(() => []);
    this.merges = [];
    for (const text of grid.merges) {
      const m = parseRange(text);
      if (!m) continue;
      this.merges.push(m);
      // Only the part inside the grid can be asked about.
      for (let r = Math.max(m.top, this.top); r <= Math.min(m.bottom, this.bottom); r++) {
        const row = this.mergeIndex[r - this.top];
        for (let c = Math.max(m.left, this.left); c <= Math.min(m.right, this.right); c++) row[c - this.left] = m;
      }
    }
  }

  /**
   * The same sheet seen through rows `top`..`bottom` only (absolute, 0-based): one of several forms
   * stacked on a sheet is read as if it were the whole sheet. Rows are shared, not copied.
   */
  rows(top: number, bottom: number): Sheet {
    const from = Math.max(0, top - this.top);
    const to = Math.max(from, Math.min(this.grid.values.length, bottom - this.top + 1));
    const g = this.grid;
    const part: Grid = {
      sheet: g.sheet,
      origin: { row: this.top + from, col: this.left },
      values: g.values.slice(from, to),
      numberFormats: g.numberFormats?.slice(from, to),
      formulas: g.formulas?.slice(from, to),
      merges: g.merges,
    };
    return new Sheet(part, this.sheetBottom);
  }

  value(row: number, col: number): CellValue {
    const r = this.grid.values[row - this.top];
    if (!r) return null;
    const v = r[col - this.left];
    return v === undefined || v === "" ? null : v;
  }

  /** A formula's result was saved (even an empty text); false for a formula the file has no value for. */
  hasResult(row: number, col: number): boolean {
    const v = this.grid.values[row - this.top]?.[col - this.left];
    return v !== null && v !== undefined;
  }

  /** The formula of a cell, or null; with `limit`, its first `limit` characters at least (see formulaText). */
  formula(row: number, col: number, limit?: number): string | null {
    return formulaText(this.grid.formulas?.[row - this.top]?.[col - this.left], limit);
  }

  /** Whether a cell holds a formula: asked often, and never spells a shared formula out. */
  hasFormula(row: number, col: number): boolean {
    const f = this.grid.formulas?.[row - this.top]?.[col - this.left];
    return f !== null && f !== undefined;
  }

  /**
   * Whether a cell's formula calls a JXZP function. A shared formula's cells call the functions
   * its first cell calls, so that text is asked, not each cell's own.
   */
  formulaCallsJxzp(row: number, col: number): boolean {
    return callsJxzp(formulaCalls(this.grid.formulas?.[row - this.top]?.[col - this.left]));
  }

  format(row: number, col: number): string | null {
    const f = this.grid.numberFormats?.[row - this.top]?.[col - this.left];
    return f ?? null;
  }

  /** The text of a cell, trimmed; "" for empties and placeholders. Cached: layout asks often. */
  text(row: number, col: number): string {
    const i = row - this.top;
    const j = col - this.left;
    const cached = this.texts[i]?.[j];
    if (cached !== undefined) return cached;
    const v = this.value(row, col);
    let s = v === null ? "" : typeof v === "number" ? plainNumber(v) : String(v).trim();
    // Only text can be a placeholder (`—`, `/`, `指标2:`).
    if (s && typeof v === "string" && isPlaceholder(s)) s = "";
    if (i >= 0 && j >= 0 && i < this.texts.length) this.texts[i][j] = s;
    return s;
  }

  /** The raw text of a cell (placeholders kept), trimmed. */
  rawText(row: number, col: number): string {
    const v = this.value(row, col);
    return v === null ? "" : typeof v === "number" ? plainNumber(v) : String(v).trim();
  }

  /**
   * The place of a cell as one shared object per cell: the reader names the same cells many
   * times (a row's cells by role, claims, findings) and need not make a new object each time.
   */
  at(row: number, col: number): CellRef {
    const i = row - this.top;
    const j = col - this.left;
    if (i < 0 || j < 0 || i >= this.places.length) return { row, col };
    const line = this.places[i];
    return (line[j] ??= { row, col });
  }

  mergeAt(row: number, col: number): RangeRef | null {
    return this.mergeIndex[row - this.top]?.[col - this.left] ?? null;
  }

  /** The value shown at a cell: a merged area's value shows in all its cells. */
  shownValue(row: number, col: number): CellValue {
    const m = this.mergeAt(row, col);
    return m ? this.value(m.top, m.left) : this.value(row, col);
  }

  shownText(row: number, col: number): string {
    const m = this.mergeAt(row, col);
    return m ? this.text(m.top, m.left) : this.text(row, col);
  }

  /** The column just right of a cell or of the merged area it lies in. */
  nextColumn(row: number, col: number): number {
    const m = this.mergeAt(row, col);
    return (m ? m.right : col) + 1;
  }

  a1(row: number, col: number): string {
    return toA1(row, col);
  }
}
