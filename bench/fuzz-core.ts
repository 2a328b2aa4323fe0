/**
 * Issue 12, "nothing crashes": random and mutated self-evaluation grids, full of hostile cell
 * contents, through the scoring core (evaluateSheet, planFill) and the JXZP formulas. Each grid
 * comes from its own seeded generator (`${seed}:${index}`), so one failing grid replays alone.
 * Used by test/scoring/core.fuzz.test.ts (a few thousand grids) and `npm run fuzz` (100,000).
 */
import { performance } from "perf_hooks";
import { toA1 } from "../src/scoring/grid/address";
import { evaluateSheet } from "../src/scoring/evaluate";
import { planFill } from "../src/scoring/fill/fill";
import { plainNumber } from "../src/scoring/values/display";
import type { CellValue, Grid } from "../src/scoring/grid/grid";
import { PROFILES } from "../src/scoring/rules/profiles";
import type { SheetReport } from "../src/scoring/findings/sheet-report";
import { seeded } from "../src/cli/seeded-random";
import * as formulas from "../src/functions/formulas";

export const HEADER_WORDS = [
  "一级指标", "二级指标", "三级指标", "指标内容", "指标名称", "年度指标值", "实际完成值", "全年实际完成值", "分值", "权重", "得分", "自评得分",
  "偏差原因分析及改进措施", "未完成原因和改进措施", "预算数", "执行数", "执行率", "年初预算数", "全年预算数", "全年执行数", "总分", "合计", "等级", "自评等级",
  "项目支出绩效自评表", "部门整体支出绩效自评表", "部门整体绩效自评表", "转移支付绩效自评表", "绩效目标完成情况表", "项目名称", "主管部门", "实施单位",
  "资金管理", "资金管理指标", "产出指标", "效益指标", "满意度指标", "预算执行指标", "数量指标", "质量指标", "时效指标", "成本指标",
  "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标", "年度总体目标", "实际完成情况", "完成率", "指标性质", "度量单位",
  "计量单位", "比较符", "≥", "≤", "=", "＞", "定性", "定量", "正向", "反向", "万元", "元", "%", "等级：", "等级：优", "自评总分", "预算执行率",
];

const PROTO = ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf", "prototype", "isPrototypeOf", "toLocaleString", "__defineGetter__"];
const LONG = "长".repeat(10_000);
export const HOSTILE_STRINGS: string[] = [
  ...PROTO,
  "NaN", "Infinity", "-Infinity", "1e999", "-1e999", "4.1E+04", "4.1e+04万元", "1e-400", "0x1F", "0b11", "1_000", "Infinity%", "NaN%", "≥NaN",
  "１２３", "９５％", "≥９０％", "٣٤٥", "۱۲۳", "１．５", "⑤", "Ⅻ", "二十", "一百万", "5千", "3亿元",
  "😀", "👨‍👩‍👧‍👦", "\u200f95%\u200e", "\u202e001\u202c", "\u200b", "\ufeff100", "\u00a0", " ", "\t\n", "",
  "≥", "≤", "≥95%", "≤30分钟", "以上", "以内", "95%以上", "30天以内", "%", "%%", "100%%", "-5%", "≥-0", "≤-1e308",
  LONG, `≥${"9".repeat(400)}`, `${"1".repeat(30)}%`, "_x0001_", "_x000D_", "\u0000", "\u0001\u0002", "\u001b[31m", "\ud800", "\udfff",
  "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "&amp;&lt;", "]]>", "${process.exit(1)}", "{{7*7}}",
  "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1)", "=HYPERLINK(\"x\")", "#NAME?", "#REF!", "#DIV/0!", "#VALUE!", "#N/A",
  "TRUE", "FALSE", "null", "undefined", "[object Object]", "function(){}", "0", "-0", "00", ".5", "5.", "1,000", "1,2,3", "(100)", "¥100", "$5",
  "2021-01-01", "2021年12月31日", "45000", "等级：A", "等级：优秀", "优", "良", "中", "差", "达成", "部分达成", "未达成", "是", "否", "/", "—", "-", "无",
];

export const HOSTILE_NUMBERS: number[] = [
  0, -0, 1, -1, 0.5, 1 / 3, 2 / 3, 0.1 + 0.2, 1e308, -1e308, 5e-324, -5e-324, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 2 ** 53 + 2, 1e21, 1e-7,
  99.999, 100.005, 0.995, 1.005, 12.9, 20400, 19745, 0.97, 0.9999999, 95, 100, 110, 10, 5, 2, 3, -5, 45000,
];

const FORMATS = ["0.00%", "0%", "yyyy-mm-dd", "@", "General", "0.00", "#,##0.00", '0.00"万元"', "[Red]0", ";;;", "garbage\"[", "\\", "0.0E+00", "", "mm:ss", '"≥"0%'];
const MERGES = ["A1:XFD1048576", "A1:A1", "B2:A1", "garbage", "A0:B1", "ZZZZ1:ZZZZ2", "A1:C1", "A2:A40", "$A$1:$B$2", "Sheet1!A1:B2", "A1048576:XFD1048576"];

type Rand = () => number;
const int = (r: Rand, n: number) => (n <= 0 ? 0 : r() % n);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)];
const chance = (r: Rand, p: number) => r() / 2 ** 32 < p;

function randomNumber(r: Rand): number {
  switch (int(r, 4)) {
    case 0:
      return pick(r, HOSTILE_NUMBERS);
    case 1:
      return int(r, 200) - 20;
    case 2:
      return (int(r, 2_000_000) - 1_000_000) / 1000;
    default:
      return (r() / 2 ** 32) * 10 ** (int(r, 40) - 20) * (chance(r, 0.2) ? -1 : 1);
  }
}

function randomCell(r: Rand, realStrings: string[]): CellValue {
  switch (int(r, 9)) {
    case 0:
    case 1:
      return null;
    case 2:
      return pick(r, HEADER_WORDS);
    case 3:
    case 4:
      return realStrings.length ? pick(r, realStrings) : pick(r, HEADER_WORDS);
    case 5:
      return randomNumber(r);
    case 6:
      return chance(r, 0.5);
    case 7:
      return pick(r, HOSTILE_STRINGS);
    default:
      // A real word with something hostile glued on: reaches the readers' edge cases.
      return `${pick(r, [...HEADER_WORDS, ...realStrings.slice(0, 50)])}${pick(r, HOSTILE_STRINGS).slice(0, 50)}`;
  }
}

function decorate(r: Rand, g: Grid, rows: number, cols: number): void {
  if (chance(r, 0.5)) {
    g.numberFormats = g.values.map((row) => row.map(() => (chance(r, 0.1) ? pick(r, FORMATS) : null)));
  }
  if (chance(r, 0.3)) {
    g.formulas = g.values.map((row, i) =>
      row.map((_, j) => {
        if (!chance(r, 0.05)) return null;
        if (chance(r, 0.5)) g.values[i][j] = pick(r, ["#NAME?", "#REF!", "", null, 0, "#DIV/0!"] as CellValue[]);
        return pick(r, ["=SUM(H4:H35)", "=JXZP.SCORE(G14,E14,F14)", "=1/0", "=FOO()", "=", "=A1", '="等级："&JXZP.GRADE(H36)']);
      }),
    );
  }
  const merges = int(r, 6);
  for (let k = 0; k < merges; k++) {
    if (chance(r, 0.3)) g.merges.push(pick(r, MERGES));
    else {
      const top = g.origin.row + int(r, rows + 2);
      const left = g.origin.col + int(r, cols + 2);
      g.merges.push(`${toA1(top, left)}:${toA1(top + int(r, 6), left + int(r, 4))}`);
    }
  }
}

/** A grid from nothing: random size and origin, cells from header words, real strings, numbers and hostile text. */
export function randomGrid(r: Rand, realStrings: string[]): Grid {
  const rows = 1 + int(r, 40);
  const cols = 1 + int(r, 14);
  const values: CellValue[][] = [];
  const headerRow = chance(r, 0.6) ? int(r, rows) : -1;
  for (let i = 0; i < rows; i++) {
    values.push([]);
    for (let j = 0; j < cols; j++) values[i].push(i === headerRow && chance(r, 0.8) ? pick(r, HEADER_WORDS) : randomCell(r, realStrings));
  }
  const g: Grid = { sheet: pick(r, ["Sheet1", "绩效自评表", "constructor", "__proto__", ""]), origin: { row: int(r, 4), col: int(r, 3) }, values, merges: [] };
  decorate(r, g, rows, cols);
  return g;
}

/** A real fixture grid with some cells replaced by hostile values (reaches the deeper rules). */
export function mutatedGrid(r: Rand, base: Grid, realStrings: string[]): Grid {
  const values = base.values.map((row) => [...row]);
  const g: Grid = {
    sheet: base.sheet,
    origin: { ...base.origin },
    values,
    merges: chance(r, 0.8) ? [...base.merges] : [],
    ...(base.numberFormats ? { numberFormats: base.numberFormats.map((row) => [...row]) } : {}),
  };
  const n = 1 + int(r, 12);
  for (let k = 0; k < n && values.length; k++) {
    const i = int(r, values.length);
    const row = values[i];
    if (!row.length) continue;
    const j = int(r, row.length);
    row[j] = chance(r, 0.5) ? pick(r, [...HOSTILE_STRINGS, ...HOSTILE_NUMBERS, null, true, false] as CellValue[]) : randomCell(r, realStrings);
  }
  if (chance(r, 0.2)) decorate(r, g, values.length, values[0]?.length ?? 0);
  if (chance(r, 0.1)) values.splice(int(r, values.length), 1 + int(r, 3));
  return g;
}

// What no message may show: machine words, stack traces, a profile's English id (people read its
// Chinese name). Cell text quoted in a message is removed first.
const BAD = /NaN|Infinity|undefined|\[object|function|\de\+|\n\s+at |Error:|\b(?:project|department|transfer|exec20|deviation|grades4|completion)\b/;
const CHINESE = /[\u4e00-\u9fff]/;

function isSubsequence(part: string, whole: string): boolean {
  let i = 0;
  for (const ch of whole) if (i < part.length && ch === part[i]) i++;
  return i === part.length;
}

const squash = (t: string) => t.replace(/[^\p{L}\p{N}]/gu, "");

/** The text without the cell contents it quotes (whole, or as a message shows them: “…”, 「…」, spaces and marks dropped). */
function cleanOf(text: string, quoted: string[]): string {
  let t = text;
  for (const q of quoted) if (q && t.includes(q)) t = t.split(q).join("");
  // Labels may join neighbouring cells (资金情况 | [object Object]): the cells run together count too.
  const cells = [...quoted.map(squash), squash(quoted.join(""))];
  return t.replace(/“([^”]*)”|「([^」]*)」/g, (whole, a: string | undefined, b: string | undefined) => {
    const inner = squash(a ?? b ?? "");
    // The core may drop a unit in brackets from a label (资金情况 (万元)…): the quote is then a subsequence of the cell.
    return cells.some((c) => isSubsequence(inner, c)) ? "“”" : whole;
  });
}

// Decided on the digits, not on x * 100 (which is off by a little for figures in the billions).
const twoDecimals = (x: number) => /^-?\d+(\.\d{1,2})?$/.test(plainNumber(x));

function checkScore(label: string, score: number | null, weight: number | null, out: string[]): void {
  if (score === null) return;
  if (typeof score !== "number" || !Number.isFinite(score)) out.push(`${label}: score ${String(score)}`);
  else if (!twoDecimals(score)) out.push(`${label}: score ${score} has more than 2 decimals`);
  // A negative 分值 is read as 0 by the rule (reported to the caller as a gap: no finding says so).
  else if (score < 0 || (weight !== null && score > Math.max(weight, 0) + 1e-9)) out.push(`${label}: score ${score} outside [0, ${weight}]`);
}

/** Every promise of issue 12 about one grid; the problems found (empty when none). */
export function checkGrid(g: Grid, profile: string | undefined): { reports: SheetReport[]; problems: string[] } {
  const problems: string[] = [];
  const texts = g.values.flat().filter((v): v is string => typeof v === "string");
  const quoted = [...new Set(texts.filter((t) => BAD.test(squash(t)) || BAD.test(t) || t.length > 30))].sort((a, b) => b.length - a.length);
  let reports: SheetReport[];
  try {
    reports = evaluateSheet(g, profile ? { profile } : {});
  } catch (e) {
    return { reports: [], problems: [`evaluateSheet threw: ${e instanceof Error ? e.stack : String(e)}`] };
  }
  // A sheet's forms lie one under another, in order, within the sheet, and each is checked alike.
  if (reports.length === 0) problems.push("evaluateSheet gave no report");
  reports.forEach((r, i) => {
    const p = r.place;
    if (p.index !== i + 1 || p.count !== reports.length || p.firstRow > p.lastRow || (i > 0 && p.firstRow !== reports[i - 1].place.lastRow + 1))
      problems.push(`form ${i + 1}: place ${JSON.stringify(p)}`);
  });
  for (const report of reports) checkReport(g, report, quoted, problems);
  return { reports, problems };
}

/** The promises about one form's report and its fill plans. */
function checkReport(g: Grid, report: SheetReport, quoted: string[], problems: string[]): void {
  for (const f of report.findings) {
    if (typeof f.message !== "string" || f.message.trim() === "") problems.push(`${f.code}: empty message`);
    else {
      const m = cleanOf(f.message, quoted);
      if (BAD.test(m)) problems.push(`${f.code} at ${f.cell}: ${f.message.slice(0, 300)}`);
      if (!CHINESE.test(f.message)) problems.push(`${f.code}: message without Chinese: ${f.message.slice(0, 200)}`);
    }
  }
  for (const ind of report.indicators) checkScore(`row ${ind.row}`, ind.score, ind.weight, problems);
  if (report.execution) checkScore("execution", report.execution.score, report.execution.weight, problems);
  for (const x of [report.total.computed, report.total.stated, report.total.statedSum, report.total.weightSum, report.total.max])
    if (x !== null && (typeof x !== "number" || !Number.isFinite(x))) problems.push(`total figure ${String(x)}`);
  for (const text of [report.kindReason, report.total.note ?? "", report.grade.computed ?? ""]) if (BAD.test(cleanOf(text, quoted))) problems.push(`report text: ${text.slice(0, 200)}`);
  for (const overwrite of [false, true]) {
    try {
      const plan = planFill(g, report, { overwrite });
      for (const w of plan.writes) {
        if (typeof w.value === "number" ? !Number.isFinite(w.value) : typeof w.value !== "string" || /NaN|Infinity|undefined/.test(w.value))
          problems.push(`fill ${w.cell}: value ${String(w.value)}`);
        if (typeof w.formula !== "string" || /NaN|Infinity|undefined|null/.test(w.formula)) problems.push(`fill ${w.cell}: formula ${String(w.formula)}`);
        if (!overwrite) {
          const cur = w.current;
          const inlineBlank = typeof cur === "string" && /^(?:自评|评价|绩效|综合)?等级\s*[:：]?\s*$/.test(cur.trim());
          if (!(cur === null || (typeof cur === "string" && cur.trim() === "") || inlineBlank)) problems.push(`fill ${w.cell}: writes over ${JSON.stringify(cur)}`);
        }
      }
      for (const s of plan.skipped) if (BAD.test(cleanOf(s.reason, quoted)) || !CHINESE.test(s.reason)) problems.push(`skip reason: ${s.reason.slice(0, 200)}`);
    } catch (e) {
      problems.push(`planFill(overwrite ${overwrite}) threw: ${e instanceof Error ? e.stack : String(e)}`);
    }
  }
}

/** The JXZP formulas with hostile arguments: a number, a string or a Chinese failure, never a throw. */
export function checkFormulas(r: Rand, realStrings: string[]): string[] {
  const problems: string[] = [];
  const arg = (): unknown => {
    switch (int(r, 7)) {
      case 0:
        return pick(r, HOSTILE_STRINGS);
      case 1:
        return pick(r, HOSTILE_NUMBERS);
      case 2:
        return pick(r, [null, undefined, true, false, "", NaN, Infinity, -Infinity, [[1]], [], {}, [[null]], [["≥95%"]]]);
      case 3:
        return realStrings.length ? pick(r, realStrings) : "≥95%";
      case 4:
        return pick(r, ["正向", "反向", "偏离", "A", "grades4", "优良中差", "≥", "≤", "扣分", "按比例", "0"]);
      default:
        return randomNumber(r);
    }
  };
  const calls: [string, () => unknown][] = [
    ["SCORE", () => formulas.score(arg(), arg(), arg(), arg(), arg())],
    ["EXECRATE", () => formulas.execRate(arg(), arg())],
    ["EXECSCORE", () => formulas.execScore(arg(), arg(), arg())],
    ["COMPLETION", () => formulas.completion(arg(), arg(), arg())],
    ["GRADE", () => formulas.grade(arg(), arg())],
    ["READVALUE", () => formulas.readValue(arg())],
  ];
  for (const [name, call] of calls) {
    let out: unknown;
    try {
      out = call();
    } catch (e) {
      problems.push(`${name} threw: ${e instanceof Error ? e.stack : String(e)}`);
      continue;
    }
    if (typeof out === "number") {
      if (!Number.isFinite(out)) problems.push(`${name} gave ${out}`);
    } else if (typeof out === "string") {
      if (/NaN|Infinity|undefined|\[object/.test(out)) problems.push(`${name} gave "${out.slice(0, 100)}"`);
    } else if (typeof out === "object" && out !== null && "failure" in out) {
      const m = (out as unknown as { message: unknown }).message;
      if (typeof m !== "string" || !CHINESE.test(m)) problems.push(`${name} failure message ${String(m)}`);
    } else problems.push(`${name} gave ${typeof out}`);
  }
  return problems;
}

export interface FuzzOptions {
  seed: string;
  count: number;
  fixtures: Grid[];
  /** Stop after this many failing grids (default 5). */
  maxFailures?: number;
  /** Only this grid index (to replay a failure). */
  only?: number;
}

export interface FuzzFailure {
  index: number;
  replay: string;
  problems: string[];
  grid: Grid;
}

export interface FuzzStats {
  grids: number;
  /** Forms read from the grids (a grid may stack several), and the grids that held more than one. */
  forms: number;
  stacked: number;
  ms: number;
  kinds: Record<string, number>;
  codes: Record<string, number>;
  findings: number;
  scored: number;
  fillWrites: number;
  failures: FuzzFailure[];
}

export function realStringsOf(grids: Grid[]): string[] {
  const set = new Set<string>();
  for (const g of grids) for (const row of g.values) for (const v of row) if (typeof v === "string" && v.length <= 200) set.add(v);
  return [...set];
}

export function runFuzz(o: FuzzOptions): FuzzStats {
  const real = realStringsOf(o.fixtures);
  const stats: FuzzStats = { grids: 0, forms: 0, stacked: 0, ms: 0, kinds: {}, codes: {}, findings: 0, scored: 0, fillWrites: 0, failures: [] };
  const profiles = [undefined, ...Object.keys(PROFILES)];
  const start = performance.now();
  const from = o.only ?? 0;
  const to = o.only !== undefined ? o.only + 1 : o.count;
  for (let index = from; index < to; index++) {
    const r = seeded(`${o.seed}:${index}`);
    const g = o.fixtures.length && chance(r, 0.6) ? mutatedGrid(r, pick(r, o.fixtures), real) : randomGrid(r, real);
    const profile = chance(r, 0.7) ? undefined : pick(r, profiles);
    const { reports, problems } = checkGrid(g, profile);
    problems.push(...checkFormulas(r, real));
    stats.grids++;
    if (reports.length > 1) stats.stacked++;
    for (const report of reports) {
      stats.forms++;
      stats.kinds[report.kind] = (stats.kinds[report.kind] ?? 0) + 1;
      stats.findings += report.findings.length;
      for (const f of report.findings) stats.codes[f.code] = (stats.codes[f.code] ?? 0) + 1;
      if (report.indicators.some((i) => i.score !== null)) stats.scored++;
    }
    if (problems.length > 0) {
      stats.failures.push({ index, replay: `JXZP_FUZZ_SEED=${o.seed} JXZP_FUZZ_ONLY=${index}`, problems, grid: g });
      if (stats.failures.length >= (o.maxFailures ?? 5)) break;
    }
  }
  stats.ms = performance.now() - start;
  return stats;
}

/** The figures as a few lines of text. */
export function describe(s: FuzzStats): string {
  const rate = s.grids / (s.ms / 1000);
  const kinds = Object.entries(s.kinds)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join("，");
  const recognised = s.forms - (s.kinds.unknown ?? 0);
  const codes = Object.entries(s.codes)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `  ${k.padEnd(28)} ${n}`)
    .join("\n");
  return [
    `表格数：${s.grids}，用时 ${(s.ms / 1000).toFixed(1)} 秒，每秒 ${rate.toFixed(0)} 张；读出 ${s.forms} 张表（${s.stacked} 张网格上下排着多张表）`,
    `识别为绩效表的：${recognised}（${kinds}）；有规则得分的：${s.scored}；问题总数：${s.findings}`,
    `问题按代码：\n${codes}`,
    `失败：${s.failures.length}`,
  ].join("\n");
}
