import { absoluteRef } from "../../scoring/formula/absolute";
import { callsJxzp } from "../../scoring/formula/calls";
import { parseRange } from "../../scoring/grid/address";
import type { CellStyle, SheetBuild } from "../../scoring/templates/sheet-build";
import { uniqueSheetName } from "../../scoring/templates/sheet-name";
import { contentInput } from "./cell-content";
import { HostError, toHostError } from "./host-error";
import type { EtApplication, EtRange, EtWorksheet } from "./wps-app";
import { sheetList } from "./wps-read";
import type { InsertedSheet } from "./WorkbookHost";

/**
 * A SheetBuild as a new WPS worksheet, through the VBA-style object model. Constants are VBA's
 * (et-jsapi-declare lib.et.d.ts enums: XlHAlign, XlVAlign, XlLineStyle, XlBorderWeight,
 * XlDVType, XlPageOrientation, XlPaperSize). Nothing else in the workbook changes; a failure
 * removes the half-built sheet.
 *
 * Where this WPS has no add-in custom functions (before 12.1.0.20540), a cell whose formula calls
 * JXZP is left empty and carries a comment with the formula, instead of showing #NAME?.
 */

const H_ALIGN = { left: -4131, center: -4108, right: -4152 } as const; // xlLeft, xlCenter, xlRight
const V_ALIGN = { top: -4160, middle: -4108, bottom: -4107 } as const; // xlTop, xlCenter, xlBottom
const XL_CONTINUOUS = 1;
const XL_THIN = 2;
const XL_VALIDATE_LIST = 3;
const XL_VALID_ALERT_STOP = 1;
const XL_BETWEEN = 1;
const XL_LANDSCAPE = 2;
const XL_PORTRAIT = 1;
const XL_PAPER_A4 = 9;
const POINTS_PER_CM = 72 / 2.54;

/** What a comment says where a JXZP formula could not be written. */
export function formulaNote(formula: string): string {
  return `此格应为公式 ${formula}。此版本 WPS 不支持加载项自定义函数（需 WPS 12.1.0.20540 及以上），公式未写入；请按规则计算后填写，或用“填写得分”写入数值。`;
}

function applyStyle(range: EtRange, s: CellStyle): void {
  const font = range.Font;
  font.Name = s.font.name;
  font.Size = s.font.size;
  font.Bold = s.font.bold;
  range.HorizontalAlignment = H_ALIGN[s.horizontal];
  range.VerticalAlignment = V_ALIGN[s.vertical];
  range.WrapText = s.wrap;
  range.NumberFormat = s.numberFormat;
  if (s.border) {
    // The Borders collection as a whole sets every edge, inside ones included (VBA "Borders").
    const b = range.Borders;
    b.LineStyle = XL_CONTINUOUS;
    b.Weight = XL_THIN;
  }
}

function applyPrint(ws: EtWorksheet, build: SheetBuild): void {
  const p = build.print;
  const ps = ws.PageSetup;
  ps.Orientation = p.orientation === "landscape" ? XL_LANDSCAPE : XL_PORTRAIT;
  ps.PaperSize = XL_PAPER_A4;
  ps.CenterHorizontally = p.horizontallyCentered;
  ps.TopMargin = p.margins.top * POINTS_PER_CM;
  ps.BottomMargin = p.margins.bottom * POINTS_PER_CM;
  ps.LeftMargin = p.margins.left * POINTS_PER_CM;
  ps.RightMargin = p.margins.right * POINTS_PER_CM;
  ps.HeaderMargin = p.margins.header * POINTS_PER_CM;
  ps.FooterMargin = p.margins.footer * POINTS_PER_CM;
  ps.PrintArea = build.extent;
  if (p.repeatRows) ps.PrintTitleRows = absoluteRef(p.repeatRows);
  // Zoom False lets FitToPagesWide/Tall rule; Tall False is "as many as needed" (VBA "PageSetup.FitToPagesTall").
  ps.Zoom = false;
  ps.FitToPagesWide = p.fitToWidth;
  ps.FitToPagesTall = (p.fitToHeight === 0 ? false : p.fitToHeight) as number;
}

function build(app: EtApplication, ws: EtWorksheet, b: SheetBuild, functions: boolean): string[] {
  const skipped: string[] = [];
  let noted = 0;
  for (const [cell, c] of Object.entries(b.cells)) {
    if ("formula" in c && !functions && callsJxzp(c.formula)) {
      ws.Range(cell).AddComment(formulaNote(c.formula));
      noted++;
      continue;
    }
    ws.Range(cell).Formula = "formula" in c ? c.formula : (contentInput({ formula: null, value: c.value }) as string);
  }
  if (noted > 0) skipped.push(`JXZP 公式（${noted} 个单元格留空，公式记在批注中）`);
  for (const area of b.areas) {
    const style = b.styles[area.style];
    if (style && parseRange(area.range)) applyStyle(ws.Range(area.range), style);
  }
  for (const m of b.merges) ws.Range(m).Merge();
  b.columnWidths.forEach((w, i) => {
    (ws.Columns.Item(i + 1) as EtRange).ColumnWidth = w;
  });
  for (const [row, h] of Object.entries(b.rowHeights)) (ws.Rows.Item(Number(row)) as EtRange).RowHeight = h;
  if (b.frozenRows > 0) {
    try {
      const win = app.ActiveWindow;
      win.SplitColumn = 0;
      win.SplitRow = b.frozenRows;
      win.FreezePanes = true;
    } catch {
      skipped.push("冻结表头");
    }
  }
  try {
    for (const v of b.validations) {
      const dv = ws.Range(v.range).Validation;
      dv.Delete();
      dv.Add(XL_VALIDATE_LIST, XL_VALID_ALERT_STOP, XL_BETWEEN, v.items.join(","));
      dv.IgnoreBlank = v.allowBlank;
      dv.InCellDropdown = true;
      dv.InputTitle = "请选择";
      dv.InputMessage = v.prompt;
      dv.ErrorTitle = "输入有误";
      dv.ErrorMessage = v.error;
    }
  } catch {
    if (b.validations.length) skipped.push("下拉列表");
  }
  try {
    applyPrint(ws, b);
  } catch {
    skipped.push("打印设置（A4 横向、一页宽）");
  }
  return skipped;
}

/** Inserts the form as a new sheet at the end of the workbook and activates it. */
export function insertWpsSheet(app: EtApplication, b: SheetBuild, functions: boolean): InsertedSheet {
  const sheets = sheetList(app);
  const name = uniqueSheetName(
    b.name,
    sheets.map((s) => s.name),
  );
  let ws: EtWorksheet;
  try {
    ws = app.ActiveWorkbook.Worksheets.Add(undefined, sheets[sheets.length - 1].ws) as EtWorksheet;
  } catch (e) {
    throw new HostError(`未能插入工作表：${toHostError(e).message}`, "AccessDenied");
  }
  try {
    ws.Name = name;
    const skipped = build(app, ws, b, functions);
    ws.Activate();
    ws.Range("A1").Select();
    return { name, skipped };
  } catch (e) {
    const alerts = app.DisplayAlerts;
    try {
      app.DisplayAlerts = false;
      ws.Delete();
    } catch {
      // Nothing left to remove.
    } finally {
      app.DisplayAlerts = alerts;
    }
    throw new HostError(`插入“${name}”未完成，工作簿未作改动：${toHostError(e).message}`, toHostError(e).code);
  }
}
