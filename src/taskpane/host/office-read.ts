import { parseRange, toA1 } from "../../scoring/grid/address";
import { beyondLimitsNote, GRID_LIMITS } from "../../readers/grid-builder";
import type { CellValue, Grid } from "../../scoring/grid/grid";
import type { ReadScope, WorkbookRead } from "./WorkbookHost";

/** What is queued for one sheet: loaded together so a sheet costs no extra sync. */
interface QueuedSheet {
  sheet: Excel.Worksheet;
  whole: Excel.Range;
  used: Excel.Range;
  merged: Excel.RangeAreas;
}

/**
 * The area a form can occupy, as the file readers keep it. One stray mark at XFD1048576 makes the
 * used range 17 billion cells, which Excel cannot send: values are loaded within this area only.
 */
const READ_AREA = `A1:${toA1(GRID_LIMITS.rows - 1, GRID_LIMITS.cols - 1)}`;

function queueSheet(sheet: Excel.Worksheet): QueuedSheet {
  // The whole used range's address only, to say when something lies beyond the area read.
  const whole = sheet.getUsedRangeOrNullObject(true);
  whole.load("address");
  const used = sheet.getRange(READ_AREA).getUsedRangeOrNullObject();
  // Formulas too: a cell whose formula shows "" is not empty, and #NAME? may be a JXZP formula.
  used.load("address,values,numberFormat,formulas");
  // Merges over the whole sheet, not the used range: works on an empty sheet too.
  const merged = sheet.getRange().getMergedAreasOrNullObject();
  merged.load("address");
  return { sheet, whole, used, merged };
}

/** `Sheet1!A1:B2, 'My, sheet'!C3` → [`A1:B2`, `C3`]: the range part of each address. */
export function rangesOfAddress(address: string | null | undefined): string[] {
  if (!address) return [];
  const out: string[] = [];
  const re = /\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?(?=\s*(?:,|$))/g;
  for (let m = re.exec(address); m; m = re.exec(address)) out.push(m[3] ? `${m[1]}${m[2]}:${m[3]}${m[4]}` : `${m[1]}${m[2]}`);
  return out;
}

const cellOf = (v: unknown): CellValue => (v === "" || v === undefined || v === null ? null : (v as CellValue));

function gridOf(name: string, q: QueuedSheet): Grid {
  const merges = q.merged.isNullObject ? [] : rangesOfAddress(q.merged.address);
  if (q.used.isNullObject) return { sheet: name, origin: { row: 0, col: 0 }, values: [], numberFormats: [], merges };
  const top = parseRange(q.used.address);
  const raw = q.used.formulas as unknown[][] | undefined;
  const formulas = (raw ?? []).map((r) => r.map((f) => (typeof f === "string" && f.startsWith("=") ? f : null)));
  // A formula's result is always there in Excel, "" included: keep it, so it is not read as unsaved.
  const values = (q.used.values as unknown[][]).map((r, i) => r.map((v, j) => (formulas[i]?.[j] && v === "" ? "" : cellOf(v))));
  const numberFormats = (q.used.numberFormat as unknown[][]).map((r) => r.map((f) => (typeof f === "string" && f !== "General" ? f : null)));
  const anyFormula = formulas.some((r) => r.some((f) => f !== null));
  return { sheet: name, origin: { row: top?.top ?? 0, col: top?.left ?? 0 }, values, numberFormats, merges, ...(anyFormula ? { formulas } : {}) };
}

/** Said when a sheet has values beyond the area read (the same words as the file readers'). */
function beyondNote(name: string, q: QueuedSheet): string[] {
  const reach = q.whole.isNullObject ? null : parseRange(q.whole.address);
  if (!reach || (reach.bottom < GRID_LIMITS.rows && reach.right < GRID_LIMITS.cols)) return [];
  return [beyondLimitsNote(name, toA1(reach.bottom, reach.right))];
}

/**
 * The one reader of the Office adapter: values, number formats and merged areas together.
 * One sheet: one sync. Whole workbook: two (the sheet list, then every sheet in one batch).
 */
export async function readWorkbook(context: Excel.RequestContext, scope: ReadScope): Promise<WorkbookRead> {
  const active = context.workbook.worksheets.getActiveWorksheet();
  active.load("name");
  if (scope === "active") {
    const q = queueSheet(active);
    await context.sync();
    return { grids: [gridOf(active.name, q)], activeSheet: active.name, notes: beyondNote(active.name, q) };
  }
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  const queued = sheets.items.map(queueSheet);
  await context.sync();
  return { grids: queued.map((q) => gridOf(q.sheet.name, q)), activeSheet: active.name, notes: queued.flatMap((q) => beyondNote(q.sheet.name, q)) };
}
