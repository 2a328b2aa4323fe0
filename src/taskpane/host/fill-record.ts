import type { CellWrite } from "../../scoring/fill";
import { CellContent, sameContent, sameValue } from "./cell-content";
import { HostError } from "./host-error";

/** One fill as kept in the document: every cell written, with what it held before and after. */
export interface FillRecord {
  id: string;
  sheet: string;
  /** ISO time of the fill. */
  at: string;
  useFormulas: boolean;
  cells: { cell: string; before: CellContent; after: CellContent }[];
}

/** What the fill puts into a cell: the plan's formula when asked and it has one, else the figure. */
export function contentAfter(write: CellWrite, useFormulas: boolean): CellContent {
  if (useFormulas && write.formula) return { formula: write.formula, value: write.value };
  return { formula: null, value: write.value };
}

/**
 * The record of a fill, or a HostError when a cell no longer holds what the plan saw
 * (someone typed meanwhile): then nothing is written and the plan must be made again.
 */
export function buildFillRecord(
  sheet: string,
  writes: CellWrite[],
  useFormulas: boolean,
  before: Map<string, CellContent>,
  now: Date = new Date(),
): FillRecord {
  if (writes.length === 0) throw new HostError("填写方案中没有要写入的单元格。");
  const changed = writes.filter((w) => {
    const b = before.get(w.cell);
    return !b || !sameValue(b.value, w.current);
  });
  if (changed.length > 0)
    throw new HostError(`单元格 ${changed.map((w) => w.cell).join("、")} 在生成填写方案后已被改动，未写入任何内容。请重新生成填写方案。`, "StalePlan");
  return {
    id: `${now.getTime().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    sheet,
    at: now.toISOString(),
    useFormulas,
    cells: writes.map((w) => ({ cell: w.cell, before: before.get(w.cell)!, after: contentAfter(w, useFormulas) })),
  };
}

/** Which cells an undo puts back, and which it leaves because someone changed them after the fill. */
export function undoPlan(record: FillRecord, now: Map<string, CellContent>): { restore: FillRecord["cells"]; keep: string[] } {
  const restore: FillRecord["cells"] = [];
  const keep: string[] = [];
  for (const c of record.cells) {
    const cur = now.get(c.cell);
    // A formula's value may have been recalculated since: compare formulas only.
    const untouched = cur && (c.after.formula !== null ? sameContent(cur, c.after) : cur.formula === null && sameValue(cur.value, c.after.value));
    if (untouched) restore.push(c);
    else keep.push(c.cell);
  }
  return { restore, keep };
}
