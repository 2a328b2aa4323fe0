/** The total and the grade (spec R8, R9; TOTAL_MISMATCH, GRADE_MISMATCH): computed once, here. */
import Decimal from "decimal.js";
import { clip, plain } from "../values/display";
import { cmp, fmt, round2 } from "../values/decimal";
import { gradeOf, readGrade } from "../rules/grade";
import { squash } from "../values/text";
import type { Checker } from "./checker";
import type { GroupSum } from "./group-sums";
import { SCORE_TOLERANCE as TOLERANCE } from "../rules/rules";
import { cellList, explainingFigures } from "./partly-read";

export interface Totals {
  stated: Decimal | null;
  computed: Decimal | null;
  statedSum: Decimal | null;
  /** Why the computed total is null where parts exist. */
  why: string | null;
}

/** The execution item's part of the total (R8): its counted score, weight and stated score. */
export interface ExecPart {
  used: Decimal | null;
  weight: Decimal | null;
  stated: Decimal | null;
  /** A stated score standing in for the rule broke R7, or is absurd: no total can be made of it. */
  impossible: boolean;
  unreadScore: boolean;
}

/**
 * The most a form can score: its weights, or where rows have none (a form without a 分值
 * column) the points their level-1 labels state, or the section's. Null where nothing says.
 */
export function fullMarks(exec: ExecPart, sums: GroupSum[], sectionPoints: Decimal | null): Decimal | null {
  let max = exec.weight ?? (exec.used !== null ? null : new Decimal(0));
  if (max === null) return null;
  let section = false;
  let labelled = false;
  for (const g of sums) {
    if (g.weight !== null) max = max.plus(g.weight);
    if (!g.unweighted) continue;
    if (g.group.points) {
      max = max.plus(g.group.points);
      labelled = true;
    } else if (g.unweightedUsed) {
      if (!sectionPoints) return null;
      section = true;
    }
  }
  if (!section) return max;
  return labelled ? null : max.plus(sectionPoints!);
}

/** R8: the sum of the parts, 2 decimals; null where nothing counts or a part is impossible. */
export function sumOfParts(exec: ExecPart, sums: GroupSum[], max: Decimal | null): { total: Decimal | null; why: string | null } {
  if (exec.impossible || sums.some((g) => g.impossible))
    return { total: null, why: "表中有得分超出分值、小于 0 或大得不合常理，且规则无法替它计算，总分无法计算" };
  let sum = exec.used;
  for (const g of sums) if (g.used !== null) sum = sum === null ? g.used : sum.plus(g.used);
  if (sum === null) return { total: null, why: null };
  const total = round2(sum);
  // R7 for the whole: the total lies within the form's full marks.
  if (max !== null && cmp(total, max) > 0) return { total: null, why: `各项得分之和 ${plain(total)} 超过满分 ${plain(max)}，总分无法计算` };
  return { total, why: null };
}

/** Σ of what a row of scores adds up to (the fill plan's SUM and the stated scores). */
export function sumScores(scores: (Decimal | null)[]): Decimal | null {
  const s = scores.filter((x): x is Decimal => x !== null);
  return s.length ? round2(s.reduce((a, b) => a.plus(b), new Decimal(0))) : null;
}

export function checkTotal(ck: Checker, exec: ExecPart, sums: GroupSum[], max: Decimal | null): Totals {
  const { form } = ck;
  const computed = form.filled ? sumOfParts(exec, sums, max) : { total: null, why: null };
  const statedSum = form.filled ? sumScores([exec.stated, ...sums.map((g) => g.stated)]) : null;
  // A stated score that could not be read is reported where it is: the stated sum is not known.
  const scoresUnread = exec.unreadScore || sums.some((g) => g.unreadScore);
  const cell = form.total?.score ?? null;
  const stated = cell && form.filled ? ck.value(cell, "总分") : null;
  if (stated !== null && statedSum !== null && !scoresUnread && stated.minus(statedSum).abs().gt(TOLERANCE)) {
    const gap = stated.minus(statedSum);
    const explain = explainingFigures(form.unread, gap);
    if (explain.length)
      ck.add(
        "FORM_PARTLY_READ",
        cell!.at,
        `表中总分 ${plain(stated)} 与读到的各项得分之和 ${fmt(statedSum)} 相差 ${plain(gap.abs())}，而 ${cellList(explain)} 的数字（合计正好是差额）未能识别属于哪一项：可能有指标行没有读到，请核对表格格式后再校验。`,
      );
    else
      ck.add(
        "TOTAL_MISMATCH",
        cell!.at,
        `总分应为 ${fmt(statedSum)}（表中各项得分之和），表中填写为 ${plain(stated)}${computed.total !== null && !computed.total.eq(statedSum) ? `；按规则计算的总分为 ${fmt(computed.total)}` : ""}。`,
      );
  }
  return { stated, computed: computed.total, statedSum, why: computed.why };
}

export interface GradeResult {
  stated: string | null;
  computed: string | null;
}

export function checkGrade(ck: Checker, totals: Totals): GradeResult {
  const g = ck.form.grade;
  const bands = ck.profile.grades;
  const text = g?.text ?? "";
  const stated = text ? readGrade(text, bands) : null;
  const result = { stated, computed: totals.computed !== null ? gradeOf(totals.computed, bands) : null };
  if (!g || !ck.form.filled) return result;
  if (text && stated === null && squash(text).replace(/^.*等级[:：]?/, "") !== "")
    ck.add("VALUE_UNPARSEABLE", g.at, `无法读取等级“${clip(text)}”：等级应为 ${bands.map((b) => b.label).join("、")} 之一。`);
  const basis = totals.stated ?? totals.computed;
  if (stated !== null && basis !== null) {
    const expected = gradeOf(basis, bands);
    if (expected !== stated)
      ck.add("GRADE_MISMATCH", g.at, `${totals.stated !== null ? "表中总分" : "计算总分"} ${fmt(basis)} 对应等级“${expected}”，表中填写为“${stated}”。`);
  }
  return result;
}

