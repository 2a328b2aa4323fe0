import ExcelJS from "exceljs";
import { DetailedCellError, HyperFormula } from "hyperformula";
import type { RawCellContent } from "hyperformula";
import { toA1 } from "../../src/scoring/grid/address";
import type { CellValue, Grid } from "../../src/scoring/grid/grid";
import { worksheetToGrid } from "../readers/exceljs-grid";
import { registerJxzp } from "./jxzp-hyperformula";

/** `_xldudf_JXZP_SCORE(`, `_xlfn.IFNA(` as the file stores them → `JXZP.SCORE(`, `IFNA(` as the engine (and Office.js) writes them. */
export function engineFormula(fileFormula: string): string {
  return "=" + fileFormula.replace(/_xldudf_JXZP_([A-Z0-9_]+)\(/g, "JXZP.$1(").replace(/_xlfn\./g, "");
}

export interface ComputedSheet {
  /** The sheet as Excel would show it after calculation: the core's grid. */
  grid: Grid;
  /** Cells whose formula gives an error, with the error and its message. */
  errors: { cell: string; value: string; message: string }[];
  /** How many formula cells there were. */
  formulas: number;
}

function raw(cell: ExcelJS.Cell): RawCellContent {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "boolean") return v;
  // A leading apostrophe keeps text as text: `100%` typed as text stays text, as it does in the file.
  if (typeof v === "string") return `'${v}`;
  if (typeof v === "object" && "formula" in v && v.formula) return engineFormula(v.formula);
  if (typeof v === "object" && "richText" in v) return `'${v.richText.map((r) => r.text).join("")}`;
  throw new Error(`unexpected cell content at ${cell.address}`);
}

/** Calculates every formula of a worksheet in HyperFormula (JXZP functions registered) and returns the core's grid of it. */
export function computeWorksheet(ws: ExcelJS.Worksheet): ComputedSheet {
  registerJxzp();
  const base = worksheetToGrid(ws);
  const rows = base.values.length;
  const cols = base.values.reduce((m, r) => Math.max(m, r.length), 0);
  const contents: RawCellContent[][] = [];
  let formulas = 0;
  for (let r = 0; r < rows; r++) {
    const line: RawCellContent[] = [];
    for (let c = 0; c < cols; c++) {
      const cell = ws.getCell(r + 1, c + 1);
      const slave = cell.isMerged && cell.master.address !== cell.address;
      const content = slave ? null : raw(cell);
      if (typeof content === "string" && content.startsWith("=")) formulas++;
      line.push(content);
    }
    contents.push(line);
  }
  const hf = HyperFormula.buildFromSheets({ S: contents }, { licenseKey: "gpl-v3" });
  try {
    const computed = hf.getSheetValues(0);
    const errors: ComputedSheet["errors"] = [];
    const values: CellValue[][] = base.values.map((line, r) =>
      line.map((_, c) => {
        const v = computed[r]?.[c];
        if (v instanceof DetailedCellError) {
          errors.push({ cell: toA1(r, c), value: v.value, message: v.message });
          return v.value;
        }
        return v === undefined ? null : (v as CellValue);
      }),
    );
    return { grid: { ...base, values }, errors, formulas };
  } finally {
    hf.destroy();
  }
}

/** Loads .xlsx bytes and returns the named sheet (the first when no name is given). */
export async function loadSheet(data: Buffer, name?: string): Promise<{ wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const ws = name ? wb.getWorksheet(name) : wb.worksheets[0];
  if (!ws) throw new Error(`no sheet ${name ?? "(first)"}`);
  return { wb, ws };
}
