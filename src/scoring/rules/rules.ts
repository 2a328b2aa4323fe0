import Decimal from "decimal.js";
import { clamp, cmp, round2, maxOf } from "../values/decimal";
import { BoundedCache } from "../lookup/memo";
import type { Tier } from "../findings/sheet-report";
import type { Comparator, Measure, Quantity } from "../values/measure";
import { qualitativeKey } from "../values/measure";
import { sameFamily, unitFamily } from "../values/units";
import { meetsDeadline, readCompletion, serialPoint, type CalendarPoint, type Deadline } from "../values/deadline";
import type { Direction, NegativeMode } from "../values/direction";

const ZERO = new Decimal(0);
const ONE = new Decimal(1);
const RATIO_LIMIT = new Decimal(1.5);
const HUNDRED = new Decimal(100);

/** The figures the rules are made of, each defined once (spec §3, §4). */
/** A stated score that differs from the rule's by more than this is reported (§4 SCORE_RULE_MISMATCH, EXEC_SCORE_MISMATCH, TOTAL_MISMATCH). */
export const SCORE_TOLERANCE = new Decimal("0.01");
/** R10: 资金管理 deductions are whole steps of 0.5 per violation found. */
export const DEDUCTION_STEP = new Decimal("0.5");
/** §4 OVER_COMPLETION: an actual at 120 % of a positive target or more. */
export const OVER_COMPLETION_RATIO = new Decimal("1.2");
/** R6 tiers as fractions of the weight: 达成 [0.8w, w], 部分达成 [0.6w, 0.8w), 未达成 [0, 0.6w); suggested scores 1, 0.7, 0.3. */
const [P3, P6, P7, P8] = ["0.3", "0.6", "0.7", "0.8"].map((x) => new Decimal(x));

/** R6's tiers for a weight, for a qualitative row a person decides. */
export function tiersFor(weight: Decimal): Tier[] {
  // Copies: a report's tiers are the caller's to keep.
  return TIERS.get(weight.toString(), () => tiersOf(weight)).map((t) => ({ ...t }));
}

const TIERS = new BoundedCache<string, Tier[]>(1000);

function tiersOf(weight: Decimal): Tier[] {
  const w = round2(weight);
  const p8 = round2(weight.times(P8));
  const p6 = round2(weight.times(P6));
  return [
    { label: "达成", min: p8.toNumber(), max: w.toNumber(), suggested: w.toNumber() },
    { label: "部分达成", min: p6.toNumber(), max: p8.toNumber(), suggested: round2(weight.times(P7)).toNumber() },
    { label: "未达成", min: 0, max: p6.toNumber(), suggested: round2(weight.times(P3)).toNumber() },
  ];
}


/** R1: 执行率 = 执行数 ÷ 预算数; null when the budget is missing or 0. */
export function executionRate(budget: Decimal | null, spent: Decimal | null): Decimal | null {
  if (budget === null || spent === null || budget.isZero()) return null;
  return spent.dividedBy(budget);
}

/** R2: 分值 × min(执行率, 1), within [0, 分值], 2 decimals. */
export function executionScore(weight: Decimal, rate: Decimal): Decimal {
  return finalScore(weight, weight.times(clamp(rate, ZERO, ONE)));
}

export function directionOf(c: Comparator): Direction {
  if (c === "≤" || c === "<") return "negative";
  if (c === "=") return "equal";
  return "positive";
}

/** Words that say a qualitative target was reached (R6). */
const COMPLETION_WORDS = new Set(
  ["已完成", "完成", "已落实", "落实", "达到", "已达到", "达成", "已达成", "是", "100%", "全部完成", "已全部完成", "按时完成", "已实现", "实现"].map(
    qualitativeKey,
  ),
);

export function isCompletionWord(text: string): boolean {
  return COMPLETION_WORDS.has(qualitativeKey(text));
}

export type UnitIssue = "none" | "one-side" | "different";

export interface Aligned {
  a: Decimal;
  b: Decimal;
  unitIssue: UnitIssue;
  unit: string;
  /** The target's unit as written. */
  targetUnit: string;
  /** a ÷ scale is the target as written: figures are shown back in the target's unit. */
  scale: Decimal;
}

/**
 * Puts a target and an actual on one scale (spec §2.4). A bare ratio against a percentage
 * (0.97 against `95%`) is a percentage cell whose format was lost: it is read as 97 %.
 */
export function align(target: Quantity, actual: Quantity): Aligned {
  return { scale: ONE, ...alignValues(target, actual), targetUnit: target.unit };
}

function alignValues(target: Quantity, actual: Quantity): Omit<Aligned, "targetUnit" | "scale"> & { scale?: Decimal } {
  const tu = target.unit;
  const au = actual.unit;
  if (tu && au) {
    if (!sameFamily(tu, au)) return { a: target.value, b: actual.value, unitIssue: "different", unit: tu };
    const ts = unitFamily(tu).scale;
    const as = unitFamily(au).scale;
    // Most pairs share a unit: no need to scale either side.
    if (tu === au) return { a: target.value, b: actual.value, unitIssue: "none", unit: unitFamily(tu).family };
    return { a: target.value.times(ts), b: actual.value.times(as), unitIssue: "none", unit: unitFamily(tu).family, scale: ts };
  }
  if (tu === "%" && !au && actual.value.abs().lte(RATIO_LIMIT) && target.value.abs().gt(RATIO_LIMIT))
    return { a: target.value, b: actual.value.times(HUNDRED), unitIssue: "none", unit: "%" };
  if (au === "%" && !tu && target.value.abs().lte(RATIO_LIMIT) && actual.value.abs().gt(RATIO_LIMIT))
    return { a: target.value.times(HUNDRED), b: actual.value, unitIssue: "none", unit: "%" };
  return { a: target.value, b: actual.value, unitIssue: tu || au ? "one-side" : "none", unit: tu || au };
}

/** R3–R5 on two aligned figures: the score before capping and rounding, and whether the target is met. */
export function ruleScore(
  w: Decimal,
  a: Decimal,
  bRaw: Decimal,
  direction: Exclude<Direction, "qualitative">,
  mode: NegativeMode,
): { raw: Decimal; met: boolean } {
  if (direction === "negative") {
    // R5 compares the figure as written: −3 % meets ≤ −2 %.
    if (cmp(bRaw, a) <= 0) return { raw: w, met: true };
    if (cmp(a, ZERO) <= 0) return { raw: ZERO, met: false };
    if (mode === "deviation") return { raw: w.times(maxOf(ZERO, ONE.minus(bRaw.minus(a).dividedBy(a)))), met: false };
    return { raw: w.times(a).dividedBy(bRaw), met: false };
  }
  const b = maxOf(bRaw, ZERO); // R3: a negative actual counts as 0
  if (direction === "equal" && cmp(a, ZERO) <= 0) return cmp(b, ZERO) <= 0 ? { raw: w, met: true } : { raw: ZERO, met: false };
  // A target below 0 (≥ −5 %): counting −10 % as 0 would pass it, so the figure is compared as written.
  if (cmp(a, ZERO) < 0) return cmp(bRaw, a) >= 0 ? { raw: w, met: true } : { raw: ZERO, met: false };
  if (a.isZero()) return { raw: w, met: true };
  if (cmp(b, a) >= 0) return { raw: w, met: true };
  return { raw: w.times(b).dividedBy(a), met: false };
}

/** R7 then rounding: every score lies in [0, w] and has 2 decimals. */
export function finalScore(w: Decimal, raw: Decimal): Decimal {
  const cap = maxOf(w, ZERO);
  const s = round2(clamp(raw, ZERO, cap));
  // A weight with more than 2 decimals (3.335) must not be passed by rounding up.
  return cmp(s, cap) > 0 ? cap.toDecimalPlaces(2, Decimal.ROUND_DOWN) : s;
}

/** 完成率: B ÷ A, or A ÷ B for a negative indicator; null where it has no meaning. */
export function completionRate(a: Decimal, b: Decimal, direction: Direction): Decimal | null {
  if (direction === "negative") return b.isZero() ? null : a.dividedBy(b);
  return a.isZero() ? null : b.dividedBy(a);
}

export type Verdict =
  | {
      status: "scored";
      /** null when the row has no weight: the verdict stands, the points cannot be computed. */
      score: Decimal | null;
      met: boolean;
      direction: Direction;
      completion: Decimal | null;
      aligned: Aligned | null;
      /** The actual was written with a comparator and so claims the target (ACTUAL_NOT_VALUE). */
      claimed: boolean;
    }
  | {
      status: "judgement";
      /** Why the rule cannot decide, where it is more than a qualitative text that differs. */
      why?: JudgementWhy;
    }
  | { status: "unit-mismatch"; aligned: Aligned }
  | { status: "blank"; missing: "target" | "actual" }
  | { status: "unparseable"; which: "target" | "actual" };

/**
 * Why a deadline row needs a person (spec §2.3): done after the deadline (not met: the person
 * picks the tier), an actual that is no date, or an on-time target (`按时`) with a dated actual.
 */
export type JudgementWhy = "late" | "not-a-date" | "no-deadline-date";

const JUDGEMENT_WHY: Record<JudgementWhy, string> = {
  late: "实际完成时间晚于期限，未按时完成",
  "not-a-date": "年度指标值是完成期限，实际完成值不是日期，无法判断是否按期完成",
  "no-deadline-date": "年度指标值没有写明期限，无法判断实际完成时间是否按时",
};

/** Why the rule cannot decide, in Chinese, for messages and the JXZP functions alike. */
export function judgementReason(v: Extract<Verdict, { status: "judgement" }>): string {
  return v.why ? JUDGEMENT_WHY[v.why] : "规则无法判定是否达成";
}

/** When the actual says the work was done: its text, or a date cell's serial where a function was given one. */
function completionOf(actual: Measure): CalendarPoint | "on-time" | null {
  if (actual.kind === "quantity" && !actual.unit && actual.figures.length === 1 && actual.value.isInteger()) return serialPoint(actual.value.toNumber());
  return actual.kind === "blank" ? null : readCompletion(actual.text);
}

/** A deadline target (spec §2.3): on or before it is met; later, not met (a person picks the tier); no date, a judgement. */
function scoreDeadline(deadline: Deadline, target: Measure, actual: Measure, full: (claimed: boolean) => Verdict): Verdict {
  if (qualitativeKey(target.text) === qualitativeKey(actual.text) || isCompletionWord(actual.text)) return full(false);
  const done = completionOf(actual);
  if (done === "on-time") return full(false);
  // 按时 against words that say nothing of time is judged as any qualitative row.
  if (done === null) return deadline.by === null ? { status: "judgement" } : { status: "judgement", why: "not-a-date" };
  if (deadline.by === null) return { status: "judgement", why: "no-deadline-date" };
  return meetsDeadline(done, deadline.by) ? full(false) : { status: "judgement", why: "late" };
}

export interface IndicatorInput {
  weight: Decimal | null;
  target: Measure;
  actual: Measure;
  /** Overrides what the target's comparator says (the 方向 argument of JXZP.SCORE). */
  direction?: Direction | null;
  negativeMode: NegativeMode;
}

function pickFigure(target: Quantity, figures: Quantity[]): Quantity {
  if (!target.unit) return figures[0];
  return figures.find((f) => f.unit && sameFamily(f.unit, target.unit)) ?? figures[0];
}

// Verdicts by target, actual (memoised measures are shared objects) and the rest of the input.
interface VerdictsFor {
  /** The common case (no forced direction, ratio mode), by the weight decimal itself. */
  byWeight: Map<Decimal | null, Verdict>;
  /** Everything else, by a short key. */
  other: Map<string, Verdict>;
}

const VERDICTS = new WeakMap<Measure, WeakMap<Measure, VerdictsFor>>();

/** Scores one indicator row by R3–R7. Pure; never throws for any measure. */
export function scoreIndicator(input: IndicatorInput): Verdict {
  // Memoised measures are shared objects, and so are the decimals of cell numbers: the same row
  // on two hundred sheets is scored once.
  let byActual = VERDICTS.get(input.target);
  if (!byActual) VERDICTS.set(input.target, (byActual = new WeakMap()));
  let cached = byActual.get(input.actual);
  if (!cached) byActual.set(input.actual, (cached = { byWeight: new Map(), other: new Map() }));
  const common = !input.direction && input.negativeMode === "ratio";
  const key = common ? "" : `${input.weight === null ? "" : input.weight.toString()}|${input.direction ?? ""}|${input.negativeMode}`;
  const hit = common ? cached.byWeight.get(input.weight) : cached.other.get(key);
  if (hit) return hit;
  const v = scoreIndicatorUncached(input);
  if (common) {
    if (cached.byWeight.size < 64) cached.byWeight.set(input.weight, v);
  } else if (cached.other.size < 64) cached.other.set(key, v);
  return v;
}

function scoreIndicatorUncached(input: IndicatorInput): Verdict {
  const { weight, target, actual } = input;
  if (target.kind === "blank") return { status: "blank", missing: "target" };
  if (actual.kind === "blank") return { status: "blank", missing: "actual" };
  const w = weight === null ? null : maxOf(weight, ZERO);
  const full = (direction: Direction, claimed: boolean): Verdict => ({
    status: "scored",
    score: w === null ? null : finalScore(w, w),
    met: true,
    direction,
    completion: null,
    aligned: null,
    claimed,
  });

  if (target.kind === "qualitative" && target.deadline) return scoreDeadline(target.deadline, target, actual, (claimed) => full("qualitative", claimed));
  const forcedQualitative = input.direction === "qualitative";
  if (target.kind === "qualitative" || forcedQualitative) {
    const same =
      qualitativeKey(target.text) === qualitativeKey(actual.text) ||
      (actual.kind === "qualitative" && isCompletionWord(actual.text)) ||
      (actual.kind === "quantity" && isCompletionWord(actual.text));
    return same ? full("qualitative", false) : { status: "judgement" };
  }
  if (actual.kind === "qualitative") {
    if (isCompletionWord(actual.text)) return full(directionOf(target.comparator), false);
    return { status: "unparseable", which: "actual" };
  }
  const direction = input.direction ?? directionOf(target.comparator);
  const figure = pickFigure(target, actual.figures);
  const aligned = align(target, figure);
  if (aligned.unitIssue === "different") return { status: "unit-mismatch", aligned };
  const dir = direction as Exclude<Direction, "qualitative">;
  const { raw, met } = ruleScore(w ?? ONE, aligned.a, aligned.b, dir, input.negativeMode);
  return {
    status: "scored",
    score: w === null ? null : finalScore(w, raw),
    met,
    direction: dir,
    completion: completionRate(aligned.a, aligned.b, dir),
    aligned,
    claimed: actual.comparatorWritten && actual.comparator !== "=" ? true : false,
  };
}
