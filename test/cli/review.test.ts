import * as path from "path";
import { ADVICE } from "../../src/cli/advice";
import { checkFile } from "../../src/cli/check-file";
import { formNames } from "../../src/cli/form-names";
import type { FileResult } from "../../src/cli/file-result";
import { ReviewRows, rowsOf, worstFirst, type FormRow } from "../../src/cli/review";
import { SEVERITY, type Finding } from "../../src/scoring/findings/findings";
import type { SheetReport } from "../../src/scoring/findings/sheet-report";

const FIX = path.join(__dirname, "..", "fixtures");
const byName: Record<string, FileResult> = {};

beforeAll(async () => {
  for (const f of ["huangshi-2021-project.xlsx", "panzhihua-2021-completion.xlsx", "zhuzhou-2021-department.xlsx"]) byName[f] = await checkFile(path.join(FIX, f), undefined);
});

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

test("one row per form with its figures, counts and 复核结论", () => {
  const rows = rowsOf(byName["zhuzhou-2021-department.xlsx"], 0);
  expect(rows.map((r) => r.sheet)).toEqual(byName["zhuzhou-2021-department.xlsx"].sheets.map((s) => s.sheet));
  const dept = rows[0];
  expect(dept).toMatchObject({ seq: 0, format: "xlsx", kindLabel: "部门整体支出绩效自评表", budget: 1329, spent: 1329, rate: 1, statedTotal: 98, computedTotal: 99.88, statedGrade: "优", computedGrade: "优", errors: 2, warnings: 2, verdict: "需修改" });
  expect(dept.problems).toHaveLength(byName["zhuzhou-2021-department.xlsx"].sheets[0].findings.length);
  // Errors first, each with its Chinese title and the advice for the unit.
  expect(dept.problems[0]).toMatchObject({ severity: "error", code: "SCORE_MISSING", title: "得分未填", cell: "H4" });
  expect(dept.problems[0].advice).toBe(ADVICE.SCORE_MISSING);
  expect(rows[1].verdict).toBe("通过");
  expect(rows.map((r) => r.seq)).toEqual([0, 1, 2, 3, 4]);
});

test("an unreadable file is one 无法识别 row with its message as an error problem", () => {
  const [r] = rowsOf({ file: "坏.xls", error: "旧版 .xls 请另存为 .xlsx。", sheets: [] }, 7);
  expect(r).toMatchObject({ seq: 7, file: "坏.xls", format: "xls", sheet: null, kindLabel: "无法读取", errors: 1, verdict: "无法识别" });
  expect(r.problems[0]).toMatchObject({ severity: "error", code: "", title: "文件无法读取", message: "旧版 .xls 请另存为 .xlsx。" });
  expect(r.problems[0].advice).toMatch(/重新报送/);
});

test("sheets with no form are left out beside forms; a file with no form at all is one 无法识别 row", () => {
  const withNotes = clone(byName["huangshi-2021-project.xlsx"]);
  const notes: SheetReport = { ...clone(withNotes.sheets[0]), sheet: "填表说明", kind: "unknown", execution: null, findings: [{ severity: "info", code: "LAYOUT_UNRECOGNIZED", cell: null, message: "没有找到" }] };
  withNotes.sheets.push(notes);
  expect(rowsOf(withNotes, 0).map((r) => r.sheet)).toEqual(["项目自评表"]);
  const onlyNotes = { file: "说明.xlsx", sheets: [notes] };
  const rows = rowsOf(onlyNotes, 0);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ sheet: "填表说明", verdict: "无法识别", infos: 1 });
});

test("findings about the whole file (a reader of reports may add them) get a row of their own", () => {
  const f = clone(byName["huangshi-2021-project.xlsx"]) as FileResult & { findings: Finding[]; format: string };
  f.format = "docx";
  f.findings = [{ severity: "error", code: "REPORT_TOTAL_MISMATCH", cell: null, message: "报告称自评得分 98 分，表中总分为 99.99。" }];
  const rows = rowsOf(f, 0);
  expect(rows.map((r) => [r.sheet, r.kindLabel, r.errors, r.verdict, r.format])).toEqual([
    [null, "（整个文件）", 1, "需修改", "docx"],
    ["项目自评表", "项目支出绩效自评表", 0, "通过", "docx"],
  ]);
  expect(rows[0].problems[0].advice).toBe(ADVICE.REPORT_TOTAL_MISMATCH);
});

test("amounts kept in 元 are shown in 万元 (decimal, no binary noise)", () => {
  const f = clone(byName["huangshi-2021-project.xlsx"]);
  f.sheets[0].execution!.unit = "元";
  f.sheets[0].execution!.budget = 20600000.3;
  f.sheets[0].execution!.spent = 123;
  const [r] = rowsOf(f, 0);
  expect(r.budget).toBe(2060.00003);
  expect(r.spent).toBe(0.0123);
});

test("worst first: unreadable and unrecognised, then by errors, warnings, infos; ties keep the batch order", () => {
  const review = new ReviewRows();
  for (const f of ["huangshi-2021-project.xlsx", "panzhihua-2021-completion.xlsx", "zhuzhou-2021-department.xlsx"]) review.add(byName[f]);
  review.add({ file: "坏.xlsx", error: "不是工作簿。", sheets: [] });
  const sorted = review.sorted();
  expect(sorted[0].file).toBe("坏.xlsx");
  const rank = { 无法识别: 0, 需修改: 1, 通过: 2 };
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1], sorted[i]];
    const key = (r: FormRow) => [rank[r.verdict], -r.errors, -r.warnings, -r.infos, r.seq];
    const [ka, kb] = [key(a), key(b)];
    const firstDiff = ka.findIndex((x, j) => x !== kb[j]);
    expect(firstDiff).toBeGreaterThanOrEqual(0);
    expect(ka[firstDiff]).toBeLessThan(kb[firstDiff]);
    expect(worstFirst(a, b)).toBeLessThan(0);
  }
});

test("单位 and 项目: the core's header fields when present, else the project from the title or sheet", () => {
  const huangshi = byName["huangshi-2021-project.xlsx"].sheets[0];
  expect(formNames(huangshi)).toEqual({ unit: "黄石市医疗保障服务中心", project: "医保配套资金" });
  const [rescue] = byName["panzhihua-2021-completion.xlsx"].sheets;
  expect(formNames(rescue).project).toBe("城乡医疗救助资金");
  const zhuzhou = byName["zhuzhou-2021-department.xlsx"].sheets;
  expect(formNames(zhuzhou[0]).project).toBeNull();
  expect(formNames(zhuzhou[1]).project).toBe("医保业务经办专项经费");
  expect(formNames({ ...huangshi, project: "", title: "项目支出绩效自评表", sheet: "Sheet1" }).project).toBeNull();
  const named = { ...huangshi, unit: " 黄石市医疗保障服务中心 ", project: "医保配套资金项目" } as SheetReport;
  expect(formNames(named)).toEqual({ unit: "黄石市医疗保障服务中心", project: "医保配套资金项目" });
});

test("every finding code has Chinese advice for the unit", () => {
  for (const code of Object.keys(SEVERITY) as (keyof typeof SEVERITY)[]) {
    expect(ADVICE[code]).toMatch(/[\u4e00-\u9fff]/);
    // Product names and file types are the only Latin words a unit should read.
    expect(ADVICE[code].replace(/Excel|WPS|\.xlsx/g, "")).not.toMatch(/[A-Za-z]{2,}/);
  }
});
