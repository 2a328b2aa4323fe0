/**
 * Issue 5, proof 1: every template built as .xlsx, the figures of a fixture form typed in,
 * every formula calculated by a real formula engine (HyperFormula, with the JXZP functions
 * Excel calls), then the validator run on the result: the fixture's computed total and grade,
 * and no error finding.
 */
import { templateWorkbookBuffer } from "../../src/cli/template-xlsx";
import { evaluateOneForm } from "../scoring/one-form";
import type { SheetReport } from "../../src/scoring/findings/sheet-report";
import { buildTemplate, type TemplateKind } from "../../src/scoring/templates";
import { computeWorksheet, loadSheet, type ComputedSheet } from "./computed-grid";
import { fillTemplate, readFixtureForm, rowsPerLevel2, type FixtureForm } from "./fixture-form";
import { calls } from "./jxzp-hyperformula";
import type { SheetBuild } from "../../src/scoring/templates/sheet-build";

const errors = (r: SheetReport) => r.findings.filter((f) => f.severity === "error");

interface Filled {
  build: SheetBuild;
  form: FixtureForm;
  computed: ComputedSheet;
  report: SheetReport;
}

async function fillFrom(
  kind: TemplateKind,
  file: string,
  sheet: string,
  opts: { weights: boolean; profile?: string; regroup?: Record<number, [string, string]>; families?: Record<string, string>; edit?: (b: SheetBuild, ws: import("exceljs").Worksheet) => void },
): Promise<Filled> {
  const form = await readFixtureForm(file, sheet, kind, opts);
  const build = buildTemplate(kind, { year: 2021, unit: "测试单位", project: sheet, rowsPerLevel2: rowsPerLevel2(kind, form), profile: opts.profile });
  const { ws } = await loadSheet(await templateWorkbookBuffer([build]));
  fillTemplate(ws, build, form, { weights: opts.weights });
  opts.edit?.(build, ws);
  const computed = computeWorksheet(ws);
  return { build, form, computed, report: evaluateOneForm(computed.grid, { profile: opts.profile }) };
}

const num = (f: Filled, a1: string) => {
  const p = /^([A-Z])(\d+)$/.exec(a1)!;
  return f.computed.grid.values[Number(p[2]) - 1][p[1].charCodeAt(0) - 65];
};

describe("a template filled with a fixture's figures scores itself", () => {
  test("project ← zhuzhou 医保业务经办专项经费: 100, 优, as the fixture", async () => {
    const f = await fillFrom("project", "zhuzhou-2021-department.xlsx", "医保业务经办专项经费", { weights: true });
    expect(f.report.kind).toBe("project");
    expect(errors(f.report)).toEqual([]);
    expect(f.computed.errors).toEqual([]);
    expect(f.report.total.computed).toBe(f.form.report.total.computed);
    expect(f.report.total.stated).toBe(100);
    expect(f.report.total.computed).toBe(100);
    expect(f.report.grade).toMatchObject({ stated: "优", computed: f.form.report.grade.computed });
    expect(f.report.execution).toMatchObject({ rate: 1, weight: 10, score: 10, statedScore: 10 });
    // Every indicator of the fixture is on the form, each scored by its formula.
    expect(f.report.indicators).toHaveLength(f.form.rows.length);
    expect(f.report.indicators.every((r) => r.statedScore !== null && r.statedScore === r.score)).toBe(true);
  });

  test("department ← zhuzhou 部门整体: the formulas give 1.95 and 1.93 where the fixture wrote 1, total 99.88, 优", async () => {
    const f = await fillFrom("department", "zhuzhou-2021-department.xlsx", "部门整体支出绩效自评表", { weights: true });
    expect(f.report.kind).toBe("department");
    expect(errors(f.report)).toEqual([]);
    // The fixture itself has errors (blank H4, total 98): the template cannot make them.
    expect(errors(f.form.report).map((e) => e.code).sort()).toEqual(["SCORE_MISSING", "TOTAL_MISMATCH"]);
    expect(f.report.total.computed).toBe(99.88);
    expect(f.report.total.computed).toBe(f.form.report.total.computed);
    expect(f.report.total.stated).toBe(99.88);
    expect(f.report.grade).toMatchObject({ stated: "优", computed: "优" });
    const first = f.build.map.rows.filter((r) => r.kind === "indicator").slice(0, 2);
    expect(first.map((r) => num(f, r.score!))).toEqual([1.95, 1.93]);
    expect(f.report.findings.some((x) => x.code === "SCORE_RULE_MISMATCH")).toBe(false);
  });

  test("department ← zhuzhou 部门整体 with the 好/较好/一般/差 profile: 99.88 is 好", async () => {
    const f = await fillFrom("department", "zhuzhou-2021-department.xlsx", "部门整体支出绩效自评表", { weights: true, profile: "grades4" });
    expect(errors(f.report)).toEqual([]);
    expect(num(f, f.build.map.grade!)).toBe("好");
    expect(f.report.grade).toMatchObject({ stated: "好", computed: "好" });
  });

  test("project20 ← huangshi 项目自评表: execution 20 × 99.96% = 19.99, total 99.99, 优", async () => {
    const benefit: [string, string] = ["效益指标", "社会效益指标"];
    const f = await fillFrom("project20", "huangshi-2021-project.xlsx", "项目自评表", {
      weights: false,
      // B16:C18 are blank and unmerged in the fixture; the rows are the benefit block of seed 000.
      regroup: { 16: benefit, 17: benefit, 18: benefit },
    });
    expect(f.report.kind).toBe("project");
    expect(errors(f.report)).toEqual([]);
    expect(f.report.execution).toMatchObject({ weight: 20, score: 19.99, statedScore: 19.99, rate: 0.999602 });
    expect(f.report.total.computed).toBe(99.99);
    expect(f.report.total.computed).toBe(f.form.report.total.computed);
    expect(f.report.total.stated).toBe(99.99);
    expect(f.report.grade).toMatchObject({ stated: "优", computed: "优" });
    // The default split of 80 in proportion 50:30:10 is seed 000's own: 11 a row, then 9.
    expect(f.report.indicators.map((r) => r.weight)).toEqual([11, 11, 11, 11, 9, 9, 9, 9]);
    expect(f.report.findings.some((x) => x.code === "LEVEL_MISSING")).toBe(false);
  });

  test("completion ← panzhihua 城乡居民基本医疗保障补助: 87.67 %, 95.89 %, no score", async () => {
    const f = await fillFrom("completion", "panzhihua-2021-completion.xlsx", "城乡居民基本医疗保障补助", {
      weights: false,
      families: { 完成指标: "产出指标" },
    });
    expect(f.report.kind).toBe("completion");
    expect(errors(f.report)).toEqual([]);
    expect(f.report.findings.map((x) => x.code)).toContain("NO_SCORE_COLUMNS");
    expect(f.report.execution?.rate).toBe(f.form.report.execution?.rate);
    expect(f.report.execution?.rate).toBe(0.876732);
    const people = f.build.map.rows.find((r) => num(f, r.name) === "城乡参保人员")!;
    expect(num(f, people.completion!)).toBeCloseTo(153428 / 160000, 12);
    const rep = f.report.indicators.find((r) => r.name === "城乡参保人员")!;
    expect(rep.completionRate).toBe(0.958925);
    // A qualitative row has no 完成率: the form shows — rather than #N/A.
    const done = f.build.map.rows.find((r) => num(f, r.actual) === "已完成")!;
    expect(num(f, done.completion!)).toBe("—");
    expect(f.report.findings.some((x) => x.code === "COMPLETION_RATE_MISMATCH")).toBe(false);
    expect(f.report.total.computed).toBeNull();
  });

  test("transfer ← zhuzhou 医保业务经办's indicators, one 资金管理 deduction of 0.5: 99.5, 优", async () => {
    const f = await fillFrom("transfer", "zhuzhou-2021-department.xlsx", "医保业务经办专项经费", {
      weights: false,
      edit: (b, ws) => {
        const item = b.map.rows.find((r) => r.kind === "management")!;
        ws.getCell(item.actual).value = "发现问题1处";
        ws.getCell(item.score!).value = 4.5;
        ws.getCell(item.deviation).value = "1笔资金分配晚于规定时限，已整改。";
      },
    });
    expect(f.report.kind).toBe("transfer");
    expect(errors(f.report)).toEqual([]);
    expect(f.computed.errors).toEqual([]);
    const kinds = f.report.indicators.map((r) => r.kind);
    expect(kinds.filter((k) => k === "execution")).toHaveLength(1);
    expect(kinds.filter((k) => k === "management")).toHaveLength(8);
    const exec = f.report.indicators.find((r) => r.kind === "execution")!;
    expect(exec).toMatchObject({ weight: 10, statedScore: 10, score: 10 });
    expect(f.report.total.weightSum).toBe(100);
    expect(f.report.total.computed).toBe(99.5);
    expect(f.report.total.stated).toBe(99.5);
    expect(f.report.grade).toMatchObject({ stated: "优", computed: "优" });
    expect(f.report.levels.map((l) => [l.level1, l.weight])).toEqual([
      ["执行率", 10],
      ["资金管理", 40],
      ["产出", 30],
      ["效益", 15],
      ["满意度", 5],
    ]);
  });

  test("the scores came from the JXZP functions Excel calls", () => {
    for (const id of ["EXECRATE", "EXECSCORE", "SCORE", "COMPLETION", "GRADE"]) expect(calls[id]).toBeGreaterThan(0);
  });
});

describe("a half-filled row says what is missing, and the validator still finds no error", () => {
  test("an actual typed without its target: #VALUE! naming 年度指标值 in the score, a warning, no error", async () => {
    const f = await fillFrom("project", "zhuzhou-2021-department.xlsx", "医保业务经办专项经费", {
      weights: true,
      edit: (b, ws) => {
        ws.getCell(b.map.rows[0].target).value = null;
      },
    });
    const cell = f.build.map.rows[0].score!;
    const err = f.computed.errors.find((e) => e.cell === cell);
    expect(err?.value).toBe("#VALUE!");
    expect(err?.message).toContain("年度指标值");
    expect(errors(f.report)).toEqual([]);
    expect(f.report.findings.find((x) => x.cell === cell)?.code).toBe("VALUE_UNPARSEABLE");
    // The total cannot be summed over an error: it shows the error too, and the person sees where.
    expect(num(f, f.build.map.total!.score)).toBe("#VALUE!");
  });
});

test("HyperFormula (GPL) stays in the tests: nothing under src/ imports it", () => {
  const fs = jest.requireActual<typeof import("fs")>("fs");
  const path = jest.requireActual<typeof import("path")>("path");
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  const files = walk(path.join(__dirname, "..", "..", "src")).filter((f) => /\.(ts|tsx|js)$/.test(f));
  expect(files.length).toBeGreaterThan(20);
  for (const f of files) expect(fs.readFileSync(f, "utf8")).not.toMatch(/from\s+["']hyperformula["']|require\(["']hyperformula["']\)/);
});
