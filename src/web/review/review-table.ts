import Decimal from "decimal.js";
import type { FormRow, Verdict } from "../../cli/review";

/** The 汇总 table's sortable columns, with the key each sorts by (null sorts last). */
export type SortKey = "no" | "file" | "unit" | "project" | "kind" | "rate" | "statedTotal" | "computedTotal" | "errors" | "warnings" | "infos" | "verdict";

export interface Sort {
  key: SortKey;
  dir: "asc" | "desc";
}

/** A row of the page's table: the form's place in the worst-first order is its 序号, as in the summary workbook. */
export interface NumberedRow {
  no: number;
  row: FormRow;
}

const VERDICT_ORDER: Record<Verdict, number> = { 无法识别: 0, 需修改: 1, 通过: 2 };
const collator = new Intl.Collator("zh-CN", { numeric: true });

function keyOf(x: NumberedRow, key: SortKey): string | number | null {
  const r = x.row;
  switch (key) {
    case "no":
      return x.no;
    case "file":
      return r.file;
    case "unit":
      return r.unit;
    case "project":
      return r.project ?? r.sheet;
    case "kind":
      return r.kindLabel;
    case "verdict":
      return VERDICT_ORDER[r.verdict];
    default:
      return r[key];
  }
}

/** Sorted by a column; ties and blanks keep the worst-first order (blanks last either way). */
export function sortRows(rows: NumberedRow[], sort: Sort): NumberedRow[] {
  const sign = sort.dir === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = keyOf(a, sort.key);
    const y = keyOf(b, sort.key);
    if (x === null || y === null) return x === y ? a.no - b.no : x === null ? 1 : -1;
    const c = typeof x === "number" && typeof y === "number" ? x - y : collator.compare(String(x), String(y));
    return c * sign || a.no - b.no;
  });
}

export interface Filter {
  /** A problem code, `error`/`warning`/`info` for any of that severity, a verdict, or "" for all. */
  problem: string;
  /** Part of the unit's (or, with none read, the file's) name. */
  unit: string;
}

export function filterRows(rows: NumberedRow[], f: Filter): NumberedRow[] {
  const unit = f.unit.trim();
  return rows.filter(({ row }) => {
    if (unit && !`${row.unit ?? ""} ${row.file}`.includes(unit)) return false;
    if (!f.problem) return true;
    if (f.problem === "通过" || f.problem === "需修改" || f.problem === "无法识别") return row.verdict === f.problem;
    if (f.problem === "error" || f.problem === "warning" || f.problem === "info") return row.problems.some((p) => p.severity === f.problem);
    return row.problems.some((p) => p.code === f.problem);
  });
}

/** The problem codes found in the batch, most frequent first (for the filter's choices). */
export function codesIn(rows: FormRow[]): { code: string; title: string; count: number }[] {
  const seen = new Map<string, { code: string; title: string; count: number }>();
  for (const r of rows)
    for (const p of r.problems) {
      if (!p.code) continue;
      const e = seen.get(p.code) ?? { code: p.code, title: p.title, count: 0 };
      e.count++;
      seen.set(p.code, e);
    }
  return [...seen.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

export const fixed = (v: number | null, places = 2): string => (v === null ? "" : new Decimal(v).toFixed(places));
export const percent = (v: number | null): string => (v === null ? "" : `${new Decimal(v).times(100).toFixed(2)}%`);
