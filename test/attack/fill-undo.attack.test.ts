/**
 * Copied from the shared attack suite (../shared/attack/fill-undo.attack.test.ts), with the
 * .xlsx reader's new path; kept as the regression test of the promises it checks.
 *
 * Fill / undo attacks. Copy to /tmp/attack/test/attack/ and run:
 *   cd /tmp/attack && npx jest test/attack/fill-undo.attack.test.ts
 * Each test asserts the promised behaviour; a failing test is a defect.
 */
import path from "node:path";
import { readWorkbookFile } from "../../src/readers/xlsx-file";
import { evaluateOneForm } from "../scoring/one-form";
import { planFill } from "../../src/scoring/fill/fill";
import type { Grid } from "../../src/scoring/grid/grid";
import { MemoryHost } from "../../src/taskpane/host/MemoryHost";
import { MemoryWorkbook } from "../../src/taskpane/host/memory-workbook";
import { OfficeHost } from "../../src/taskpane/host/OfficeHost";
import { previewEngine } from "../../src/taskpane/preview/formula-engine";
import { FakeExcel } from "../taskpane/fake-excel";

const SHEET = "部门整体支出绩效自评表";
let grids: Grid[];
beforeAll(async () => {
  grids = await readWorkbookFile(path.join(__dirname, "..", "fixtures", "zhuzhou-2021-department.xlsx"));
});

function open(): { wb: MemoryWorkbook; host: MemoryHost } {
  const wb = MemoryWorkbook.fromGrids(grids);
  wb.engine = previewEngine;
  return { wb, host: new MemoryHost(wb) };
}

async function planOf(host: { read: MemoryHost["read"] }, overwrite = false, profile?: string) {
  const grid = (await host.read("active")).grids[0];
  return planFill(grid, evaluateOneForm(grid, { profile }), { overwrite });
}

test("A. overwrite off: a non-empty inline grade cell (等级：A) is left alone", async () => {
  const { wb, host } = open();
  wb.type(SHEET, "I36", "等级：A");
  const p = await planOf(host, false);
  await host.fill({ sheet: SHEET, writes: p.writes, useFormulas: false });
  expect(wb.content(wb.sheet(SHEET)!, "I36").value).toBe("等级：A");
});

test("A2. overwrite off, profile grades4: 等级：优 is left alone", async () => {
  const { wb, host } = open();
  const p = await planOf(host, false, "grades4");
  await host.fill({ sheet: SHEET, writes: p.writes, useFormulas: false });
  expect(wb.content(wb.sheet(SHEET)!, "I36").value).toBe("等级：优");
});

test("B. overwrite off: a score cell holding a formula that shows \"\" is not replaced (Office host, fake Excel)", async () => {
  const fake = new FakeExcel();
  fake.install();
  for (const g of grids) fake.addGrid(g);
  fake.active = SHEET;
  // The person's own formula: blank until the row has figures.
  fake.sheet(SHEET).cells.set("H13", { value: "", formula: '=IF(F13="","",G13*F13/E13)' });
  const host = new OfficeHost();
  const p = await planOf(host, false);
  const h13 = p.writes.find((w) => w.cell === "H13");
  if (h13) await host.fill({ sheet: SHEET, writes: p.writes, useFormulas: false });
  expect(fake.cell(SHEET, "H13").formula).toBe('=IF(F13="","",G13*F13/E13)');
});

test("C. undo after a row was inserted above filled cells does not erase what the person typed", async () => {
  const { wb, host } = open();
  const s = wb.sheet(SHEET)!;
  // Blank the scores of rows 11-19 and the total, then fill them (overwrite off).
  for (let r = 11; r <= 19; r++) wb.type(SHEET, `H${r}`, "");
  wb.type(SHEET, "H36", "");
  const p = await planOf(host, false);
  await host.fill({ sheet: SHEET, writes: p.writes, useFormulas: false });
  const filledH14 = wb.content(s, "H14").value;
  // The person inserts a row at 14 (Excel shifts everything below down by one, the fill's hidden name too) ...
  wb.editSheet(SHEET, "row", 13, 1);
  // ... and types a score into the new row, the same figure the fill had put at H14.
  wb.type(SHEET, "H14", filledH14 as number);
  const res = await host.undoFill();
  // Promise: cells changed after the fill are kept.
  expect(wb.content(s, "H14").value).toBe(filledH14);
  expect(res.restored).not.toContain("H14");
  // ... and the fill's own cells are found where they moved, and put back.
  expect(res.restored).toEqual(expect.arrayContaining(["H12", "H13", "H15", "H20", "H37"]));
  for (const c of ["H12", "H13", "H15", "H20", "H37"]) expect(wb.content(s, c)).toEqual({ formula: null, value: null });
});

test("D. a score cell covered by a merge (H13:H14 showing 2) is not reported empty and not written", async () => {
  const { wb, host } = open();
  const s = wb.sheet(SHEET)!;
  wb.type(SHEET, "H14", "");
  s.merges.push("H13:H14");
  const grid = (await host.read("active")).grids[0];
  const r = evaluateOneForm(grid);
  const missing = r.findings.filter((f) => f.code === "SCORE_MISSING" && f.cell === "H14");
  const p = planFill(grid, r, { overwrite: false });
  expect({ missing: missing.map((f) => f.message), writes: p.writes.filter((w) => w.cell === "H14").map((w) => w.value) }).toEqual({ missing: [], writes: [] });
});

test("E. a failed batch half-way leaves every cell as it was (Office host, fake Excel)", async () => {
  const fake = new FakeExcel();
  fake.install();
  for (const g of grids) fake.addGrid(g);
  fake.active = SHEET;
  const host = new OfficeHost();
  const before = JSON.stringify([...fake.sheet(SHEET).cells.entries()]);
  const p = await planOf(host, true);
  fake.failNextWrite = true;
  await expect(host.fill({ sheet: SHEET, writes: p.writes, useFormulas: true })).rejects.toThrow(/未写入任何单元格/);
  expect(JSON.stringify([...fake.sheet(SHEET).cells.entries()])).toBe(before);
  expect(fake.parts.length).toBe(0);
});

test("F. undo after the sheet was renamed: Chinese error; earlier fills stay reachable", async () => {
  const { wb, host } = open();
  const p = await planOf(host, true);
  await host.fill({ sheet: SHEET, writes: p.writes, useFormulas: false });
  wb.sheet(SHEET)!.name = "改名";
  await expect(host.undoFill()).rejects.toThrow(/[\u4e00-\u9fff]/);
  wb.sheet("改名")!.name = SHEET;
  await expect(host.undoFill()).resolves.toBeTruthy();
});

test("G. fill then undo restores a formula cell and a text cell exactly (overwrite on)", async () => {
  const { wb, host } = open();
  const s = wb.sheet(SHEET)!;
  wb.type(SHEET, "H11", "'001");
  wb.type(SHEET, "H12", "=G12*0.5");
  wb.type(SHEET, "H13", "  ");
  const snap = () => ["H11", "H12", "H13", "H36", "I36", "H4"].map((c) => JSON.stringify(wb.content(s, c))).join(" ");
  const before = snap();
  const p = await planOf(host, true);
  await host.fill({ sheet: SHEET, writes: p.writes, useFormulas: true });
  await host.undoFill();
  expect(snap()).toBe(before);
});
