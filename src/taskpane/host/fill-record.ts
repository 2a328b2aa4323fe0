import type { CellWrite } from "../../scoring/fill/fill";
import type { CellValue } from "../../scoring/grid/grid";
import { CellContent, sameContent, sameValue } from "./cell-content";
import { formulaRefs, likeRef, namedRefs, reachesBeyondSheet, readNamedRefs, withRefs } from "./cell-refs";
import { HostError } from "./host-error";

/** One fill as kept in the document: every cell written, with what it held before and after. */
export interface FillRecord {
  id: string;
  sheet: string;
  /** ISO time of the fill. */
  at: string;
  useFormulas: boolean;
  /**
   * How the formulas of this record are written (Office: `local:zh-CN` for formulasLocal with the
   * Chinese names, `invariant` for Range.formulas); the undo reads and compares in the same one.
   * Absent in older records and in hosts with one representation.
   */
  channel?: string;
  /** What the pane should tell the person about this fill (formulas written as values, and why). Not kept in the document. */
  notes?: string[];
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

/** The hidden defined name that keeps a fill's cells where Excel moves them. */
export function trackName(record: FillRecord): string {
  return `_jxzp_fill_${record.id.replace(/[^A-Za-z0-9_]/g, "_")}`;
}

/** Excel's limit on a defined name's formula. */
const NAME_LIMIT = 8000;

/**
 * The formula of the fill's hidden name: every cell written, then every reference of every
 * formula written, in order. Excel moves them all when rows or columns are inserted or deleted,
 * so an undo finds its cells, and what its formulas look like now, where they are. Null when
 * it would be too long for a name (then the undo falls back to each row's anchor).
 */
export function trackedRefs(record: FillRecord): string | null {
  const formulas = contentFormulas(record);
  // Only references to the fill's own sheet are tracked.
  if (formulas.some(reachesBeyondSheet)) return null;
  const refs = [...record.cells.map((c) => c.cell), ...formulas.flatMap(formulaRefs)];
  const f = namedRefs(record.sheet, refs);
  return f.length > NAME_LIMIT ? null : f;
}

/** The formulas of a fill, written and replaced, in the order their references are tracked. */
function contentFormulas(record: FillRecord): string[] {
  return record.cells.flatMap((c) => [c.after.formula, c.before.formula].filter((f): f is string => f !== null));
}

/** Where each written cell is now (null: deleted), and what it held before and after the fill, as it would read there now. */
export type Located = Map<string, { at: string | null; before: CellContent; after: CellContent }>;

/** The fill's cells as the hidden name shows them now; null when the name is gone or unreadable. */
export function locate(record: FillRecord, formula: string | null | undefined): Located | null {
  if (!formula) return null;
  const areas = readNamedRefs(formula);
  const expected = record.cells.length + contentFormulas(record).reduce((n, f) => n + formulaRefs(f).length, 0);
  if (areas.length !== expected) return null;
  const out: Located = new Map();
  let k = record.cells.length;
  const moved = (content: CellContent): CellContent => {
    if (!content.formula) return content;
    const old = formulaRefs(content.formula);
    const now = old.map((r, j) => {
      const x = areas[k + j];
      return x && x.sheet === record.sheet ? likeRef(x.ref, r) : null;
    });
    k += old.length;
    return { formula: withRefs(content.formula, now), value: content.value };
  };
  record.cells.forEach((c, i) => {
    const a = areas[i];
    const at = a && a.sheet === record.sheet && !a.ref.includes(":") ? a.ref : null;
    const after = moved(c.after);
    out.set(c.cell, { at, after, before: moved(c.before) });
  });
  return out;
}

/** The cells an undo must look at: where the written cells are now, or the ones written and the ones that named their rows. */
export function cellsToCheck(record: FillRecord, located: Located | null = null): string[] {
  if (located) return [...located.values()].flatMap((l) => (l.at ? [l.at] : []));
  const out = new Set(record.cells.map((c) => c.cell));
  for (const c of record.cells) if (c.anchor) out.add(c.anchor.cell);
  return [...out];
}

/**
 * Which cells an undo puts back (at their address now), and which it leaves because someone
 * changed them after the fill: a cell that holds something else now, a cell deleted with its row,
 * or, without the hidden name, a cell whose row is no longer the row it was (a row inserted above
 * moved the form down: the figure at that address is the person's, not the fill's).
 */
export function undoPlan(
  record: FillRecord,
  now: Map<string, CellContent>,
  located: Located | null = null,
): { restore: { cell: string; before: CellContent }[]; keep: string[] } {
  const restore: { cell: string; before: CellContent }[] = [];
  const keep: string[] = [];
  for (const c of record.cells) {
    const loc = located?.get(c.cell);
    const at = located ? (loc?.at ?? null) : c.cell;
    const after = loc?.after ?? c.after;
    const before = loc?.before ?? c.before;
    const cur = at ? now.get(at) : undefined;
    const rowMoved = !located && c.anchor ? !sameValue(now.get(c.anchor.cell)?.value ?? null, c.anchor.value) : false;
    // A formula's value may have been recalculated since: compare formulas only.
    const untouched = !rowMoved && cur && (after.formula !== null ? sameContent(cur, after) : cur.formula === null && sameValue(cur.value, after.value));
    if (untouched && at) restore.push({ cell: at, before });
    else keep.push(at ?? c.cell);
  }
  return { restore, keep };
}
