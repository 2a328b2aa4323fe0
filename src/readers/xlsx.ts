import ExcelJS from "exceljs";
import { parseRange, type RangeRef } from "../scoring/address";
import type { CellValue, Grid } from "../scoring/grid";
import { beyondLimitsNote, BuiltGrid, GRID_LIMITS, reachOfMerges } from "./grid-builder";
import { READ_LIMITS, ReadError } from "./read-error";
import type { ZipPackage } from "./zip-package";

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

/** The sheets' names by part (`xl/worksheets/sheet1.xml` → `项目自评表`), for messages. */
async function sheetNamesByPart(pkg: ZipPackage): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const wb = (await pkg.text("xl/workbook.xml")) ?? "";
  const rels = (await pkg.text("xl/_rels/workbook.xml.rels")) ?? "";
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /Id="([^"]+)"/.exec(m[0])?.[1];
    const target = /Target="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(m[0])?.[1];
    const id = /r:id="([^"]+)"/.exec(m[0])?.[1];
    if (name !== undefined && id && targets.has(id)) out.set(targets.get(id)!, xmlText(name));
  }
  return out;
}

function xmlText(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[e]!);
}

/**
 * What ExcelJS cannot survive, refused before it opens the file: no workbook part, and merged
 * areas so large that ExcelJS, which makes a cell object for each merged cell, would run out
 * of memory (A1:XFD1048576).
 */
async function preflight(pkg: ZipPackage): Promise<void> {
  if (!pkg.has(pkg.main && pkg.main.startsWith("xl/") ? pkg.main : "xl/workbook.xml")) throw new ReadError("corrupt-xlsx", { what: "缺少工作簿目录 xl/workbook.xml" });
  let names: Map<string, string> | null = null;
  for (const part of pkg.names) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(part)) continue;
    const xml = (await pkg.text(part)) ?? "";
    const at = xml.indexOf("<mergeCells");
    if (at < 0) continue;
    for (const m of xml.slice(at).matchAll(/<mergeCell\b[^>]*\bref="([^"]+)"/g)) {
      const r = parseRange(m[1]);
      if (!r || (r.bottom - r.top + 1) * (r.right - r.left + 1) <= READ_LIMITS.mergeCells) continue;
      names ??= await sheetNamesByPart(pkg);
      throw new ReadError("huge-merge", { sheet: names.get(part) ?? part, range: m[1] });
    }
  }
}

export interface XlsxWorkbook {
  grids: Grid[];
  notes: string[];
}

/** Reads an .xlsx already opened as a zip package. Throws ReadError for what it cannot read. */
export async function readXlsx(pkg: ZipPackage, bytes: Uint8Array | ArrayBuffer): Promise<XlsxWorkbook> {
  await preflight(pkg);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as ArrayBuffer);
  } catch {
    // ExcelJS's own words are English and name its internals: say what it means instead.
    throw new ReadError("corrupt-xlsx", { what: "内容不符合 .xlsx 格式，Excel 也可能无法打开" });
  }
  if (wb.worksheets.length === 0) throw new ReadError("no-sheets");
  const built = wb.worksheets.map(worksheetToBuiltGrid);
  return { grids: built.map((b) => b.grid), notes: built.flatMap((b) => (b.note ? [b.note] : [])) };
}

/** Reads an .xlsx file into one grid per sheet. Throws when the file is not a workbook. */
export async function readWorkbookFile(file: string): Promise<Grid[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map(worksheetToGrid);
}

export async function readWorkbookBuffer(data: ArrayBuffer | Buffer): Promise<Grid[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as ArrayBuffer);
  return wb.worksheets.map(worksheetToGrid);
}
