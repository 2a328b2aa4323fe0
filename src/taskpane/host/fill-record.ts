import type { CellWrite } from "../../scoring/fill";
import type { CellValue } from "../../scoring/grid";
import { CellContent, sameContent, sameValue } from "./cell-content";
import { HostError } from "./host-error";

/** One fill as kept in the document: every cell written, with what it held before and after. */
export interface FillRecord {
  id: string;
  sheet: string;
  /** ISO time of the fill. */
  at: string;
  useFormulas: boolean;
  cells: {
    cell: string;
    before: CellContent;
    after: CellContent;
    /** What named the cell's row at the fill (its first filled cell on the left); absent in older records. */
    anchor?: { cell: string; value: CellValue } | null;
  }[];
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
    cells: writes.map((w) => ({ cell: w.cell, before: before.get(w.cell)!, after: contentAfter(w, useFormulas), anchor: w.anchor })),
  };
}

/** The cells an undo must look at: the ones written, and the ones that named their rows. */
export function cellsToCheck(record: FillRecord): string[] {
  const out = new Set(record.cells.map((c) => c.cell));
  for (const c of record.cells) if (c.anchor) out.add(c.anchor.cell);
  return [...out];
}

/**
 * Which cells an undo puts back, and which it leaves because someone changed them after the
 * fill: a cell that holds something else now, or whose row is no longer the row it was (a row
 * inserted above moved the form down: the figure at that address is the person's, not the fill's).
 */
export function undoPlan(record: FillRecord, now: Map<string, CellContent>): { restore: FillRecord["cells"]; keep: string[] } {
  const restore: FillRecord["cells"] = [];
  const keep: string[] = [];
  for (const c of record.cells) {
    const cur = now.get(c.cell);
    const rowMoved = c.anchor ? !sameValue(now.get(c.anchor.cell)?.value ?? null, c.anchor.value) : false;
    // A formula's value may have been recalculated since: compare formulas only.
    const untouched =
      !rowMoved && cur && (c.after.formula !== null ? sameContent(cur, c.after) : cur.formula === null && sameValue(cur.value, c.after.value));
    if (untouched) restore.push(c);
    else keep.push(c.cell);
  }
  return { restore, keep };
}
