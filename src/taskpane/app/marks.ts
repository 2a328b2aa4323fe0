import type { WorkbookHost } from "../host/WorkbookHost";
import { marksOf, type Validation } from "./validation";

/**
 * After cells changed (a fill, an undo, a typed change in live mode): the marks follow the
 * latest validation. A sheet that carries marks gets those of the fresh results; a changed sheet
 * the fresh results do not cover loses its marks, since the pane can no longer vouch for them.
 * Sheets without marks stay unmarked: marking is the person's choice. Returns the sheets touched.
 */
export async function refreshMarks(host: WorkbookHost, fresh: Validation | null, changedSheet: string | null): Promise<string[]> {
  const marked = await host.markedSheets();
  const touched: string[] = [];
  for (const sheet of marked) {
    // Every form of the sheet: marking replaces the sheet's marks with the union.
    const reports = fresh?.reports.filter((r) => r.sheet === sheet) ?? [];
    if (reports.length) await host.mark(sheet, marksOf(reports));
    else if (sheet === changedSheet) await host.clearMarks([sheet]);
    else continue;
    touched.push(sheet);
  }
  return touched;
}
