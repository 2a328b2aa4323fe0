/**
 * Issue 16 point 10, 定稿: a filled, marked workbook comes out with values only and no trace of the
 * add-in (no JXZP formula, no mark, no undo record, no _jxzp_fill_ name), in Excel (the strict
 * fake) and in the in-memory workbook of the web page, through the same WorkbookHost call.
 */
import { evaluateOneForm as evaluateSheet } from "../scoring/one-form";
import { planFill } from "../../src/scoring/fill/fill";
import type { Grid } from "../../src/scoring/grid/grid";
import { finalizePlan } from "../../src/taskpane/host/finalize-plan";
import { OfficeHost } from "../../src/taskpane/host/OfficeHost";
import { UNDO_NAMESPACE } from "../../src/taskpane/host/undo-xml";
import type { WorkbookHost } from "../../src/taskpane/host/WorkbookHost";
import { marksOf } from "../../src/taskpane/app/validation";
import { FakeExcel } from "./fake-excel";
import { DEPARTMENT_SHEET, openMemoryHost, readDepartment, withFakeExcel } from "./host-setup";

const SHEET = DEPARTMENT_SHEET;
const WAIT = { tries: 4, delayMs: 0 };
let grids: Grid[];
beforeAll(async () => {
  grids = await readDepartment();
});

/** Fill with formulas and mark: the workbook a unit has before it submits. Returns the JXZP cells and their figures (a SUM total is not the add-in's and stays). */
async function workedOn(host: WorkbookHost): Promise<Map<string, unknown>> {
  const grid = (await host.read("active")).grids.find((g) => g.sheet === SHEET)!;
  const report = evaluateSheet(grid);
  await host.mark(SHEET, marksOf([report]));
  const plan = planFill(grid, report, { overwrite: true });
  await host.fill({ sheet: SHEET, writes: plan.writes, useFormulas: true });
  return new Map(plan.writes.filter((w) => /JXZP/.test(w.formula)).map((w) => [w.cell, w.value]));
}

test("Excel: every JXZP formula becomes its value; marks, undo record and hidden names are gone; the check finds the same figures", async () => {
  const fake = new FakeExcel();
  for (const g of grids) fake.addGrid(g);
  fake.active = SHEET;
  await withFakeExcel(fake, async () => {
    const host = new OfficeHost({ calcWait: WAIT });
    const expected = await workedOn(host);
    expect(fake.sheet(SHEET).cfs.length).toBeGreaterThan(0);
    expect(fake.parts).toHaveLength(1);
    expect([...fake.names.keys()].filter((n) => n.startsWith("_jxzp_fill_"))).toHaveLength(1);
    fake.recalc();
    const result = await host.finalize();
    expect(result.kept).toEqual([]);
    expect(result.converted).toEqual([{ sheet: SHEET, cells: [...expected.keys()] }]);
    expect(fake.cell(SHEET, "H36").formula).toMatch(/^=SUM\(/);
    expect(result.marksRemoved).toBeGreaterThan(0);
    expect([result.undoRecordsRemoved, result.namesRemoved]).toEqual([1, 1]);
    for (const s of fake.sheets) for (const [a, c] of s.cells) expect([a, /JXZP/i.test(c.formula ?? "")]).toEqual([a, false]);
    for (const [cell, value] of expected) expect([cell, fake.cell(SHEET, cell)]).toEqual([cell, { value, formula: null }]);
    expect(fake.sheets.flatMap((s) => s.cfs)).toEqual([]);
    expect(fake.parts.filter((p) => p.namespace === UNDO_NAMESPACE)).toEqual([]);
    expect([...fake.names.keys()].filter((n) => n.startsWith("_jxzp_fill_"))).toEqual([]);
    // Checked again: nothing the add-in must calculate is left.
    const again = evaluateSheet((await host.read("active")).grids[0]);
    expect(again.findings.filter((f) => ["JXZP_NOT_LOADED", "NOT_CALCULATED", "FORMULA_NO_VALUE"].includes(f.code))).toEqual([]);
    expect(await host.lastFill()).toBeNull();
  });
});

test("Excel: a JXZP cell that shows an error value stays a formula and is named, with what to do", async () => {
  const fake = new FakeExcel();
  fake.addSheet("表", { A1: "显著提升", B1: "优秀" });
  await withFakeExcel(fake, async () => {
    await fake.run(async (c) => {
      const s = (c as Excel.RequestContext).workbook.worksheets.getItem("表");
      s.getRange("C1").formulasLocal = [["=JXZP.指标得分(10,A1,B1)"]];
      s.getRange("D1").formulasLocal = [['=JXZP.读取数值("≥24万人")']];
      await (c as Excel.RequestContext).sync();
    });
    fake.recalc();
    fake.recalc();
    const r = await new OfficeHost({ calcWait: WAIT }).finalize();
    expect(r.kept).toEqual([{ sheet: "表", cell: "C1", why: "显示 #N/A：定性指标需人工判定，请填写得分后再定稿" }]);
    expect(r.converted).toEqual([{ sheet: "表", cells: ["D1"] }]);
    expect(fake.cell("表", "D1")).toEqual({ value: 24, formula: null });
    expect(fake.cell("表", "C1").formula).toBe("=JXZP.SCORE(10,A1,B1)");
  });
});

test("the web page's workbook: the same 定稿 through the same call", async () => {
  const { wb, host } = openMemoryHost(grids, { active: SHEET });
  const expected = await workedOn(host);
  expect(wb.parts.has(UNDO_NAMESPACE)).toBe(true);
  const r = await host.finalize();
  expect(r.kept).toEqual([]);
  expect(r.converted[0].cells.sort()).toEqual([...expected.keys()].sort());
  expect([r.undoRecordsRemoved, r.namesRemoved]).toEqual([1, 1]);
  const s = wb.sheet(SHEET)!;
  for (const [cell, value] of expected) expect([cell, wb.content(s, cell)]).toEqual([cell, { formula: null, value }]);
  expect(wb.sheets.every((x) => x.marks.size === 0)).toBe(true);
  expect(wb.parts.has(UNDO_NAMESPACE)).toBe(false);
  expect([...wb.names.keys()].filter((n) => n.startsWith("_jxzp_fill_"))).toEqual([]);
  expect(finalizePlan(wb.sheets.map((x) => wb.grid(x))).convert).toEqual([]);
});
