/**
 * A report's prose against its own tables. The real disagreements the seed reports contain
 * (000: 执行率99.99% where the table gives 99.96%; 002: 所有相关考核指标达标 where two
 * indicators fall short; 004: 完成预算数32.39% where the table gives 32.29%) are found with the
 * sentence quoted; a report that agrees gets nothing; and figures that are not clearly the
 * table's (an earlier year, a part, a 三公 item, a hedged claim) are never checked.
 */
import * as fs from "fs";
import * as path from "path";
import { readDocument } from "../../src/readers/document";
import { evaluateSheet } from "../../src/scoring/evaluate";
import { evaluateOneForm } from "./one-form";
import type { Grid } from "../../src/scoring/grid/grid";
import { checkReportClaims, ReportBlock } from "../../src/scoring/prose/report-claims";
import { sentencesOf } from "../../src/scoring/prose/report-prose";
import { readWorkbookFile } from "../../src/readers/xlsx-file";

const FIX = path.join(__dirname, "..", "fixtures");

async function reportFindings(file: string) {
  const doc = await readDocument(fs.readFileSync(path.join(FIX, "reports", file)), file);
  const reports = doc.grids.flatMap((g) => evaluateSheet(g));
  return checkReportClaims(doc.blocks!, reports, doc.grids).map(({ form, finding }) => ({ sheet: reports[form].sheet, ...finding }));
}

test("seed 000: the 执行率 restated wrongly in 三、预算执行情况分析 is found; the earlier year's figures are not checked", async () => {
  const found = await reportFindings("huangshi-2021-report.docx");
  expect(found).toEqual([
    {
      sheet: "2021年度医保配套资金项目自评表",
      severity: "error",
      code: "REPORT_RATE_MISMATCH",
      cell: "F10",
      message: "报告中“全年财政资金预算2060万元，执行资金2059.18万元，执行率99.99%。”写执行率 99.99%，表中执行数 2059.18 ÷ 预算数 2060 万元 = 99.96%（E10/D10）。",
    },
  ]);
});

test("seed 000 with every figure agreeing (score, grade, budget, spent, rate, all targets met): nothing", async () => {
  expect(await reportFindings("huangshi-2021-report-agrees.docx")).toEqual([]);
});

test("seed 000 with a wrong score, grade and budget: each found, naming the table cell", async () => {
  const found = await reportFindings("huangshi-2021-report-disagrees.docx");
  expect(found.map((f) => [f.code, f.cell])).toEqual([
    ["REPORT_TOTAL_MISMATCH", "G20"],
    ["REPORT_GRADE_MISMATCH", "G20"],
    ["REPORT_AMOUNT_MISMATCH", "D10"],
    ["REPORT_RATE_MISMATCH", "F10"],
  ]);
  expect(found[0].message).toContain("写自评得分 98.99 分，表中总分为 99.99 分（G20）");
  expect(found[1].message).toContain("写等级“良”，表中总分 99.99 分（G20）对应等级“优”");
  expect(found[2].message).toBe("报告中“全年财政资金预算2600万元，执行资金2059.18万元，执行率99.96%。”写预算数 2600 万元，表中预算数为 2060 万元（D10）。");
  // A long sentence is quoted in part, with an ellipsis.
  expect(found[0].message).toMatch(/^报告中“.{10,70}”写/);
});

test("seed 002: the unit's claim that every indicator was met, against two unmet rows of the 部门整体 table", async () => {
  const found = await reportFindings("zhuzhou-2021-report.docx");
  expect(found).toHaveLength(1);
  expect(found[0]).toMatchObject({ sheet: "2021 年度部门整体支出绩效自评表", code: "REPORT_CLAIM_ALL_MET", cell: "F11", severity: "error" });
  expect(found[0].message).toContain("报告中“（4）我单位全面完成相关绩效目标任务，所有相关考核指标达标。”称绩效目标全部完成，但表中有 2 项指标未达成：F11（2021年市本级职工基本医疗收入：目标 240000 万元，实际 233443.2 万元）、F12");
});

test("seed 004: 完成预算数32.39% in 城乡医疗救助资金's report, tied to its table by the amount it repeats; the 决算 and 三公 figures are left alone", async () => {
  const found = await reportFindings("panzhihua-2021-report.docx");
  expect(found.map((f) => [f.sheet, f.code, f.cell])).toEqual([
    ["表2", "REPORT_RATE_MISMATCH", "E4"],
    ["表2", "REPORT_RATE_MISMATCH", "E4"],
  ]);
  expect(found[0].message).toContain("该项目资金共计使用484443.84元，完成预算数32.39%");
  expect(found[0].message).toContain("表中执行数 48.44 ÷ 预算数 150 万元 = 32.29%");
  expect(found[1].message).toMatch(/^报告中“…年初该项目预算金额1500000\.00元，实际支付484443\.84元，完成预算数32\.39%…”/);
});

describe("what is checked and what is left alone", () => {
  let huangshi: Grid[];
  let zhuzhou: Grid[];
  beforeAll(async () => {
    huangshi = await readWorkbookFile(path.join(FIX, "huangshi-2021-project.xlsx"));
    zhuzhou = await readWorkbookFile(path.join(FIX, "zhuzhou-2021-department.xlsx"));
  });
  const codes = (grids: Grid[], ...paragraphs: string[]) => {
    const blocks: ReportBlock[] = [...paragraphs.map((text) => ({ kind: "paragraph" as const, text })), ...grids.map((_, index) => ({ kind: "table" as const, index }))];
    return checkReportClaims(blocks, grids.map((g) => evaluateOneForm(g)), grids).map((f) => `${f.form}:${f.finding.code}`);
  };

  test.each([
    ["an earlier year", "2020年度该项目资金执行率99.70%，自评得分99.94分。"],
    ["the year before, in words", "上年度执行率95%。"],
    ["a part of the funds", "其中：中央资金执行率95%。"],
    ["a budget rounded to the unit", "全年预算2060万元，执行2059万元，执行率99.96%。"],
    ["the same in 元", "全年预算20600000元，实际支出20591800.00元。"],
    ["a score rounded", "自评得分100分。"],
    ["a part's score", "产出指标得分48分。"],
    ["a hedged claim", "绩效目标基本完成。"],
    ["a grade in other words", "自评等级为优秀。"],
    ["a 三公 item", "公务接待费支出0.13万元，完成预算26.5%。"],
    ["a plan, not an amount spent", "项目总计划800元。"],
  ])("one form, %s: nothing", (_what, text) => {
    expect(codes(huangshi, text)).toEqual([]);
  });

  test.each([
    ["a wrong total", "自评得分90分。", "REPORT_TOTAL_MISMATCH"],
    ["a wrong grade", "自评等级为良好。", "REPORT_GRADE_MISMATCH"],
    ["a wrong budget", "全年预算206万元。", "REPORT_AMOUNT_MISMATCH"],
    ["a wrong rate", "执行率95%。", "REPORT_RATE_MISMATCH"],
  ])("one form, %s: found", (_what, text, code) => {
    expect(codes(huangshi, text)).toEqual([`0:${code}`]);
  });

  test("several forms: only what names its form, repeats its amounts or speaks for the unit is checked", () => {
    expect(codes(zhuzhou, "执行率95%。")).toEqual([]);
    expect(codes(zhuzhou, "我单位预算执行率95%。")).toEqual(["0:REPORT_RATE_MISMATCH"]);
    expect(codes(zhuzhou, "全年预算1329万元，执行1329万元，执行率95%。")).toEqual(["0:REPORT_RATE_MISMATCH"]);
    expect(codes(zhuzhou, "年中追加项目“公务用车购置”，金额23.29万元，实际支出23.29万元。")).toEqual([]);
    expect(codes(zhuzhou, "年中追加项目“公务用车购置”，实际支出32.29万元。")).toEqual(["3:REPORT_AMOUNT_MISMATCH"]);
    // An anchor must equal a form's figure, not round to it (100 would round 60 to the hundred).
    expect(codes(zhuzhou, "全年预算100万元，执行率95%。")).toEqual([]);
  });

  test("sentences split at full stops; figures read with full-width digits and spaces", () => {
    const [a, b] = sentencesOf("全年预算 ２０６０ 万元，执行资金2,059.18万元。自评得分９９.９９分");
    expect(a.claims.map((c) => [c.kind, c.value?.toString(), c.unit])).toEqual([
      ["budget", "2060", "万元"],
      ["spent", "2059.18", "万元"],
    ]);
    expect(b.claims.map((c) => [c.kind, c.value?.toString()])).toEqual([["total", "99.99"]]);
  });
});
