/**
 * Deadlines through the whole engine (issue 18 §1, spec §2.3), on the 部门整体 form of the issue
 * (test/fixtures/shapes/department-deadlines.xlsx, computed by hand in its notes) and the
 * panzhihua completion form: met on time, late, not a date, a date cell.
 */
import { planFill } from "../../src/scoring/fill/fill";
import { edit, fixtureGrid } from "./fixture-grid";
import { evaluateOneForm } from "./one-form";
import type { Grid } from "../../src/scoring/grid/grid";

let form: Grid;
beforeAll(async () => {
  form = await fixtureGrid("shapes/department-deadlines.xlsx", "绩效自评表");
});

const codes = (g: Grid) => evaluateOneForm(g).findings.map((f) => `${f.code}@${f.cell}`);

test("the issue's form: 9月前 / 7月 and 11月前 / 10月 are met on time; total 70, no SCORE_RULE_MISMATCH", () => {
  const r = evaluateOneForm(form);
  expect(r.kind).toBe("department");
  expect(r.total).toMatchObject({ stated: 70, computed: 70, max: 100 });
  expect(r.grade).toMatchObject({ stated: "中", computed: "中" });
  const rows = r.indicators.filter((i) => i.level2 === "时效指标");
  expect(rows.map((i) => [i.row, i.target, i.actual, i.status, i.score, i.met, i.completionRate])).toEqual([
    [13, "9月前", "7月", "scored", 5, true, null],
    [14, "11月前", "10月", "scored", 5, true, null],
  ]);
  expect(codes(form)).toEqual(["JUDGEMENT_NEEDED@E18"]);
});

test("done after the deadline: not met, a person picks the tier; the stated score stands and the message says it was late", () => {
  const late = edit(form, { E13: "10月", G13: 3, H13: "物资采购延误一个月" });
  const r = evaluateOneForm(late);
  const row = r.indicators.find((i) => i.row === 13)!;
  expect(row).toMatchObject({ status: "judgement", score: null, met: false, statedScore: 3 });
  expect(row.tiers?.map((t) => t.label)).toEqual(["达成", "部分达成", "未达成"]);
  const f = r.findings.find((x) => x.cell === "E13")!;
  expect(f.code).toBe("JUDGEMENT_NEEDED");
  expect(f.message).toContain("晚于期限");
  // The stated 3 stands in the total: 70 − 5 + 3.
  expect(r.total.computed).toBe(68);
  expect(r.findings.filter((x) => x.severity === "error").map((x) => x.code)).toEqual(["TOTAL_MISMATCH"]);
});

test("late with a blank score: the fill plan asks a person to pick, and writes no total until then", () => {
  const late = edit(form, { E13: "10月", G13: null });
  const plan = planFill(late, evaluateOneForm(late));
  expect(plan.pending.map((p) => [p.cell, p.target, p.actual, p.weight])).toEqual([["G13", "9月前", "10月", 5]]);
  expect(plan.writes.find((w) => w.cell === "G13")).toBeUndefined();
});

test("a date cell on or before the deadline is met; after it, late", () => {
  // 2023-07-15 and 2023-12-01 as Excel stores them in a date-formatted cell.
  const onTime = evaluateOneForm(edit(form, { E13: 45122 }, { E13: "yyyy-mm-dd" }));
  expect(onTime.indicators.find((i) => i.row === 13)).toMatchObject({ actual: "2023-07-15", status: "scored", score: 5, met: true });
  const late = evaluateOneForm(edit(form, { E14: 45261 }, { E14: "yyyy-mm-dd" }));
  expect(late.indicators.find((i) => i.row === 14)).toMatchObject({ actual: "2023-12-01", status: "judgement", met: false });
});

test("an actual that is no date is a judgement, not a guess", () => {
  const r = evaluateOneForm(edit(form, { E13: "正在发放" }));
  expect(r.indicators.find((i) => i.row === 13)).toMatchObject({ status: "judgement", met: null });
  expect(r.findings.find((x) => x.cell === "E13")?.message).toContain("实际完成值不是日期");
});

test("a completion form (not scored): a deadline missed is TARGET_NOT_MET with the reason; one met says nothing", async () => {
  const g = await fixtureGrid("panzhihua-2021-completion.xlsx", "城乡医疗救助资金");
  const late = evaluateOneForm(edit(g, { E12: "9月前", F12: "11月" }));
  const f = late.findings.find((x) => x.code === "TARGET_NOT_MET" && x.cell === "F12");
  expect(f?.message).toContain("晚于期限");
  const met = evaluateOneForm(edit(g, { E12: "9月前", F12: "8月" }));
  expect(met.findings.filter((x) => x.cell === "F12")).toEqual([]);
});
