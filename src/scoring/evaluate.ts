import Decimal from "decimal.js";
import { toA1 } from "./address";
import { Amount, isPercentFormat, rateAgrees, readAmount, readStatedRate } from "./amount";
import { level1Family } from "./columns";
import { cmp, D, decimalOf, fmt, maxOf, pct, round2, toNumber } from "./decimal";
import { Finding, finding } from "./findings";
import { gradeOf, readGrade } from "./grade";
import { Grid, Sheet } from "./grid";
import { findLayout, FundRow, GridRow, Layout, Pos } from "./layout";
import { describeMeasure, looksLikeValue, Measure, readComparator, readMeasure } from "./measure";
import { findProfile, Profile, PROFILES } from "./profiles";
import type { ExecutionReport, IndicatorReport, LevelSummary, SheetReport, Tier } from "./report";
import { readDirection } from "./direction";
import { executionRate, executionScore, scoreIndicator, Verdict } from "./rules";
import { headerKey, squash } from "./text";
import { BoundedCache } from "./memo";

export interface EvaluateOptions {
  /** A profile name of spec §3 (`project`, `exec20` …) or a profile; default by form kind. */
  profile?: string | Profile;
}

const ZERO = new Decimal(0);
const TOLERANCE = new Decimal("0.01");
const [P3, P6, P7, P8] = ["0.3", "0.6", "0.7", "0.8"].map((x) => new Decimal(x));

const a1 = (p: Pos | undefined | null): string | null => (p ? toA1(p.row, p.col) : null);
/** A ratio for reports, 6 decimals half-up (0.999602); null where no double holds it. */
const num6 = (d: Decimal | null): number | null => {
  if (d === null) return null;
  const known = SIX_PLACES.get(d);
  if (known !== undefined) return known;
  const x = Number(d.toFixed(6, Decimal.ROUND_HALF_UP));
  const n = Number.isFinite(x) ? x : null;
  SIX_PLACES.set(d, n);
  return n;
};
// Verdicts are shared between rows, and so are their rates: convert each once.
const SIX_PLACES = new WeakMap<Decimal, number | null>();

function profileFor(kind: string, option: EvaluateOptions["profile"]): Profile {
  if (option && typeof option === "object") return option;
  if (typeof option === "string") return findProfile(option) ?? PROFILES.project;
  return findProfile(kind) ?? PROFILES.project;
}

/** Tiers of R6 for a weight: 达成 [0.8w, w], 部分达成 [0.6w, 0.8w), 未达成 [0, 0.6w). */
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

/** Evaluation of one sheet, collecting findings as it reads. */
class Evaluation {
  readonly findings: Finding[] = [];
  /** Some figure (an amount or an actual) has been entered: the form is no longer blank. */
  hasFigures = false;
  constructor(
    readonly sheet: Sheet,
    readonly layout: Layout,
    readonly profile: Profile,
  ) {}

  add(f: Finding) {
    this.findings.push(f);
  }

  /** Reads a cell that must hold a number; an unreadable one becomes VALUE_UNPARSEABLE. */
  amount(p: Pos | undefined | null, what: string): Decimal | null {
    if (!p) return null;
    const a: Amount = readAmount(this.sheet.value(p.row, p.col));
    if (a.kind === "number") return a.value;
    if (a.kind === "unreadable")
      this.add(finding("VALUE_UNPARSEABLE", a1(p), `无法读取${what}：“${a.text}”不是数字，请填写数值。`));
    return null;
  }

  filled(p: Pos | undefined | null): boolean {
    return Boolean(p) && this.sheet.text(p!.row, p!.col) !== "";
  }
}

function execWeight(ev: Evaluation, total: FundRow | undefined, scored: boolean): Decimal | null {
  if (!scored) return null;
  const fromCell = total ? ev.amount(total.cells.weight, "执行率分值") : null;
  if (fromCell !== null) return fromCell;
  const points = ev.layout.fund?.statedPoints;
  if (points !== null && points !== undefined) return new Decimal(points);
  return new Decimal(ev.profile.executionWeight);
}

function checkStatedRate(ev: Evaluation, row: FundRow, budget: Decimal | null, spent: Decimal | null, unit: string) {
  const p = row.cells.rate;
  if (!p) return null;
  const stated = readStatedRate(ev.sheet.value(p.row, p.col), ev.sheet.format(p.row, p.col));
  if (stated === null) return null;
  if (stated === "unreadable") {
    ev.add(finding("VALUE_UNPARSEABLE", a1(p), `无法读取执行率：“${ev.sheet.rawText(p.row, p.col)}”不是百分数。`));
    return null;
  }
  const rate = executionRate(budget, spent);
  if (rate !== null && !rateAgrees(rate, stated)) {
    const label = row.label ? `“${row.label}”的` : "";
    ev.add(
      finding(
        "EXEC_RATE_MISMATCH",
        a1(p),
        `${label}执行率应为 ${pct(rate)}（${spent!.toString()} ÷ ${budget!.toString()}${unit ? " " + unit : ""}），表中填写为 ${stated.text}。`,
      ),
    );
  }
  return stated;
}

interface ExecutionResult {
  report: ExecutionReport | null;
  score: Decimal | null;
  weight: Decimal | null;
  /** 执行数 ÷ 预算数 unrounded, for a 预算执行率 row in the grid. */
  rate: Decimal | null;
}

function evaluateExecution(ev: Evaluation, scored: boolean): ExecutionResult {
  const fund = ev.layout.fund;
  if (!fund) return { report: null, score: null, weight: null, rate: null };
  const total = fund.rows.find((r) => r.isTotal);
  const unit = fund.unit;
  let report: ExecutionReport | null = null;
  let score: Decimal | null = null;
  let weight: Decimal | null = null;
  let exactRate: Decimal | null = null;
  for (const row of fund.rows) {
    const budget = ev.amount(row.cells.budget ?? row.cells.budgetStart, "预算数");
    const spent = ev.amount(row.cells.spent, "执行数");
    if (row !== total) {
      checkStatedRate(ev, row, budget, spent, unit);
      continue;
    }
    const scoreCell = row.cells.score;
    const hasScoreColumn = scored && Boolean(scoreCell);
    weight = execWeight(ev, row, scored && (hasScoreColumn || Boolean(row.cells.weight) || fund.statedPoints !== null));
    const statedScore = ev.amount(scoreCell, "执行率得分");
    const statedRate = checkStatedRate(ev, row, budget, spent, unit);
    const waiting = budget === null && spent === null && statedScore === null && statedRate === null;
    const rate = executionRate(budget, spent);
    exactRate = rate;
    const budgetCell = row.cells.budget ?? row.cells.budgetStart;
    if (!waiting && (budget === null || budget.isZero()))
      ev.add(finding("BUDGET_MISSING", a1(budgetCell), `预算数${budget === null ? "为空" : "为 0"}，无法计算执行率；请填写全年预算数。`));
    if (rate !== null && cmp(rate, D.ONE) > 0)
      ev.add(
        finding(
          "EXEC_OVER_BUDGET",
          a1(row.cells.spent),
          `执行数 ${spent!.toString()} 超过预算数 ${budget!.toString()}（执行率 ${pct(rate)}），请核实；执行率得分按 100% 计。`,
        ),
      );
    if (weight !== null && rate !== null) score = executionScore(weight, rate);
    if (hasScoreColumn && weight !== null) {
      const how = score !== null ? `${fmt(weight)} × ${pct(rate!.gt(D.ONE) ? D.ONE : rate!)}` : "";
      if (statedScore === null && !waiting && !ev.filled(scoreCell))
        ev.add(
          finding(
            "SCORE_MISSING",
            a1(scoreCell),
            score !== null ? `执行率得分为空，应为 ${fmt(score)}（${how}）。` : `执行率得分为空，请按执行率填写（分值 ${fmt(weight)}）。`,
          ),
        );
      if (statedScore !== null) {
        checkScoreBounds(ev, scoreCell!, statedScore, weight, "执行率得分");
        if (score !== null && cmp(statedScore, score) !== 0 && cmp(statedScore.minus(score).abs(), TOLERANCE) > 0)
          ev.add(
            finding("EXEC_SCORE_MISMATCH", a1(scoreCell), `执行率得分应为 ${fmt(score)}（${how}），表中填写为 ${statedScore.toString()}。`),
          );
      }
    }
    report = {
      budget: toNumber(budget),
      spent: toNumber(spent),
      rate: num6(rate),
      weight: toNumber(weight),
      score: toNumber(score),
      statedRate: statedRate ? statedRate.ratio.toNumber() : null,
      statedScore: toNumber(statedScore),
      unit,
      cells: {
        budget: a1(budgetCell),
        spent: a1(row.cells.spent),
        rate: a1(row.cells.rate),
        score: a1(scoreCell),
        weight: a1(row.cells.weight),
      },
    };
  }
  return { report, score, weight, rate: exactRate };
}

function checkScoreBounds(ev: Evaluation, p: Pos, stated: Decimal, weight: Decimal | null, what: string) {
  if (cmp(stated, D.ZERO) < 0) ev.add(finding("SCORE_NEGATIVE", a1(p), `${what} ${stated.toString()} 小于 0，得分应在 0 到分值之间。`));
  else if (weight !== null && cmp(stated, weight) > 0)
    ev.add(finding("SCORE_ABOVE_WEIGHT", a1(p), `${what} ${stated.toString()} 超过分值 ${weight.toString()}，得分不能高于分值。`));
}

function measureAt(ev: Evaluation, p: Pos | undefined, row: GridRow, withRowContext: boolean): Measure {
  if (!p) return { kind: "blank", text: "" };
  const { sheet } = ev;
  const m = sheet.mergeAt(p.row, p.col);
  const at = m ? { row: m.top, col: m.left } : p;
  const format = sheet.format(at.row, at.col);
  const cmpPos = row.cells.comparator;
  const unitPos = row.cells.unit;
  return readMeasure(sheet.value(at.row, at.col), {
    percent: isPercentFormat(format),
    comparator: withRowContext && cmpPos ? readComparator(sheet.value(cmpPos.row, cmpPos.col)) : null,
    unit: unitPos ? sheet.text(unitPos.row, unitPos.col) || null : null,
  });
}

function verdictScore(v: Verdict): Decimal | null {
  return v.status === "scored" ? v.score : null;
}

function ruleExplanation(v: Verdict, w: Decimal): string {
  if (v.status !== "scored" || !v.aligned || v.met) return "";
  // Shown in the target's own unit (万元 stays 万元), as the person wrote it.
  const scale = v.aligned.scale;
  const a = v.aligned.a.dividedBy(scale);
  const bb = maxOf(v.aligned.b, D.ZERO).dividedBy(scale);
  if (v.direction === "negative") return `（${fmt(w)} × ${a.toString()} ÷ ${bb.toString()}）`;
  return `（${fmt(w)} × ${bb.toString()} ÷ ${a.toString()}）`;
}

function isBlankDeviation(ev: Evaluation, p: Pos | undefined): boolean {
  if (!p) return false;
  const t = squash(ev.sheet.shownText(p.row, p.col));
  return t === "" || t === "无";
}

interface RowResult {
  report: IndicatorReport;
  /** The score the total counts: the rule's where it decides, else the stated one. */
  used: Decimal | null;
  weight: Decimal | null;
  stated: Decimal | null;
}

function evaluateRow(ev: Evaluation, row: GridRow, scored: boolean, execRate: Decimal | null): RowResult {
  const { sheet } = ev;
  const c = row.cells;
  const name = c.level3 ? sheet.text(c.level3.row, c.level3.col) : "";
  const nameValue = c.level3 ? sheet.value(c.level3.row, c.level3.col) : null;
  if (typeof nameValue === "string" && name && looksLikeValue(nameValue))
    ev.add(
      finding("NAME_LOOKS_LIKE_VALUE", a1(c.level3), `三级指标“${name}”看起来是一个数值而不是指标名称，可能填错了列，请核对指标名称、指标值和实际完成值。`),
    );
  const target = measureAt(ev, c.target, row, true);
  const actual = measureAt(ev, c.actual, row, false);
  const weight = scored ? ev.amount(c.weight, "分值") : null;
  const stated = scored ? ev.amount(c.score, "得分") : null;
  // A row with no figures yet is waiting, not wrong; a 资金管理 item has no target or actual,
  // so it waits until the form has figures anywhere.
  const waiting =
    stated === null &&
    !ev.filled(c.score) &&
    (row.kind === "management" ? !ev.hasFigures : target.kind === "blank" || actual.kind === "blank");
  let verdict: Verdict;
  let ruleScore: Decimal | null = null;
  if (row.kind === "execution") {
    const r = execRate ?? (actual.kind === "quantity" && actual.unit === "%" ? actual.value.dividedBy(D.HUNDRED) : null);
    verdict = r === null ? { status: "blank", missing: "actual" } : { status: "scored", score: weight ? executionScore(weight, r) : null, met: r.gte(D.ONE), direction: "positive", completion: r, aligned: null, claimed: false };
    ruleScore = verdictScore(verdict);
  } else if (row.kind === "management") {
    verdict = { status: "judgement" };
  } else {
    const direction = c.direction ? readDirection(sheet.text(c.direction.row, c.direction.col)) : null;
    verdict = scoreIndicator({ weight, target, actual, direction, negativeMode: ev.profile.negativeMode });
    ruleScore = verdictScore(verdict);
  }

  const cell = (p: Pos | undefined) => a1(p);
  const report: IndicatorReport = {
    row: row.row + 1,
    kind: row.kind,
    level1: headerKey(row.level1),
    level2: headerKey(row.level2),
    name,
    target: target.kind === "blank" ? null : target.text,
    actual: actual.kind === "blank" ? null : actual.text,
    weight: toNumber(weight),
    statedScore: toNumber(stated),
    score: toNumber(ruleScore),
    status: verdict.status === "scored" && ruleScore === null && row.kind !== "indicator" ? "stated" : verdict.status,
    met: verdict.status === "scored" ? verdict.met : null,
    direction: verdict.status === "scored" ? verdict.direction : null,
    completionRate: verdict.status === "scored" ? num6(verdict.completion) : null,
    tiers: null,
    cells: {
      name: cell(c.level3),
      target: cell(c.target),
      actual: cell(c.actual),
      weight: cell(c.weight),
      score: cell(c.score),
      deviation: cell(c.deviation),
      completion: cell(c.completion),
    },
  };
  if (row.kind === "management") report.status = "stated";
  if (waiting) return { report, used: null, weight, stated };

  // What the values themselves say.
  if (row.kind === "indicator") {
    if (verdict.status === "unparseable")
      ev.add(
        finding("VALUE_UNPARSEABLE", cell(c.actual), `实际完成值“${actual.text}”读不出数值，而年度指标值“${target.text}”是数值指标；请填写实际完成的数值。`),
      );
    if (verdict.status === "unit-mismatch")
      ev.add(
        finding(
          "UNIT_MISMATCH",
          cell(c.actual),
          `年度指标值“${target.text}”的单位与实际完成值“${actual.text}”的单位（${verdict.aligned.unit} / ${actual.kind === "quantity" ? actual.unit : ""}）不是同一类，无法比较，本行不按规则计分。`,
        ),
      );
    if (verdict.status === "scored" && verdict.aligned?.unitIssue === "one-side")
      ev.add(
        finding(
          "UNIT_MISMATCH",
          cell(c.actual),
          `年度指标值“${target.text}”与实际完成值“${actual.text}”只有一方写了单位，已按数字直接比较；请两边写同一单位。`,
        ),
      );
    if (verdict.status === "scored" && verdict.claimed)
      ev.add(
        finding(
          "ACTUAL_NOT_VALUE",
          cell(c.actual),
          `实际完成值“${actual.text}”写成了目标的形式（带比较符号），${verdict.met ? "视为已达成" : "按所写数值计算"}；应填写实际测得的数值。`,
        ),
      );
    if (verdict.status === "judgement" && scored && weight !== null) {
      report.tiers = tiersFor(weight);
      const t = report.tiers;
      ev.add(
        finding(
          "JUDGEMENT_NEEDED",
          cell(c.actual),
          `年度指标值“${describeMeasure(target)}”，实际完成值“${describeMeasure(actual)}”：规则无法判定是否达成，需人工选择：达成（${t[0].min}–${t[0].max} 分）/ 部分达成（${t[1].min}–${t[1].max} 分）/ 未达成（0–${t[2].max} 分）${stated !== null ? `；保留表中得分 ${stated.toString()}` : ""}。`,
        ),
      );
    }
    // Stated 完成率.
    if (c.completion && verdict.status === "scored" && verdict.completion !== null) {
      const s = readStatedRate(sheet.value(c.completion.row, c.completion.col), sheet.format(c.completion.row, c.completion.col));
      if (s && s !== "unreadable" && !rateAgrees(verdict.completion, s)) {
        const { scale } = verdict.aligned!;
        const a = verdict.aligned!.a.dividedBy(scale);
        const b = verdict.aligned!.b.dividedBy(scale);
        const expr = verdict.direction === "negative" ? `${a} ÷ ${b}` : `${b} ÷ ${a}`;
        ev.add(finding("COMPLETION_RATE_MISMATCH", cell(c.completion), `完成率应为 ${pct(verdict.completion)}（${expr}），表中填写为 ${s.text}。`));
      }
    }
    const devBlank = isBlankDeviation(ev, c.deviation) || !c.deviation;
    if (
      verdict.status === "scored" &&
      verdict.aligned &&
      verdict.direction === "positive" &&
      verdict.completion !== null &&
      cmp(verdict.aligned.a, D.ZERO) > 0 &&
      cmp(verdict.completion, D.ONE_POINT_TWO) >= 0 &&
      devBlank
    )
      ev.add(
        finding(
          "OVER_COMPLETION",
          cell(c.actual),
          `实际完成值“${actual.text}”为年度指标值“${target.text}”的 ${pct(verdict.completion)}（≥120%），且未说明偏差原因：年度指标值可能定得偏低，请在偏差原因栏说明。`,
        ),
      );
  }

  if (!scored) return { report, used: null, weight, stated };

  // What the stated score says.
  if (stated === null) {
    if (c.score && (weight === null || cmp(weight, D.ZERO) > 0) && !ev.filled(c.score))
      ev.add(
        finding(
          "SCORE_MISSING",
          cell(c.score),
          ruleScore !== null
            ? `得分为空：本行分值 ${fmt(weight)}，按规则应得 ${fmt(ruleScore)} 分。`
            : `得分为空${weight !== null ? `（分值 ${fmt(weight)}）` : ""}，请填写得分。`,
        ),
      );
  } else {
    checkScoreBounds(ev, c.score!, stated, weight, "得分");
    if (row.kind === "management" && weight !== null && cmp(stated, D.ZERO) >= 0 && cmp(stated, weight) <= 0) {
      const deduction = weight.minus(stated);
      if (!deduction.mod(D.HALF).isZero())
        ev.add(
          finding(
            "MANAGEMENT_DEDUCTION_STEP",
            cell(c.score),
            `资金管理项每发现一处问题扣 0.5 分，分值 ${fmt(weight)} 与得分 ${stated.toString()} 相差 ${deduction.toString()}，不是 0.5 的整数倍。`,
          ),
        );
    }
    if (ruleScore !== null && cmp(stated, ruleScore) !== 0 && cmp(stated.minus(ruleScore).abs(), TOLERANCE) > 0)
      ev.add(
        finding(
          "SCORE_RULE_MISMATCH",
          cell(c.score),
          `按规则应得 ${fmt(ruleScore)} 分${ruleExplanation(verdict, weight!)}，表中填写为 ${stated.toString()} 分。`,
        ),
      );
  }
  const effective = stated ?? ruleScore;
  if (c.deviation && weight !== null && effective !== null && cmp(effective, weight) < 0 && isBlankDeviation(ev, c.deviation))
    ev.add(
      finding(
        "DEVIATION_MISSING",
        cell(c.deviation),
        `得分 ${fmt(effective)} 低于分值 ${fmt(weight)}，目标未完全达成，但偏差原因分析及改进措施为空，请说明原因和改进措施。`,
      ),
    );
  return { report, used: ruleScore ?? stated, weight, stated };
}

function levelFindings(ev: Evaluation) {
  const grid = ev.layout.grid!;
  for (const gap of grid.gaps) {
    const range = gap.fromRow === gap.toRow ? toA1(gap.fromRow, gap.col) : `${toA1(gap.fromRow, gap.col)}:${toA1(gap.toRow, gap.col)}`;
    const what = gap.level === "level1" ? "一级指标" : "二级指标";
    const row = grid.rows.find((r) => r.row === gap.fromRow);
    const assumed = row ? (gap.level === "level1" ? row.level1 : row.level2) : "";
    ev.add(
      finding(
        "LEVEL_MISSING",
        toA1(gap.fromRow, gap.col),
        `${what}为空（${range}），且没有与上方单元格合并${assumed ? `，已按上方的“${headerKey(assumed)}”处理` : ""}；请填写或合并单元格。`,
      ),
    );
  }
}

/** Weights and scores added up once per level-1 label (and the grid's execution rows apart). */
interface LevelSums {
  label: string;
  execution: boolean;
  weight: Decimal | null;
  score: Decimal | null;
}

function sumByLevel(rows: IndicatorReport[], weights: (Decimal | null)[], used: (Decimal | null)[]): LevelSums[] {
  const byKey = new Map<string, LevelSums>();
  rows.forEach((r, i) => {
    const execution = r.kind === "execution";
    const key = execution ? "\u0000执行率" : r.level1;
    let e = byKey.get(key);
    if (!e) byKey.set(key, (e = { label: r.level1, execution, weight: null, score: null }));
    const w = weights[i];
    const u = used[i];
    if (w !== null) e.weight = e.weight ? e.weight.plus(w) : w;
    if (u !== null) e.score = e.score ? e.score.plus(u) : u;
  });
  return [...byKey.values()];
}

function weightFindings(ev: Evaluation, levels: LevelSums[], execWeight: Decimal | null, totalWeightCell: string | null) {
  const grid = ev.layout.grid!;
  if (grid.columns.weight === undefined) return null;
  const weighted = levels.filter((l) => l.weight !== null);
  if (weighted.length === 0) return null;
  let sum = execWeight ?? ZERO;
  for (const l of weighted) sum = sum.plus(l.weight!);
  if (!sum.eq(D.HUNDRED))
    ev.add(
      finding(
        "WEIGHT_SUM",
        totalWeightCell,
        `各项分值合计为 ${sum.toString()}${execWeight ? `（含执行率 ${execWeight.toString()} 分）` : ""}，应为 100。`,
      ),
    );
  const byLabel = new Map<string, Decimal>();
  for (const l of weighted) byLabel.set(l.label, (byLabel.get(l.label) ?? ZERO).plus(l.weight!));
  const seen = new Set<string>();
  for (const label of grid.level1Labels) {
    const key = headerKey(label.text);
    if (seen.has(key)) continue;
    seen.add(key);
    const got = byLabel.get(key) ?? ZERO;
    if (label.points !== null) {
      if (!got.eq(label.points))
        ev.add(
          finding("LEVEL1_WEIGHT", a1(label.pos), `“${headerKey(label.text)}”标明 ${label.points} 分，其下各项分值合计为 ${got.toString()}。`),
        );
    } else {
      const expected = ev.profile.level1[label.family];
      if (expected !== undefined && !got.eq(expected))
        ev.add(
          finding(
            "LEVEL1_PROFILE_SPLIT",
            a1(label.pos),
            `“${headerKey(label.text)}”各项分值合计为 ${got.toString()}，评分方案“${ev.profile.name}”一般为 ${expected} 分（如属特殊情况调整权重，可忽略）。`,
          ),
        );
    }
  }
  return sum;
}

function levelSummaries(levels: LevelSums[], exec: ExecutionReport | null): LevelSummary[] {
  const order: string[] = [];
  const acc = new Map<string, { w: Decimal | null; s: Decimal | null }>();
  const add = (name: string, w: Decimal | null, s: Decimal | null) => {
    if (!acc.has(name)) {
      acc.set(name, { w: null, s: null });
      order.push(name);
    }
    const e = acc.get(name)!;
    if (w !== null) e.w = e.w ? e.w.plus(w) : w;
    if (s !== null) e.s = e.s ? e.s.plus(s) : s;
  };
  if (exec && (exec.weight !== null || exec.score !== null || exec.statedScore !== null))
    add(
      "执行率",
      exec.weight !== null ? decimalOf(exec.weight) : null,
      exec.score !== null ? decimalOf(exec.score) : exec.statedScore !== null ? decimalOf(exec.statedScore) : null,
    );
  for (const l of levels) add(l.execution ? "执行率" : level1Family(l.label).replace(/指标$/, "") || "未分类", l.weight, l.score);
  return order.map((name) => ({ level1: name, weight: toNumber(acc.get(name)!.w), score: toNumber(acc.get(name)!.s) }));
}

function statedGradeText(ev: Evaluation): string | null {
  const g = ev.layout.grade;
  if (!g) return null;
  const t = ev.sheet.rawText(g.pos.row, g.pos.col);
  return t ? t : null;
}

/** Recognises, reads, scores and checks one sheet (spec §1–§4). Never throws for any grid. */
export function evaluateSheet(grid: Grid, options: EvaluateOptions = {}): SheetReport {
  const sheet = new Sheet(grid);
  const layout = findLayout(sheet);
  const profile = profileFor(layout.kind, options.profile);
  const ev = new Evaluation(sheet, layout, profile);
  const base: SheetReport = {
    sheet: grid.sheet,
    kind: layout.kind,
    profile: profile.name,
    title: layout.title,
    execution: null,
    indicators: [],
    total: { stated: null, computed: null, statedSum: null, weightSum: null, cell: null },
    grade: { stated: null, computed: null, cell: null, inline: false },
    levels: [],
    findings: ev.findings,
  };
  if (layout.kind === "unknown") {
    ev.add(finding("LAYOUT_UNRECOGNIZED", null, `工作表“${grid.sheet}”中没有找到绩效自评表（既没有绩效指标表，也没有预算执行情况栏），未作校验。`));
    return base;
  }
  const scored = layout.kind !== "completion" && profile.scored;
  if (!scored)
    ev.add(finding("NO_SCORE_COLUMNS", null, "这是绩效目标完成情况表，没有分值和得分栏：只核对执行率和指标完成情况，不计分、不评等级。"));

  const exec = evaluateExecution(ev, scored);
  base.execution = exec.report;

  const used: (Decimal | null)[] = [];
  const weights: (Decimal | null)[] = [];
  const stateds: (Decimal | null)[] = [];
  ev.hasFigures =
    exec.report?.budget != null ||
    exec.report?.spent != null ||
    Boolean(layout.grid?.rows.some((r) => r.cells.actual && sheet.text(r.cells.actual.row, r.cells.actual.col) !== ""));
  if (layout.grid) {
    for (const row of layout.grid.rows) {
      const r = evaluateRow(ev, row, scored, exec.rate);
      base.indicators.push(r.report);
      used.push(r.used);
      weights.push(r.weight);
      stateds.push(r.stated);
    }
    levelFindings(ev);
  }
  const levels = sumByLevel(base.indicators, weights, used);
  base.levels = scored ? levelSummaries(levels, exec.report) : [];
  if (!scored) return base;

  const totalWeightCell = layout.total?.weight ? a1(layout.total.weight) : null;
  const weightSum = layout.grid ? weightFindings(ev, levels, exec.weight, totalWeightCell) : null;
  base.total.weightSum = toNumber(weightSum);

  // R8: the computed total, and the total of what the form states.
  const execStated = exec.report?.statedScore != null ? decimalOf(exec.report.statedScore) : null;
  const parts = [exec.score ?? execStated, ...used];
  const anyPart = parts.some((p) => p !== null);
  const computed = anyPart ? round2(parts.reduce<Decimal>((s, p) => (p ? s.plus(p) : s), ZERO)) : null;
  const statedParts = [execStated, ...stateds];
  const anyStated = statedParts.some((p) => p !== null);
  const statedSum = anyStated ? round2(statedParts.reduce<Decimal>((s, p) => (p ? s.plus(p) : s), ZERO)) : null;
  const totalCell = layout.total?.score ?? null;
  const statedTotal = ev.amount(totalCell, "总分");
  base.total = {
    stated: toNumber(statedTotal),
    computed: toNumber(computed),
    statedSum: toNumber(statedSum),
    weightSum: toNumber(weightSum),
    cell: a1(totalCell),
  };
  if (statedTotal !== null && statedSum !== null && statedTotal.minus(statedSum).abs().gt(TOLERANCE))
    ev.add(
      finding(
        "TOTAL_MISMATCH",
        a1(totalCell),
        `总分应为 ${fmt(statedSum)}（表中各项得分之和），表中填写为 ${statedTotal.toString()}${computed !== null && !computed.eq(statedSum) ? `；按规则计算的总分为 ${fmt(computed)}` : ""}。`,
      ),
    );

  // R9: grades.
  const gradeText = statedGradeText(ev);
  const stated = gradeText ? readGrade(gradeText, profile.grades) : null;
  base.grade = {
    stated,
    computed: computed !== null ? gradeOf(computed, profile.grades) : null,
    cell: a1(layout.grade?.pos),
    inline: layout.grade?.inline ?? false,
  };
  if (gradeText && stated === null && squash(gradeText).replace(/^.*等级[:：]?/, "") !== "")
    ev.add(finding("VALUE_UNPARSEABLE", a1(layout.grade!.pos), `无法读取等级“${gradeText}”：等级应为 ${profile.grades.map((g) => g.label).join("、")} 之一。`));
  const basis = statedTotal ?? computed;
  if (stated !== null && basis !== null) {
    const expected = gradeOf(basis, profile.grades);
    if (expected !== stated)
      ev.add(
        finding(
          "GRADE_MISMATCH",
          a1(layout.grade!.pos),
          `${statedTotal !== null ? "表中总分" : "计算总分"} ${fmt(basis)} 对应等级“${expected}”，表中填写为“${stated}”。`,
        ),
      );
  }
  return base;
}

