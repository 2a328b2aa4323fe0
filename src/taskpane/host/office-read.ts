import { addressAreas, parseRange, toA1, type RangeRef } from "../../scoring/grid/address";
import { beyondLimitsNote, GRID_LIMITS } from "../../readers/grid-builder";
import type { CellValue, Grid } from "../../scoring/grid/grid";
import { HostError } from "./host-error";
import { pause, type CalcWait, DEFAULT_CALC_WAIT } from "./office-calc";
import type { ReadScope, WorkbookRead } from "./WorkbookHost";

/**
 * The Office adapter's reader: values, formulas and number formats of the used cells, and the
 * merged areas, within Excel's documented limits.
 *
 * - Only cells with values count (getUsedRangeOrNullObject(valuesOnly), ExcelApi 1.4): a sheet
 *   merely formatted down to row 10,000 is not read as 10,000 rows.
 * - Never past the area a form can occupy (GRID_LIMITS), as the file readers.
 * - In chunks of rows: Excel on the web refuses a response over 5 MB
 *   (ResponsePayloadSizeLimitExceeded; resource-limits-and-performance-optimization.md), and a
 *   read is limited to five million cells on every platform (excel/performance.md). Chunks of
 *   several sheets share a sync while they fit the budget; a refused response halves the budget
 *   and asks again, down to one row.
 * - Merged areas per sheet, in the same sync as the values; getMergedAreasOrNullObject fails past
 *   512 areas (Excel.Range reference), so a sheet with more is asked again in halves of rows.
 * - A cell still showing #BUSY! (a custom function not yet calculated) is read again after a
 *   pause, a bounded number of times (custom-functions-troubleshooting.md).
 * A whole workbook of small sheets costs two round trips, not several per sheet.
 */

/** Cells per sync at first: a form's cells (three properties of ~40 bytes each) stay far below 5 MB. */
export const CELL_BUDGET = 10000;

/** What a pack aims at once its cells' real size is known: half the 5 MB limit. */
const TARGET_BYTES = 2.5 * 1024 * 1024;

const utf8Bytes = (x: unknown): number => new TextEncoder().encode(JSON.stringify(x)).length;

const READ_AREA: RangeRef = { top: 0, left: 0, bottom: GRID_LIMITS.rows - 1, right: GRID_LIMITS.cols - 1 };
const READ_AREA_A1 = `A1:${toA1(READ_AREA.bottom, READ_AREA.right)}`;
const BUSY = "#BUSY!";

export interface ReadOptions {
  /** Whether an ExcelApi requirement set is there (default: all). */
  supports?: (version: string) => boolean;
  calcWait?: CalcWait;
  cellBudget?: number;
}

interface SheetPlan {
  name: string;
  /** The used cells (with values) within the read area, or null for an empty sheet. */
  used: RangeRef | null;
  /** Where the values end beyond the read area, for the note; null when within. */
  beyond: string | null;
}

interface Chunk {
  sheet: SheetPlan;
  rows: RangeRef;
}

interface ChunkData {
  values: unknown[][];
  formulas: unknown[][];
  formats: unknown[][];
}

const isPayloadError = (e: unknown): boolean => {
  const code = typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : "";
  return code === "ResponsePayloadSizeLimitExceeded" || code === "RequestPayloadSizeLimitExceeded";
};

/** `Sheet1!A1:B2, 'My, sheet'!C3` → [`A1:B2`, `C3`]: the range part of each address. */
export function rangesOfAddress(address: string | null | undefined): string[] {
  return addressAreas(address ?? "").flatMap((a) => (a ? [a.ref] : []));
}

const rangeText = (r: RangeRef): string => `${toA1(r.top, r.left)}:${toA1(r.bottom, r.right)}`;

/** Queues the merged areas of a sheet's area (ExcelApi 1.13); they are there after the next sync. */
function queueMerges(context: Excel.RequestContext, sheet: string, area: RangeRef): Excel.RangeAreas {
  const m = context.workbook.worksheets.getItem(sheet).getRange(rangeText(area)).getMergedAreasOrNullObject();
  m.load("address");
  return m;
}

/** The merged areas a synced query found, as ranges without their sheet. */
const mergesOf = (m: Excel.RangeAreas): string[] => (m.isNullObject ? [] : rangesOfAddress(m.address));
const cellCount = (r: RangeRef): number => (r.bottom - r.top + 1) * (r.right - r.left + 1);

/** Where each sheet's values are: one round trip for the active sheet, two for the workbook (its sheet list first). */
async function planSheets(context: Excel.RequestContext, scope: ReadScope): Promise<{ active: string; plans: SheetPlan[] }> {
  const active = context.workbook.worksheets.getActiveWorksheet();
  active.load("name");
  let chosen: Excel.Worksheet[] = [active];
  if (scope === "workbook") {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    await context.sync();
    chosen = sheets.items;
  }
  const queued = chosen.map((sheet) => {
    const whole = sheet.getUsedRangeOrNullObject(true);
    whole.load("address");
    const used = sheet.getRange(READ_AREA_A1).getUsedRangeOrNullObject(true);
    used.load("address");
    return { sheet, whole, used };
  });
  await context.sync();
  const plans = queued.map(({ sheet, whole, used }) => {
    const reach = whole.isNullObject ? null : parseRange(whole.address);
    const beyond = reach && (reach.bottom >= GRID_LIMITS.rows || reach.right >= GRID_LIMITS.cols) ? toA1(reach.bottom, reach.right) : null;
    return { name: sheet.name, used: used.isNullObject ? null : parseRange(used.address), beyond };
  });
  return { active: active.name, plans };
}

/** The used rows of each sheet, cut into chunks of at most `budget` cells. */
function chunksOf(plans: SheetPlan[], budget: number): Chunk[] {
  const out: Chunk[] = [];
  for (const sheet of plans) {
    const u = sheet.used;
    if (!u) continue;
    const width = u.right - u.left + 1;
    const rows = Math.max(1, Math.floor(budget / width));
    for (let top = u.top; top <= u.bottom; top += rows) out.push({ sheet, rows: { top, left: u.left, bottom: Math.min(u.bottom, top + rows - 1), right: u.right } });
  }
  return out;
}

interface Merged {
  /** Each sheet's merged areas, or null when they could not be had in the first pack. */
  bySheet: Map<SheetPlan, string[]> | null;
}

/**
 * Loads chunks in syncs of at most `budget` cells; a refused response halves the budget for what
 * is left. The first sync also asks every sheet's merged areas (one round trip saved); if it fails
 * for any reason they are asked again on their own afterwards.
 */
async function loadChunks(context: Excel.RequestContext, plans: SheetPlan[], budget: number, withMerges: boolean): Promise<{ data: Map<Chunk, ChunkData>; merged: Merged }> {
  const data = new Map<Chunk, ChunkData>();
  const merged: Merged = { bySheet: null };
  let queue = chunksOf(plans, budget);
  let limit = budget;
  let first = withMerges;
  while (queue.length > 0 || first) {
    const pack: Chunk[] = [];
    let cells = 0;
    while (queue.length > 0 && (pack.length === 0 || cells + cellCount(queue[0].rows) <= limit)) {
      const c = queue.shift()!;
      pack.push(c);
      cells += cellCount(c.rows);
    }
    const ranges = pack.map((c) => {
      const r = context.workbook.worksheets.getItem(c.sheet.name).getRange(rangeText(c.rows));
      r.load("values,formulas,numberFormat");
      return r;
    });
    const withValues = first ? plans.filter((p) => p.used) : [];
    const areas = withValues.map((p) => queueMerges(context, p.name, p.used!));
    try {
      await context.sync();
    } catch (e) {
      const wasFirst = first;
      // The merged areas are asked on their own afterwards (a sheet may have over 512).
      first = false;
      if (!isPayloadError(e)) {
        if (!wasFirst) throw e;
        queue = [...pack, ...queue];
        continue;
      }
      if (pack.length === 1 && pack[0].rows.top === pack[0].rows.bottom) throw tooLarge(pack[0]);
      // Ask again in smaller pieces: halve the budget and re-cut what this pack held.
      limit = Math.max(1, Math.floor(Math.min(limit, cells) / 2));
      queue = [...pack.flatMap((c) => chunksOf([{ ...c.sheet, used: c.rows }], limit)), ...queue];
      continue;
    }
    if (first) merged.bySheet = new Map(withValues.map((p, i) => [p, mergesOf(areas[i])]));
    first = false;
    pack.forEach((c, i) => data.set(c, { values: ranges[i].values, formulas: ranges[i].formulas, formats: ranges[i].numberFormat }));
    // Size the next packs from what this one really weighed (long texts weigh more than the first guess).
    const perCell = utf8Bytes(pack.map((c) => data.get(c))) / Math.max(1, cells);
    if (queue.length > 0 && perCell > 0) {
      const next = Math.max(1, Math.min(budget, Math.floor(TARGET_BYTES / perCell)));
      if (next !== limit) {
        limit = next;
        queue = queue.flatMap((c) => chunksOf([{ ...c.sheet, used: c.rows }], limit));
      }
    }
  }
  return { data, merged };
}

function tooLarge(c: Chunk): HostError {
  return new HostError(
    `工作表“${c.sheet.name}”第 ${c.rows.top + 1} 行的内容太多，Excel 网页版一次最多传送 5 MB，无法读取。请删去该行中过长的文字，或在桌面版 Excel 中校验。`,
    "ResponsePayloadSizeLimitExceeded",
  );
}

/** Merged areas of each sheet: all sheets in one sync; a sheet past 512 areas is asked in halves of rows. */
async function loadMerges(context: Excel.RequestContext, plans: SheetPlan[]): Promise<Map<SheetPlan, string[]>> {
  const out = new Map<SheetPlan, string[]>();
  const withValues = plans.filter((p) => p.used);
  for (const p of plans) out.set(p, []);
  const queued = withValues.map((p) => queueMerges(context, p.name, p.used!));
  try {
    await context.sync();
    withValues.forEach((p, i) => out.set(p, mergesOf(queued[i])));
    return out;
  } catch {
    // One sheet (or more) has over 512 merged areas: each sheet on its own, in halves.
  }
  for (const p of withValues) out.set(p, await mergesIn(context, p.name, p.used!));
  return out;
}

async function mergesIn(context: Excel.RequestContext, sheet: string, area: RangeRef): Promise<string[]> {
  const m = queueMerges(context, sheet, area);
  try {
    await context.sync();
    return mergesOf(m);
  } catch (e) {
    if (area.top === area.bottom) throw new HostError(`工作表“${sheet}”第 ${area.top + 1} 行的合并单元格超过 512 个，Excel 无法一次读出，未能校验。`, "TooManyMergedAreas");
    void e;
  }
  const mid = Math.floor((area.top + area.bottom) / 2);
  const upper = await mergesIn(context, sheet, { ...area, bottom: mid });
  const lower = await mergesIn(context, sheet, { ...area, top: mid + 1 });
  // A merge across the cut is reported by both halves.
  return [...new Set([...upper, ...lower])];
}

const cellOf = (v: unknown): CellValue => (v === "" || v === undefined || v === null ? null : (v as CellValue));

function gridOf(plan: SheetPlan, data: Map<Chunk, ChunkData>, merges: string[]): Grid {
  const u = plan.used;
  if (!u) return { sheet: plan.name, origin: { row: 0, col: 0 }, values: [], numberFormats: [], merges };
  const values: CellValue[][] = [];
  const numberFormats: (string | null)[][] = [];
  const formulas: (string | null)[][] = [];
  for (const c of [...data.keys()].filter((x) => x.sheet.name === plan.name).sort((a, b) => a.rows.top - b.rows.top)) {
    const d = data.get(c)!;
    d.values.forEach((row, i) => {
      const f = (d.formulas[i] ?? []).map((x) => (typeof x === "string" && x.startsWith("=") ? x : null));
      // A formula's result is always there in Excel, "" included: keep it, so it is not read as unsaved.
      values.push(row.map((v, j) => (f[j] && v === "" ? "" : cellOf(v))));
      numberFormats.push((d.formats[i] ?? []).map((x) => (typeof x === "string" && x !== "General" ? x : null)));
      formulas.push(f);
    });
  }
  const anyFormula = formulas.some((r) => r.some((f) => f !== null));
  return { sheet: plan.name, origin: { row: u.top, col: u.left }, values, numberFormats, merges, ...(anyFormula ? { formulas } : {}) };
}

/** Cells showing #BUSY!, read again after a pause until they have a value or the wait is over. */
async function settleBusy(context: Excel.RequestContext, grids: Grid[], wait: CalcWait): Promise<void> {
  for (let attempt = 0; attempt < wait.tries; attempt++) {
    const busy = grids.flatMap((g) => g.values.flatMap((row, i) => row.flatMap((v, j) => (v === BUSY ? [{ g, i, j }] : []))));
    if (busy.length === 0) return;
    await pause(wait, attempt);
    const ranges = busy.map(({ g, i, j }) => {
      const r = context.workbook.worksheets.getItem(g.sheet).getRange(toA1(g.origin.row + i, g.origin.col + j));
      r.load("values");
      return r;
    });
    await context.sync();
    busy.forEach(({ g, i, j }, k) => (g.values[i][j] = cellOf(ranges[k].values[0][0]) ?? (g.formulas?.[i]?.[j] ? "" : null)));
  }
}

/** Reads the active sheet or every sheet: 2 round trips for one sheet, 3 for a workbook of small sheets. */
export async function readWorkbook(context: Excel.RequestContext, scope: ReadScope, options: ReadOptions = {}): Promise<WorkbookRead> {
  const supports = options.supports ?? (() => true);
  const { active, plans } = await planSheets(context, scope);
  const notes = plans.flatMap((p) => (p.beyond ? [beyondLimitsNote(p.name, p.beyond)] : []));
  // getMergedAreasOrNullObject is ExcelApi 1.13; an older Excel reads without merges and says so.
  const mergesSupported = supports("1.13");
  if (!mergesSupported && plans.some((p) => p.used)) notes.push("此版本的 Excel 不能读出合并单元格（需要 ExcelApi 1.13：Excel 2021 或 Microsoft 365），表头的识别可能不完整。");
  const { data, merged } = await loadChunks(context, plans, options.cellBudget ?? CELL_BUDGET, mergesSupported && plans.some((p) => p.used));
  const merges = merged.bySheet ?? (mergesSupported ? await loadMerges(context, plans) : new Map<SheetPlan, string[]>());
  const grids = plans.map((p) => gridOf(p, data, merges.get(p) ?? []));
  await settleBusy(context, grids, options.calcWait ?? DEFAULT_CALC_WAIT);
  return { grids, activeSheet: active, notes };
}
