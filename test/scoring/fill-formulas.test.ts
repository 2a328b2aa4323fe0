/**
 * Every write of a fill plan, calculated by HyperFormula with the real JXZP functions, gives
 * the figure the plan shows (issue 8): for every direction (正向 / 反向 / 定性 / none), both
 * negative modes and both grade schemes, on the fixtures and on a two-row-header real form.
 */
import * as path from "path";
import { DetailedCellError, HyperFormula, type RawCellContent } from "hyperformula";
import { parseA1 } from "../../src/scoring/grid/address";
import { readWorkbookFile } from "../../src/readers/xlsx-file";
import { evaluateOneForm } from "./one-form";
import { planFill, type FillPlan } from "../../src/scoring/fill/fill";
import type { Grid } from "../../src/scoring/grid/grid";
import { readForm } from "../../src/scoring/read/read-form";
import { registerJxzp } from "../templates/jxzp-hyperformula";
import { clone, setCell } from "../reading/grid-edit";

const FIX = path.join(__dirname, "..", "fixtures");
const DIRECTIONS = ["反向", "正向", "定性", null];

/** A form with a 方向 column added right of the table, its rows cycling through the directions, and no scores. */
function prepared(src: Grid): Grid {
  const form = readForm(src);
  const t = form.table!;
  const g = clone(src);
  const col = Math.max(...g.values.map((r) => r.length));
  setCell(g, t.headerRow, col, "方向");
  for (const r of g.values) while (r.length <= col) r.push(null);
  for (const rows of [g.numberFormats!, g.formulas!]) for (const r of rows) while (r.length <= col) r.push(null);
  t.rows.forEach((r, i) => {
    if (r.kind === "indicator") setCell(g, r.row, col, DIRECTIONS[i % DIRECTIONS.length]);
    if (r.score.at) g.values[r.score.at.row][r.score.at.col] = null;
  });
  for (const f of [form.fund?.rows.find((x) => x.isTotal)?.score, form.total?.score]) if (f?.at) g.values[f.at.row][f.at.col] = null;
  // A grade word beside the total has no label to find it by once blank: it is left wrong (差), to be overwritten.
  if (form.grade) g.values[form.grade.at.row][form.grade.at.col] = form.grade.inline ? "等级：" : "差";
  return g;
}

/** The sheet with the plan's formulas in place, calculated: the value of every written cell. */
function calculate(g: Grid, plan: FillPlan): Map<string, unknown> {
  registerJxzp();
  const rows: RawCellContent[][] = g.values.map((r) => r.map((v) => (typeof v === "string" ? `'${v}` : v)));
  for (const w of plan.writes) {
    const p = parseA1(w.cell)!;
    rows[p.row][p.col] = w.formula || w.value;
  }
  const hf = HyperFormula.buildFromSheets({ S: rows }, { licenseKey: "gpl-v3" });
  try {
    const values = hf.getSheetValues(0);
    return new Map(
      plan.writes.map((w) => {
        const p = parseA1(w.cell)!;
        const v = values[p.row][p.col];
        return [w.cell, v instanceof DetailedCellError ? `${v.value} ${v.message}` : v];
      }),
    );
  } finally {
    hf.destroy();
  }
}

const cases: [string, string, string][] = [];
for (const sheet of ["部门整体支出绩效自评表", "医保业务经办专项经费", "中央补助医疗服务与保障能力提升", "公务用车购置", "城乡居民基本医疗保险"])
  for (const profile of ["project", "deviation", "grades4"]) cases.push(["zhuzhou-2021-department.xlsx", sheet, profile]);
for (const profile of ["project", "deviation", "grades4"]) cases.push([path.join("corpus", "yongde-2022-project.xlsx"), "绩效自评表", profile]);

let written = 0;
const directions = new Set<string>();
afterAll(() => {
  expect(written).toBeGreaterThan(300);
  expect([...directions].sort()).toEqual(["equal", "negative", "positive", "qualitative"]);
});

test.each(cases)("%s / %s, profile %s: each written formula gives the plan's figure", async (file, sheet, profile) => {
  const grids = await readWorkbookFile(path.join(FIX, file));
  const g = prepared(grids.find((x) => x.sheet === sheet)!);
  const report = evaluateOneForm(g, { profile });
  for (const r of report.indicators) if (r.direction) directions.add(r.direction);
  // Rows the rule cannot decide get a person's choice: the middle of 达成.
  const choices = Object.fromEntries(report.indicators.filter((r) => r.tiers).map((r) => [r.cells.score!, r.tiers![0].suggested]));
  const plan = planFill(g, report, { overwrite: true, choices });
  expect(plan.pending).toEqual([]);
  expect(plan.writes.some((w) => w.kind === "total")).toBe(true);
  expect(plan.writes.some((w) => w.kind === "grade")).toBe(true);
  const got = calculate(g, plan);
  for (const w of plan.writes) {
    written++;
    expect({ cell: w.cell, value: got.get(w.cell) }).toEqual({ cell: w.cell, value: w.value });
  }
  if (profile === "grades4") expect(plan.writes.find((w) => w.kind === "grade")!.value).toMatch(/好|较好|一般|差/);
});
