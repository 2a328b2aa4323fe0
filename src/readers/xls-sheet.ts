/**
 * One worksheet substream of a BIFF8 workbook as a grid: shared strings, text, numbers (RK,
 * MULRK), formulas' saved results, booleans and errors, merged areas, and number formats through
 * the cell's XF. A cell record that cannot be read is passed over and counted for the file's
 * notes, so one odd record does not cost the sheet.
 */
import { toA1 } from "../scoring/grid/address";
import type { CellValue } from "../scoring/grid/grid";
import { recordString } from "./biff-codepage";
import { BiffError, ContinuedReader, JoinedRecord, RecordView, RT } from "./biff-records";
import { builtinFormat, isDateFormat } from "./builtin-formats";
import type { Globals } from "./xls-globals";
import { BuiltGrid, disjointMerges, GRID_LIMITS, GridBuilder, MERGE_LIMIT, tooManyMergesNote } from "./grid-builder";

const ERRORS: Record<number, string> = {
  0x00: "#NULL!",
  0x07: "#DIV/0!",
  0x0f: "#VALUE!",
  0x17: "#REF!",
  0x1d: "#NAME?",
  0x24: "#NUM!",
  0x2a: "#N/A",
};

/** Days between the 1904 and the 1900 date systems: grids hold 1900-system serials. */
const DAYS_1904 = 1462;

function formatOf(g: Globals, xf: number): string | null {
  const id = g.xfFormat[xf];
  if (id === undefined || id === 0) return null;
  const f = g.formats.get(id) ?? builtinFormat(id);
  // Writers other than Excel spell out General under their own ids.
  return f && !/^general$/i.test(f) ? f : null;
}

export interface SheetResult extends BuiltGrid {
  /** What was passed over, in Chinese, for the file's notes. */
  skipped: string[];
}

/** A formula cell whose text result is in the STRING record to come. */
interface TextPending {
  row: number;
  col: number;
  xf: number;
}

/** The sheet `name` from its substream's records after its BOF (nested substreams left out). */
export function readSheetRecords(all: Iterable<JoinedRecord>, g: Globals, name: string): SheetResult {
  const b = new GridBuilder();
  const merges: { top: number; left: number; bottom: number; right: number }[] = [];
  let badCells = 0;
  let extraMerges = 0;
  let firstBad: string | null = null;
  const put = (row: number, col: number, xf: number, value: CellValue) => {
    const format = formatOf(g, xf);
    const shifted = typeof value === "number" && g.date1904 && isDateFormat(format) ? value + DAYS_1904 : value;
    b.set(row, col, shifted, format);
  };
  // A text result is in the STRING record after its FORMULA (after any SHRFMLA, ARRAY or TABLE).
  let text: TextPending | null = null;
  for (const r of all) {
    const v = new RecordView(r.data);
    try {
      if (r.type === RT.FORMULA || r.type === RT.FORMULA3 || r.type === RT.FORMULA4) text = null;
      switch (r.type) {
        case RT.LABELSST: {
          const s = g.sst[v.u32(6)];
          if (s === undefined) throw new BiffError("shared string index out of range");
          put(v.u16(0), v.u16(2), v.u16(4), s);
          break;
        }
        case RT.LABEL:
        case RT.RSTRING:
          put(v.u16(0), v.u16(2), v.u16(4), recordString(r.data, 6, 2, g.decode));
          break;
        case RT.NUMBER:
          put(v.u16(0), v.u16(2), v.u16(4), v.f64(6));
          break;
        case RT.RK:
          put(v.u16(0), v.u16(2), v.u16(4), v.rk(6));
          break;
        case RT.MULRK: {
          const row = v.u16(0);
          const first = v.u16(2);
          const n = Math.floor((v.length() - 6) / 6);
          for (let k = 0; k < n; k++) put(row, first + k, v.u16(4 + 6 * k), v.rk(6 + 6 * k));
          break;
        }
        case RT.BOOLERR: {
          const isError = v.u8(7) === 1;
          const code = v.u8(6);
          put(v.u16(0), v.u16(2), v.u16(4), isError ? ERRORS[code] ?? "#N/A" : code === 1);
          break;
        }
        case RT.FORMULA:
        case RT.FORMULA3:
        case RT.FORMULA4:
          text = formulaResult(v, put);
          break;
        case RT.STRING:
          if (text) {
            const t = text;
            text = null;
            put(t.row, t.col, t.xf, r.segments.length === 1 ? recordString(r.data, 0, 2, g.decode) : new ContinuedReader(r.segments).unicodeString(2));
          }
          break;
        case RT.MERGEDCELLS: {
          const n = v.u16(0);
          for (let k = 0; k < n && 2 + 8 * k + 8 <= v.length(); k++) {
            const at = 2 + 8 * k;
            const m = { top: v.u16(at), bottom: v.u16(at + 2), left: v.u16(at + 4), right: v.u16(at + 6) };
            // Areas starting outside the reading area never reach a grid; past MERGE_LIMIT a file
            // of nothing but MERGEDCELLS records would fill memory with them.
            if (m.top >= GRID_LIMITS.rows || m.left >= GRID_LIMITS.cols) continue;
            if (merges.length < MERGE_LIMIT) merges.push(m);
            else extraMerges++;
          }
          break;
        }
      }
    } catch (e) {
      if (!(e instanceof BiffError)) throw e;
      badCells++;
      if (firstBad === null && r.data.length >= 4) firstBad = toA1(v.u16(0), v.u16(2));
    }
  }
  const skipped: string[] = [];
  if (badCells > 0) skipped.push(`工作表“${name}”中有 ${badCells} 个单元格${firstBad ? `（如 ${firstBad}）` : ""}的内容无法读取，已略去`);
  if (extraMerges > 0) skipped.push(tooManyMergesNote(name, extraMerges));
  // Excel writes each merged area once and never two over one cell; a file that does (a writer's
  // slip, or 10,000 copies of one area) keeps the first of those that overlap.
  const { kept, dropped } = disjointMerges(merges);
  for (const m of kept) b.merge(m.top, m.left, m.bottom, m.right);
  const copies = dropped.filter(([k, d]) => k === d);
  const overlaps = dropped.filter(([k, d]) => k !== d);
  const parts = [
    ...(copies.length > 0 ? [`${copies.length} 个重复的合并区域（如 ${copies[0][1]}）`] : []),
    ...(overlaps.length > 0 ? [`${overlaps.length} 个与其他合并区域重叠的合并区域（如 ${overlaps[0][1]} 与 ${overlaps[0][0]}）`] : []),
  ];
  if (parts.length > 0) skipped.push(`工作表“${name}”有 ${parts.join("和 ")}，已略去`);
  return { ...b.build(name), skipped };
}

/** A formula's saved result — a number, boolean or error — put; a text result is pending. */
function formulaResult(v: RecordView, put: (row: number, col: number, xf: number, value: CellValue) => void): TextPending | null {
  const row = v.u16(0);
  const col = v.u16(2);
  const xf = v.u16(4);
  if (v.u16(12) !== 0xffff) {
    put(row, col, xf, v.f64(6));
    return null;
  }
  const kind = v.u8(6);
  if (kind === 1) put(row, col, xf, v.u8(8) === 1);
  else if (kind === 2) put(row, col, xf, ERRORS[v.u8(8)] ?? "#N/A");
  return kind === 0 ? { row, col, xf } : null;
}
