/**
 * The workbook globals of a BIFF8 stream ([MS-XLS] §2.1.7.20.1): shared strings, number formats,
 * the cell formats' number-format ids, the date system, the code page, and where each sheet's
 * substream starts. Read leniently: a record that cannot be read is passed over and said in a
 * note, so one odd record does not cost the whole workbook.
 */
import { BiffError, ContinuedReader, JoinedRecord, RecordView, RT } from "./biff-records";
import { ByteDecoder, byteDecoder, recordString } from "./biff-codepage";
import { ReadError } from "./read-error";

export interface SheetEntry {
  name: string;
  /** Offset of the sheet's BOF record in the workbook stream. */
  offset: number;
  /** BOUNDSHEET's sheet type: 0 worksheet (or dialog), 1 macro sheet, 2 chart, 6 VBA module. */
  type: number;
}

export interface Globals {
  sst: string[];
  formats: Map<number, string>;
  xfFormat: number[];
  date1904: boolean;
  decode: ByteDecoder;
  sheets: SheetEntry[];
  /** What could not be read, in Chinese, for the file's notes. */
  skipped: string[];
}

/** How many sheet entries are kept (the workbook reader reads at most 1000 worksheets of them). */
const MAX_ENTRIES = 65536;

/** Reads the globals substream's records after its BOF (nested substreams left out). */
export function readGlobals(all: Iterable<JoinedRecord>): Globals {
  const g: Globals = { sst: [], formats: new Map(), xfFormat: [], date1904: false, decode: byteDecoder(null), sheets: [], skipped: [] };
  let badFormats = 0;
  let badNames = 0;
  let extraEntries = 0;
  for (const r of all) {
    const v = new RecordView(r.data);
    try {
      switch (r.type) {
        case RT.FILEPASS:
          throw new ReadError("encrypted");
        case RT.CODEPAGE:
          g.decode = byteDecoder(v.u16(0));
          break;
        case RT.DATEMODE:
          g.date1904 = v.u16(0) === 1;
          break;
        case RT.FORMAT:
          try {
            g.formats.set(v.u16(0), recordString(r.data, 2, 2, g.decode));
          } catch (e) {
            if (!(e instanceof BiffError)) throw e;
            badFormats++;
          }
          break;
        case RT.XF:
          // A cut XF still takes its place: cells refer to XFs by position.
          g.xfFormat.push(r.data.length >= 4 ? v.u16(2) : 0);
          break;
        case RT.BOUNDSHEET: {
          const offset = v.u32(0);
          const type = v.u8(5);
          let name: string;
          try {
            name = recordString(r.data, 6, 1, g.decode);
          } catch (e) {
            if (!(e instanceof BiffError)) throw e;
            badNames++;
            name = `工作表${g.sheets.length + 1}`;
          }
          // Entries past any real workbook's count are only counted: a hostile file may hold millions.
          if (g.sheets.length < MAX_ENTRIES) g.sheets.push({ name, offset, type });
          else extraEntries++;
          break;
        }
        case RT.SST:
          readSst(r.segments, g);
          break;
      }
    } catch (e) {
      if (!(e instanceof BiffError)) throw e;
      // A record too short for its fixed fields: nothing of it can be used.
      if (r.type === RT.BOUNDSHEET) badNames++;
    }
  }
  if (badFormats > 0) g.skipped.push(`有 ${badFormats} 个数字格式无法读取，按“常规”格式读出`);
  if (badNames > 0) g.skipped.push(`有 ${badNames} 个工作表的名称或位置无法读取`);
  if (extraEntries > 0) g.skipped.push(`工作簿列出的工作表超过 ${MAX_ENTRIES} 个，其后的 ${extraEntries} 个未读取`);
  return g;
}

/** The shared-string table; strings after one that cannot be read are missing, and said so. */
function readSst(segments: Uint8Array[], g: Globals): void {
  const reader = new ContinuedReader(segments);
  reader.u32();
  const unique = reader.u32();
  try {
    for (let k = 0; k < unique && !reader.atEnd; k++) g.sst.push(reader.unicodeString(2));
  } catch (e) {
    if (!(e instanceof BiffError)) throw e;
    g.skipped.push(`共享字符串表从第 ${g.sst.length + 1} 个起无法读取`);
  }
}
