/**
 * The shapes real forms take, made from a form that is already right: columns reordered, a
 * two-row header, a leading label column, the form moved, placeholder rows inside a level,
 * amounts in 元, full-width digits, the total as `100分`, level labels with or without points.
 * Each variant returns null where it does not apply to a form.
 */
import Decimal from "decimal.js";
import type { Grid } from "../../src/scoring/grid/grid";
import { readForm } from "../../src/scoring/read/read-form";
import type { Form } from "../../src/scoring/read/form";
import { clone, insertCols, insertRows, merge, mergeAt, reorderCols, setCell } from "./grid-edit";

export type Variant = (g: Grid, form: Form) => Grid | null;

function move(width: number, from: number, to: number): number[] {
  const order = Array.from({ length: width }, (_, i) => i);
  order.splice(to, 0, ...order.splice(from, 1));
  return order;
}

const width = (g: Grid) => Math.max(0, ...g.values.map((r) => r.length));

const FULL = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).replace(/%/g, "％").replace(/(?<=[0-9０-９])\.(?=[0-9０-９])/g, "．");

/** A label's stated points removed: `产出指标（50分）` → `产出指标`. */
const withoutPoints = (s: string) => s.replace(/\s*[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]/g, "");

export const VARIANTS: Record<string, Variant> = {
  /** 分值 before 年度指标值 (zhongjiang's column order). */
  "weight-before-target": (g, f) => {
    const c = f.table?.columns;
    if (!c || c.weight === undefined || c.target === undefined || c.weight < c.target) return null;
    return reorderCols(g, move(width(g), c.weight, c.target));
  },
  /** 得分 before 分值. */
  "score-before-weight": (g, f) => {
    const c = f.table?.columns;
    if (!c || c.weight === undefined || c.score === undefined || c.score < c.weight) return null;
    return reorderCols(g, move(width(g), c.score, c.weight));
  },
  /** `年度指标值` over `指标值`, `绩效指标` over the three levels, the other headers merged down both rows. */
  "two-row-header": (g, f) => {
    const t = f.table;
    if (!t || t.rows.length === 0 || t.firstRow !== t.headerRow + 1) return null;
    const h = t.headerRow;
    const out = insertRows(g, h + 1, 1);
    const levels = ["level1", "level2", "level3"].map((r) => t.columns[r]).filter((c): c is number => c !== undefined);
    const contiguous = levels.length === 3 && levels[1] === levels[0] + 1 && levels[2] === levels[1] + 1;
    for (let c = 0; c < width(out); c++) {
      const v = out.values[h][c];
      if (v === null || mergeAt(out, h, c)?.right !== undefined && mergeAt(out, h, c)!.left !== c) continue;
      const m = mergeAt(out, h, c);
      if (m && (m.bottom > h || m.right > m.left)) continue; // a section title merged down, or a header already merged across
      if (c === t.columns.target) {
        setCell(out, h, c, "年度指标值");
        setCell(out, h + 1, c, "指标值");
      } else if (contiguous && levels.includes(c)) {
        setCell(out, h + 1, c, v);
        setCell(out, h, c, c === levels[0] ? "绩效指标" : null);
      } else merge(out, { top: h, left: c, bottom: h + 1, right: c });
    }
    if (contiguous) merge(out, { top: h, left: levels[0], bottom: h, right: levels[2] });
    return out;
  },
  /** A `绩效指标` column merged down the table's left, shifting everything one column right. */
  "leading-label-column": (g, f) => {
    const t = f.table;
    if (!t) return null;
    const out = insertCols(g, 0, 1);
    setCell(out, t.headerRow, 0, "绩效指标");
    return merge(out, { top: t.headerRow, left: 0, bottom: Math.max(t.lastRow, t.headerRow + 1), right: 0 });
  },
  /** The whole form three rows down and two columns right. */
  moved: (g) => insertCols(insertRows(g, 0, 3), 0, 2),
  /** `指标2:` and `……` rows after the first item of every level 1, inside its merges. */
  "placeholder-rows": (g, f) => {
    const t = f.table;
    const nameCol = t?.columns.level3 ?? t?.columns.target;
    if (!t || nameCol === undefined) return null;
    const firsts = [...new Set(t.level1.map((grp) => t.rows.find((r) => r.level1 === grp)?.row).filter((r): r is number => r !== undefined))];
    if (firsts.length === 0) return null;
    let out = clone(g);
    for (const r of firsts.sort((a, b) => b - a)) {
      out = insertRows(out, r + 1, 2);
      setCell(out, r + 1, nameCol, "指标2:");
      setCell(out, r + 2, nameCol, "……");
    }
    return out;
  },
  /** Amounts restated in 元: the figures ×10 000 and the block's header says 元. */
  "amounts-in-yuan": (g, f) => {
    const fund = f.fund;
    if (!fund || fund.unit !== "万元") return null;
    const out = clone(g);
    for (const r of fund.rows)
      for (const fig of [r.budgetStart, r.budget, r.spent]) {
        if (fig.kind !== "number" || typeof out.values[fig.at.row][fig.at.col] !== "number") continue;
        out.values[fig.at.row][fig.at.col] = fig.value.times(10000).toNumber();
      }
    for (let r = fund.anchor.row; r <= (fund.rows.at(-1)?.row ?? fund.anchor.row); r++)
      for (let c = 0; c < width(out); c++) {
        const v = out.values[r][c];
        if (typeof v === "string" && v.includes("万元")) out.values[r][c] = v.replace(/万元/g, "元");
      }
    return out;
  },
  /** Every digit typed full-width (`≥９５％`), as Chinese input methods do. */
  "full-width": (g) => {
    const out = clone(g);
    out.values = out.values.map((r) => r.map((v) => (typeof v === "string" ? FULL(v) : v)));
    return out;
  },
  /** The total written as text: `100分`. */
  "total-as-text": (g, f) => {
    const s = f.total?.score;
    if (!s || s.kind !== "number") return null;
    const out = clone(g);
    out.values[s.at.row][s.at.col] = `${s.value.toFixed()}分`;
    return out;
  },
  /** Level-1 labels without their `（50分）`. */
  "level-points-removed": (g, f) => {
    const labels = (f.table?.level1 ?? []).filter((l) => l.at && l.points !== null);
    // Without a 分值 column the points are the form's only weights: removing them changes the form.
    if (labels.length === 0 || !f.table?.hasWeights) return null;
    const out = clone(g);
    for (const l of labels) out.values[l.at!.row][l.at!.col] = withoutPoints(String(out.values[l.at!.row][l.at!.col]));
    return out;
  },
  /** Level-1 labels with `（N分）` added, N the weights under them. */
  "level-points-added": (g, f) => {
    const t = f.table;
    if (!t || !t.hasWeights) return null;
    const out = clone(g);
    let any = false;
    for (const l of t.level1) {
      // A label repeated after a page break states the points of the whole level 1.
      const rows = t.rows.filter((r) => r.level1.text.replace(/\s/g, "") === l.text.replace(/\s/g, ""));
      if (!l.at || l.points !== null || !l.text || rows.length === 0 || rows.some((r) => r.weight.kind !== "number")) continue;
      const sum = rows.reduce((s, r) => s.plus(r.weight.kind === "number" ? r.weight.value : 0), new Decimal(0));
      out.values[l.at.row][l.at.col] = `${l.text}（${sum.toFixed()}分）`;
      any = true;
    }
    return any ? out : null;
  },
};

/** Several at once, as one real form may differ in every way. */
export function combined(g: Grid): Grid {
  let out = g;
  for (const name of ["amounts-in-yuan", "two-row-header", "placeholder-rows", "leading-label-column", "full-width", "moved"]) {
    const next = VARIANTS[name](out, readForm(out));
    if (next) out = next;
  }
  return out;
}
