import { parseRange, toA1 } from "../../scoring/grid/address";
import type { SheetBuild } from "../../scoring/templates/sheet-build";
import { uniqueSheetName } from "../../scoring/templates/sheet-name";
import { contentInput } from "./cell-content";
import type { MemorySheet, MemoryWorkbook } from "./memory-workbook";

/**
 * A SheetBuild as a new sheet of the in-memory workbook: contents (text kept as text),
 * merges and number formats; fonts, widths and print setup are Excel's business. Returns the name.
 */
export function addSheetBuild(wb: MemoryWorkbook, build: SheetBuild): string {
  const name = uniqueSheetName(
    build.name,
    wb.sheets.map((s) => s.name),
  );
  const sheet: MemorySheet = { name, values: [], formulas: [], numberFormats: [], merges: [...build.merges], marks: new Map(), protected: false };
  for (const area of build.areas) {
    const r = parseRange(area.range);
    const format = build.styles[area.style]?.numberFormat;
    if (!r || !format) continue;
    for (let row = r.top; row <= r.bottom; row++) {
      while (sheet.numberFormats.length <= row) sheet.numberFormats.push([]);
      for (let col = r.left; col <= r.right; col++) sheet.numberFormats[row][col] = format === "General" ? null : format;
    }
  }
  for (const [cell, c] of Object.entries(build.cells)) wb.put(sheet, cell, "formula" in c ? c.formula : contentInput({ formula: null, value: c.value }));
  wb.addSheet(sheet);
  wb.activeSheet = name;
  wb.selection = { sheet: name, cell: toA1(0, 0) };
  wb.reveal(name, [toA1(0, 0)]);
  wb.recalc();
  wb.emit("content");
  return name;
}
