import { evaluateOneForm } from "../scoring/one-form";
import { planFill } from "../../src/scoring/fill/fill";
import type { Grid } from "../../src/scoring/grid/grid";
import { refreshMarks } from "../../src/taskpane/app/marks";
import { marksOf, validate } from "../../src/taskpane/app/validation";
import { MemoryHost } from "../../src/taskpane/host/MemoryHost";
import { MemoryWorkbook } from "../../src/taskpane/host/memory-workbook";
import { DEPARTMENT_SHEET, openMemoryHost, readDepartment } from "./host-setup";

/** After a fill or an undo, the marks follow the fresh validation or leave the changed sheet (issue 10). */
const SHEET = DEPARTMENT_SHEET;
let grids: Grid[];

beforeAll(async () => {
  grids = await readDepartment();
});

const open = () => openMemoryHost(grids, { active: SHEET });

const marksOn = (wb: MemoryWorkbook, sheet: string) => Object.fromEntries(wb.sheet(sheet)!.marks);

async function markAll(host: MemoryHost, scope: "active" | "workbook") {
  const v = await validate(host, scope);
  for (const r of v.reports) await host.mark(r.sheet, marksOf([r]));
  return v;
}

async function fillAll(host: MemoryHost) {
  const grid = (await host.read("active")).grids[0];
  const plan = planFill(grid, evaluateOneForm(grid), { overwrite: true });
  await host.fill({ sheet: SHEET, writes: plan.writes, useFormulas: false });
  return plan.writes.map((w) => w.cell);
}

test("with fresh results: a marked sheet gets exactly the fresh marks, after the fill and after the undo", async () => {
  const { wb, host } = open();
  const before = await markAll(host, "active");
  const first = marksOn(wb, SHEET);
  expect(first).toMatchObject({ H4: "error", H36: "error", H11: "warning" });

  const written = await fillAll(host);
  expect(written).toEqual(expect.arrayContaining(["H4", "H11", "H36"]));
  const afterFill = await validate(host, "active");
  expect(await refreshMarks(host, afterFill, SHEET)).toEqual([SHEET]);
  expect(marksOn(wb, SHEET)).toEqual(Object.fromEntries(marksOf(afterFill.reports).map((m) => [m.cell, m.severity])));
  for (const c of written) expect(marksOn(wb, SHEET)[c]).toBeUndefined();

  await host.undoFill();
  const afterUndo = await validate(host, "active");
  await refreshMarks(host, afterUndo, SHEET);
  expect(marksOn(wb, SHEET)).toEqual(first);
  expect(afterUndo.reports[0].findings).toEqual(before.reports[0].findings);
});

test("without fresh results (the pane reopened): the changed sheet's marks go, other sheets' stay", async () => {
  const { wb, host } = open();
  await markAll(host, "workbook");
  const others = wb.sheets.filter((s) => s.name !== SHEET && s.marks.size > 0).map((s) => s.name);
  expect(others.length).toBeGreaterThan(0);
  const kept = Object.fromEntries(others.map((o) => [o, marksOn(wb, o)]));
  await fillAll(host);
  expect(await refreshMarks(host, null, SHEET)).toEqual([SHEET]);
  expect(wb.sheet(SHEET)!.marks.size).toBe(0);
  for (const o of others) expect(marksOn(wb, o)).toEqual(kept[o]);
});

test("a sheet nobody marked stays unmarked", async () => {
  const { wb, host } = open();
  await fillAll(host);
  const fresh = await validate(host, "active");
  expect(marksOf(fresh.reports).length).toBeGreaterThan(0);
  expect(await refreshMarks(host, fresh, SHEET)).toEqual([]);
  expect(wb.sheets.every((s) => s.marks.size === 0)).toBe(true);
});
