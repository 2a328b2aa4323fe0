import { evaluateSheet } from "../../scoring/evaluate";
import { SEVERITY_ORDER, Severity } from "../../scoring/findings/findings";
import type { Grid } from "../../scoring/grid/grid";
import type { SheetReport } from "../../scoring/findings/sheet-report";
import { HostError, toHostError } from "../host/host-error";
import type { CellMark, ReadScope, WorkbookHost } from "../host/WorkbookHost";
import { yieldToBrowser } from "./yield";

export interface Validation {
  scope: ReadScope;
  activeSheet: string;
  /** One per form, sheet by sheet: a sheet that stacks several forms gives one each, in order (`place`). */
  reports: SheetReport[];
  grids: Grid[];
  /** What the read left out, in Chinese (values beyond the area a form can occupy). */
  notes: string[];
}

export type Progress = { phase: "read" } | { phase: "evaluate"; sheet: string; done: number; total: number };

/** Reads through the host, then evaluates sheet by sheet, yielding between sheets so the pane stays responsive. */
export async function validate(host: WorkbookHost, scope: ReadScope, onProgress: (p: Progress) => void = () => undefined): Promise<Validation> {
  onProgress({ phase: "read" });
  const read = await host.read(scope);
  const reports: SheetReport[] = [];
  for (let i = 0; i < read.grids.length; i++) {
    const grid = read.grids[i];
    onProgress({ phase: "evaluate", sheet: grid.sheet, done: i, total: read.grids.length });
    await yieldToBrowser();
    try {
      reports.push(...evaluateSheet(grid));
    } catch (e) {
      throw new HostError(`校验工作表“${grid.sheet}”时出错：${toHostError(e).message}`, "EvaluateFailed");
    }
  }
  return { scope, activeSheet: read.activeSheet, reports, grids: read.grids, notes: read.notes ?? [] };
}

/** One mark per cell with findings, at the cell's worst severity: the union of the forms given (a sheet's forms). */
export function marksOf(reports: readonly SheetReport[]): CellMark[] {
  const worst = new Map<string, Severity>();
  for (const report of reports)
    for (const f of report.findings) {
      if (!f.cell) continue;
      const had = worst.get(f.cell);
      if (!had || SEVERITY_ORDER.indexOf(f.severity) < SEVERITY_ORDER.indexOf(had)) worst.set(f.cell, f.severity);
    }
  return [...worst].map(([cell, severity]) => ({ cell, severity }));
}

/** The reports by sheet, sheets in the order first met: marks go per sheet, for all its forms at once. */
export function reportsBySheet(reports: readonly SheetReport[]): Map<string, SheetReport[]> {
  const out = new Map<string, SheetReport[]>();
  for (const r of reports) {
    const list = out.get(r.sheet);
    if (list) list.push(r);
    else out.set(r.sheet, [r]);
  }
  return out;
}
