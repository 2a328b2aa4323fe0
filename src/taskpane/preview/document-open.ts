import { toA1 } from "../../scoring/grid/address";
import { formulaText, type Grid } from "../../scoring/grid/grid";
import { readDocument } from "../../readers/document";
import { MemoryWorkbook } from "../host/memory-workbook";

/** The formulas of each sheet by cell (`H36` → `=SUM(H4:H35)`), so undo can put them back exactly. */
function formulasOf(grids: Grid[]): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const g of grids) {
    const cells = new Map<string, string>();
    // The preview keeps each cell's own text: its workbook moves and recalculates formulas cell by cell.
    g.formulas?.forEach((row, i) => row.forEach((f, j) => f && cells.set(toA1(g.origin.row + i, g.origin.col + j), formulaText(f)!)));
    out.set(g.sheet, cells);
  }
  return out;
}

/**
 * Opens a workbook (.xlsx, .xls) or a Word report's tables (.docx) in the browser with the
 * readers the CLI uses. A file they cannot read throws ReadError, whose Chinese message is the
 * CLI's (describeReadError says it for any other error).
 */
export async function openDocument(
  data: ArrayBuffer | Uint8Array,
  name: string,
): Promise<{ workbook: MemoryWorkbook; tables: boolean; notes: string[]; format: "xlsx" | "xls" | "docx" }> {
  const doc = await readDocument(data, name);
  return { workbook: MemoryWorkbook.fromGrids(doc.grids, formulasOf(doc.grids)), tables: doc.format === "docx", notes: doc.notes, format: doc.format };
}
