import { parseA1, parseRange, rangeToA1 } from "../../scoring/grid/address";
import type { Severity } from "../../scoring/findings/findings";
import type { CellValue, Grid } from "../../scoring/grid/grid";
import type { CellContent } from "./cell-content";
import { formulaAfterEdit, refAfterEdit, type SheetEdit } from "./cell-refs";

/** One sheet of the in-memory workbook, addressed from A1 (0-based rows and columns). */
export interface MemorySheet {
  name: string;
  values: CellValue[][];
  formulas: (string | null)[][];
  numberFormats: (string | null)[][];
  merges: string[];
  /** The add-in's highlights: a layer of its own, like Excel's conditional formats. */
  marks: Map<string, Severity>;
  protected: boolean;
}

/** Computes a formula's value for the preview (the add-in itself leaves this to Excel). */
export interface FormulaEngine {
  /** undefined: this engine cannot compute the formula; the cell keeps the value it has. */
  evaluate(formula: string, sheet: MemorySheet, workbook: MemoryWorkbook): CellValue | undefined;
}

/** What changed: content (cells) re-validates in live mode; view (selection, marks, active sheet) only redraws. */
export type ChangeKind = "content" | "view";

/** Reads typed text as Excel does: `=…` formula, `'…` text, numbers, percentages, TRUE/FALSE. */
export function parseInput(input: string | number | boolean): { formula: string | null; value: CellValue; percent: boolean } {
  if (typeof input !== "string") return { formula: null, value: input, percent: false };
  if (input.startsWith("=") && input.length > 1) return { formula: input, value: null, percent: false };
  if (input.startsWith("'")) return { formula: null, value: input.slice(1) === "" ? null : input.slice(1), percent: false };
  const t = input.trim();
  if (t === "") return { formula: null, value: null, percent: false };
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return { formula: null, value: Number(t), percent: false };
  const pc = /^([-+]?(\d+\.?\d*|\.\d+))%$/.exec(t);
  // Percentages: the figure as a ratio, as Excel stores 95% (display only; no arithmetic beyond the shift).
  if (pc) return { formula: null, value: Number(`${pc[1]}e-2`), percent: true };
  if (/^(true|false)$/i.test(t)) return { formula: null, value: t.toUpperCase() === "TRUE", percent: false };
  return { formula: null, value: input, percent: false };
}

function ensure<T>(rows: T[][], row: number, col: number, empty: T): void {
  while (rows.length <= row) rows.push([]);
  const r = rows[row];
  while (r.length <= col) r.push(empty);
}

/** A workbook held in memory for preview.html: the same cells, merges and document parts Excel would keep. */
export class MemoryWorkbook {
  sheets: MemorySheet[] = [];
  activeSheet = "";
  selection: { sheet: string; cell: string } | null = null;
  /**
   * The cells the last fill, undo or inserted form wrote, for the preview to bring into view (a
   * person looks at what was just written). Not Excel's selection: writing selects nothing.
   */
  revealed: { sheet: string; cells: string[]; seq: number } | null = null;
  /** Custom XML parts by namespace, as Excel keeps them with the file. */
  readonly parts = new Map<string, string>();
  /** Defined names and their formulas (`='表'!$H$4`), moved with the cells as Excel moves them. */
  readonly names = new Map<string, string>();
  engine: FormulaEngine | null = null;
  /** Test hook: the next write batch fails half-way, as Excel may fail mid-batch. */
  failNextWrite = false;
  /** Test hook: reads take this long, as a slow Excel would. */
  readDelayMs = 0;
  private readonly listeners = new Set<(kind: ChangeKind) => void>();
  private version = 0;

  static fromGrids(grids: Grid[], formulas: Map<string, Map<string, string>> = new Map()): MemoryWorkbook {
    const wb = new MemoryWorkbook();
    for (const g of grids) {
      const s: MemorySheet = { name: g.sheet, values: [], formulas: [], numberFormats: [], merges: [...g.merges], marks: new Map(), protected: false };
      g.values.forEach((row, i) =>
        row.forEach((v, j) => {
          const r = g.origin.row + i;
          const c = g.origin.col + j;
          if (v !== null && v !== "") {
            ensure(s.values, r, c, null);
            s.values[r][c] = v;
          }
          const f = g.numberFormats?.[i]?.[j];
          if (f) {
            ensure(s.numberFormats, r, c, null);
            s.numberFormats[r][c] = f;
          }
        }),
      );
      for (const [cell, formula] of formulas.get(g.sheet) ?? []) {
        const p = parseA1(cell);
        if (!p) continue;
        ensure(s.formulas, p.row, p.col, null);
        s.formulas[p.row][p.col] = formula;
      }
      wb.sheets.push(s);
    }
    wb.activeSheet = wb.sheets[0]?.name ?? "";
    return wb;
  }

  get changeCount(): number {
    return this.version;
  }

  sheet(name: string): MemorySheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  subscribe(listener: (kind: ChangeKind) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Marks cells as just written (see `revealed`); the next emit lets the view show them. */
  reveal(sheet: string, cells: string[]): void {
    this.revealed = { sheet, cells, seq: (this.revealed?.seq ?? 0) + 1 };
  }

  emit(kind: ChangeKind): void {
    this.version++;
    for (const l of [...this.listeners]) l(kind);
  }

  /** Rows and columns in use, from A1 (Excel's used range starts at its first used cell; A1 keeps it simple). */
  extent(s: MemorySheet): { rows: number; cols: number } {
    let rows = 0;
    let cols = 0;
    const grow = (arr: unknown[][]) =>
      arr.forEach((r, i) =>
        r.forEach((v, j) => {
          if (v !== null && v !== undefined) {
            rows = Math.max(rows, i + 1);
            cols = Math.max(cols, j + 1);
          }
        }),
      );
    grow(s.values);
    grow(s.formulas);
    for (const m of s.merges) {
      const r = parseRange(m);
      if (r) {
        rows = Math.max(rows, r.bottom + 1);
        cols = Math.max(cols, r.right + 1);
      }
    }
    return { rows, cols };
  }

  /** The sheet as the core's grid: values, number formats, merges. */
  grid(s: MemorySheet): Grid {
    const { rows, cols } = this.extent(s);
    const values: CellValue[][] = [];
    const numberFormats: (string | null)[][] = [];
    const formulas: (string | null)[][] = [];
    let anyFormula = false;
    for (let i = 0; i < rows; i++) {
      const vr: CellValue[] = [];
      const fr: (string | null)[] = [];
      const xr: (string | null)[] = [];
      for (let j = 0; j < cols; j++) {
        const f = s.formulas[i]?.[j] ?? null;
        if (f) anyFormula = true;
        // As in Excel, a formula always has its result, "" included.
        vr.push(s.values[i]?.[j] ?? (f ? "" : null));
        fr.push(s.numberFormats[i]?.[j] ?? null);
        xr.push(f);
      }
      values.push(vr);
      numberFormats.push(fr);
      formulas.push(xr);
    }
    return { sheet: s.name, origin: { row: 0, col: 0 }, values, numberFormats, merges: [...s.merges], ...(anyFormula ? { formulas } : {}) };
  }

  content(s: MemorySheet, cell: string): CellContent {
    const p = parseA1(cell);
    if (!p) return { formula: null, value: null };
    return { formula: s.formulas[p.row]?.[p.col] ?? null, value: s.values[p.row]?.[p.col] ?? null };
  }

  /** Puts typed text (or a formula) into a cell, as `range.formulas = [[input]]` would; no event. */
  put(s: MemorySheet, cell: string, input: string | number | boolean, value?: CellValue): void {
    const p = parseA1(cell);
    if (!p) return;
    const parsed = parseInput(input);
    ensure(s.values, p.row, p.col, null);
    ensure(s.formulas, p.row, p.col, null);
    s.formulas[p.row][p.col] = parsed.formula;
    s.values[p.row][p.col] = parsed.formula !== null ? (value ?? null) : parsed.value;
    if (parsed.percent && !s.numberFormats[p.row]?.[p.col]) {
      ensure(s.numberFormats, p.row, p.col, null);
      s.numberFormats[p.row][p.col] = "0%";
    }
  }

  /** Recomputes every formula cell with the engine, a few passes so chains (score → total → grade) settle. */
  recalc(): void {
    if (!this.engine) return;
    for (let pass = 0; pass < 4; pass++) {
      let changed = false;
      for (const s of this.sheets)
        s.formulas.forEach((row, i) =>
          row.forEach((f, j) => {
            if (!f) return;
            const v = this.engine!.evaluate(f, s, this);
            if (v === undefined) return;
            if (s.values[i][j] !== v) {
              s.values[i][j] = v;
              changed = true;
            }
          }),
        );
      if (!changed) break;
    }
  }

  /** Typing into a cell: puts, recalculates, tells listeners. */
  type(sheetName: string, cell: string, input: string | number | boolean): void {
    const s = this.sheet(sheetName);
    if (!s) return;
    this.put(s, cell, input);
    this.recalc();
    this.emit("content");
  }

  /**
   * Inserts (count > 0) or deletes (count < 0) whole rows or columns at a 0-based index, as Excel
   * does: cells below (or right) move, merges move, grow or shrink, references in every formula
   * and defined name move with them, and references to deleted cells read #REF!.
   */
  editSheet(sheetName: string, axis: "row" | "col", at: number, count: number): void {
    const s = this.sheet(sheetName);
    if (!s || count === 0 || at < 0) return;
    const edit: SheetEdit = { sheet: s.name, axis, at, count };
    const splice = <T>(rows: T[][], empty: T) => {
      if (axis === "row") {
        if (count > 0) {
          if (rows.length > at) rows.splice(at, 0, ...Array.from({ length: count }, () => [] as T[]));
        } else rows.splice(at, -count);
      } else
        for (const r of rows) {
          if (r.length <= at) continue;
          if (count > 0) r.splice(at, 0, ...Array.from({ length: count }, () => empty));
          else r.splice(at, -count);
        }
    };
    splice(s.values, null);
    splice(s.formulas, null);
    splice(s.numberFormats, null);
    s.merges = s.merges.flatMap((m) => {
      const at = parseRange(m);
      const moved = at ? refAfterEdit(rangeToA1(at), edit) : null;
      const r = moved ? parseRange(moved) : null;
      // A merge cut down to one cell is no merge.
      return r && (r.bottom > r.top || r.right > r.left) ? [moved!] : [];
    });
    const marks = [...s.marks];
    s.marks.clear();
    for (const [cell, severity] of marks) {
      const moved = refAfterEdit(cell, edit);
      if (moved) s.marks.set(moved, severity);
    }
    for (const sh of this.sheets) for (const row of sh.formulas) row.forEach((f, j) => f && (row[j] = formulaAfterEdit(f, sh.name, edit)));
    for (const [name, f] of this.names) this.names.set(name, formulaAfterEdit(f, "", edit));
    if (this.selection?.sheet === s.name) {
      const moved = refAfterEdit(this.selection.cell, edit);
      this.selection = moved ? { sheet: s.name, cell: moved } : null;
    }
    this.recalc();
    this.emit("content");
  }

  addSheet(s: MemorySheet): void {
    this.sheets.push(s);
  }
}
