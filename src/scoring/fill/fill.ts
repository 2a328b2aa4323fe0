import Decimal from "decimal.js";
import { parseA1, toA1 } from "../grid/address";
import { sumScores } from "../check/total-grade";
import { fmt, pct, round2 } from "../values/decimal";
import { clip, isSaneMagnitude, plain } from "../values/display";
import { gradeOf } from "../rules/grade";
import type { CellValue, Grid } from "../grid/grid";
import { Sheet } from "../grid/grid";
import { execScoreCall, gradeCall, scoreCall, targetExpression } from "./jxzp-formula";
import { findProfile, PROFILES } from "../rules/profiles";
import type { IndicatorRow, Pos } from "../read/form";
import { readFormIn } from "../read/read-form";
import type { FormPlace, SheetReport, Tier } from "../findings/sheet-report";

export type WriteKind = "execution" | "score" | "total" | "grade";

/** One cell the plan would write. Data only: the pane or another host applies it. */
export interface CellWrite {
  cell: string;
  kind: WriteKind;
  current: CellValue;
  value: number | string;
  /** The same figure as a live formula (English function names, as Office.js `formulas` takes them). */
  formula: string;
  reason: string;
  /**
   * What names the cell's row when the plan was made (its first filled cell on the left), so an
   * undo can tell that rows moved since (a row inserted above) and leave the cell alone.
   */
  anchor: { cell: string; value: CellValue } | null;
}

/** A qualitative row the rule cannot decide: a person picks a tier and a score within it. */
export interface PendingChoice {
  cell: string;
  row: number;
  name: string;
  target: string | null;
  actual: string | null;
  weight: number;
  statedScore: number | null;
  tiers: Tier[];
}

export interface FillPlan {
  sheet: string;
  /** The form of the sheet the plan fills (a sheet may stack several; each has its own plan). */
  place: FormPlace;
  writes: CellWrite[];
  pending: PendingChoice[];
  /** Cells the plan leaves alone, and why. */
  skipped: { cell: string | null; reason: string }[];
}

export interface FillOptions {
  /** Replace scores already in the form (off by default: only empty cells are written). */
  overwrite?: boolean;
  /** Scores a person chose for undecidable rows, by score cell (`H23`). */
  choices?: Record<string, number>;
}

function currentAt(sheet: Sheet, cell: string): CellValue {
  const p = parseA1(cell)!;
  return sheet.value(p.row, p.col);
}

function isEmpty(v: CellValue): boolean {
  return v === null || (typeof v === "string" && v.trim() === "");
}

/** A cell the plan may write without being asked: nothing in it, not even a formula that shows "". */
function isFree(sheet: Sheet, cell: string): boolean {
  const p = parseA1(cell)!;
  return isEmpty(sheet.value(p.row, p.col)) && !sheet.hasFormula(p.row, p.col);
}

/** The first filled cell left of a cell on its row: what an undo checks to know the row is the same. */
function anchorOf(sheet: Sheet, cell: string): CellWrite["anchor"] {
  const p = parseA1(cell)!;
  for (let c = p.col - 1; c >= sheet.left; c--) {
    const v = sheet.value(p.row, c);
    if (v !== null) return { cell: toA1(p.row, c), value: v };
  }
  return null;
}

/** A cell's content for a message: numbers in plain digits (never 1e+21), text clipped. */
function shown(v: CellValue): string {
  return typeof v === "number" ? plain(new Decimal(v)) : clip(String(v));
}

/** `等级：` with nothing after it: an inline grade cell waiting for its grade. */
function isBlankInlineGrade(v: CellValue): boolean {
  return typeof v === "string" && /^(?:自评|评价|绩效|综合)?等级\s*[:：]?\s*$/.test(v.trim());
}

/** SUM arguments: the execution cell, then one run per column over the indicator rows (SUM skips blanks). */
function sumArgs(exec: string | null, cells: string[]): string {
  const cols = new Map<number, { top: number; bottom: number }>();
  for (const c of cells) {
    const p = parseA1(c)!;
    const run = cols.get(p.col);
    if (!run) cols.set(p.col, { top: p.row, bottom: p.row });
    else {
      run.top = Math.min(run.top, p.row);
      run.bottom = Math.max(run.bottom, p.row);
    }
  }
  const runs = [...cols.entries()].map(([col, r]) => (r.top === r.bottom ? toA1(r.top, col) : `${toA1(r.top, col)}:${toA1(r.bottom, col)}`));
  return [...(exec ? [exec] : []), ...runs].join(",");
}

/**
 * The cell writes that put rule scores, the total and the grade into the report's form (on a
 * sheet that stacks several, only that one's cells).
 * Only empty cells unless `overwrite`; rows the rule cannot decide are pending until chosen.
 */
export function planFill(grid: Grid, report: SheetReport, options: FillOptions = {}): FillPlan {
  const sheet = new Sheet(grid);
  // The report's own form: on a sheet that stacks several, the one within the report's rows.
  const form = readFormIn(sheet, report.place.firstRow - 1, report.place.lastRow - 1);
  const profile = findProfile(report.profile) ?? PROFILES.project;
  const a1 = (p: Pos | null | undefined) => (p ? toA1(p.row, p.col) : null);
  const formRows = new Map<number, IndicatorRow>((form.table?.rows ?? []).map((r) => [r.row + 1, r]));
  const plan: FillPlan = { sheet: report.sheet, place: report.place, writes: [], pending: [], skipped: [] };
  if (report.kind === "unknown" || report.kind === "completion") {
    plan.skipped.push({ cell: null, reason: report.kind === "unknown" ? "此工作表不是绩效自评表，没有可填写的内容。" : "绩效目标完成情况表不计分，没有可填写的得分。" });
    return plan;
  }
  const overwrite = Boolean(options.overwrite);
  const choices = options.choices ?? {};
  const final = new Map<string, Decimal | null>();
  const consider = (cell: string, kind: WriteKind, value: Decimal, formula: string, reason: string) => {
    const current = currentAt(sheet, cell);
    const empty = isFree(sheet, cell);
    const same = !empty && typeof current === "number" && new Decimal(current).eq(value);
    if (empty || (overwrite && !same)) {
      plan.writes.push({ cell, kind, current, value: value.toNumber(), formula, reason, anchor: anchorOf(sheet, cell) });
      final.set(cell, value);
    } else {
      if (!same)
        plan.skipped.push({
          cell,
          reason: isEmpty(current) ? "单元格中有公式，未覆盖（可开启“覆盖已有得分”）。" : `已有得分 ${shown(current)}，未覆盖（可开启“覆盖已有得分”）。`,
        });
      final.set(cell, typeof current === "number" ? new Decimal(current) : null);
    }
  };

  const ex = report.execution;
  const execCell = ex?.cells.score ?? null;
  if (ex?.cells.score) {
    if (ex.score !== null && ex.rate !== null) {
      const w = ex.cells.weight ?? String(ex.weight);
      consider(
        ex.cells.score,
        "execution",
        new Decimal(ex.score),
        `=${execScoreCall(w, ex.cells.budget!, ex.cells.spent!)}`,
        `执行率得分 = 分值 ${fmt(new Decimal(ex.weight!))} × 执行率 ${pct(new Decimal(Math.min(ex.rate, 1)))}`,
      );
    } else {
      const v = currentAt(sheet, ex.cells.score);
      final.set(ex.cells.score, typeof v === "number" ? new Decimal(v) : null);
      if (isEmpty(v)) plan.skipped.push({ cell: ex.cells.score, reason: "预算数或执行数缺失，无法计算执行率得分。" });
    }
  }

  for (const r of report.indicators) {
    const cell = r.cells.score;
    if (!cell) continue;
    const current = currentAt(sheet, cell);
    if (r.score !== null) {
      const fr = formRows.get(r.row);
      const formula =
        r.kind === "execution" || !r.cells.weight || !fr || !r.cells.target || !r.cells.actual
          ? ""
          : `=${scoreCall(
              { weight: r.cells.weight, target: targetExpression(r.cells.target, a1(fr.comparatorAt), a1(fr.unitAt)), actual: r.cells.actual, direction: a1(fr.direction?.at) },
              profile,
            )}`;
      const why = r.met ? "已达成，得满分" : r.completionRate !== null ? `完成率 ${pct(new Decimal(r.completionRate))}，按比例得分` : "按规则计分";
      consider(cell, "score", new Decimal(r.score), formula, `${r.name || `第 ${r.row} 行`}：${why}`);
      continue;
    }
    if (r.tiers && r.weight !== null && (isFree(sheet, cell) || overwrite)) {
      const chosen = choices[cell];
      if (chosen !== undefined && Number.isFinite(chosen) && chosen >= 0 && chosen <= r.weight) {
        const value = round2(new Decimal(chosen));
        plan.writes.push({ cell, kind: "score", current, value: value.toNumber(), formula: "", reason: `${r.name}：人工判定得分 ${fmt(value)}`, anchor: anchorOf(sheet, cell) });
        final.set(cell, value);
        continue;
      }
      plan.pending.push({
        cell,
        row: r.row,
        name: r.name,
        target: r.target,
        actual: r.actual,
        weight: r.weight,
        statedScore: r.statedScore,
        tiers: r.tiers,
      });
      final.set(cell, typeof current === "number" && !overwrite ? new Decimal(current) : null);
      continue;
    }
    final.set(cell, typeof current === "number" ? new Decimal(current) : null);
    if (isEmpty(current) && r.weight !== null) plan.skipped.push({ cell, reason: `${r.name || `第 ${r.row} 行`}：缺少年度指标值或实际完成值，无法计分。` });
  }

  const totalCell = report.total.cell;
  if (!totalCell) {
    plan.skipped.push({ cell: null, reason: "表中没有总分栏。" });
    return plan;
  }
  if (plan.pending.length > 0) {
    plan.skipped.push({ cell: totalCell, reason: "还有需人工判定的指标，判定后再写总分和等级。" });
    return plan;
  }
  // The total the SUM formula will show: the cells as they will be after the fill.
  const total = sumScores([...final.values()]);
  if (total === null) return plan;
  // A kept score no form could mean (1e21) or above its weight makes a total past full marks:
  // writing it, and a grade from it, would put the add-in's name to a figure that cannot be.
  const max = report.total.max;
  if (!isSaneMagnitude(total) || (max !== null && total.gt(max))) {
    const sum = isSaneMagnitude(total) ? `各项得分之和 ${plain(total)} 超过满分 ${max}` : "各项得分之和大得不合常理";
    plan.skipped.push({ cell: totalCell, reason: `${sum}，未写总分和等级；请先核对各项得分。` });
    return plan;
  }
  consider(totalCell, "total", total, `=SUM(${sumArgs(execCell, [...final.keys()].filter((c) => c !== execCell))})`, `总分 = 各项得分之和 ${fmt(total)}`);

  const g = report.grade;
  const grade = gradeOf(total, profile.grades);
  if (!g.cell) {
    plan.skipped.push({ cell: null, reason: `表中没有等级栏；按总分 ${fmt(total)} 等级为“${grade}”。` });
    return plan;
  }
  const current = currentAt(sheet, g.cell);
  const text = g.inline ? `等级：${grade}` : grade;
  // Only an empty cell, or `等级：` with nothing after it, waits for a grade: `等级：A` is the person's.
  const blank = g.inline ? isBlankInlineGrade(current) || isFree(sheet, g.cell) : isFree(sheet, g.cell);
  if (blank || (overwrite && g.stated !== grade)) {
    const formula = g.inline ? `="等级："&${gradeCall(totalCell, profile)}` : `=${gradeCall(totalCell, profile)}`;
    plan.writes.push({ cell: g.cell, kind: "grade", current, value: text, formula, reason: `总分 ${fmt(total)} 对应等级“${grade}”`, anchor: anchorOf(sheet, g.cell) });
  } else if (g.stated !== grade) {
    plan.skipped.push({ cell: g.cell, reason: `已有等级“${shown(current)}”，未覆盖。` });
  }
  return plan;
}
