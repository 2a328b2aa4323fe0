import { parseA1, toA1 } from "../scoring/grid/address";
import type { Severity } from "../scoring/findings/findings";
import type { Problem } from "./review";

/**
 * The same finding on many cells of one form, as one line: a form that writes its actuals as
 * targets (`≥24万人`) has the same 实际值写成了目标 hint on every indicator row, and a reviewer
 * wants to read it once, with its count and its cells, not thirty times.
 */
export interface ProblemGroup {
  severity: Severity;
  code: string;
  title: string;
  advice: string;
  /** Each finding of the group, in the form's order: its cell (null: the whole sheet) and message. */
  items: { cell: string | null; message: string }[];
}

/** Groups a form's problems by code, in the order each code first appears (errors first, as listed). */
export function groupProblems(problems: Problem[]): ProblemGroup[] {
  const groups = new Map<string, ProblemGroup>();
  for (const p of problems) {
    // An unreadable file's line has no code: its title keeps it apart.
    const key = `${p.severity}\u0000${p.code || p.title}`;
    let g = groups.get(key);
    if (!g) {
      g = { severity: p.severity, code: p.code, title: p.title, advice: p.advice, items: [] };
      groups.set(key, g);
    }
    g.items.push({ cell: p.cell, message: p.message });
  }
  return [...groups.values()];
}

/**
 * A group's cells, short: runs down a column become ranges (`F15:F20`), columns in order;
 * cells that are not single addresses (a range already, or none) are listed as they are.
 */
export function cellList(cells: (string | null)[]): string[] {
  const singles: { row: number; col: number }[] = [];
  const others: string[] = [];
  for (const c of new Set(cells)) {
    const at = c === null ? null : parseA1(c);
    if (at && !c!.includes(":")) singles.push(at);
    else others.push(c ?? "整表");
  }
  singles.sort((a, b) => a.col - b.col || a.row - b.row);
  const out: string[] = [];
  for (let i = 0; i < singles.length; ) {
    let j = i;
    while (j + 1 < singles.length && singles[j + 1].col === singles[i].col && singles[j + 1].row === singles[j].row + 1) j++;
    const a = toA1(singles[i].row, singles[i].col);
    out.push(j === i ? a : `${a}:${toA1(singles[j].row, singles[j].col)}`);
    i = j + 1;
  }
  return [...out, ...others];
}
