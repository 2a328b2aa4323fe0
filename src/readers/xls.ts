/**
 * Excel 97–2003 workbooks (.xls, BIFF8; also WPS .et files saved in that format) as grids. The
 * version is the one the stream's first BOF record states, whatever the stream is called (some
 * writers put BIFF8 in a stream named `Book`, Excel 5.0's name). Each worksheet's substream is
 * read once (xls-sheet.ts); what cannot be read is passed over and said in the notes. Formulas
 * are read as their saved results (BIFF8 always saves one); their text is not decoded.
 */
import type { Grid } from "../scoring/grid/grid";
import { BiffError, RecordView, RT, substream, substreamStarts } from "./biff-records";
import type { CompoundFile } from "./compound-file";
import { CompoundFileError } from "./compound-file";
import { ReadError } from "./read-error";
import { SHEET_LIMIT, tooManySheetsNote } from "./grid-builder";
import { Globals, readGlobals, SheetEntry } from "./xls-globals";
import { readSheetRecords, SheetResult } from "./xls-sheet";

export interface XlsWorkbook {
  grids: Grid[];
  notes: string[];
}

/**
 * How many grid cells all the sheets of a workbook may hold together. A sheet reaching the edge
 * of the reading area is 2 million cells, about 45 MB by the time it is checked; a workbook of a
 * few hundred forms is well under a million. Sheets after the one that reaches this are left out.
 */
export const WORKBOOK_CELLS = 4_000_000;

/** BOF record ids of BIFF2, BIFF3 and BIFF4 (BIFF5 and BIFF8 share 0x0809). */
const OLD_BOFS = new Set([0x0009, 0x0209, 0x0409]);
const BIFF8 = 0x0600;
/** BOF's substream type for a worksheet (also a dialog sheet); charts are 0x0020, macro sheets 0x0040. */
const WORKSHEET = 0x0010;

/** What the first record of a workbook stream says it is. */
export function biffVersion(stream: Uint8Array): "biff8" | "biff5" | "old" | null {
  if (stream.length < 8) return null;
  const type = stream[0] | (stream[1] << 8);
  if (OLD_BOFS.has(type)) return "old";
  if (type !== RT.BOF) return null;
  // BIFF5's BOF is 8 bytes, BIFF8's 16; a shorter one is an older writer's (Excel 4.0 and some tools).
  if ((stream[2] | (stream[3] << 8)) < 8) return "old";
  const version = stream[4] | (stream[5] << 8);
  return version === BIFF8 ? "biff8" : "biff5";
}

/** Reads the worksheets of an .xls compound file (its `Workbook` or `Book` stream). Throws ReadError. */
export function readXls(file: CompoundFile): XlsWorkbook {
  let stream: Uint8Array | null;
  try {
    stream = file.stream("Workbook") ?? file.stream("Book");
  } catch (e) {
    if (e instanceof CompoundFileError) throw new ReadError("corrupt-xls", { what: "文件容器已损坏" });
    throw e;
  }
  if (!stream) throw new ReadError("corrupt-xls", { what: "没有工作簿数据流" });
  return readBiffStream(stream);
}

/** Reads a BIFF workbook stream; only BIFF8 is read, older versions get the message to resave. */
export function readBiffStream(stream: Uint8Array): XlsWorkbook {
  const version = biffVersion(stream);
  if (version === "old") throw new ReadError("biff4");
  if (version === "biff5") throw new ReadError("biff5");
  if (version === null) throw new ReadError("corrupt-xls", { what: "缺少工作簿开头的记录" });
  try {
    const end = { ended: false };
    const globals = substream(stream, 0, end);
    globals.next(); // its BOF, read above
    const g = readGlobals(globals);
    const notes = g.skipped.map((s) => `${s}。`);
    if (!end.ended) notes.push("工作簿的全局记录没有正常结束，可能不完整。");
    const worksheets = g.sheets.filter((s) => s.type === 0);
    // Two entries naming one substream: a real workbook never has them, so it is read once.
    const offsets = new Set<number>();
    const distinct: SheetEntry[] = [];
    const twins: SheetEntry[] = [];
    for (const s of worksheets) {
      if (offsets.has(s.offset)) twins.push(s);
      else {
        offsets.add(s.offset);
        distinct.push(s);
      }
    }
    if (twins.length > 0) notes.push(`有 ${twins.length} 个工作表（如“${twins[0].name}”）与其他工作表指向同一份内容，未重复读取。`);
    if (distinct.length > SHEET_LIMIT) notes.push(tooManySheetsNote(distinct.length));
    const grids: Grid[] = [];
    const seen = new Set<number>();
    let failed: string | null = null;
    let cells = 0;
    let starts: number[] | null = null;
    for (const [k, s] of distinct.slice(0, SHEET_LIMIT).entries()) {
      let offset = s.offset;
      if (!startsSubstream(stream, offset)) {
        // An entry whose offset misses its BOF (a writer's slip): the substreams follow the
        // globals in the order of the entries, so the k-th worksheet is taken from there.
        starts ??= substreamStarts(stream, 0, g.sheets.length + 1).slice(1);
        const at = starts[g.sheets.indexOf(s)];
        if (at === undefined || seen.has(at)) {
          notes.push(`工作表“${s.name}”的位置记录有误，未能读取。`);
          failed ??= `工作表“${s.name}”的位置不对`;
          continue;
        }
        offset = at;
        notes.push(`工作表“${s.name}”记下的位置有误，已按工作表的顺序找到它的内容。`);
      }
      seen.add(offset);
      if (cells >= WORKBOOK_CELLS) {
        const rest = Math.min(distinct.length, SHEET_LIMIT) - k - 1;
        notes.push(`工作簿中已读的工作表合计超过 ${WORKBOOK_CELLS / 1e4} 万个单元格，工作表“${s.name}”${rest > 0 ? `及其后 ${rest} 个工作表` : ""}未读取。`);
        break;
      }
      const sheet = readSheetAt(stream, offset, s.name, g);
      if ("unread" in sheet) {
        notes.push(`${sheet.unread}。`);
        if (sheet.damaged) failed ??= sheet.unread.replace(/，未能读取$/, "");
        continue;
      }
      grids.push(sheet.grid);
      cells += sheet.grid.values.reduce((n, row) => n + row.length, 0);
      if (sheet.note) notes.push(sheet.note);
      notes.push(...sheet.skipped.map((x) => `${x}。`));
    }
    if (grids.length === 0 && failed !== null) throw new ReadError("corrupt-xls", { what: failed });
    return { grids, notes };
  } catch (e) {
    if (e instanceof ReadError) throw e;
    if (e instanceof BiffError) throw new ReadError("corrupt-xls", { what: "记录不完整" });
    throw e;
  }
}

function startsSubstream(stream: Uint8Array, offset: number): boolean {
  return offset + 4 <= stream.length && (stream[offset] | (stream[offset + 1] << 8)) === RT.BOF;
}

/** Why a worksheet was not read, in Chinese; `damaged` when the file is at fault. */
interface Unread {
  unread: string;
  damaged: boolean;
}

/** One worksheet, or why it was not read. */
function readSheetAt(stream: Uint8Array, offset: number, name: string, g: Globals): SheetResult | Unread {
  const end = { ended: false };
  const records = substream(stream, offset, end);
  try {
    const bof = records.next();
    if (bof.done || bof.value.type !== RT.BOF) return { unread: `工作表“${name}”的位置不对，未能读取`, damaged: true };
    // A BOUNDSHEET saying "worksheet" over a chart's or a macro sheet's substream: no form there.
    const kind = bof.value.data.length >= 4 ? new RecordView(bof.value.data).u16(2) : WORKSHEET;
    if (kind !== WORKSHEET) return { unread: `工作表“${name}”是图表或宏表，其中没有表格，未读取`, damaged: false };
    const sheet = readSheetRecords(records, g, name);
    if (!end.ended) sheet.skipped.push(`工作表“${name}”没有正常结束，可能不完整`);
    return sheet;
  } catch (e) {
    if (!(e instanceof BiffError)) throw e;
    return { unread: `工作表“${name}”的记录不完整，未能读取`, damaged: true };
  }
}
