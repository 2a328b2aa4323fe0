/**
 * `其中：…` sub-rows (issue 18 §2, spec §1): a row under an indicator with its own target and
 * actual but no 分值 / 得分 is a breakdown of the indicator above. It adds nothing to full marks
 * and is never SCORE_MISSING.
 */
import { edit, fixtureGrid } from "./fixture-grid";
import { evaluateOneForm } from "./one-form";

test("hexi (real, 衔接资金 form): seven 其中 rows under weighted rows; full marks are the weights, 90, not 140", async () => {
  const r = evaluateOneForm(await fixtureGrid("real/hexi-2023-project.xlsx", "绩效自评表"));
  const sub = r.indicators.filter((i) => i.name.startsWith("其中"));
  expect(sub.map((i) => i.row)).toEqual([13, 14, 15, 16, 18, 20, 21]);
  expect(sub.every((i) => i.weight === null && i.statedScore === null)).toBe(true);
  expect(r.total).toMatchObject({ weightSum: 90, max: 90, computed: 90 });
  expect(r.findings.filter((f) => f.code === "SCORE_MISSING")).toEqual([]);
  // The copy is cut before the satisfaction block: the 90 is said to be partly read, not an error.
  expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
});

test("huangshi (no 分值 column): a 其中 row with a blank score is a breakdown, not SCORE_MISSING; full marks unchanged", async () => {
  const g = await fixtureGrid("huangshi-2021-project.xlsx", "项目自评表");
  const before = evaluateOneForm(g);
  const r = evaluateOneForm(edit(g, { D14: "其中：收治惠民住院患者（市本级）", G14: null }));
  expect(r.findings.filter((f) => f.code === "SCORE_MISSING")).toEqual([]);
  expect(r.total.max).toBe(before.total.max);
  // The same row named as an indicator of its own is missing its score.
  const named = evaluateOneForm(edit(g, { G14: null }));
  expect(named.findings.filter((f) => f.code === "SCORE_MISSING").map((f) => f.cell)).toEqual(["G14"]);
});

test("a 其中 row that has a weight of its own is an indicator like any other", async () => {
  const g = await fixtureGrid("zhuzhou-2021-department.xlsx", "部门整体支出绩效自评表");
  const before = evaluateOneForm(g);
  const row = before.indicators.find((i) => i.weight !== null && i.statedScore !== null)!;
  const nameCell = row.cells.name!;
  const r = evaluateOneForm(edit(g, { [nameCell]: `其中：${row.name}` }));
  expect(r.total.max).toBe(before.total.max);
  expect(r.total.weightSum).toBe(before.total.weightSum);
  expect(r.findings.map((f) => f.code)).toEqual(before.findings.map((f) => f.code));
});
