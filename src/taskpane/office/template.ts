/// <reference types="office-js" />
import { columnLetters, parseRange, toA1, type RangeRef } from "../../scoring/grid/address";
import type { CellContent, CellStyle, SheetBuild } from "../../scoring/templates/sheet-build";
import { uniqueSheetName } from "../../scoring/templates/sheet-name";
import { absoluteRef } from "../../scoring/formula/absolute";
import { callsJxzp } from "../../scoring/formula/calls";
import { contentInput } from "../host/cell-content";
import { formulaFor, formulaProperty, type FormulaChannel } from "../host/formula-channel";
import { HostError, toHostError } from "../host/host-error";
import { calculatedValues, DEFAULT_CALC_WAIT, type CalcWait } from "../host/office-calc";
import { rangeMatrix } from "../../scoring/grid/range-matrix";

/**
 * Inserts a SheetBuild as a new worksheet through Office.js: one sync to learn the sheet names
 * (so the new one replaces nothing), one to write the form, one for its print setup. Nothing
 * else in the workbook changes; a failed write removes the half-built sheet.
 */

export interface InsertedTemplate {
  /** The new sheet's name (`项目支出绩效自评表 (2)` when the first is taken). */
  name: string;
  /** What this Excel could not apply, in Chinese (older requirement sets). */
  skipped: string[];
}

export interface ApplyOptions {
  /** Whether an ExcelApi requirement set is there; default asks Office.js. */
  supports?: (version: string) => boolean;
  /** How JXZP formulas go into this Excel (formula-channel.ts); default Range.formulas with the ids. */
  channel?: FormulaChannel;
  calcWait?: CalcWait;
}

/** A probe that must read 1 once Excel has calculated it: the JXZP names as written are the ones Excel loaded. */
const PROBE = '=JXZP.READVALUE("1")';

function officeSupports(version: string): boolean {
  return typeof Office !== "undefined" && Boolean(Office.context?.requirements?.isSetSupported?.("ExcelApi", version));
}

const POINTS_PER_CM = 72 / 2.54;

/** A width in Excel characters as points: 7-pixel digits plus 5 pixels of padding, at 96 dpi. */
export function widthInPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

const H_ALIGN = { left: "Left", center: "Center", right: "Right" } as const;
const V_ALIGN = { top: "Top", middle: "Center", bottom: "Bottom" } as const;

/** What the form's write takes for a cell: the formula (JXZP names as `channel` writes them, or nothing when JXZP formulas cannot be written), or the text kept as text. */
function input(c: CellContent | undefined, channel: FormulaChannel | null): string | number | boolean {
  if (!c) return "";
  if ("formula" in c) {
    if (!callsJxzp(c.formula)) return c.formula;
    return channel ? formulaFor(channel, c.formula) : "";
  }
  return contentInput({ formula: null, value: c.value });
}

/** Whether the build writes any JXZP formula. */
const hasJxzp = (build: SheetBuild): boolean => Object.values(build.cells).some((c) => "formula" in c && callsJxzp(c.formula));

function applyStyle(range: Excel.Range, r: RangeRef, s: CellStyle) {
  const f = range.format;
  f.font.name = s.font.name;
  f.font.size = s.font.size;
  f.font.bold = s.font.bold;
  f.font.color = "#000000";
  f.horizontalAlignment = H_ALIGN[s.horizontal];
  f.verticalAlignment = V_ALIGN[s.vertical];
  f.wrapText = s.wrap;
  range.numberFormat = rangeMatrix(r, () => s.numberFormat);
  if (!s.border) return;
  // Inside edges only where the area has them: a single cell has none.
  const edges: ("EdgeTop" | "EdgeBottom" | "EdgeLeft" | "EdgeRight" | "InsideVertical" | "InsideHorizontal")[] = [
    "EdgeTop",
    "EdgeBottom",
    "EdgeLeft",
    "EdgeRight",
  ];
  if (r.right > r.left) edges.push("InsideVertical");
  if (r.bottom > r.top) edges.push("InsideHorizontal");
  for (const e of edges) {
    const b = f.borders.getItem(e);
    b.style = "Continuous";
    b.weight = "Thin";
    b.color = "#000000";
  }
}

/** Writes a SheetBuild into a new worksheet of the workbook behind `context`. */
export async function applySheetBuild(context: Excel.RequestContext, build: SheetBuild, options: ApplyOptions = {}): Promise<InsertedTemplate> {
  const supports = options.supports ?? officeSupports;
  const channel: FormulaChannel = options.channel ?? { kind: "invariant", locale: "en-US" };
  const extent = parseRange(build.extent);
  if (!extent) throw new HostError(`表样的范围“${build.extent}”无效，未插入。`, "InvalidArgument");

  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  const name = uniqueSheetName(
    build.name,
    sheets.items.map((s) => s.name),
  );

  const skipped: string[] = [];
  const writable = channel.kind === "none" ? null : channel;
  if (!writable && hasJxzp(build)) skipped.push(`JXZP 公式（${channel.kind === "none" ? channel.reason : ""}；得分可用“填写得分”写入数值）`);
  const ws = sheets.add(name);
  // Through formulasLocal where the JXZP names are the Chinese ones (issue #891); constants read the same either way.
  ws.getRange(build.extent)[writable ? formulaProperty(writable) : "formulas"] = rangeMatrix(extent, (row, col) => input(build.cells[toA1(row, col)], writable));
  // A probe just right of the form: a blank form shows "" in every JXZP cell, so only a formula
  // that must read 1 can tell whether this Excel took the names as written (issue #891).
  const probeCell = toA1(0, extent.right + 1);
  const probing = writable !== null && hasJxzp(build);
  if (probing) ws.getRange(probeCell)[formulaProperty(writable)] = [[formulaFor(writable, PROBE)]];
  for (const area of build.areas) {
    const r = parseRange(area.range);
    const style = build.styles[area.style];
    if (r && style) applyStyle(ws.getRange(area.range), r, style);
  }
  for (const m of build.merges) ws.getRange(m).merge(false);
  build.columnWidths.forEach((w, i) => {
    const c = columnLetters(i);
    ws.getRange(`${c}:${c}`).format.columnWidth = widthInPoints(w);
  });
  for (const [row, h] of Object.entries(build.rowHeights)) ws.getRange(`${row}:${row}`).format.rowHeight = h;

  if (build.frozenRows > 0) {
    if (supports("1.7")) ws.freezePanes.freezeRows(build.frozenRows);
    else skipped.push("冻结表头");
  }
  if (build.validations.length) {
    if (supports("1.8"))
      for (const v of build.validations) {
        const dv = ws.getRange(v.range).dataValidation;
        dv.ignoreBlanks = v.allowBlank;
        dv.rule = { list: { inCellDropDown: true, source: v.items.join(",") } };
        dv.prompt = { showPrompt: true, title: "请选择", message: v.prompt };
        dv.errorAlert = { showAlert: true, style: "Stop", title: "输入有误", message: v.error };
      }
    else skipped.push("下拉列表");
  }
  ws.activate();

  try {
    await context.sync();
  } catch (e) {
    // A half-built sheet would be worse than none: remove it, then say what went wrong.
    try {
      ws.delete();
      await context.sync();
    } catch {
      // The sheet may never have been added; nothing is left to remove.
    }
    throw new HostError(`插入“${name}”未完成，工作簿未作改动：${toHostError(e).message}`, toHostError(e).code);
  }

  if (probing) {
    const shown = (await calculatedValues(context, name, [probeCell], options.calcWait ?? DEFAULT_CALC_WAIT)).get(probeCell);
    // #BUSY! after the wait: Excel took the names and is still calculating.
    if (shown !== 1 && shown !== "#BUSY!") {
      // #NAME?: the form without JXZP formulas rather than a form full of errors.
      ws.getRange(build.extent).formulas = rangeMatrix(extent, (row, col) => input(build.cells[toA1(row, col)], null));
      skipped.push("JXZP 公式（此 Excel 没有识别加载项写入的函数名；得分可用“填写得分”写入数值）");
    }
    ws.getRange(probeCell).formulas = [[""]];
  }

  // Print setup last and on its own: hosts differ in what they accept here (fit to pages tall
  // as 0), and a form without it is still a form, so a refusal costs only the print setup.
  const print = "打印设置（A4 横向、一页宽）";
  if (!supports("1.9")) {
    skipped.push(print);
    if (probing) await context.sync();
  } else {
    if (probing) await context.sync();
    applyPrint(ws.pageLayout, build);
    try {
      await context.sync();
    } catch {
      skipped.push(print);
    }
  }
  return { name, skipped };
}

function applyPrint(pl: Excel.PageLayout, build: SheetBuild) {
  const p = build.print;
  pl.orientation = p.orientation === "landscape" ? "Landscape" : "Portrait";
  pl.paperSize = "A4";
  pl.centerHorizontally = p.horizontallyCentered;
  pl.topMargin = p.margins.top * POINTS_PER_CM;
  pl.bottomMargin = p.margins.bottom * POINTS_PER_CM;
  pl.leftMargin = p.margins.left * POINTS_PER_CM;
  pl.rightMargin = p.margins.right * POINTS_PER_CM;
  pl.headerMargin = p.margins.header * POINTS_PER_CM;
  pl.footerMargin = p.margins.footer * POINTS_PER_CM;
  pl.setPrintArea(build.extent);
  if (p.repeatRows) pl.setPrintTitleRows(absoluteRef(p.repeatRows));
  // 0 pages tall: as many as the form needs (the file format's fitToHeight="0").
  pl.zoom = { horizontalFitToPages: p.fitToWidth, verticalFitToPages: p.fitToHeight };
}

/** Inserts a SheetBuild in the open workbook (Excel.run). */
export function insertSheetBuild(build: SheetBuild, options: ApplyOptions = {}): Promise<InsertedTemplate> {
  return Excel.run((context) => applySheetBuild(context, build, options));
}
