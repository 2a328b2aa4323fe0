import type { FillRecord } from "./fill-record";
import { HostError } from "./host-error";
import type { EtApplication, EtWorksheet } from "./wps-app";
import { matrixOf } from "./wps-cells";
import { MAX_FILLS } from "./undo-xml";

/**
 * Where a WPS workbook keeps the fills that can be undone: a very hidden worksheet.
 *
 * Why not the custom XML part the Excel host uses: WPS's ET object model has
 * `Workbook.CustomXMLParts` (et-jsapi-declare lib.et.d.ts), but no WPS page says that WPS writes
 * the parts back when it saves, and people save forms as .et and .xls too, formats that have no
 * place for them (Excel drops custom XML parts when saving .xls). Document properties hold 255
 * characters a value. A worksheet is kept by every format WPS saves, and `Visible = 2`
 * (xlSheetVeryHidden, VBA "XlSheetVisibility"; the state is stored in .xlsx and BIFF8 .xls alike —
 * SheetJS docs "Sheet Visibility") hides it from the sheet tabs and from 取消隐藏.
 *
 * Layout: A1 holds a marker, A2… the JSON of the fills in pieces of at most PIECE characters
 * (a cell holds 32767), each prefixed with "J" so that WPS never reads a piece as a number or a
 * formula (column A is also set to text, "@").
 */
export const UNDO_SHEET = "_jxzp_undo";
const MARKER = "绩效自评助手撤销记录（请勿修改或删除）v1";
const PIECE = 30000;
/** VBA XlSheetVisibility.xlSheetVeryHidden. */
export const SHEET_VERY_HIDDEN = 2;

function findSheet(app: EtApplication): EtWorksheet | null {
  const wb = app.ActiveWorkbook;
  if (!wb) return null;
  try {
    // Item of a missing name throws (VBA run-time error 9): that is "no record yet".
    return wb.Worksheets.Item(UNDO_SHEET) as EtWorksheet;
  } catch {
    return null;
  }
}

function isRecord(x: unknown): x is FillRecord {
  if (typeof x !== "object" || x === null) return false;
  const r = x as FillRecord;
  return typeof r.id === "string" && typeof r.sheet === "string" && Array.isArray(r.cells);
}

/** The fills kept in the workbook; an unreadable record reads as none rather than failing. */
export function readWpsFills(app: EtApplication): FillRecord[] {
  const ws = findSheet(app);
  if (!ws) return [];
  const used = ws.UsedRange;
  const column = matrixOf(used.Value2, 2, 1).map((r) => r[0]);
  if (column[0] !== MARKER) return [];
  const json = column
    .slice(1)
    .filter((p): p is string => typeof p === "string" && p.startsWith("J"))
    .map((p) => p.slice(1))
    .join("");
  try {
    const data: unknown = JSON.parse(json);
    return Array.isArray(data) ? data.filter(isRecord) : [];
  } catch {
    return [];
  }
}

/** Writes the fills (the newest MAX_FILLS), making the hidden sheet on first use; an empty list removes it. */
export function writeWpsFills(app: EtApplication, fills: FillRecord[]): void {
  const wb = app.ActiveWorkbook;
  if (!wb) throw new HostError("WPS 中没有打开的工作簿。", "ItemNotFound");
  let ws = findSheet(app);
  if (fills.length === 0) {
    if (ws) deleteSheet(app, ws);
    return;
  }
  if (!ws) ws = addHiddenSheet(app);
  const json = JSON.stringify(fills.slice(-MAX_FILLS));
  const pieces = [MARKER];
  for (let i = 0; i < json.length; i += PIECE) pieces.push(`J${json.slice(i, i + PIECE)}`);
  ws.UsedRange.ClearContents();
  const column = ws.Range(`A1:A${Math.max(pieces.length, 1)}`);
  column.NumberFormat = "@";
  // One cell at a time: a single cell's Value2 is the documented way to set a value (airsheet Range.Value2 示例).
  pieces.forEach((p, i) => {
    ws!.Range(`A${i + 1}`).Value2 = p;
  });
}

function addHiddenSheet(app: EtApplication): EtWorksheet {
  const wb = app.ActiveWorkbook;
  const was = app.ActiveSheet as EtWorksheet;
  let ws: EtWorksheet;
  try {
    ws = wb.Worksheets.Add() as EtWorksheet;
  } catch {
    throw new HostError("工作簿结构受保护，无法保存撤销记录，未写入任何内容。请先在“审阅”选项卡中撤销工作簿保护。", "AccessDenied");
  }
  ws.Name = UNDO_SHEET;
  ws.Visible = SHEET_VERY_HIDDEN as Et.XlSheetVisibility;
  // Sheets.Add activates the new sheet (VBA "Sheets.Add"): give the person back the sheet they were on.
  was.Activate();
  return ws;
}

function deleteSheet(app: EtApplication, ws: EtWorksheet): void {
  // Deleting a sheet asks for confirmation unless alerts are off (VBA "Worksheet.Delete").
  const alerts = app.DisplayAlerts;
  app.DisplayAlerts = false;
  try {
    ws.Visible = -1 as Et.XlSheetVisibility;
    ws.Delete();
  } finally {
    app.DisplayAlerts = alerts;
  }
}
