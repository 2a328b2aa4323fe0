import { evaluateSheet, type EvaluateOptions } from "../../src/scoring/evaluate";
import type { Grid } from "../../src/scoring/grid/grid";
import type { SheetReport } from "../../src/scoring/findings/sheet-report";

/**
 * The report of a sheet that holds one form (every fixture and hand-made grid of the tests that
 * use this). Fails loudly where the sheet was read as several forms: that would be a reading bug.
 */
export function evaluateOneForm(grid: Grid, options?: EvaluateOptions): SheetReport {
  const reports = evaluateSheet(grid, options);
  if (reports.length !== 1) throw new Error(`工作表“${grid.sheet}”应只有一张表，却读出 ${reports.length} 张`);
  return reports[0];
}
