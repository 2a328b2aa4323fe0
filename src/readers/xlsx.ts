/**
 * Excel workbooks (.xlsx, .xlsm): each worksheet as the core's grid. Read by our own streaming
 * reader, which keeps only the cells the file holds: a merge is a range, never a cell object per
 * merged cell (ExcelJS, the former reader, made one each and ran out of memory on A1:XFD1048576),
 * and a missing part is an error that names it, never a sheet or its texts silently gone.
 */
import type { Grid } from "../scoring/grid/grid";
import { sameContentNote, SHEET_LIMIT, tooManySheetsNote } from "./grid-builder";
import { ReadError } from "./read-error";
import { readSharedStrings } from "./shared-strings";
import { readSheetXml } from "./xlsx-sheet";
import { readCellFormats } from "./xlsx-styles";
import { readWorkbookParts } from "./xlsx-workbook";
import type { ZipPackage } from "./zip-package";

/** Notes past this many say nothing new: the list a reviewer reads stays short. */
const NOTE_LIMIT = 20;

export interface XlsxWorkbook {
  grids: Grid[];
  notes: string[];
}

/**
 * Reads an .xlsx already opened as a zip package. Throws ReadError for what it cannot read. Each
 * part is read once: sheet entries that name a part already read are listed in the notes, not
 * read again (3,000 entries naming one large part would otherwise make 3,000 grids of it), and
 * no more than SHEET_LIMIT sheets are read.
 */
export async function readXlsx(pkg: ZipPackage): Promise<XlsxWorkbook> {
  const wb = await readWorkbookParts(pkg);
  if (wb.sheets.length === 0) throw new ReadError("no-sheets");
  const sst = await pkg.bytes(wb.sharedStrings);
  const strings = sst === null ? null : readSharedStrings(sst);
  const formats = readCellFormats(await pkg.bytes(wb.styles));
  const grids: Grid[] = [];
  const notes: string[] = [];
  const readBy = new Map<string, string>();
  for (const sheet of wb.sheets.slice(0, SHEET_LIMIT)) {
    const key = sheet.part?.toLowerCase();
    const first = key === undefined ? undefined : readBy.get(key);
    if (first !== undefined) {
      if (notes.length < NOTE_LIMIT) notes.push(sameContentNote(sheet.name, first));
      continue;
    }
    const xml = sheet.part === null ? null : await pkg.bytes(sheet.part);
    if (xml === null) throw new ReadError("corrupt-xlsx", { what: `缺少工作表“${sheet.name}”的内容` });
    readBy.set(key!, sheet.name);
    const built = readSheetXml(xml, { name: sheet.name, strings, formats, date1904: wb.date1904 });
    grids.push(built.grid);
    if (built.note && notes.length < NOTE_LIMIT) notes.push(built.note);
  }
  if (wb.sheets.length > SHEET_LIMIT) notes.push(tooManySheetsNote(wb.sheets.length));
  return { grids, notes };
}
