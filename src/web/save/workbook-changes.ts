import { toA1 } from "../../scoring/grid/address";
import type { CellValue } from "../../scoring/grid/grid";
import { fileFormula } from "../../cli/template-xlsx";
import type { MemoryWorkbook } from "../../taskpane/host/memory-workbook";
import type { CellEdit, SheetEdits } from "../../writers/xlsx-patch";

/** Each sheet's cells as opened: values and formulas by row and column. */
export type Snapshot = Map<string, { values: CellValue[][]; formulas: (string | null)[][] }>;

export function snapshotOf(wb: MemoryWorkbook): Snapshot {
  return new Map(wb.sheets.map((s) => [s.name, { values: s.values.map((r) => [...r]), formulas: s.formulas.map((r) => [...r]) }]));
}

const blank = (v: CellValue | undefined): CellValue => (v === undefined || v === "" ? null : v);

/**
 * What changed since the workbook was opened, as edits for the patch writer: a cell whose
 * formula or constant differs is written anew (a formula in the file's spelling, its result as
 * the cached value); a formula left as it was whose result changed (a total over filled scores)
 * keeps its formula and gets the new result. Sheets added in the page (a template) are not here:
 * the page saves only into sheets the file already has.
 */
export function changedCells(wb: MemoryWorkbook, opened: Snapshot): SheetEdits[] {
  const out: SheetEdits[] = [];
  for (const s of wb.sheets) {
    const was = opened.get(s.name);
    if (!was) continue;
    const edits: CellEdit[] = [];
    const rows = Math.max(s.values.length, s.formulas.length, was.values.length, was.formulas.length);
    for (let i = 0; i < rows; i++) {
      const cols = Math.max(s.values[i]?.length ?? 0, s.formulas[i]?.length ?? 0, was.values[i]?.length ?? 0, was.formulas[i]?.length ?? 0);
      for (let j = 0; j < cols; j++) {
        const f = s.formulas[i]?.[j] ?? null;
        const f0 = was.formulas[i]?.[j] ?? null;
        const v = blank(s.values[i]?.[j]);
        const v0 = blank(was.values[i]?.[j]);
        if (f === f0 && v === v0) continue;
        const cell = toA1(i, j);
        if (f !== null && f === f0) edits.push({ cell, kind: "cached", value: v });
        else edits.push({ cell, kind: "content", formula: f === null ? null : fileFormula(f), value: v });
      }
    }
    if (edits.length) out.push({ sheet: s.name, edits });
  }
  return out;
}

/** The changed cells by sheet, for telling the person what will be saved (`表1：H4、H5`). */
export function describeChanges(edits: SheetEdits[]): string {
  return edits.map((e) => `“${e.sheet}”${e.edits.length} 个单元格（${e.edits.slice(0, 8).map((x) => x.cell).join("、")}${e.edits.length > 8 ? "……" : ""}）`).join("；");
}
