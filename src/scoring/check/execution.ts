/** The execution item (spec R1, R2): 执行率 of every fund row, and the total row's weight and score. */
import Decimal from "decimal.js";
import { rateAgrees } from "../values/amount";
import { clip, plain } from "../values/display";
import { cmp, D, fmt, pct, toNumber } from "../values/decimal";
import type { FundRow } from "../read/form";
import type { ExecutionReport } from "../findings/sheet-report";
import { executionRate, executionScore } from "../rules/rules";
import { a1, Checker, unreadableMessage } from "./checker";
import { checkScoreBounds } from "./score-bounds";
import { SCORE_TOLERANCE as TOLERANCE } from "../rules/rules";
import { ratio6 } from "./ratio";

export interface ExecutionResult {
  report: ExecutionReport | null;
  /** The rule's score (R2), or null where it cannot be computed. */
  score: Decimal | null;
  /** The stated score, where the form states one. */
  stated: Decimal | null;
  weight: Decimal | null;
  /** 执行数 ÷ 预算数 unrounded, for a 预算执行率 row in the table. */
  rate: Decimal | null;
  /** A stated figure of the item is one no form could mean (1e308): no total can be made with it. */
  absurd: boolean;
  /** The stated score is in the form but could not be read. */
  unreadScore: boolean;
}

const NONE: ExecutionResult = { report: null, score: null, stated: null, weight: null, rate: null, absurd: false, unreadScore: false };

/** A row's stated 执行率 against 执行数 ÷ 预算数 at the precision it is written with. */
function checkStatedRate(ck: Checker, row: FundRow, budget: Decimal | null, spent: Decimal | null, unit: string) {
  const r = row.rate;
  if (r.kind === "blank") return null;
  if (r.kind === "unreadable") {
    if (r.why === "text") ck.add("VALUE_UNPARSEABLE", r.at, `无法读取执行率：“${clip(r.text)}”不是百分数。`);
    else {
      const u = unreadableMessage(r.why, "执行率", r.text);
      ck.add(u.code, r.at, u.message);
    }
    return null;
  }
  const rate = executionRate(budget, spent);
  if (rate !== null && !rateAgrees(rate, r.rate)) {
    const label = row.label ? `“${clip(row.label)}”的` : "";
    ck.add(
      "EXEC_RATE_MISMATCH",
      r.at,
      `${label}执行率应为 ${pct(rate)}（${plain(spent!)} ÷ ${plain(budget!)}${unit ? " " + unit : ""}），表中填写为 ${clip(r.rate.text)}。`,
    );
  }
  return r.rate;
}

/** The 执行数 ÷ 预算数 budget: 全年预算数, or 年初预算数 where the form has no other. */
const budgetFigureOf = (row: FundRow) => (row.budget.at ? row.budget : row.budgetStart);

/** The execution weight: the row's own 分值, else the block's stated points, else the profile's. */
function weightOf(ck: Checker, fromCell: Decimal | null): Decimal {
  return fromCell ?? ck.form.fund!.statedPoints ?? new Decimal(ck.profile.executionWeight);
}

function cellsOf(row: FundRow): ExecutionReport["cells"] {
  return { budget: a1(budgetFigureOf(row).at), spent: a1(row.spent.at), rate: a1(row.rate.at), score: a1(row.score.at), weight: a1(row.weight.at) };
}

export function checkExecution(ck: Checker, scored: boolean): ExecutionResult {
  const fund = ck.form.fund;
  if (!fund) return NONE;
  const total = fund.rows.find((r) => r.isTotal);
  const waitingForm = !ck.form.filled;
  let result: ExecutionResult = NONE;
  for (const row of fund.rows) {
    if (waitingForm) break;
    const budgetFigure = budgetFigureOf(row);
    const budget = ck.value(budgetFigure, "预算数");
    const spent = ck.value(row.spent, "执行数");
    if (row !== total) {
      checkStatedRate(ck, row, budget, spent, fund.unit);
      continue;
    }
    const hasScoreColumn = scored && row.score.at !== null;
    const weight = scored && fund.scored ? weightOf(ck, ck.weight(row.weight, "执行率分值")) : null;
    const statedScore = hasScoreColumn ? ck.value(row.score, "执行率得分") : null;
    const statedRate = checkStatedRate(ck, row, budget, spent, fund.unit);
    const waiting = budget === null && spent === null && statedScore === null && statedRate === null;
    const rate = executionRate(budget, spent);
    if (!waiting && (budget === null || budget.isZero()) && budgetFigure.kind !== "unreadable")
      ck.add("BUDGET_MISSING", budgetFigure.at, `预算数${budget === null ? "为空" : "为 0"}，无法计算执行率；请填写全年预算数。`);
    if (rate !== null && cmp(rate, D.ONE) > 0)
      ck.add("EXEC_OVER_BUDGET", row.spent.at, `执行数 ${plain(spent!)} 超过预算数 ${plain(budget!)}（执行率 ${pct(rate)}），请核实；执行率得分按 100% 计。`);
    const score = weight !== null && rate !== null ? executionScore(weight, rate) : null;
    if (hasScoreColumn && weight !== null) {
      // Only a message needs the working, and few rows have one.
      const how = () => (score !== null ? `${fmt(weight)} × ${pct(rate!.gt(D.ONE) ? D.ONE : rate!)}` : "");
      if (statedScore === null && !waiting && !ck.filled(row.score))
        ck.add(
          "SCORE_MISSING",
          row.score.at,
          score !== null ? `执行率得分为空，应为 ${fmt(score)}（${how()}）。` : `执行率得分为空，请按执行率填写（分值 ${fmt(weight)}）。`,
        );
      if (statedScore !== null) {
        checkScoreBounds(ck, row.score.at!, statedScore, weight, "执行率得分");
        if (score !== null && cmp(statedScore.minus(score).abs(), TOLERANCE) > 0)
          ck.add("EXEC_SCORE_MISMATCH", row.score.at, `执行率得分应为 ${fmt(score)}（${how()}），表中填写为 ${plain(statedScore)}。`);
      }
    }
    result = {
      score,
      stated: statedScore,
      weight,
      rate,
      absurd: ck.wasAbsurd(row.weight) || (score === null && ck.wasAbsurd(row.score)),
      unreadScore: hasScoreColumn && ck.unread(row.score),
      report: {
        budget: toNumber(budget),
        spent: toNumber(spent),
        rate: ratio6(rate),
        weight: toNumber(weight),
        score: toNumber(score),
        statedRate: statedRate ? statedRate.ratio.toNumber() : null,
        statedScore: toNumber(statedScore),
        unit: fund.unit,
        cells: cellsOf(row),
      },
    };
  }
  if (waitingForm && total) {
    // A blank form's weight is the template's: read without findings, nothing else to report.
    const weight = scored && fund.scored ? weightOf(ck, total.weight.kind === "number" ? total.weight.value : null) : null;
    result = {
      ...NONE,
      weight,
      report: { budget: null, spent: null, rate: null, weight: toNumber(weight), score: null, statedRate: null, statedScore: null, unit: fund.unit, cells: cellsOf(total) },
    };
  }
  return result;
}
