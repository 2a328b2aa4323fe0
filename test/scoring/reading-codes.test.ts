/**
 * The finding codes added for reading real forms (issue 8), for cells a host could not
 * calculate (issues 10, 11), each provoked by editing a real fixture form as a person would.
 */
import { evaluateOneForm } from "./one-form";
import type { Grid } from "../../src/scoring/grid/grid";
import type { SheetReport } from "../../src/scoring/findings/sheet-report";
import { edit, fixtureGrid } from "./fixture-grid";

const seen = new Set<string>();
function check(g: Grid): SheetReport {
  const r = evaluateOneForm(g);
  for (const f of r.findings) seen.add(f.code);
  return r;
}
const at = (r: SheetReport, cell: string | null) => r.findings.filter((f) => f.cell === cell);
const codes = (r: SheetReport, code: string) => r.findings.filter((f) => f.code === code);

let dept: Grid;
let central: Grid;
let rescue: Grid;
beforeAll(async () => {
  dept = await fixtureGrid("zhuzhou-2021-department.xlsx", "部门整体支出绩效自评表");
  central = await fixtureGrid("zhuzhou-2021-department.xlsx", "中央补助医疗服务与保障能力提升");
  rescue = await fixtureGrid("panzhihua-2021-completion.xlsx", "城乡医疗救助资金");
});

test("a weight typed outside the table's columns: FIGURES_UNREAD names it, and the sums it explains are FORM_PARTLY_READ, not errors", () => {
  // G20's 5 moved one column right of the table, where no header names it.
  const r = check(edit(dept, { G20: null, J20: 5 }));
  expect(codes(r, "FIGURES_UNREAD")).toEqual([expect.objectContaining({ severity: "info", message: expect.stringContaining("J20") })]);
  expect(r.findings.filter((f) => f.code === "WEIGHT_SUM" || f.code === "LEVEL1_WEIGHT")).toEqual([]);
  const partly = codes(r, "FORM_PARTLY_READ");
  expect(partly.map((f) => f.severity)).toEqual(["warning", "warning"]);
  expect(partly[0].message).toContain("J20");
  // The same sums with no figure to explain them are still errors.
  const wrong = check(edit(dept, { G20: 4 }));
  expect(codes(wrong, "WEIGHT_SUM")).toHaveLength(1);
  expect(codes(wrong, "LEVEL1_WEIGHT")).toHaveLength(1);
  expect(codes(wrong, "FORM_PARTLY_READ")).toEqual([]);
});

test("a form cut off after its indicators (no total row to the sheet's end): its sums may be incomplete", () => {
  const rows = dept.values.slice(0, 31); // down to row 31: the 满意度 block and the total are gone
  const r = check({ ...dept, values: rows, merges: dept.merges.filter((m) => !/3[2-9]$/.test(m)) });
  expect(r.findings.filter((f) => f.severity === "error").map((f) => f.code)).not.toContain("WEIGHT_SUM");
  expect(codes(r, "FORM_PARTLY_READ")[0].message).toContain("表格可能不完整");
});

test("an unscored form reports each target not met, with its completion rate", () => {
  const r = check(rescue);
  expect(codes(r, "TARGET_NOT_MET")).toEqual([
    expect.objectContaining({ cell: "F13", severity: "info", message: "“城乡医疗救助资金”未达成：年度指标值“150万元”，实际完成值“48.44万元”（完成率 32.29%），未说明原因。" }),
  ]);
});

test("a level 1 whose weights differ from the profile's usual split is LEVEL1_PROFILE_SPLIT (info), not an error", () => {
  // Without its stated points, 产出 holds 50 (the usual); 效益 gives 6 points (and their score) to 满意度.
  const r = check(edit(dept, { B11: "产出指标", B26: "效益指标", B32: "满意度指标", G26: 0, H26: 0, G32: 9, H32: 9 }));
  expect(codes(r, "LEVEL1_PROFILE_SPLIT").map((f) => [f.cell, f.severity])).toEqual([
    ["B26", "info"],
    ["B32", "info"],
  ]);
  // The profile by its Chinese name: a person never reads its English id.
  for (const f of codes(r, "LEVEL1_PROFILE_SPLIT")) expect(f.message).toMatch(/评分方案“部门整体支出”一般为 \d+ 分/);
  expect(r.findings.filter((f) => f.severity === "error").map((f) => f.code)).toEqual(["SCORE_MISSING", "TOTAL_MISMATCH"]);
});

test("a JXZP formula the host could not calculate (#NAME?) says the add-in must be loaded", () => {
  const g = edit(dept, { H13: "#NAME?" });
  const withFormula = check({ ...g, formulas: g.values.map((row, i) => row.map((_, j) => (i === 12 && j === 7 ? "=JXZP.SCORE(G13,E13,F13)" : null))) });
  expect(at(withFormula, "H13")).toEqual([expect.objectContaining({ code: "JXZP_NOT_LOADED", severity: "warning", message: expect.stringContaining("加载") })]);
  expect(at(withFormula, "H13")[0].message).not.toMatch(/不是数字/);
  // Office.js reports #NAME? without the formula: it is taken for a JXZP formula too.
  expect(at(check(g), "H13").map((f) => f.code)).toEqual(["JXZP_NOT_LOADED"]);
  // Any other formula error is an error value, named as such.
  expect(at(check(edit(dept, { H13: "#DIV/0!" })), "H13")[0]).toMatchObject({ code: "VALUE_UNPARSEABLE", message: expect.stringContaining("#DIV/0!") });
});

test("a formula whose result was not saved is FORMULA_NO_VALUE, not a blank score", () => {
  const g = edit(dept, { H13: null });
  const r = check({ ...g, formulas: g.values.map((row, i) => row.map((_, j) => (i === 12 && j === 7 ? "=G13*F13/E13" : null))) });
  expect(at(r, "H13")).toEqual([expect.objectContaining({ code: "FORMULA_NO_VALUE", message: expect.stringContaining("重新计算") })]);
  expect(codes(r, "SCORE_MISSING").map((f) => f.cell)).not.toContain("H13");
});

test("ACTUAL_NOT_VALUE names a comparator only where there is one: `95%以上` and `30分钟以内` are range words", () => {
  const symbol = check(dept).findings.find((f) => f.code === "ACTUAL_NOT_VALUE" && f.cell === "F18")!;
  expect(symbol.message).toContain("带“≥”符号");
  const words = check(edit(dept, { F18: "45%以上" })).findings.find((f) => f.cell === "F18")!;
  expect(words.code).toBe("ACTUAL_NOT_VALUE");
  expect(words.message).toContain("“以上”“以内”等词");
  expect(words.message).not.toContain("符号");
  const within = check(edit(central, { F20: "30分钟以内" })).findings.find((f) => f.cell === "F20")!;
  expect(within.message).toContain("“以上”“以内”等词");
});

afterAll(() => {
  expect([...seen].filter((c) => ["FIGURES_UNREAD", "FORM_PARTLY_READ", "TARGET_NOT_MET", "LEVEL1_PROFILE_SPLIT", "JXZP_NOT_LOADED", "FORMULA_NO_VALUE"].includes(c)).sort()).toEqual(
    ["FIGURES_UNREAD", "FORMULA_NO_VALUE", "FORM_PARTLY_READ", "JXZP_NOT_LOADED", "LEVEL1_PROFILE_SPLIT", "TARGET_NOT_MET"],
  );
});
