import Decimal from "decimal.js";
import type { FormRow } from "./review";
import { seeded } from "./seeded-random";

// Its own precision, whatever the rest of the program sets: the draw must not depend on it.
const Dec = Decimal.clone({ precision: 30, rounding: Decimal.ROUND_HALF_UP });
const TWO_POW_32 = new Dec(2).pow(32);

/** Forms with errors weigh 4, with warnings only 2, others 1. */
const PROBLEM_WEIGHT = { error: new Dec(4), warning: new Dec(2), none: new Dec(1) };

export interface Picked {
  /** 1-based position in the 抽查 list. */
  order: number;
  row: FormRow;
  /** The form's weight in the draw, 2 decimals. */
  weight: string;
  /** Why it was chosen, in Chinese. */
  reason: string;
}

export interface SpotCheck {
  seed: string;
  requested: number;
  /** How many forms could be drawn from (readable, recognised forms). */
  eligible: number;
  picked: Picked[];
}

/** A seed when none is given: the time of the run, printed so the draw can be repeated. */
export function defaultSeed(now: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
}

const plain = (n: number): string => new Dec(n).toDecimalPlaces(2).toString();

/**
 * Draws n forms for a closer review, weighted sampling without replacement (Efraimidis–Spirakis:
 * each form gets the key ln(u) ÷ weight for a uniform u, the n largest keys win). A form's u comes
 * from a generator seeded by the seed, its file and its sheet, so the list depends on the seed and
 * the forms, not on the order the files were given in or on how many cores checked them.
 *
 * Weight = problem factor (errors 4, warnings only 2, else 1) × budget factor (1 to 3 by the rank
 * of its 预算数 in the batch, the largest 3). Unreadable files and sheets with no form are not drawn:
 * there is nothing in them to look at more closely, and they are already at the top of the summary.
 */
export function spotCheck(rows: FormRow[], n: number, seed: string): SpotCheck {
  const forms = rows.filter((r) => r.sheet !== null && r.verdict !== "无法识别");
  const budgets = forms.map((r) => r.budget).filter((b): b is number => b !== null && b > 0);
  const rankOf = (b: number) => 1 + budgets.filter((x) => x > b).length;

  const scored = forms.map((row) => {
    const problem = row.errors > 0 ? PROBLEM_WEIGHT.error : row.warnings > 0 ? PROBLEM_WEIGHT.warning : PROBLEM_WEIGHT.none;
    const hasBudget = row.budget !== null && row.budget > 0;
    const rank = hasBudget ? rankOf(row.budget!) : null;
    const budget =
      rank === null ? new Dec(1) : budgets.length === 1 ? new Dec(3) : new Dec(1).plus(new Dec(2).times(budgets.length - rank).div(budgets.length - 1));
    const weight = problem.times(budget);
    const u = new Dec(seeded(`${seed}\u0000${row.file}\u0000${row.sheet}`)()).plus(0.5).div(TWO_POW_32);
    return { row, problem, budget, rank, weight, key: u.ln().div(weight) };
  });
  scored.sort((a, b) => b.key.cmp(a.key) || a.row.seq - b.row.seq);

  const picked = scored.slice(0, Math.max(0, n)).map((s, i): Picked => {
    const r = s.row;
    const problem = r.errors > 0 ? `有 ${r.errors} 个错误` : r.warnings > 0 ? `没有错误，有 ${r.warnings} 个警告` : "没有错误和警告";
    const budget =
      s.rank === null ? "未读出预算数" : `预算数 ${plain(r.budget!)} 万元，本批第 ${s.rank} 大（共 ${budgets.length} 张表有预算数）`;
    return {
      order: i + 1,
      row: r,
      weight: s.weight.toDecimalPlaces(2).toString(),
      reason: `${problem}（问题系数 ${s.problem}）；${budget}（预算系数 ${s.budget.toDecimalPlaces(2)}）；抽中权重 ${s.weight.toDecimalPlaces(2)}。`,
    };
  });
  return { seed, requested: n, eligible: forms.length, picked };
}

/** The 抽查 list for the JSON output. */
export function spotCheckJson(s: SpotCheck): object {
  return {
    seed: s.seed,
    requested: s.requested,
    eligible: s.eligible,
    forms: s.picked.map((p) => ({
      order: p.order,
      // As given, like the files of the JSON output (the text and the workbook show the relative name).
      file: p.row.path,
      sheet: p.row.sheet,
      unit: p.row.unit,
      project: p.row.project,
      budget: p.row.budget,
      errors: p.row.errors,
      warnings: p.row.warnings,
      weight: p.weight,
      reason: p.reason,
    })),
  };
}

/** The 抽查 list for the text output. */
export function spotCheckText(s: SpotCheck): string {
  if (s.eligible === 0) return "抽查：没有可抽查的表（文件都无法读取，或其中没有自评表）。";
  const head =
    `抽查：从 ${s.eligible} 张表中抽取 ${s.picked.length} 张（随机种子 ${s.seed}，用 --seed ${s.seed} 可得到同样的名单；有错误、预算大的表更容易抽中）` +
    (s.picked.length < s.requested ? `；要求 ${s.requested} 张，可抽的表只有 ${s.eligible} 张` : "") +
    "：";
  const lines = s.picked.map((p) => `  ${p.order}. ${p.row.file} · ${p.row.sheet}：${p.reason}`);
  return [head, ...lines].join("\n");
}
