import type ExcelJS from "exceljs";
import { loadExcelJS } from "./excel-writer";
import { PROGRAM_NAME, PROGRAM_STAMP } from "../program";
import { absoluteRef } from "../scoring/formula/absolute";
import { renameCalls } from "../scoring/formula/calls";
import { parseRange } from "../scoring/grid/address";
import type { CellStyle, SheetBuild } from "../scoring/templates/sheet-build";
import { uniqueSheetName } from "../scoring/templates/sheet-name";

/**
 * A SheetBuild as an .xlsx worksheet (ExcelJS), with everything a printed form needs:
 * merges, widths, heights, fonts, borders, wrap, number formats, frozen rows, A4 landscape
 * one page wide, and the 方向 drop-down.
 */

const CM_PER_INCH = 2.54;
/** GB2312: tells Excel the font is a Chinese one, so a missing 宋体 falls back to a Chinese font. */
const CHARSET_GB2312 = 134;

/**
 * A formula as the .xlsx file stores it. Office.js takes `=JXZP.SCORE(...)`; the file format
 * keeps an add-in's custom function as `_xldudf_JXZP_SCORE(...)` (namespace and name joined by
 * `_`, as Excel itself saves them), which Excel resolves to the add-in's function when the
 * add-in is loaded (and shows as #NAME? where it is not).
 */
export function fileFormula(formula: string): string {
  return renameCalls(formula.startsWith("=") ? formula.slice(1) : formula, (name) => {
    const id = /^JXZP\.([A-Z][A-Z0-9_]*)$/.exec(name);
    if (id) return `_xldudf_JXZP_${id[1]}`;
    // Functions newer than Excel 2007 carry the _xlfn. prefix in the file, or Excel shows #NAME?.
    return name === "IFNA" ? "_xlfn.IFNA" : null;
  });
}

function font(s: CellStyle): Partial<ExcelJS.Font> {
  return { name: s.font.name, size: s.font.size, bold: s.font.bold, charset: CHARSET_GB2312 };
}

function alignment(s: CellStyle): Partial<ExcelJS.Alignment> {
  return { horizontal: s.horizontal, vertical: s.vertical, wrapText: s.wrap };
}

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};

/** Adds the sheet a SheetBuild describes to a workbook, under `name` (default: the build's own). */
export function addTemplateSheet(wb: ExcelJS.Workbook, build: SheetBuild, name = build.name): ExcelJS.Worksheet {
  const p = build.print;
  const inches = (cm: number) => Math.round((cm / CM_PER_INCH) * 1000) / 1000;
  const ws = wb.addWorksheet(name, {
    views: build.frozenRows > 0 ? [{ state: "frozen", xSplit: 0, ySplit: build.frozenRows, topLeftCell: `A${build.frozenRows + 1}` }] : [],
    pageSetup: {
      paperSize: 9, // A4
      orientation: p.orientation,
      fitToPage: true,
      fitToWidth: p.fitToWidth,
      fitToHeight: p.fitToHeight,
      horizontalCentered: p.horizontallyCentered,
      margins: {
        top: inches(p.margins.top),
        bottom: inches(p.margins.bottom),
        left: inches(p.margins.left),
        right: inches(p.margins.right),
        header: inches(p.margins.header),
        footer: inches(p.margins.footer),
      },
      // ExcelJS puts `$` before each end of the range; `A$1` makes both ends fully absolute.
      printArea: absoluteRef(build.extent),
      ...(p.repeatRows ? { printTitlesRow: p.repeatRows } : {}),
    },
  });
  // ExcelJS leaves out a width of exactly 9 (its default), which Excel would show as 8.43.
  build.columnWidths.forEach((w, i) => (ws.getColumn(i + 1).width = w === 9 ? 9.01 : w));
  for (const [row, h] of Object.entries(build.rowHeights)) ws.getRow(Number(row)).height = h;

  for (const [a1, content] of Object.entries(build.cells)) {
    const cell = ws.getCell(a1);
    cell.value = "formula" in content ? { formula: fileFormula(content.formula) } : content.value;
  }
  for (const area of build.areas) {
    const style = build.styles[area.style];
    const r = parseRange(area.range);
    if (!style || !r) continue;
    for (let row = r.top; row <= r.bottom; row++)
      for (let col = r.left; col <= r.right; col++) {
        const cell = ws.getCell(row + 1, col + 1);
        cell.font = font(style);
        cell.alignment = alignment(style);
        cell.numFmt = style.numberFormat;
        cell.border = style.border ? THIN : {};
      }
  }
  for (const m of build.merges) ws.mergeCells(m);
  for (const v of build.validations) {
    const r = parseRange(v.range);
    if (!r) continue;
    for (let row = r.top; row <= r.bottom; row++)
      for (let col = r.left; col <= r.right; col++)
        ws.getCell(row + 1, col + 1).dataValidation = {
          type: "list",
          allowBlank: v.allowBlank,
          formulae: [`"${v.items.join(",")}"`],
          showInputMessage: true,
          prompt: v.prompt,
          showErrorMessage: true,
          errorStyle: "error",
          error: v.error,
        };
  }
  return ws;
}

/**
 * An .xlsx workbook holding the given sheets, as bytes (the CLI and the web page alike). Excel
 * recalculates the formulas on opening. Its properties name the program, its version and the rules' year.
 */
export async function templateWorkbookBytes(builds: SheetBuild[]): Promise<Uint8Array> {
  const { Workbook } = await loadExcelJS();
  const wb = new Workbook();
  wb.creator = PROGRAM_NAME;
  wb.lastModifiedBy = PROGRAM_STAMP;
  wb.description = `由${PROGRAM_STAMP}生成。`;
  wb.calcProperties.fullCalcOnLoad = true;
  const names: string[] = [];
  for (const b of builds) {
    const name = uniqueSheetName(b.name, names);
    names.push(name);
    addTemplateSheet(wb, b, name);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The same as a Node Buffer, for the CLI's output. */
export async function templateWorkbookBuffer(builds: SheetBuild[]): Promise<Buffer> {
  return Buffer.from(await templateWorkbookBytes(builds));
}
