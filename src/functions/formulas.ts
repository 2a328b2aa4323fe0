import type Decimal from "decimal.js";
import { gradeOf } from "../scoring/rules/grade";
import { plain } from "../scoring/values/display";
import type { Measure } from "../scoring/values/measure";
import type { Direction, NegativeMode } from "../scoring/values/direction";
import { align, executionRate, executionScore, judgementReason, scoreIndicator, type Verdict } from "../scoring/rules/rules";
import { amountArg, checkFigures, choiceArg, measureArg, numberArg, quote, type Arg } from "./args";
import { DIRECTION_CHOICES, GRADE_SCHEME_CHOICES, NEGATIVE_MODE_CHOICES, readDirection, readGradeScheme, readNegativeMode } from "./choices";
import { argName, type FunctionId } from "./names";
import { EMPTY, invalid, judgement, type Outcome } from "./outcome";

/**
 * The six formulas as pure functions of Excel's arguments. They read the arguments and hand
 * every figure to the scoring core; the only arithmetic here is the core's. Never throw.
 */

const label = argName;

/** A figure as Excel can hold it: beyond a double's range (1e-300 budget, 400-digit text) it is an error, not Infinity. */
function figure(d: Decimal): Outcome {
  const n = d.toNumber();
  return Number.isFinite(n) ? n : invalid("结果超出 Excel 可表示的数值范围");
}

type Figures<T> = { ok: true; value: T } | { ok: false; outcome: Outcome };

/**
 * 执行率 from the arguments: budget and spent on one scale (2060万元 against 20600000元)
 * through the core's aligner, then the core's R1. With `weight`, it is checked alongside.
 */
function rateOf(id: FunctionId, budget: unknown, spent: unknown, weight?: Arg<Decimal>): Figures<Decimal> {
  const bArg = amountArg(budget, label(id, "budget"));
  const sArg = amountArg(spent, label(id, "spent"));
  const figures: [string, Arg<unknown>][] = weight ? [[label(id, "weight"), weight]] : [];
  figures.push([label(id, "budget"), bArg], [label(id, "spent"), sArg]);
  const stop = checkFigures(figures);
  if (stop !== null) return { ok: false, outcome: stop };
  if (bArg.kind !== "ok" || sArg.kind !== "ok") return { ok: false, outcome: invalid("参数无法读取") };
  const aligned = align(bArg.value, sArg.value);
  if (aligned.unitIssue === "different")
    return {
      ok: false,
      outcome: invalid(`「${label(id, "budget")}」的单位「${bArg.value.unit}」与「${label(id, "spent")}」的单位「${sArg.value.unit}」不同，无法相除`),
    };
  const rate = executionRate(aligned.a, aligned.b);
  if (rate === null) return { ok: false, outcome: invalid(`「${label(id, "budget")}」为 0，无法计算执行率`) };
  return { ok: true, value: rate };
}

/** JXZP.EXECRATE(预算数, 执行数): the ratio, unrounded; the cell's % format shows 99.96%. */
export function execRate(budget: unknown, spent: unknown): Outcome {
  const r = rateOf("EXECRATE", budget, spent);
  return r.ok ? figure(r.value) : r.outcome;
}

/** JXZP.EXECSCORE(分值, 预算数, 执行数): 分值 × min(执行率, 1), 2 decimals (spec R2). */
export function execScore(weight: unknown, budget: unknown, spent: unknown): Outcome {
  const w = numberArg(weight, label("EXECSCORE", "weight"), { nonNegative: true });
  const r = rateOf("EXECSCORE", budget, spent, w);
  if (!r.ok) return r.outcome;
  if (w.kind !== "ok") return invalid("参数无法读取");
  return figure(executionScore(w.value, r.value));
}

function directionOption(id: FunctionId, v: unknown): Direction | null | Outcome {
  const c = choiceArg(v, label(id, "direction"));
  if (c.kind === "bad") return invalid(c.message);
  if (c.kind === "blank") return null;
  return readDirection(c.value) ?? invalid(`「${label(id, "direction")}」应为 ${DIRECTION_CHOICES}，收到${quote(c.value)}`);
}

function negativeModeOption(id: FunctionId, v: unknown): NegativeMode | Outcome {
  const c = choiceArg(v, label(id, "negativeMode"));
  if (c.kind === "bad") return invalid(c.message);
  if (c.kind === "blank") return "ratio";
  return readNegativeMode(c.value) ?? invalid(`「${label(id, "negativeMode")}」应为 ${NEGATIVE_MODE_CHOICES}，收到${quote(c.value)}`);
}

const isDirection = (d: unknown): d is Direction | null => d === null || d === "positive" || d === "negative" || d === "qualitative" || d === "equal";
const isNegativeMode = (m: unknown): m is NegativeMode => m === "ratio" || m === "deviation";

const unitOf = (m: Measure) => (m.kind === "quantity" && m.unit ? `「${m.unit}」` : "");

/** What the core's verdict means for a cell when it is not a plain score. */
function verdictFailure(id: FunctionId, v: Verdict, target: Measure, actual: Measure): Outcome | null {
  switch (v.status) {
    case "judgement":
      // The core's reason where it has one (a deadline missed, an actual that is no date).
      return v.why ? judgement(`需人工判定（${judgementReason(v)}）：达成 / 部分达成 / 未达成`) : judgement();
    case "unit-mismatch":
      return invalid(`「${label(id, "target")}」的单位${unitOf(target)}与「${label(id, "actual")}」的单位${unitOf(actual)}不同，无法比较`);
    case "unparseable":
      return invalid(`「${label(id, v.which)}」读不出数字，也不是“已完成”之类的完成表述`);
    case "blank":
      return invalid(`缺少「${label(id, v.missing)}」`);
    default:
      return null;
  }
}

/** JXZP.SCORE(分值, 年度指标值, 实际完成值, [方向], [反向口径]): the rule score of spec §3. */
export function score(weight: unknown, target: unknown, actual: unknown, direction?: unknown, negativeMode?: unknown): Outcome {
  const id = "SCORE";
  const w = numberArg(weight, label(id, "weight"), { nonNegative: true });
  const t = measureArg(target, label(id, "target"));
  const a = measureArg(actual, label(id, "actual"));
  const stop = checkFigures([
    [label(id, "weight"), w],
    [label(id, "target"), t],
    [label(id, "actual"), a],
  ]);
  if (stop !== null) return stop;
  const dir = directionOption(id, direction);
  if (!isDirection(dir)) return dir;
  const mode = negativeModeOption(id, negativeMode);
  if (!isNegativeMode(mode)) return mode;
  if (w.kind !== "ok" || t.kind !== "ok" || a.kind !== "ok") return invalid("参数无法读取");
  const v = scoreIndicator({ weight: w.value, target: t.value, actual: a.value, direction: dir, negativeMode: mode });
  const failed = verdictFailure(id, v, t.value, a.value);
  if (failed !== null) return failed;
  return v.status === "scored" && v.score !== null ? figure(v.score) : invalid("无法计算得分");
}

/** JXZP.COMPLETION(年度指标值, 实际完成值, [方向]): B ÷ A, or A ÷ B for a negative indicator. */
export function completion(target: unknown, actual: unknown, direction?: unknown): Outcome {
  const id = "COMPLETION";
  const t = measureArg(target, label(id, "target"));
  const a = measureArg(actual, label(id, "actual"));
  const stop = checkFigures([
    [label(id, "target"), t],
    [label(id, "actual"), a],
  ]);
  if (stop !== null) return stop;
  const dir = directionOption(id, direction);
  if (!isDirection(dir)) return dir;
  if (t.kind !== "ok" || a.kind !== "ok") return invalid("参数无法读取");
  const v = scoreIndicator({ weight: null, target: t.value, actual: a.value, direction: dir, negativeMode: "ratio" });
  const failed = verdictFailure(id, v, t.value, a.value);
  if (failed !== null) return failed;
  if (v.status !== "scored") return invalid("无法计算完成率");
  if (v.completion !== null) return figure(v.completion);
  if (v.aligned === null) return judgement("定性指标或文字表述（如“已完成”）没有完成率");
  const zero = v.direction === "negative" ? label(id, "actual") : label(id, "target");
  return invalid(`「${zero}」为 0，无法计算完成率`);
}

/** JXZP.GRADE(总分, [等级方案]): 优 / 良 / 中 / 差, or the chosen label set (spec R9). */
export function grade(total: unknown, scheme?: unknown): Outcome {
  const id = "GRADE";
  const t = numberArg(total, label(id, "total"));
  const stop = checkFigures([[label(id, "total"), t]]);
  if (stop !== null) return stop;
  if (t.kind !== "ok") return invalid("参数无法读取");
  if (t.value.isNegative() || t.value.gt(100)) return invalid(`「${label(id, "total")}」应在 0 到 100 之间，收到 ${plain(t.value)}`);
  const s = choiceArg(scheme, label(id, "scheme"));
  if (s.kind === "bad") return invalid(s.message);
  const bands = s.kind === "ok" ? readGradeScheme(s.value) : undefined;
  if (bands === null) return invalid(`「${label(id, "scheme")}」应为 ${GRADE_SCHEME_CHOICES}，收到${quote(s.kind === "ok" ? s.value : "")}`);
  return gradeOf(t.value, bands);
}

/** JXZP.READVALUE(文本): the number the engine reads in `≥24万人` (24), `95%以上` (95). */
export function readValue(text: unknown): Outcome {
  const id = "READVALUE";
  const m = measureArg(text, label(id, "text"));
  if (m.kind === "blank") return EMPTY;
  if (m.kind === "bad") return invalid(m.message);
  if (m.value.kind === "quantity") return figure(m.value.value);
  return invalid(`${quote(m.value.text)}中没有可读的数量（定性表述或日期）`);
}
