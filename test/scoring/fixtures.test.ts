import * as path from "path";
import { readWorkbookFile } from "../../src/readers/xlsx-file";
import { evaluateOneForm } from "./one-form";
import type { SheetReport } from "../../src/scoring/findings/sheet-report";

// What test/fixtures/EXPECTED.md says the engine must find in each real form.
const FIXTURES = path.join(__dirname, "..", "fixtures");

async function reports(file: string): Promise<Map<string, SheetReport>> {
  const grids = await readWorkbookFile(path.join(FIXTURES, file));
  return new Map(grids.map((g) => [g.sheet, evaluateOneForm(g)]));
}

const errors = (r: SheetReport) =>
  r.findings
    .filter((f) => f.severity === "error")
    .map((f) => `${f.code}@${f.cell}`)
    .sort();
const codes = (r: SheetReport, code: string) => r.findings.filter((f) => f.code === code).map((f) => f.cell);

describe("huangshi-2021-project.xlsx (seed 000)", () => {
  let r: SheetReport;
  beforeAll(async () => {
    const all = await reports("huangshi-2021-project.xlsx");
    expect([...all.keys()]).toEqual(["项目自评表"]);
    r = all.get("项目自评表")!;
  });

  test("a project form with a 20-point execution block", () => {
    expect(r.kind).toBe("project");
    expect(r.execution).toMatchObject({ budget: 2060, spent: 2059.18, rate: 0.999602, weight: 20, score: 19.99, statedRate: 0.9996, statedScore: 19.99 });
    expect(r.findings.filter((f) => f.code.startsWith("EXEC_"))).toEqual([]);
  });

  test("no 分值 column: rule scores are null and stated scores stand", () => {
    expect(r.indicators).toHaveLength(8);
    expect(r.indicators.every((i) => i.weight === null && i.score === null)).toBe(true);
    expect(r.indicators.map((i) => i.statedScore)).toEqual([11, 11, 11, 11, 9, 9, 9, 9]);
    expect(r.indicators[0]).toMatchObject({ row: 12, level1: "产出指标", level2: "数量指标", name: "居民医保市级财政补助人数", target: "≥24万人", actual: "≥24万人" });
  });

  test("blank unmerged level cells B16 and C16 are LEVEL_MISSING", () => {
    expect(codes(r, "LEVEL_MISSING").sort()).toEqual(["B16", "C16"]);
    expect(r.findings.find((f) => f.cell === "B16")!.severity).toBe("warning");
  });

  test("actuals written as targets are ACTUAL_NOT_VALUE", () => {
    expect(codes(r, "ACTUAL_NOT_VALUE")).toEqual(expect.arrayContaining(["F12", "F13", "F14", "F19"]));
    expect(r.findings.filter((f) => f.code === "ACTUAL_NOT_VALUE").every((f) => f.severity === "info")).toBe(true);
  });

  test("total 99.99 stated and computed, grade 优, no errors", () => {
    expect(r.total).toMatchObject({ stated: 99.99, computed: 99.99, cell: "G20" });
    expect(r.grade).toMatchObject({ stated: null, computed: "优" });
    expect(errors(r)).toEqual([]);
  });
});

describe("zhuzhou-2021-department.xlsx (seed 002)", () => {
  let all: Map<string, SheetReport>;
  beforeAll(async () => {
    all = await reports("zhuzhou-2021-department.xlsx");
  });

  test("部门整体支出绩效自评表: execution, rule mismatches, total mismatch", () => {
    const r = all.get("部门整体支出绩效自评表")!;
    expect(r.kind).toBe("department");
    expect(r.execution).toMatchObject({ budget: 1329, spent: 1329, rate: 1, weight: 10, score: 10, statedScore: null });
    expect(errors(r)).toEqual(["SCORE_MISSING@H4", "TOTAL_MISMATCH@H36"]);
    expect(codes(r, "SCORE_RULE_MISMATCH").sort()).toEqual(["H11", "H12"]);
    expect(r.indicators.find((i) => i.row === 11)!.score).toBe(1.95);
    expect(r.indicators.find((i) => i.row === 12)!.score).toBe(1.93);
    // The explanation shows the figures as the form writes them, in 万元.
    expect(r.findings.find((f) => f.cell === "H11")!.message).toBe("按规则应得 1.95 分（2 × 233443.2 ÷ 240000），表中填写为 1 分。");
    expect(codes(r, "DEVIATION_MISSING")).toEqual([]);
    expect(codes(r, "LEVEL1_WEIGHT")).toEqual([]);
    expect(r.total).toMatchObject({ stated: 98, statedSum: 88, computed: 99.88 });
    expect(r.grade).toMatchObject({ stated: "优", computed: "优" });
    const total = r.findings.find((f) => f.code === "TOTAL_MISMATCH")!;
    expect(total.message).toContain("88");
    expect(total.message).toContain("98");
  });

  test.each(["医保业务经办专项经费", "中央补助医疗服务与保障能力提升", "公务用车购置", "城乡居民基本医疗保险"])(
    "%s: execution 100 %% → 10, weights 100, total 100, 优, no errors",
    (name) => {
      const r = all.get(name)!;
      expect(r.kind).toBe("project");
      expect(r.execution).toMatchObject({ rate: 1, weight: 10, score: 10 });
      expect(r.total.weightSum).toBe(100);
      expect(r.total).toMatchObject({ stated: 100, computed: 100 });
      expect(r.grade).toMatchObject({ stated: "优", computed: "优" });
      expect(errors(r)).toEqual([]);
    },
  );

  test("中央补助…: 显著提升 against 市级优秀窗口单位 needs a person; the stated 10 stands", () => {
    const r = all.get("中央补助医疗服务与保障能力提升")!;
    const row = r.indicators.find((i) => i.target === "显著提升")!;
    expect(row.status).toBe("judgement");
    expect(row.score).toBeNull();
    expect(row.statedScore).toBe(10);
    expect(row.tiers!.map((t) => t.label)).toEqual(["达成", "部分达成", "未达成"]);
    expect(r.findings.find((f) => f.code === "JUDGEMENT_NEEDED")).toMatchObject({ severity: "info", cell: "F23" });
  });

  test("城乡居民基本医疗保险: ≥60% against 100% with no deviation is OVER_COMPLETION", () => {
    const r = all.get("城乡居民基本医疗保险")!;
    expect(r.findings.find((f) => f.code === "OVER_COMPLETION")).toMatchObject({ severity: "warning", cell: "F18" });
  });
});

describe("panzhihua-2021-completion.xlsx (seed 004)", () => {
  let all: Map<string, SheetReport>;
  beforeAll(async () => {
    all = await reports("panzhihua-2021-completion.xlsx");
  });

  test.each([
    ["城乡医疗救助资金", 150, 48.44, 0.322933],
    ["城乡居民基本医疗保障补助", 560, 490.97, 0.876732],
    ["医保基金监管市级专项经费", 0.75, 0.68, 0.906667],
  ])("%s: completion form, %s / %s → %s, no errors", (name, budget, spent, rate) => {
    const r = all.get(name)!;
    expect(r.kind).toBe("completion");
    expect(r.execution).toMatchObject({ budget, spent, rate, weight: null, score: null });
    expect(codes(r, "NO_SCORE_COLUMNS")).toEqual([null]);
    expect(errors(r)).toEqual([]);
  });

  test("城乡医疗救助资金: the cost indicator 150万元 against 48.44万元 is not met", () => {
    const row = all.get("城乡医疗救助资金")!.indicators.find((i) => i.target === "150万元")!;
    expect(row).toMatchObject({ met: false, completionRate: 0.322933 });
  });

  test("城乡居民基本医疗保障补助: 160000人 against 153428人 is 95.89 %, not met", () => {
    const row = all.get("城乡居民基本医疗保障补助")!.indicators.find((i) => i.target === "160000人")!;
    expect(row).toMatchObject({ met: false, completionRate: 0.958925 });
  });

  test("医保基金监管市级专项经费: a 三级指标 of 0.75万元 is NAME_LOOKS_LIKE_VALUE", () => {
    const r = all.get("医保基金监管市级专项经费")!;
    expect(r.findings.find((f) => f.code === "NAME_LOOKS_LIKE_VALUE")).toMatchObject({ severity: "warning", cell: "D13" });
  });
});
