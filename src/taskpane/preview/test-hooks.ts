import { toA1 } from "../../scoring/grid/address";
import type { Grid } from "../../scoring/grid/grid";
import { MemoryWorkbook } from "../host/memory-workbook";

/**
 * `window.__jxzpPreview`: what the browser tests use to look inside the in-memory workbook and to
 * stage what Excel would do (a cell typed, a sheet protected or deleted, a batch failing).
 * The preview page and the web page's filling view only (both work on an in-memory workbook the
 * person opened; the hook reaches nothing else and sends nothing anywhere): the add-in has no such hook.
 */
export interface PreviewHooks {
  sheets(): string[];
  activeSheet(): string;
  cell(sheet: string, cell: string): { value: unknown; formula: string | null };
  /** Every non-empty cell of a sheet as [address, value, formula]. */
  dump(sheet: string): [string, unknown, string | null][];
  setCell(sheet: string, cell: string, input: string | number | boolean): void;
  selection(): { sheet: string; cell: string } | null;
  marks(sheet: string): [string, string][];
  activate(sheet: string): void;
  protect(sheet: string, on: boolean): void;
  deleteSheet(sheet: string): void;
  failNextWrite(): void;
  slowRead(ms: number): void;
  loadGrids(grids: Grid[], name: string): void;
  reopenPane(): void;
  changeCount(): number;
}

declare global {
  interface Window {
    __jxzpPreview?: PreviewHooks;
  }
}

export function installTestHooks(env: { workbook: () => MemoryWorkbook; load: (wb: MemoryWorkbook, name: string) => void; reopenPane: () => void }): () => void {
  const wb = env.workbook;
  const hooks: PreviewHooks = {
    sheets: () => wb().sheets.map((s) => s.name),
    activeSheet: () => wb().activeSheet,
    cell: (sheet, cell) => {
      const s = wb().sheet(sheet);
      return s ? wb().content(s, cell) : { value: null, formula: null };
    },
    dump: (sheet) => {
      const s = wb().sheet(sheet);
      if (!s) return [];
      const { rows, cols } = wb().extent(s);
      const out: [string, unknown, string | null][] = [];
      for (let i = 0; i < rows; i++)
        for (let j = 0; j < cols; j++) {
          const v = s.values[i]?.[j] ?? null;
          const f = s.formulas[i]?.[j] ?? null;
          if (v !== null || f !== null) out.push([toA1(i, j), v, f]);
        }
      return out;
    },
    setCell: (sheet, cell, input) => wb().type(sheet, cell, input),
    selection: () => wb().selection,
    marks: (sheet) => [...(wb().sheet(sheet)?.marks ?? new Map<string, string>())],
    activate: (sheet) => {
      wb().activeSheet = sheet;
      wb().emit("view");
    },
    protect: (sheet, on) => {
      const s = wb().sheet(sheet);
      if (s) s.protected = on;
      wb().emit("view");
    },
    deleteSheet: (sheet) => {
      const w = wb();
      w.sheets = w.sheets.filter((s) => s.name !== sheet);
      if (w.activeSheet === sheet) w.activeSheet = w.sheets[0]?.name ?? "";
      w.emit("content");
    },
    failNextWrite: () => {
      wb().failNextWrite = true;
    },
    slowRead: (ms) => {
      wb().readDelayMs = ms;
    },
    loadGrids: (grids, name) => env.load(MemoryWorkbook.fromGrids(grids), name),
    reopenPane: env.reopenPane,
    changeCount: () => wb().changeCount,
  };
  window.__jxzpPreview = hooks;
  return () => {
    if (window.__jxzpPreview === hooks) delete window.__jxzpPreview;
  };
}
