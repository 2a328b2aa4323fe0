/**
 * The JXZP formulas the add-in writes, built in one place: the fill plan and the templates use
 * the same builder, so a formula gives the figure the plan shows. It knows the row's 方向
 * column, the profile's way of scoring negative indicators and its grade labels.
 */
import type { Profile } from "../rules/profiles";
import { isStandardGrades } from "../templates/grade-note";

export interface ScoreRefs {
  weight: string;
  /** The target cell, or the cells that make it (`D14&E14&F14`: 指标性质, 指标值, 度量单位). */
  target: string;
  actual: string;
  /** The row's 方向 cell (正向 / 反向 / 定性), where the form has that column. */
  direction?: string | null;
}

/** The target as one text: the cell itself, or its 指标性质 and 度量单位 cells joined around it. */
export function targetExpression(target: string, comparator?: string | null, unit?: string | null): string {
  if (!comparator && !unit) return target;
  return [comparator, target, unit].filter(Boolean).join("&");
}

export function execRateCall(budget: string, spent: string): string {
  return `JXZP.EXECRATE(${budget},${spent})`;
}

export function execScoreCall(weight: string, budget: string, spent: string): string {
  return `JXZP.EXECSCORE(${weight},${budget},${spent})`;
}

/** JXZP.SCORE with the 方向 and the profile's negative mode where they change the result. */
export function scoreCall(r: ScoreRefs, profile: Pick<Profile, "negativeMode">): string {
  const args = [r.weight, r.target, r.actual];
  const mode = profile.negativeMode === "deviation" ? '"偏离"' : null;
  if (r.direction || mode) args.push(r.direction ?? "");
  if (mode) args.push(mode);
  return `JXZP.SCORE(${args.join(",")})`;
}

export function completionCall(target: string, actual: string, direction?: string | null): string {
  return `JXZP.COMPLETION(${[target, actual, ...(direction ? [direction] : [])].join(",")})`;
}

/**
 * JXZP.GRADE, naming the label set where it is not 优/良/中/差 — by its labels (好较好一般差),
 * as the function's 等级方案 argument is documented, never by the profile's English id.
 */
export function gradeCall(total: string, profile: Pick<Profile, "grades">): string {
  return `JXZP.GRADE(${total}${isStandardGrades(profile.grades) ? "" : `,"${profile.grades.map((b) => b.label).join("")}"`})`;
}

/** A formula that stays blank until its figures are typed: the functions answer #VALUE! when only some are there. */
export function waitingFor(figures: string[], call: string): string {
  return `=IF(AND(${figures.map((c) => `${c}=""`).join(",")}),"",${call})`;
}
