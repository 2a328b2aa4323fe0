/**
 * Excel workbooks (.xlsx, .xlsm): each worksheet as the core's grid. Read by our own streaming
 * reader, which keeps only the cells the file holds: a merge is a range, never a cell object per
 * merged cell (ExcelJS, the former reader, made one each and ran out of memory on A1:XFD1048576),
 * and a missing part is an error that names it, never a sheet or its texts silently gone.
 */
import type { Grid } from "../scoring/grid/grid";
import { ReadError } from "./read-error";
import { readSharedStrings } from "./shared-strings";
import { readSheetXml } from "./xlsx-sheet";
import { readCellFormats } from "./xlsx-styles";
import { readWorkbookParts } from "./xlsx-workbook";
import type { ZipPackage } from "./zip-package";

export interface XlsxWorkbook {
  grids: Grid[];
  notes: string[];
}

/** Reads an .xlsx already opened as a zip package. Throws ReadError for what it cannot read. */
export async function readXlsx(pkg: ZipPackage): Promise<XlsxWorkbook> {
  const wb = await readWorkbookParts(pkg);
  if (wb.sheets.length === 0) throw new ReadError("no-sheets");
  const sst = await pkg.text(wb.sharedStrings);
  const strings = sst === null ? null : readSharedStrings(sst);
  const formats = readCellFormats(await pkg.text(wb.styles));
  const grids: Grid[] = [];
  const notes: string[] = [];
  for (const sheet of wb.sheets) {
    const xml = sheet.part === null ? null : await pkg.text(sheet.part);
    if (xml === null) throw new ReadError("corrupt-xlsx", { what: `缺少工作表“${sheet.name}”的内容` });
    const built = readSheetXml(xml, { name: sheet.name, strings, formats, date1904: wb.date1904 });
    grids.push(built.grid);
    if (built.note) notes.push(built.note);
  }
  return { grids, notes };
}
