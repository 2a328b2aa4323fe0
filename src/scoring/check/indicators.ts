/** Indicator rows (spec R3–R7 and the row checks of §4): each row's verdict, score and findings. */
import type Decimal from "decimal.js";
import { rateAgrees } from "../values/amount";
import { clip, isSaneMagnitude, plain } from "../values/display";
import { cmp, D, fmt, maxOf, pct, toNumber } from "../values/decimal";
import { describeMeasure, looksLikeValue, type Measure } from "../values/measure";
import type { IndicatorRow, MeasureCell } from "../read/form";
import type { IndicatorReport, Tier } from "../findings/sheet-report";
import { executionScore, judgementReason, OVER_COMPLETION_RATIO, scoreIndicator, tiersFor, Verdict } from "../rules/rules";
import { squash } from "../values/text";
import { a1, Checker, unreadableMessage } from "./checker";
import { checkScoreBounds } from "./score-bounds";
import { SCORE_TOLERANCE as TOLERANCE } from "../rules/rules";
import { ratio6 } from "./ratio";

export interface RowResult {
  report: IndicatorReport;
  /** The score the total counts: the rule's where it decides, else the stated one. */
  used: Decimal | null;
  weight: Decimal | null;
  stated: Decimal | null;
  /** The stated score stands in for the rule, and it breaks R7 (the total cannot use it). */
  impossible: boolean;
  /** The weight or the stated score is in the form but could not be read (reported where it is). */
  unreadWeight: boolean;
  unreadScore: boolean;
  /**
   * A `其中：…` row under an indicator, with its own target and actual but no 分值 / 得分 (spec §1):
   * a breakdown of the row above. It adds nothing to full marks and is never SCORE_MISSING.
   */
  breakdown?: boolean;
}

/** A `其中…` row with neither a weight nor a score of its own: the indicator above, broken down. */
export function isBreakdown(row: IndicatorRow): boolean {
  return row.weight.kind === "blank" && row.score.kind === "blank" && /^其中/.test(squash(row.name.text));
}

function verdictScore(v: Verdict): Decimal | null {
  return v.status === "scored" ? v.score : null;
}

function ruleExplanation(v: Verdict, w: Decimal): string {
  if (v.status !== "scored" || !v.aligned || v.met) return "";
  // Shown in the target's own unit (万元 stays 万元), as the person wrote it.
  const scale = v.aligned.scale;
  const a = plain(v.aligned.a.dividedBy(scale));
  const b = plain(maxOf(v.aligned.b, D.ZERO).dividedBy(scale));
  return v.direction === "negative" ? `（${fmt(w)} × ${a} ÷ ${b}）` : `（${fmt(w)} × ${b} ÷ ${a}）`;
}

/** A deviation cell says nothing: blank, or `无`. */
export function isBlankNote(text: string): boolean {
  // A note is a sentence; only a short text can be blank or 无 once its spaces are gone.
  if (text.length > 6) return false;
  const t = squash(text);
  return t === "" || t === "无";
}

const BLANK: Measure = { kind: "blank", text: "" };

/**
 * A measure the rules can use. An error value or an unsaved formula is reported and read as
 * blank; so is a figure no form could mean (a 400-digit target), which no rule should score.
 */
function measureOf(ck: Checker, m: MeasureCell, what: string): Measure {
  if (m.problem) {
    const u = unreadableMessage(m.problem, what, m.text ?? "");
    ck.add(u.code, m.at, u.message);
  }
  if (m.measure.kind === "quantity" && !isSaneMagnitude(m.measure.value)) {
    ck.add("VALUE_UNPARSEABLE", m.at, `${what}“${clip(m.measure.text)}”中的数是${plain(m.measure.value)}，不像是指标值，本行不按规则计分；请核对。`);
    return BLANK;
  }
  return m.measure;
}

const quoted = (m: Measure) => `“${clip(describeMeasure(m))}”`;

export function checkIndicator(ck: Checker, row: IndicatorRow, scored: boolean, execRate: Decimal | null): RowResult {
  const name = row.name.text;
  if (typeof row.nameValue === "string" && name && looksLikeValue(row.nameValue))
    ck.add(
      "NAME_LOOKS_LIKE_VALUE",
      row.name.at,
      `三级指标“${clip(name)}”看起来是一个数值而不是指标名称，可能填错了列，请核对指标名称、指标值和实际完成值。`,
    );
  const waitingForm = !ck.form.filled;
  const target = waitingForm ? row.target.measure : measureOf(ck, row.target, "年度指标值");
  const actual = waitingForm ? row.actual.measure : measureOf(ck, row.actual, "实际完成值");
  const weight = scored && !waitingForm ? ck.weight(row.weight, "分值") : scored && row.weight.kind === "number" ? row.weight.value : null;
  const stated = scored && !waitingForm ? ck.value(row.score, "得分") : null;
  // A row that names nothing yet (a template's spare row) is waiting, not wrong. One that names
  // its indicator on a form with figures is not: its blank actual and score are missing.
  const unnamed = !name && target.kind === "blank" && actual.kind === "blank";
  const waiting = waitingForm || (stated === null && !ck.filled(row.score) && unnamed);
  let verdict: Verdict;
  if (row.kind === "execution") {
    const r = execRate ?? (actual.kind === "quantity" && actual.unit === "%" ? actual.value.dividedBy(D.HUNDRED) : null);
    verdict =
      r === null
        ? { status: "blank", missing: "actual" }
        : { status: "scored", score: weight ? executionScore(weight, r) : null, met: r.gte(D.ONE), direction: "positive", completion: r, aligned: null, claimed: false };
  } else {
    verdict = scoreIndicator({ weight, target, actual, direction: row.direction?.direction ?? null, negativeMode: ck.profile.negativeMode });
  }
  const ruleScore = verdictScore(verdict);
  const report: IndicatorReport = {
    row: row.row + 1,
    kind: row.kind,
    level1: row.level1.key,
    level2: row.level2Key,
    name,
    target: target.kind === "blank" ? null : target.text,
    actual: actual.kind === "blank" ? null : actual.text,
    weight: toNumber(weight),
    statedScore: toNumber(stated),
    score: toNumber(ruleScore),
    status: verdict.status === "scored" && ruleScore === null && row.kind !== "indicator" ? "stated" : verdict.status,
    // Done after its deadline is not met, though a person picks how far (spec §2.3).
    met: verdict.status === "scored" ? verdict.met : verdict.status === "judgement" && verdict.why === "late" ? false : null,
    direction: verdict.status === "scored" ? verdict.direction : null,
    completionRate: verdict.status === "scored" ? ratio6(verdict.completion) : null,
    tiers: null,
    cells: {
      name: a1(row.name.at),
      target: a1(row.target.at),
      actual: a1(row.actual.at),
      weight: a1(row.weight.at),
      score: a1(row.score.at),
      deviation: a1(row.deviation?.at),
      completion: a1(row.completion.at),
    },
  };
  const unreadWeight = scored && ck.unread(row.weight);
  const unreadScore = scored && ck.unread(row.score);
  const breakdown = row.kind === "indicator" && isBreakdown(row);
  const none = { report, used: null, weight, stated, impossible: ck.wasAbsurd(row.weight) || ck.wasAbsurd(row.score), unreadWeight, unreadScore, breakdown };
  if (waiting) return none;

  if (row.kind === "indicator") valueFindings(ck, row, verdict, target, actual, weight, stated, scored, report);
  if (!scored) {
    if (report.met === false && row.kind === "indicator")
      ck.add(
        "TARGET_NOT_MET",
        row.actual.at,
        `“${clip(name || `第 ${row.row + 1} 行`)}”未达成：年度指标值${quoted(target)}，实际完成值${quoted(actual)}${verdict.status === "scored" && verdict.completion !== null ? `（完成率 ${pct(verdict.completion)}）` : verdict.status === "judgement" ? `（${judgementReason(verdict)}）` : ""}${row.deviation && !isBlankNote(row.deviation.text) ? "" : "，未说明原因"}。`,
      );
    return none;
  }

  if (breakdown) return none;
  // What the stated score says.
  if (stated === null) {
    // Where the form has a 分值 column, a row without a weight is not a scored item.
    const weighted = weight !== null ? cmp(weight, D.ZERO) > 0 : !ck.form.table?.hasWeights;
    if (row.score.at && weighted && !ck.filled(row.score))
      ck.add(
        "SCORE_MISSING",
        row.score.at,
        ruleScore !== null
          ? `得分为空：本行分值 ${fmt(weight)}，按规则应得 ${fmt(ruleScore)} 分。`
          : actual.kind === "blank"
            ? `得分和实际完成值都为空${weight !== null ? `（分值 ${fmt(weight)}）` : ""}：请填写实际完成值，再按规则填写得分。`
            : `得分为空${weight !== null ? `（分值 ${fmt(weight)}）` : ""}，请填写得分。`,
      );
  } else {
    checkScoreBounds(ck, row.score.at!, stated, weight, "得分");
    if (ruleScore !== null && cmp(stated, ruleScore) !== 0 && cmp(stated.minus(ruleScore).abs(), TOLERANCE) > 0)
      ck.add("SCORE_RULE_MISMATCH", row.score.at, `按规则应得 ${fmt(ruleScore)} 分${ruleExplanation(verdict, weight!)}，表中填写为 ${plain(stated)} 分。`);
  }
  const effective = stated ?? ruleScore;
  if (row.deviation?.at && weight !== null && effective !== null && cmp(effective, weight) < 0 && isBlankNote(row.deviation.text))
    ck.add(
      "DEVIATION_MISSING",
      row.deviation.at,
      `得分 ${fmt(effective)} 低于分值 ${fmt(weight)}，目标未完全达成，但偏差原因分析及改进措施为空，请说明原因和改进措施。`,
    );
  // R7: a stated score that stands in for the rule must itself lie in [0, w].
  const impossible =
    ck.wasAbsurd(row.weight) ||
    (ruleScore === null && (ck.wasAbsurd(row.score) || (stated !== null && (cmp(stated, D.ZERO) < 0 || (weight !== null && cmp(stated, weight) > 0)))));
  return { report, used: ruleScore ?? stated, weight, stated, impossible, unreadWeight, unreadScore, breakdown };
}

/** What the target and actual themselves say, scored or not. */
function valueFindings(
  ck: Checker,
  row: IndicatorRow,
  verdict: Verdict,
  target: Measure,
  actual: Measure,
  weight: Decimal | null,
  stated: Decimal | null,
  scored: boolean,
  report: IndicatorReport,
) {
  const at = row.actual.at;
  if (verdict.status === "unparseable")
    ck.add("VALUE_UNPARSEABLE", at, `实际完成值${quoted(actual)}读不出数值，而年度指标值${quoted(target)}是数值指标；请填写实际完成的数值。`);
  if (verdict.status === "unit-mismatch")
    ck.add(
      "UNIT_MISMATCH",
      at,
      `年度指标值${quoted(target)}的单位与实际完成值${quoted(actual)}的单位（${verdict.aligned.unit} / ${actual.kind === "quantity" ? actual.unit : ""}）不是同一类，无法比较，本行不按规则计分。`,
    );
  if (verdict.status === "scored" && verdict.aligned?.unitIssue === "one-side")
    ck.add("UNIT_MISMATCH", at, `年度指标值${quoted(target)}与实际完成值${quoted(actual)}只有一方写了单位，已按数字直接比较；请两边写同一单位。`);
  if (verdict.status === "scored" && verdict.claimed && actual.kind === "quantity")
    ck.add(
      "ACTUAL_NOT_VALUE",
      at,
      `实际完成值${quoted(actual)}写成了目标的形式（${claimWords(actual)}），${verdict.met ? "视为已达成" : "按所写数值计算"}；应填写实际测得的数值。`,
    );
  if (verdict.status === "judgement" && scored && weight !== null) {
    const t: Tier[] = tiersFor(weight);
    report.tiers = t;
    ck.add(
      "JUDGEMENT_NEEDED",
      at,
      `年度指标值${quoted(target)}，实际完成值${quoted(actual)}：${judgementReason(verdict)}，需人工选择：达成（${t[0].min}–${t[0].max} 分）/ 部分达成（${t[1].min}–${t[1].max} 分）/ 未达成（0–${t[2].max} 分）${stated !== null ? `；保留表中得分 ${plain(stated)}` : ""}。`,
    );
  }
  // Stated 完成率.
  const c = row.completion;
  if (c.kind === "rate" && verdict.status === "scored" && verdict.completion !== null && verdict.aligned && !rateAgrees(verdict.completion, c.rate)) {
    const { scale } = verdict.aligned;
    const a = plain(verdict.aligned.a.dividedBy(scale));
    const b = plain(verdict.aligned.b.dividedBy(scale));
    const expr = verdict.direction === "negative" ? `${a} ÷ ${b}` : `${b} ÷ ${a}`;
    ck.add("COMPLETION_RATE_MISMATCH", c.at, `完成率应为 ${pct(verdict.completion)}（${expr}），表中填写为 ${clip(c.rate.text)}。`);
  }
  const devBlank = !row.deviation || isBlankNote(row.deviation.text);
  if (
    verdict.status === "scored" &&
    verdict.aligned &&
    verdict.direction === "positive" &&
    verdict.completion !== null &&
    cmp(verdict.aligned.a, D.ZERO) > 0 &&
    cmp(verdict.completion, OVER_COMPLETION_RATIO) >= 0 &&
    devBlank
  )
    ck.add(
      "OVER_COMPLETION",
      at,
      `实际完成值${quoted(actual)}为年度指标值${quoted(target)}的 ${pct(verdict.completion)}（≥120%），且未说明偏差原因：年度指标值可能定得偏低，请在偏差原因栏说明。`,
    );
}

/** How an actual claims its target: a symbol (`≥24万人`) or words (`95%以上`, `2天以内`). */
function claimWords(m: Extract<Measure, { kind: "quantity" }>): string {
  return /[≥≤><=]/.test(squash(m.text)) ? `带“${m.comparator}”符号` : "用“以上”“以内”等词表示范围";
}

