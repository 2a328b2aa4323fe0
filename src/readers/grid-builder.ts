import { rangeToA1, toA1 } from "../scoring/grid/address";
import type { CellValue, Grid, GridFormula } from "../scoring/grid/grid";

/**
 * How much of a sheet the readers hold. A form is a few hundred rows by a few dozen columns; a
 * cell far beyond (a stray mark at XFD1048576) would otherwise make a grid of billions of cells.
 */
export const GRID_LIMITS = { rows: 10000, cols: 200 };

/** What a reader could not keep, said in Chinese beside the results. */
export function beyondLimitsNote(sheet: string, cell: string): string {
  return `工作表“${sheet}”在 ${cell} 等处有超出读取范围（前 ${GRID_LIMITS.rows} 行、前 ${GRID_LIMITS.cols} 列）的内容，已忽略；自评表不会在那里。`;
}

/** How many merged areas one sheet may have read (.xlsx and .xls): a form has tens, a large real sheet thousands. */
export const MERGE_LIMIT = 100_000;

/** Said when a sheet has more merged areas than MERGE_LIMIT. */
export function tooManyMergesNote(sheet: string, extra: number): string {
  return `工作表“${sheet}”的合并区域超过 ${MERGE_LIMIT / 1e4} 万个，其后的 ${extra} 个未读取`;
}

export interface BuiltGrid {
  grid: Grid;
  /** Set when cells beyond GRID_LIMITS were dropped. */
  note?: string;
}

interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** How many sheets of one workbook the readers read: a workbook of forms has tens, never thousands. */
export const SHEET_LIMIT = 1000;

/** Said when a workbook lists more sheets than SHEET_LIMIT. */
export function tooManySheetsNote(total: number): string {
  return `工作簿有 ${total} 个工作表，只读取了前 ${SHEET_LIMIT} 个；其余的已忽略。`;
}

/** Said when two sheet entries of a workbook name the same content: it is read once. */
export function sameContentNote(sheet: string, first: string): string {
  return `工作表“${sheet}”与“${first}”指向同一份内容，只读取一次。`;
}

/**
 * Collects the cells a reader finds, in any order, into a grid anchored at A1 that spans the cells
 * holding something (and the merged areas starting among them), within GRID_LIMITS. Only cells
 * with a value or a formula are kept, with their number format: a sheet formatted over
 * A1:GR10000 around a small form holds two million styled empty cells, and the checker reads
 * the format of a value only.
 */
export class GridBuilder {
  private readonly cells = new Map<number, { v: CellValue; f: GridFormula | null; x: string | null }>();
  private readonly merges: Merge[] = [];
  private lastRow = -1;
  private lastCol = -1;
  private dropped: string | null = null;

  private key(row: number, col: number): number {
    return row * 16384 + col;
  }

  /**
   * A cell at 0-based row and column; an empty value with no formula is not kept (a later empty
   * cell at the same place replaces an earlier one, as it does in Excel). A formula's empty text
   * is kept: it is a saved result, unlike a formula with none (null).
   */
  set(row: number, col: number, value: CellValue, format: string | null = null, formula: GridFormula | null = null): void {
    const filled = (value !== null && value !== "") || formula !== null;
    if (row >= GRID_LIMITS.rows || col >= GRID_LIMITS.cols) {
      if (filled && !this.dropped) this.dropped = toA1(row, col);
      return;
    }
    if (!filled) {
      if (this.cells.size > 0) this.cells.delete(this.key(row, col));
      return;
    }
    this.cells.set(this.key(row, col), { v: value === "" && formula === null ? null : value, f: formula, x: format });
    if (row > this.lastRow) this.lastRow = row;
    if (col > this.lastCol) this.lastCol = col;
  }

  merge(top: number, left: number, bottom: number, right: number): void {
    if (bottom < top || right < left || (bottom === top && right === left)) return;
    this.merges.push({ top, left, bottom, right });
  }

  build(sheet: string): BuiltGrid {
    // Readers say what they drop; the builder only makes sure no cell is under two areas, so
    // that clearing the areas below visits each cell once.
    const areas = disjointMerges(this.merges).kept;
    const { rows, cols } = reachOfMerges(this.lastRow + 1, this.lastCol + 1, areas);
    const values: CellValue[][] = [];
    const numberFormats: (string | null)[][] = [];
    const formulas: (GridFormula | null)[][] = [];
    let anyFormula = false;
    for (let r = 0; r < rows; r++) {
      const vr: CellValue[] = new Array(cols).fill(null);
      const xr: (string | null)[] = new Array(cols).fill(null);
      const fr: (GridFormula | null)[] = new Array(cols).fill(null);
      for (let c = 0; c < cols; c++) {
        const cell = this.cells.get(this.key(r, c));
        if (!cell) continue;
        vr[c] = cell.v;
        xr[c] = cell.x;
        if (cell.f) {
          fr[c] = cell.f;
          anyFormula = true;
        }
      }
      values.push(vr);
      numberFormats.push(xr);
      formulas.push(fr);
    }
    // Excel keeps a merged area's value and formula in its top-left cell only. The areas do not
    // overlap, so this visits each cell of the (bounded) grid at most once.
    for (const m of areas) {
      for (let r = m.top; r <= Math.min(m.bottom, rows - 1); r++) {
        for (let c = r === m.top ? m.left + 1 : m.left; c <= Math.min(m.right, cols - 1); c++) {
          values[r][c] = null;
          formulas[r][c] = null;
        }
      }
    }
    if (anyFormula) anyFormula = formulas.some((row) => row.some((f) => f !== null));
    // A merged area is kept as its part within the grid: A1:XFD1048576 over one filled cell would
    // otherwise send every host that walks a merge (the preview's grid view) over 17 billion cells.
    const merges = areas
      .filter((m) => m.top < rows && m.left < cols && (Math.min(m.bottom, rows - 1) > m.top || Math.min(m.right, cols - 1) > m.left))
      .map((m) => rangeToA1({ top: m.top, left: m.left, bottom: Math.min(m.bottom, rows - 1), right: Math.min(m.right, cols - 1) }));
    const grid: Grid = { sheet, origin: { row: 0, col: 0 }, values, numberFormats, merges, ...(anyFormula ? { formulas } : {}) };
    return this.dropped ? { grid, note: beyondLimitsNote(sheet, this.dropped) } : { grid };
  }
}

/** How many rows past the filled cells a merged area may carry the grid (a note merged over a few rows). */
export const MERGE_REACH_ROWS = 100;

/**
 * The extent of a grid of filled cells, widened by the merged areas that start among them: a
 * title merged across A1:I1 belongs to the table and must reach I even when only A1 holds text.
 * A merge carries the grid at most MERGE_REACH_ROWS rows past the filled ones: a 2 KB file
 * merging A1:XFD1048576 must not make a grid of the whole sheet (its cells are all empty).
 */
export function reachOfMerges(rows: number, cols: number, merges: Iterable<{ top: number; left: number; bottom: number; right: number }>): { rows: number; cols: number } {
  let r = rows;
  let c = cols;
  const rowCap = Math.min(rows + MERGE_REACH_ROWS, GRID_LIMITS.rows);
  for (const m of merges) {
    if (m.top >= rows || m.left >= cols) continue;
    r = Math.max(r, Math.min(m.bottom + 1, rowCap));
    c = Math.max(c, Math.min(m.right + 1, GRID_LIMITS.cols));
  }
  return { rows: r, cols: c };
}

/**
 * The merged areas without those that share a cell with an earlier one (by top row, then as
 * given), within GRID_LIMITS; each dropped area is given with the kept one it overlaps, as A1
 * ranges. Excel never writes two areas over one cell. Swept by rows: the kept areas open on a
 * row are disjoint there, so there are never more than GRID_LIMITS.cols of them to compare a new
 * one with, and 10,000 copies of one area cost no more than 10,000 distinct ones.
 */
export function disjointMerges<M extends Merge>(merges: readonly M[]): { kept: M[]; dropped: [string, string][] } {
  const keep = new Uint8Array(merges.length);
  const dropped: [string, string][] = [];
  const inside = merges.map((m, i) => i).filter((i) => merges[i].top < GRID_LIMITS.rows && merges[i].left < GRID_LIMITS.cols);
  inside.sort((a, b) => merges[a].top - merges[b].top || a - b);
  let open: M[] = [];
  for (const i of inside) {
    const m = merges[i];
    open = open.filter((o) => o.bottom >= m.top);
    const over = open.find((o) => o.left <= m.right && m.left <= o.right);
    if (over) {
      dropped.push([rangeToA1(over), rangeToA1(m)]);
      continue;
    }
    open.push(m);
    keep[i] = 1;
  }
  // In the order given, as the file lists them.
  return { kept: merges.filter((_, i) => keep[i] === 1), dropped };
}

/** Two merged areas that share a cell within GRID_LIMITS, as A1 ranges, or null. Excel refuses such a file until repaired. */
export function mergeOverlap(merges: readonly Merge[]): [string, string] | null {
  return disjointMerges(merges).dropped[0] ?? null;
}
