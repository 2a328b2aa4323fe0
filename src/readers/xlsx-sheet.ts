/**
 * One worksheet part streamed into a GridBuilder: only the cells the file holds are kept, a
 * merged area is passed on as a range, and a shared formula is spelled out for each cell of it.
 */
import { parseRange, toA1 } from "../scoring/grid/address";
import type { CellValue, GridFormula } from "../scoring/grid/grid";
import { isoSerial } from "../scoring/grid/excel-date";
import { isDateFormat } from "../scoring/grid/number-format";
import { BuiltGrid, GridBuilder, MERGE_LIMIT, mergeOverlap, tooManyMergesNote } from "./grid-builder";
import { ReadError } from "./read-error";
import { SharedFormulas } from "./shared-formula";
import { RunText, SharedStrings, unescapeOoxml } from "./shared-strings";
import { scanXml } from "./xml-scan";

export interface SheetContext {
  name: string;
  /** The shared string table, or null when the workbook has none. */
  strings: SharedStrings | null;
  /** Number format by cell style index. */
  formats: (string | null)[];
  date1904: boolean;
}

/** Days between Excel's 1900 and 1904 epochs. */
const DAYS_1904 = 1462;

/** `B12` → row 11, column 1 (0-based); null when it is not an address. */
function parseRef(r: string): { row: number; col: number } | null {
  let i = 0;
  let col = 0;
  for (; i < r.length; i++) {
    const c = r.charCodeAt(i) & ~32;
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  if (i === 0 || i > 3 || i === r.length) return null;
  const row = Number(r.slice(i));
  return Number.isInteger(row) && row >= 1 ? { row: row - 1, col: col - 1 } : null;
}

function styleIndex(s: string | undefined): number {
  const n = s === undefined ? 0 : Number(s);
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

/** Reads a worksheet part into a grid. Throws ReadError for a shared string it cannot find. */
export function readSheetXml(xml: Uint8Array | string, ctx: SheetContext): BuiltGrid {
  const b = new GridBuilder();
  const shared = new SharedFormulas();
  const merges: { top: number; left: number; bottom: number; right: number }[] = [];
  let extraMerges = 0;
  const run = new RunText();
  let inData = false;
  let row = -1;
  let col = -1;
  // The cell being read.
  let inCell = false;
  let type = "n";
  let format: string | null = null;
  let v: string | null = null;
  let f: string | null = null;
  let fType = "";
  let fShared: string | undefined;
  let fRef: string | undefined;
  let inline: string | null = null;
  let into: "v" | "f" | "is" | null = null;

  const fail = (what: string): never => {
    throw new ReadError("corrupt-xlsx", { what: `工作表“${ctx.name}”的单元格 ${toA1(row, col)} ${what}` });
  };

  const value = (): CellValue => {
    if (type === "inlineStr") return inline ?? (v === null ? null : unescapeOoxml(v));
    if (v === null) return null;
    switch (type) {
      case "s": {
        if (f !== null) break;
        // `<c t="s"><v/></c>` is an empty cell, not shared string 0.
        if (v.trim() === "") return null;
        if (ctx.strings === null) throw new ReadError("corrupt-xlsx", { what: "缺少共享字符串表 xl/sharedStrings.xml" });
        const i = Number(v);
        if (!Number.isInteger(i) || i < 0 || i >= ctx.strings.count) fail(`引用的共享字符串 ${v.trim()} 不存在`);
        return ctx.strings.get(i);
      }
      case "str":
        return unescapeOoxml(v);
      case "b":
        return v === "" ? null : parseInt(v, 10) !== 0;
      case "e":
        return v === "" ? null : v;
      case "d": {
        if (v === "") return null;
        // A date Excel would not take is kept as the text it is, never as NaN.
        return isoSerial(v) ?? v;
      }
    }
    if (v.trim() === "") return null;
    const n = Number(v);
    if (!Number.isFinite(n)) return v;
    // ExcelJS, which these grids were first made with, gives a date cell of a 1904 workbook its
    // 1900 serial, and the core reads every date serial as 1900-based.
    return ctx.date1904 && isDateFormat(format) ? n + DAYS_1904 : n;
  };

  const formula = (): GridFormula | null => {
    if (fType === "shared" && fShared !== undefined) {
      if (f !== null && f !== "" && fRef !== undefined) return shared.define(fShared, f, row, col);
      return shared.cellOf(fShared, row, col);
    }
    return f ? `=${f}` : null;
  };

  scanXml(xml, `工作表“${ctx.name}”`, {
    wantText: () => into !== null,
    open(name, tag, _at, empty) {
      if (inCell) {
        if (name === "v") {
          into = "v";
          v ??= "";
        } else if (name === "f") {
          into = "f";
          f ??= "";
          fType = tag.get("t") ?? "";
          fShared = tag.get("si");
          fRef = tag.get("ref");
        } else if (name === "is") {
          into = "is";
          run.take();
        } else if (into === "is") run.open(name);
        return;
      }
      switch (name) {
        case "sheetData":
          inData = true;
          break;
        case "row": {
          if (!inData) break;
          const r = Number(tag.get("r"));
          row = Number.isInteger(r) && r >= 1 ? r - 1 : row + 1;
          col = -1;
          break;
        }
        case "c": {
          if (!inData) break;
          const ref = tag.get("r");
          const at = ref === undefined ? null : parseRef(ref);
          if (at) {
            row = at.row;
            col = at.col;
          } else {
            if (row < 0) row = 0;
            col++;
          }
          if (empty) {
            // `<c r="B7" s="3"/>`: a styled empty cell, millions of them where a sheet is formatted
            // far beyond its form. It holds nothing, but replaces what an earlier cell put there.
            b.set(row, col, null);
            break;
          }
          inCell = true;
          type = tag.get("t") ?? "n";
          format = ctx.formats[styleIndex(tag.get("s"))] ?? null;
          v = f = inline = null;
          fType = "";
          fShared = fRef = undefined;
          into = null;
          break;
        }
        case "mergeCell": {
          // Past MERGE_LIMIT a part of nothing but <mergeCell>s (3 million in 15 MB) would fill memory.
          if (merges.length >= MERGE_LIMIT) {
            extraMerges++;
            break;
          }
          const m = parseRange(tag.get("ref") ?? "");
          if (m) merges.push(m);
          break;
        }
      }
    },
    close(name) {
      if (!inCell) {
        if (name === "sheetData") inData = false;
        return;
      }
      if (name === "c") {
        inCell = false;
        const fx = formula();
        b.set(row, col, value(), format, fx);
      } else if (name === "is") {
        inline = run.take();
        into = null;
      } else if (into === "is") run.close(name);
      else if (name === "v" || name === "f") into = null;
    },
    text(s) {
      if (into === "v") v += s;
      else if (into === "f") f += s;
      else if (into === "is") run.text(s);
    },
  });
  const overlap = mergeOverlap(merges);
  if (overlap) throw new ReadError("corrupt-xlsx", { what: `工作表“${ctx.name}”的合并区域 ${overlap[0]} 与 ${overlap[1]} 重叠` });
  for (const m of merges) b.merge(m.top, m.left, m.bottom, m.right);
  const built = b.build(ctx.name);
  if (extraMerges === 0) return built;
  const more = `${tooManyMergesNote(ctx.name, extraMerges)}。`;
  return { ...built, note: built.note ? `${built.note}${more}` : more };
}
