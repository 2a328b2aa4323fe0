/**
 * A Word 自评报告's prose against its own tables: each figure a sentence states (自评得分, 等级,
 * 执行率, 全年预算 and 执行 amounts, "绩效目标已全部完成") is compared with the table it is about.
 *
 * A sentence is tied to a table only on evidence: the document has a single form; or the
 * sentence names the table's project (or the unit, for the 部门整体 form); or another figure
 * in the same sentence — a budget or spent amount — equals that table's. Figures about an
 * earlier year are left alone. Anything else is not checked: a false error is worse than none.
 */
import Decimal from "decimal.js";
import { Finding, finding } from "../findings/findings";
import { gradeOf, readGrade } from "../rules/grade";
import { Grid, Sheet } from "../grid/grid";
import { findProfile, STANDARD_GRADES } from "../rules/profiles";
import type { IndicatorReport, SheetReport } from "../findings/sheet-report";
import { Claim, quote, Sentence, sentencesOf } from "./report-prose";
import { squash } from "../values/text";

/** A Word document's body in reading order: paragraphs, and tables by their index among the grids. */
export type ReportBlock = { kind: "paragraph"; text: string } | { kind: "table"; index: number };

/** A finding and the form it belongs to (index into the reports given). */
export interface ReportFinding {
  form: number;
  finding: Finding;
}

interface Form {
  index: number;
  report: SheetReport;
  /** Project names, or the unit's name for a 部门整体 form, squashed. */
  names: string[];
  year: number | null;
}

const NAME_LABEL = /^(项目名称|项目支出名称|专项名称|支出方向名称|子项目名称|专项资金名称)/;
const UNIT_LABEL = /^(部门名称|单位名称|部门\(单位\)名称|预算单位|主管部门)/;
const TITLE_NAME = /^(?:\d{4}年度?)?(.+?)(?:项目)?(?:支出)?(?:绩效)?(?:目标)?(?:自评|评价)/;
/** Words that say a sentence is about the unit as a whole (the 部门整体 form). */
const UNIT_SUBJECT = /我单位|本单位|我部门|本部门|单位整体|部门整体|我局|本局|我中心|本中心/;
/** Spending that is not the form's: the 决算 report's items, 三公 funds (named forms excepted). */
const OTHER_SPENDING = /决算|三公|公务接待|因公出国|基本支出|人员经费|公用经费|机关运行/;
/** Words that say a sentence is about an earlier year. */
const EARLIER = /上年|上一年|去年|以前年度|往年|同比|较上|比上年|前一年/;

function clean(name: string): string {
  return squash(name).replace(/[“”"「」『』《》（）()]/g, "");
}

/** What a form calls itself: the project (or unit) it reports, and its year. */
function formOf(index: number, report: SheetReport, grid: Grid): Form {
  // A table may stack several forms: each names itself in its own first rows.
  const whole = new Sheet(grid);
  const sheet = report.place.count > 1 ? whole.rows(report.place.firstRow - 1, report.place.lastRow - 1) : whole;
  const names = new Set<string>();
  let year: number | null = null;
  for (let r = sheet.top; r <= Math.min(sheet.bottom, sheet.top + 8); r++) {
    for (let c = sheet.left; c <= sheet.right; c++) {
      const t = squash(sheet.text(r, c));
      if (!t) continue;
      const y = /(20\d\d)年/.exec(t);
      if (y && r <= sheet.top + 2 && year === null) year = Number(y[1]);
      const isName = NAME_LABEL.test(t) || (report.kind === "department" && UNIT_LABEL.test(t));
      if (isName) {
        // The name is the first text right of the label that is not another label.
        for (let k = sheet.nextColumn(r, c); k <= sheet.right; k = sheet.nextColumn(r, k)) {
          const v = clean(sheet.text(r, k));
          if (!v || NAME_LABEL.test(v) || UNIT_LABEL.test(v)) continue;
          names.add(v);
          break;
        }
      }
      if (r <= sheet.top + 2 && t.length <= 60) {
        const m = TITLE_NAME.exec(t.replace(/^.*?年度?(?=\S)/, (x) => (/\d{4}年/.test(x) ? x : "")));
        if (m && !/部门整体|部门预算$/.test(m[1])) names.add(clean(m[1]));
      }
    }
  }
  // A name must say something: 项目, 资金 or a two-character word would match everywhere.
  return { index, report, names: [...names].filter((n) => n.length >= 4), year };
}

function scoredIndicators(report: SheetReport): IndicatorReport[] {
  return report.indicators.filter((i) => i.met === false && i.status === "scored" && i.completionRate !== null && i.completionRate < 1);
}

const SCALE: Record<string, number> = { 元: 0, 万元: 4, 亿元: 8 };

function placesOf(n: number): number {
  const s = String(n);
  return s.includes("e") ? 6 : (s.split(".")[1] ?? "").length;
}

/** Rounded half-up to `places` decimals; negative places round to tens, hundreds … */
function roundTo(d: Decimal, places: number): Decimal {
  if (places >= 0) return d.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
  const step = new Decimal(10).pow(-places);
  return d.dividedBy(step).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).times(step);
}

/**
 * Whether a stated amount agrees with the table's figure, compared at the coarser of the two
 * precisions: 7452.27 元 is the table's 0.75 万元; a round 2060 万元 may stand for 2059.18.
 */
function amountAgrees(claim: Claim, table: number, unit: string, lenient = true): boolean {
  const t = new Decimal(table);
  // A table that names no unit is read both ways: its figures are 万元 on nearly every form.
  const units = unit in SCALE ? [unit] : ["万元", "元"];
  return units.some((u) => {
    const shift = SCALE[claim.unit!] - SCALE[u];
    const v = claim.value!.times(new Decimal(10).pow(shift));
    const trailingZeros = lenient && claim.places === 0 ? (/0+$/.exec(claim.value!.toFixed(0))?.[0].length ?? 0) : 0;
    const p = Math.min(placesOf(table), claim.places - shift - trailingZeros);
    return roundTo(v, p).eq(roundTo(t, p));
  });
}

/** A stated score agrees with the table's when it is the table's rounded or cut to the places it is written with. */
function scoreAgrees(claim: Claim, table: Decimal): boolean {
  const p = claim.places;
  return table.toDecimalPlaces(p, Decimal.ROUND_HALF_UP).eq(claim.value!) || table.toDecimalPlaces(p, Decimal.ROUND_DOWN).eq(claim.value!);
}

function rateAgreesWith(claim: Claim, ratio: Decimal | null): boolean {
  if (ratio === null) return false;
  const p = Math.min(claim.places, 12);
  const s = claim.value!;
  return ratio.toDecimalPlaces(p, Decimal.ROUND_HALF_UP).eq(s) || ratio.toDecimalPlaces(p, Decimal.ROUND_DOWN).eq(s);
}

/** The form a budget or spent claim agrees with: an anchor for the sentence's other figures. */
function anchored(claims: Claim[], forms: Form[]): Form[] {
  return forms.filter((f) => {
    const e = f.report.execution;
    if (!e) return false;
    return claims.some(
      (c) =>
        c.value !== null &&
        !c.value.isZero() &&
        // An anchor must equal the table's figure as written, not merely round to it.
        ((c.kind === "budget" && e.budget !== null && amountAgrees(c, e.budget, e.unit, false)) || (c.kind === "spent" && e.spent !== null && amountAgrees(c, e.spent, e.unit, false))),
    );
  });
}

/** Which form a sentence speaks of, or null when nothing says so for certain. */
function formFor(s: Sentence, forms: Form[], claim: Claim): Form | null {
  const named = forms.filter((f) => f.names.some((n) => s.plain.includes(n)));
  const longest = (list: Form[]) => {
    const len = (f: Form) => Math.max(...f.names.filter((n) => s.plain.includes(n)).map((n) => n.length));
    const best = Math.max(...list.map(len));
    const top = list.filter((f) => len(f) === best);
    return top.length === 1 ? top[0] : null;
  };
  const byName = named.length ? longest(named) : null;
  const byFigures = anchored(
    s.claims.filter((c) => c !== claim),
    forms,
  );
  if (byName) return byFigures.length === 0 || byFigures.includes(byName) ? byName : null;
  if (named.length) return null;
  if (byFigures.length === 1) return byFigures[0];
  if (byFigures.length > 1 || claim.weak || OTHER_SPENDING.test(s.plain)) return null;
  if (forms.length === 1) return forms[0];
  const departments = forms.filter((f) => f.report.kind === "department");
  if (UNIT_SUBJECT.test(s.plain) && departments.length === 1) return departments[0];
  return null;
}

function earlierYear(s: Sentence, forms: Form[]): boolean {
  if (EARLIER.test(s.plain)) return true;
  const year = Math.max(0, ...forms.map((f) => f.year ?? 0));
  if (!year) return false;
  // A project named for its year (`2020年医保基金监管市级专项经费`) does not date the sentence.
  let rest = s.plain;
  for (const f of forms) for (const n of f.names) rest = rest.split(n).join("");
  return [...rest.matchAll(/(20\d\d)年/g)].some((m) => Number(m[1]) < year);
}

const fmtD = (d: Decimal) => d.toString();
const pctOf = (ratio: Decimal, places: number) => `${ratio.times(100).toDecimalPlaces(Math.max(0, places - 2), Decimal.ROUND_HALF_UP).toFixed(Math.max(0, places - 2))}%`;

function said(s: Sentence, claim: Claim): string {
  const number = /\d+(?:\.\d+)?/.exec(claim.text)?.[0] ?? claim.label ?? "";
  return `报告中“${quote(s.text, number)}”`;
}

function checkClaim(s: Sentence, claim: Claim, form: Form): Finding | null {
  const r = form.report;
  const e = r.execution;
  const bands = findProfile(r.profile)?.grades ?? STANDARD_GRADES;
  switch (claim.kind) {
    case "total": {
      const table = r.total.stated ?? r.total.computed;
      if (table === null || !r.total.cell) return null;
      const t = new Decimal(table);
      if (scoreAgrees(claim, t)) return null;
      const rule = r.total.stated !== null && r.total.computed !== null && r.total.computed !== r.total.stated ? `；按规则计算为 ${r.total.computed} 分` : "";
      return finding("REPORT_TOTAL_MISMATCH", r.total.cell, `${said(s, claim)}写自评得分 ${fmtD(claim.value!)} 分，表中总分为 ${fmtD(t)} 分（${r.total.cell}）${rule}。`);
    }
    case "grade": {
      const written = readGrade(claim.label!, bands);
      if (written === null) return null;
      let expected: string | null = r.grade.stated;
      let basis = expected !== null && r.grade.cell ? `表中等级为“${expected}”（${r.grade.cell}）` : "";
      if (expected === null) {
        const total = r.total.stated ?? r.total.computed;
        if (total === null || !r.total.cell) return null;
        expected = gradeOf(new Decimal(total), bands);
        basis = `表中总分 ${total} 分（${r.total.cell}）对应等级“${expected}”`;
      }
      if (written === expected) return null;
      return finding("REPORT_GRADE_MISMATCH", r.grade.cell ?? r.total.cell, `${said(s, claim)}写等级“${claim.label}”，${basis}。`);
    }
    case "rate": {
      if (!e || e.budget === null || e.spent === null || e.budget === 0) return null;
      const ratio = new Decimal(e.spent).dividedBy(e.budget);
      const stated = e.statedRate !== null ? new Decimal(e.statedRate) : null;
      if (rateAgreesWith(claim, ratio) || rateAgreesWith(claim, stated)) return null;
      const cell = e.cells.rate ?? e.cells.spent;
      const where = [e.cells.spent, e.cells.budget].filter(Boolean).join("/");
      return finding(
        "REPORT_RATE_MISMATCH",
        cell,
        `${said(s, claim)}写执行率 ${pctOf(claim.value!, claim.places)}，表中执行数 ${e.spent} ÷ 预算数 ${e.budget}${e.unit ? ` ${e.unit}` : ""} = ${pctOf(ratio, Math.max(claim.places, 4))}（${where}）。`,
      );
    }
    case "budget":
    case "spent": {
      const table = claim.kind === "budget" ? e?.budget : e?.spent;
      const cell = claim.kind === "budget" ? e?.cells.budget : e?.cells.spent;
      if (!e || table === null || table === undefined || !cell) return null;
      if (amountAgrees(claim, table, e.unit)) return null;
      const what = claim.kind === "budget" ? "预算数" : "执行数";
      return finding("REPORT_AMOUNT_MISMATCH", cell, `${said(s, claim)}写${what} ${fmtD(claim.value!)} ${claim.unit}，表中${what}为 ${table}${e.unit ? ` ${e.unit}` : ""}（${cell}）。`);
    }
    case "all-met": {
      const unmet = scoredIndicators(r);
      if (unmet.length === 0) return null;
      const listed = unmet
        .slice(0, 3)
        .map((i) => `${i.cells.actual ?? `第 ${i.row} 行`}（${i.name}：目标 ${i.target ?? "—"}，实际 ${i.actual ?? "—"}）`)
        .join("、");
      return finding(
        "REPORT_CLAIM_ALL_MET",
        unmet[0].cells.actual ?? unmet[0].cells.name,
        `报告中“${quote(s.text, "完成")}”称绩效目标全部完成，但表中有 ${unmet.length} 项指标未达成：${listed}${unmet.length > 3 ? " 等" : ""}。`,
      );
    }
  }
}

/**
 * Checks a report's prose against its tables. `grids` are the document's tables (named apart),
 * `reports` their forms (one per table, or several where a table stacks forms); each finding
 * names the form it concerns by its index in `reports`. Pure: no files, no state.
 */
export function checkReportClaims(blocks: ReportBlock[], reports: SheetReport[], grids: Grid[]): ReportFinding[] {
  const gridOf = new Map(grids.map((g) => [g.sheet, g]));
  const forms = reports
    .map((r, i) => {
      const grid = gridOf.get(r.sheet);
      return r.kind === "unknown" || !grid ? null : formOf(i, r, grid);
    })
    .filter((f): f is Form => f !== null);
  if (forms.length === 0) return [];
  const out: ReportFinding[] = [];
  const seen = new Set<string>();
  for (const block of blocks) {
    if (block.kind !== "paragraph") continue;
    for (const s of sentencesOf(block.text)) {
      if (s.claims.length === 0 || earlierYear(s, forms)) continue;
      for (const claim of s.claims) {
        const form = formFor(s, forms, claim);
        if (!form) continue;
        const f = checkClaim(s, claim, form);
        // The same sentence repeated (a summary and its section) is reported once.
        const key = f ? `${form.index}|${f.code}|${f.message}` : "";
        if (f && !seen.has(key)) {
          seen.add(key);
          out.push({ form: form.index, finding: f });
        }
      }
    }
  }
  return out;
}
