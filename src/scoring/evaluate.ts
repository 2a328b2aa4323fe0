/**
 * Evaluation of one sheet: read its forms (most sheets hold one; some stack several), then for
 * each form every stage checks its part (execution, indicators, 资金管理, weights, total and
 * grade). Data flows one way: grid → forms → findings and scores. Never throws for any grid.
 */
import Decimal from "decimal.js";
import { toA1 } from "./grid/address";
import { level1Family } from "./read/columns";
import { clip } from "./values/display";
import { toNumber } from "./values/decimal";
import type { Grid } from "./grid/grid";
import { Checker } from "./check/checker";
import { checkExecution } from "./check/execution";
import { checkIndicator, RowResult } from "./check/indicators";
import { checkManagement, ManagementLine } from "./check/management";
import { cellList } from "./check/partly-read";
import { checkGrade, checkTotal, type ExecPart, fullMarks } from "./check/total-grade";
import { groupKey, type GroupSum, sumByGroup } from "./check/group-sums";
import { checkWeights } from "./check/weights";
import { findProfile, Profile, PROFILES } from "./rules/profiles";
import type { Form, Level1Group } from "./read/form";
import { readForms } from "./read/read-form";
import type { FormPlace, LevelSummary, SheetReport } from "./findings/sheet-report";
import { headerKey } from "./values/text";

export { tiersFor } from "./rules/rules";

export interface EvaluateOptions {
  /** A profile name of spec §3 (`project`, `exec20` …) or a profile; default by form kind. */
  profile?: string | Profile;
}

function profileFor(kind: string, option: EvaluateOptions["profile"]): Profile {
  if (option && typeof option === "object") return option;
  if (typeof option === "string") return findProfile(option) ?? PROFILES.project;
  return findProfile(kind) ?? PROFILES.project;
}

function levelFindings(ck: Checker) {
  for (const gap of ck.form.table?.gaps ?? []) {
    const range = gap.fromRow === gap.toRow ? toA1(gap.fromRow, gap.col) : `${toA1(gap.fromRow, gap.col)}:${toA1(gap.toRow, gap.col)}`;
    const what = gap.level === "level1" ? "一级指标" : "二级指标";
    const assumed = headerKey(gap.assumed);
    ck.add(
      "LEVEL_MISSING",
      { row: gap.fromRow, col: gap.col },
      `${what}为空（${range}），且没有与上方单元格合并${assumed ? `，已按上方的“${clip(assumed)}”处理` : ""}；请填写或合并单元格。`,
    );
  }
}

/** Points by level-1 family for the pane's chart: weight against score. */
function levelSummaries(exec: ExecPart, sums: GroupSum[], executionRows: Set<GroupSum>): LevelSummary[] {
  const order: string[] = [];
  const acc = new Map<string, { w: Decimal | null; s: Decimal | null }>();
  const add = (name: string, w: Decimal | null, s: Decimal | null) => {
    let e = acc.get(name);
    if (!e) {
      acc.set(name, (e = { w: null, s: null }));
      order.push(name);
    }
    if (w !== null) e.w = e.w ? e.w.plus(w) : w;
    if (s !== null) e.s = e.s ? e.s.plus(s) : s;
  };
  if (exec.weight !== null) add("执行率", exec.weight, exec.used);
  for (const g of sums) add(executionRows.has(g) ? "执行率" : g.family.replace(/指标$/, "") || "未分类", g.weight, g.used);
  return order.map((name) => ({ level1: name, weight: toNumber(acc.get(name)!.w), score: toNumber(acc.get(name)!.s) }));
}

function managementLines(form: Form): { lines: ManagementLine[]; group: Level1Group | null } {
  const m = form.management;
  if (!m) return { lines: [], group: null };
  const text = m.title || "资金管理情况";
  const group: Level1Group = { id: toA1(m.anchor.row, m.anchor.col), text, key: headerKey(text), family: "资金管理指标", at: m.anchor, points: m.statedPoints };
  const lines = m.items.map((i) => ({
    row: i.row,
    level1: group.text,
    level2: "",
    name: i.name,
    weight: i.weight,
    score: i.score,
    note: i.problems?.at ?? null,
  }));
  return { lines, group };
}

/** A form's place where it is the only one on its sheet. */
const alone = (form: Form): FormPlace => ({ index: 1, count: 1, firstRow: form.rows.top + 1, lastRow: form.rows.bottom + 1 });

/** Evaluates a form already read; `place` says which form of its sheet it is. */
export function evaluateForm(form: Form, options: EvaluateOptions = {}, place: FormPlace = alone(form)): SheetReport {
  const profile = profileFor(form.kind, options.profile);
  const ck = new Checker(form, profile);
  const base: SheetReport = {
    sheet: form.sheet,
    place,
    kind: form.kind,
    kindReason: form.kindReason,
    profile: profile.name,
    title: form.header.title,
    project: form.header.project,
    unit: form.header.unit,
    department: form.header.department,
    scored: false,
    execution: null,
    indicators: [],
    total: { stated: null, computed: null, statedSum: null, weightSum: null, cell: null, note: null, max: null },
    grade: { stated: null, computed: null, cell: null, inline: false },
    levels: [],
    findings: ck.findings,
  };
  if (form.kind === "unknown") {
    ck.add("LAYOUT_UNRECOGNIZED", null, `工作表“${clip(form.sheet)}”中没有找到绩效自评表（既没有绩效指标表，也没有预算执行情况栏），未作校验。`);
    return base;
  }
  const scored = form.scored && profile.scored;
  base.scored = scored;
  if (!scored)
    ck.add(
      "NO_SCORE_COLUMNS",
      null,
      form.kind === "transfer"
        ? "这张转移支付绩效自评表没有分值和得分栏：只核对执行率和指标完成情况，不计分、不评等级。"
        : "这是绩效目标完成情况表，没有分值和得分栏：只核对执行率和指标完成情况，不计分、不评等级。",
    );

  const exec = checkExecution(ck, scored);
  base.execution = exec.report;
  const { lines, group: mgmtGroup } = managementLines(form);
  const results: { family: string; group: Level1Group; r: RowResult }[] = [];
  for (const line of lines) results.push({ family: "资金管理指标", group: mgmtGroup!, r: checkManagement(ck, line, scored) });
  for (const row of form.table?.rows ?? []) {
    const r =
      row.kind === "management"
        ? checkManagement(ck, { row: row.row, level1: row.level1.text, level2: row.level2, name: row.name, weight: row.weight, score: row.score, note: row.deviation?.at ?? null }, scored)
        : checkIndicator(ck, row, scored, exec.rate);
    results.push({ family: row.level1.family || level1Family(row.level1.text), group: row.level1, r });
  }
  base.indicators = results.map((x) => x.r.report);
  levelFindings(ck);
  if (form.unread.length && form.filled)
    ck.add("FIGURES_UNREAD", null, `表中 ${cellList(form.unread)} 的数字未能识别属于哪一栏，没有参与校验和计分；如果它们是指标的分值或得分，请核对所在行、列的标题和合并单元格。`);
  // R8: the execution score is the rule's where it can be computed, else the stated one (within R7).
  const execPart: ExecPart = {
    used: exec.score ?? exec.stated,
    weight: exec.weight,
    stated: exec.stated,
    impossible: exec.absurd || (exec.score === null && exec.stated !== null && (exec.stated.isNegative() || (exec.weight !== null && exec.stated.gt(exec.weight)))),
    unreadScore: exec.unreadScore,
  };
  const sums = sumByGroup(results);
  const executionRows = new Set(sums.filter((g) => results.some((x) => x.r.report.kind === "execution" && groupKey(x.group) === g.key)));
  base.levels = scored ? levelSummaries(execPart, sums, executionRows) : [];
  if (!scored) return base;

  const groups = [...(mgmtGroup ? [mgmtGroup] : []), ...(form.table?.level1 ?? [])];
  // Weights are the form's own even before any figure is entered: a blank form is checked for them too.
  const weightSum = checkWeights(ck, sums, groups, exec.weight);
  const max = fullMarks(execPart, sums, form.table?.sectionPoints ?? null);
  const totals = checkTotal(ck, execPart, sums, max);
  base.total = {
    stated: toNumber(totals.stated),
    computed: toNumber(totals.computed),
    statedSum: toNumber(totals.statedSum),
    weightSum: toNumber(weightSum),
    cell: form.total?.score.at ? toA1(form.total.score.at.row, form.total.score.at.col) : null,
    note: totals.why,
    max: toNumber(max),
  };
  const grade = checkGrade(ck, totals);
  base.grade = {
    stated: grade.stated,
    computed: grade.computed,
    cell: form.grade ? toA1(form.grade.at.row, form.grade.at.col) : null,
    inline: form.grade?.inline ?? false,
  };
  return base;
}

/**
 * Recognises, reads, scores and checks every form on a sheet (spec §1–§4): one report per form,
 * top to bottom, each with its place (a sheet with no form gives one report that says so).
 * Never throws for any grid.
 */
export function evaluateSheet(grid: Grid, options: EvaluateOptions = {}): SheetReport[] {
  const forms = readForms(grid);
  return forms.map((form, i) => evaluateForm(form, options, { index: i + 1, count: forms.length, firstRow: form.rows.top + 1, lastRow: form.rows.bottom + 1 }));
}
