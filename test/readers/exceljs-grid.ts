/**
 * The former .xlsx reader, ExcelJS with an adapter to the core's grid, kept as the reference the
 * new streaming reader is compared with (test/readers/xlsx-reader.test.ts) and for tests that
 * build a workbook with ExcelJS in memory. The CLI and the task pane no longer use it.
 */
import ExcelJS from "exceljs";
import { parseRange, type RangeRef } from "../../src/scoring/grid/address";
import type { CellValue, Grid } from "../../src/scoring/grid/grid";
import { beyondLimitsNote, BuiltGrid, GRID_LIMITS, reachOfMerges } from "../../src/readers/grid-builder";

/** Excel's serial day number for a date (1900 system), as Office.js reports date cells. */
function serial(d: Date): number {
  return (d.getTime() - Date.UTC(1899, 11, 30)) / 86400000;
}

/** One ExcelJS cell value as Excel would report it: merged slaves are read as empty by the caller. */
export function cellValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return serial(v);
  if (typeof v === "object") {
    if ("richText" in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join("");
    if ("error" in v) return String(v.error);
    if ("formula" in v || "sharedFormula" in v) {
      const result = (v as ExcelJS.CellFormulaValue).result;
      if (result === undefined || result === null) return null;
      if (typeof result === "object" && "error" in result) return String(result.error);
      return cellValue(result as ExcelJS.CellValue);
    }
    if ("text" in v) return String((v as ExcelJS.CellHyperlinkValue).text);
  }
  return String(v);
}

/** A cell's formula as Excel shows it (`=SUM(A1:A3)`), shared formulas translated, or null. */
function formulaOf(cell: ExcelJS.Cell): string | null {
  const v = cell.value;
  if (!v || typeof v !== "object" || v instanceof Date || !("formula" in v || "sharedFormula" in v)) return null;
  let f: unknown;
  try {
    f = cell.formula;
  } catch {
    f = (v as { formula?: string }).formula;
  }
  return typeof f === "string" && f ? `=${f}` : null;
}

/**
 * A sheet of a workbook as the core's grid, anchored at A1 and spanning the cells that hold
 * something (within GRID_LIMITS). ExcelJS repeats a merged area's value in every cell of the
 * merge; Excel keeps it in the top-left cell only, and so does this adapter.
 */
export function worksheetToBuiltGrid(ws: ExcelJS.Worksheet): BuiltGrid {
  const merges: string[] = [...(((ws as unknown as { model: { merges?: string[] } }).model.merges) ?? [])];
  let rows = 0;
  let cols = 0;
  let dropped: string | null = null;
  ws.eachRow({ includeEmpty: false }, (row, r) =>
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.type === ExcelJS.ValueType.Merge) return;
      if (r > GRID_LIMITS.rows || c > GRID_LIMITS.cols) {
        dropped ??= cell.address;
        return;
      }
      rows = Math.max(rows, r);
      cols = Math.max(cols, c);
    }),
  );
  ({ rows, cols } = reachOfMerges(rows, cols, merges.map(parseRange).filter((m): m is RangeRef => m !== null)));
  const values: CellValue[][] = [];
  const numberFormats: (string | null)[][] = [];
  const formulas: (string | null)[][] = [];
  let anyFormula = false;
  for (let r = 1; r <= rows; r++) {
    const vr: CellValue[] = [];
    const fr: (string | null)[] = [];
    const xr: (string | null)[] = [];
    const row = ws.getRow(r);
    for (let c = 1; c <= cols; c++) {
      const cell = row.getCell(c);
      const slave = cell.isMerged && cell.master.address !== cell.address;
      vr.push(slave ? null : cellValue(cell.value));
      fr.push(cell.numFmt ? cell.numFmt : null);
      const f = slave ? null : formulaOf(cell);
      if (f) anyFormula = true;
      xr.push(f);
    }
    values.push(vr);
    numberFormats.push(fr);
    formulas.push(xr);
  }
  const inside = merges.filter((t) => {
    const m = parseRange(t);
    return m !== null && m.top < GRID_LIMITS.rows && m.left < GRID_LIMITS.cols;
  });
  const grid: Grid = { sheet: ws.name, origin: { row: 0, col: 0 }, values, numberFormats, merges: inside, ...(anyFormula ? { formulas } : {}) };
  return dropped ? { grid, note: beyondLimitsNote(ws.name, dropped) } : { grid };
}

export function worksheetToGrid(ws: ExcelJS.Worksheet): Grid {
  return worksheetToBuiltGrid(ws).grid;
}

/** A workbook's bytes read by ExcelJS, one built grid per worksheet, as readXlsx did before. */
export async function readWithExcelJS(bytes: Uint8Array): Promise<BuiltGrid[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb.worksheets.map(worksheetToBuiltGrid);
}
