/**
 * Excel 97–2003 workbooks (.xls, BIFF8; also WPS .et files saved in that format) as grids. A
 * small reader of the records a form uses, over the compound-file container read by `cfb`:
 * shared strings, text, numbers (RK, MULRK), formulas' saved results, booleans and errors,
 * merged areas, and number formats through the cell's XF. Formulas are read as their saved
 * results (BIFF8 always saves one); their text is not decoded.
 */
import * as CFB from "cfb";
import type { CellValue, Grid } from "../scoring/grid/grid";
import { BiffError, BiffRecord, ContinuedReader, records, RecordView, RT, withContinues } from "./biff-records";
import { builtinFormat, isDateFormat } from "./builtin-formats";
import { GridBuilder } from "./grid-builder";
import { ReadError } from "./read-error";

/** The compound-file streams the readers look at, by what they say the file is. */
export interface CompoundFile {
  has(name: string): boolean;
  stream(name: string): Uint8Array | null;
}

/** Opens a compound file (OLE2: .xls, .doc, .et, .wps, encrypted .xlsx/.docx). Throws ReadError when damaged. */
export function openCompoundFile(bytes: Uint8Array, problem: "corrupt-xls" | "unknown" = "unknown"): CompoundFile {
  let container: CFB.CFB$Container;
  try {
    container = CFB.read(bytes, { type: "buffer" });
  } catch {
    throw new ReadError(problem === "unknown" ? "truncated" : problem, { what: "文件容器无法打开" });
  }
  const byName = new Map<string, CFB.CFB$Entry>();
  for (const e of container.FileIndex) if (e.type === 2 && !byName.has(e.name.toLowerCase())) byName.set(e.name.toLowerCase(), e);
  return {
    has: (name) => byName.has(name.toLowerCase()),
    stream: (name) => {
      const e = byName.get(name.toLowerCase());
      if (!e || !e.content) return null;
      const c = e.content as Uint8Array | number[];
      return c instanceof Uint8Array ? c : Uint8Array.from(c);
    },
  };
}

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

interface Globals {
  sst: string[];
  formats: Map<number, string>;
  xfFormat: number[];
  date1904: boolean;
  sheets: { name: string; offset: number }[];
}

function readGlobals(all: BiffRecord[]): Globals {
  const g: Globals = { sst: [], formats: new Map(), xfFormat: [], date1904: false, sheets: [] };
  const first = all[0];
  if (!first || first.type !== RT.BOF) throw new ReadError("corrupt-xls", { what: "缺少工作簿开头的记录" });
  const version = new RecordView(first.data).u16(0);
  if (version !== 0x0600) throw new ReadError("biff5");
  for (let i = 1; i < all.length; i++) {
    const r = all[i];
    const v = new RecordView(r.data);
    switch (r.type) {
      case RT.EOF:
        return g;
      case RT.FILEPASS:
        throw new ReadError("encrypted");
      case RT.DATEMODE:
        g.date1904 = v.u16(0) === 1;
        break;
      case RT.FORMAT: {
        const reader = new ContinuedReader([r.data]);
        const id = reader.u16();
        g.formats.set(id, reader.unicodeString(2));
        break;
      }
      case RT.XF:
        g.xfFormat.push(v.u16(2));
        break;
      case RT.BOUNDSHEET: {
        const offset = v.u32(0);
        const type = v.u8(5);
        const reader = new ContinuedReader([r.data.subarray(6)]);
        const name = reader.unicodeString(1);
        // Worksheets only: charts, macro sheets and VBA modules hold no form.
        if (type === 0) g.sheets.push({ name, offset });
        break;
      }
      case RT.SST: {
        const reader = new ContinuedReader(withContinues(all, i));
        reader.u32();
        const unique = reader.u32();
        for (let k = 0; k < unique && !reader.atEnd; k++) g.sst.push(reader.unicodeString(2));
        break;
      }
    }
  }
  throw new BiffError("the workbook's globals end without EOF");
}

function formatOf(g: Globals, xf: number): string | null {
  const id = g.xfFormat[xf];
  if (id === undefined || id === 0) return null;
  const f = g.formats.get(id) ?? builtinFormat(id);
  // Writers other than Excel spell out General under their own ids.
  return f && !/^general$/i.test(f) ? f : null;
}

function numberValue(g: Globals, value: number, format: string | null): number {
  return g.date1904 && isDateFormat(format) ? value + DAYS_1904 : value;
}

function readSheet(stream: Uint8Array, g: Globals, name: string, offset: number): { grid: Grid; note?: string } {
  const b = new GridBuilder();
  const all: BiffRecord[] = [];
  for (const r of records(stream, offset)) {
    all.push(r);
    if (r.type === RT.EOF) break;
  }
  if (all[0]?.type !== RT.BOF) throw new ReadError("corrupt-xls", { what: `工作表“${name}”的位置不对` });
  if (all[all.length - 1].type !== RT.EOF) throw new BiffError("a sheet ends without EOF");
  const put = (row: number, col: number, xf: number, value: CellValue) => {
    const format = formatOf(g, xf);
    b.set(row, col, typeof value === "number" ? numberValue(g, value, format) : value, format);
  };
  for (let i = 1; i < all.length; i++) {
    const r = all[i];
    const v = new RecordView(r.data);
    switch (r.type) {
      case RT.LABELSST: {
        const s = g.sst[v.u32(6)];
        if (s === undefined) throw new ReadError("corrupt-xls", { what: "共享字符串的编号超出范围" });
        put(v.u16(0), v.u16(2), v.u16(4), s);
        break;
      }
      case RT.LABEL:
      case RT.RSTRING:
        put(v.u16(0), v.u16(2), v.u16(4), new ContinuedReader([r.data.subarray(6)]).unicodeString(2));
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
      case RT.FORMULA: {
        const row = v.u16(0);
        const col = v.u16(2);
        const xf = v.u16(4);
        if (v.u16(12) !== 0xffff) {
          put(row, col, xf, v.f64(6));
          break;
        }
        const kind = v.u8(6);
        if (kind === 1) put(row, col, xf, v.u8(8) === 1);
        else if (kind === 2) put(row, col, xf, ERRORS[v.u8(8)] ?? "#N/A");
        else if (kind === 0) {
          // The text result is in the STRING record that follows (after any SHRFMLA/ARRAY).
          const at = all.findIndex((x, k) => k > i && (x.type === RT.STRING || x.type === RT.FORMULA || x.type === RT.EOF));
          if (at > 0 && all[at].type === RT.STRING) put(row, col, xf, new ContinuedReader(withContinues(all, at)).unicodeString(2));
        }
        break;
      }
      case RT.MERGEDCELLS: {
        const n = v.u16(0);
        for (let k = 0; k < n && 2 + 8 * k + 8 <= v.length(); k++) {
          const at = 2 + 8 * k;
          b.merge(v.u16(at), v.u16(at + 4), v.u16(at + 2), v.u16(at + 6));
        }
        break;
      }
    }
  }
  return b.build(name);
}

export interface XlsWorkbook {
  grids: Grid[];
  notes: string[];
}

/** Reads the worksheets of an .xls compound file. Throws ReadError for what it cannot read. */
export function readXls(file: CompoundFile): XlsWorkbook {
  const stream = file.stream("Workbook") ?? file.stream("Book");
  if (!stream) throw new ReadError("corrupt-xls", { what: "没有工作簿数据流" });
  if (!file.has("Workbook")) throw new ReadError("biff5");
  try {
    const all: BiffRecord[] = [];
    for (const r of records(stream)) {
      all.push(r);
      if (r.type === RT.EOF) break;
    }
    const g = readGlobals(all);
    const grids: Grid[] = [];
    const notes: string[] = [];
    for (const s of g.sheets) {
      const built = readSheet(stream, g, s.name, s.offset);
      grids.push(built.grid);
      if (built.note) notes.push(built.note);
    }
    return { grids, notes };
  } catch (e) {
    if (e instanceof ReadError) throw e;
    if (e instanceof BiffError) throw new ReadError("corrupt-xls", { what: "记录不完整" });
    throw e;
  }
}
