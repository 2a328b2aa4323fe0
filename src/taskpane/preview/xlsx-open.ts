import ExcelJS from "exceljs";
import { worksheetToGrid } from "../../readers/xlsx";
import { MemoryWorkbook } from "../host/memory-workbook";

/** The formulas of a sheet by cell (`H36` → `=SUM(H4:H35)`), so undo can put them back exactly. */
function formulasOf(ws: ExcelJS.Worksheet): Map<string, string> {
  const out = new Map<string, string>();
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => {
      const f = cell.formula;
      if (f && !(cell.isMerged && cell.master.address !== cell.address)) out.set(cell.address, `=${f}`);
    }),
  );
  return out;
}

/** Opens an .xlsx in the browser with the same reader the CLI uses (worksheetToGrid). */
export async function openXlsx(data: ArrayBuffer): Promise<MemoryWorkbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data);
  const grids = wb.worksheets.map(worksheetToGrid);
  return MemoryWorkbook.fromGrids(grids, new Map(wb.worksheets.map((ws) => [ws.name, formulasOf(ws)])));
}
