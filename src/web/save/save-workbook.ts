import { PROGRAM_STAMP } from "../../program";
import type { MemoryWorkbook } from "../../taskpane/host/memory-workbook";
import { patchXlsx, type PatchedWorkbook, type SheetEdits } from "../../writers/xlsx-patch";
import { changedCells, type Snapshot } from "./workbook-changes";

export interface SavedWorkbook extends PatchedWorkbook {
  edits: SheetEdits[];
}

/**
 * The opened .xlsx with what changed in the page written into it (patched, not re-serialised).
 * Null when nothing changed. The file names the program, its version and the rules' year as its
 * last modifier.
 */
export async function saveWorkbook(original: ArrayBuffer | Uint8Array, wb: MemoryWorkbook, opened: Snapshot, now?: Date): Promise<SavedWorkbook | null> {
  const edits = changedCells(wb, opened);
  if (edits.length === 0) return null;
  const patched = await patchXlsx(original, edits, { modifiedBy: PROGRAM_STAMP, now });
  return { ...patched, edits };
}

/** `表.xlsx` → `表（已填写）.xlsx` (an .xlsm stays .xlsm): the saved copy never takes the original's name. */
export function savedName(name: string): string {
  const m = /^(.*?)(\.xlsm)?(\.xlsx)?$/i.exec(name)!;
  return `${m[1]}（已填写）${m[2] ? ".xlsm" : ".xlsx"}`;
}
