/**
 * An undo finds the fill's cells where they are now: a hidden defined name keeps them, and Excel
 * (or the in-memory workbook standing in for it) moves the name with the rows and columns.
 */
import { evaluateOneForm } from "../scoring/one-form";
import { planFill } from "../../src/scoring/fill/fill";
import type { Grid } from "../../src/scoring/grid/grid";
import { formulaRefs, namedRefs, readNamedRefs, formulaAfterEdit, refAfterEdit, withRefs } from "../../src/taskpane/host/cell-refs";
import { trackName } from "../../src/taskpane/host/fill-record";
import { MemoryHost } from "../../src/taskpane/host/MemoryHost";
import { MemoryWorkbook } from "../../src/taskpane/host/memory-workbook";
import { OfficeHost } from "../../src/taskpane/host/OfficeHost";
import { FakeExcel } from "./fake-excel";
import { DEPARTMENT_SHEET, openMemoryHost, readDepartment, withFakeExcel } from "./host-setup";

const SHEET = DEPARTMENT_SHEET;
let grids: Grid[];
beforeAll(async () => {
  grids = await readDepartment();
});

describe("references move as Excel moves them", () => {
  test.each([
    ["H14", { axis: "row", at: 13, count: 1 }, "H15"],
    ["H14", { axis: "row", at: 14, count: 1 }, "H14"],
    ["H11:H35", { axis: "row", at: 20, count: 2 }, "H11:H37"],
    ["H11:H35", { axis: "row", at: 10, count: 1 }, "H12:H36"],
    ["H11:H35", { axis: "row", at: 35, count: 1 }, "H11:H35"],
    ["H14", { axis: "row", at: 13, count: -1 }, null],
    ["H11:H35", { axis: "row", at: 10, count: -2 }, "H11:H33"],
    ["H11:H12", { axis: "row", at: 10, count: -2 }, null],
    ["$H$14", { axis: "col", at: 2, count: 1 }, "$I$14"],
    ["H14", { axis: "col", at: 7, count: -1 }, null],
  ] as const)("%s after %j is %s", (ref, edit, expected) => {
    expect(refAfterEdit(ref, edit)).toBe(expected);
  });

  test("formulas: own-sheet references move, text and function names do not, deleted ones read #REF!", () => {
    const edit = { sheet: "表", axis: "row", at: 3, count: 1 } as const;
    expect(formulaAfterEdit('="等级："&JXZP.GRADE(H36)', "表", edit)).toBe('="等级："&JXZP.GRADE(H37)');
    expect(formulaAfterEdit("=SUM(H4,H11:H35)+LOG10(A1)+'其他'!H9", "表", edit)).toBe("=SUM(H5,H12:H36)+LOG10(A1)+'其他'!H9");
    expect(formulaAfterEdit("=H4*2", "表", { ...edit, count: -1 })).toBe("=#REF!*2");
    expect(formulaRefs("=JXZP.SCORE(G14,E14,F14)")).toEqual(["G14", "E14", "F14"]);
    expect(withRefs("=JXZP.SCORE(G14,E14,F14)", ["G15", null, "F15"])).toBe("=JXZP.SCORE(G15,#REF!,F15)");
  });

  test("a defined name lists its areas; Excel's #REF! reads as gone", () => {
    const f = namedRefs("表'1", ["H4", "H11:H35"]);
    expect(f).toBe("='表''1'!$H$4,'表''1'!$H$11:$H$35");
    expect(readNamedRefs(f)).toEqual([
      { sheet: "表'1", ref: "H4" },
      { sheet: "表'1", ref: "H11:H35" },
    ]);
    expect(readNamedRefs("='表'!#REF!,'表'!$H$5")).toEqual([null, { sheet: "表", ref: "H5" }]);
  });
});

const open = () => openMemoryHost(grids, { engine: false });

async function blankAndPlan(wb: MemoryWorkbook, host: MemoryHost) {
  for (let r = 11; r <= 19; r++) wb.type(SHEET, `H${r}`, "");
  wb.type(SHEET, "H36", "");
  const grid = (await host.read("active")).grids[0];
  return planFill(grid, evaluateOneForm(grid));
}

test("regression: a person changing the cell left of a filled score (its old anchor) no longer keeps the fill's score", async () => {
  const { wb, host } = open();
  const s = wb.sheet(SHEET)!;
  const plan = await blankAndPlan(wb, host);
  await host.fill({ sheet: SHEET, writes: plan.writes, useFormulas: false });
  wb.type(SHEET, "G14", "");
  const res = await host.undoFill();
  expect(res.keptChanged).toEqual([]);
  expect(wb.content(s, "H14")).toEqual({ formula: null, value: null });
  expect(wb.names.size).toBe(0);
});

test("formulas written by the fill are found after rows are inserted inside and above the table, and put back", async () => {
  const { wb, host } = open();
  const s = wb.sheet(SHEET)!;
  const plan = await blankAndPlan(wb, host);
  await host.fill({ sheet: SHEET, writes: plan.writes, useFormulas: true });
  const total = wb.content(s, "H36").formula!;
  expect(total).toMatch(/^=SUM\(/);
  wb.editSheet(SHEET, "row", 15, 2);
  wb.editSheet(SHEET, "row", 2, 1);
  expect(wb.content(s, "H39").formula).not.toBe(total);
  wb.type(SHEET, "H17", 7);
  const res = await host.undoFill();
  expect(res.keptChanged).toEqual([]);
  expect(wb.content(s, "H39")).toEqual({ formula: null, value: null });
  expect(wb.content(s, "H17").value).toBe(7);
  expect(wb.content(s, "H12")).toEqual({ formula: null, value: null });
});

test("Office: the fill keeps a hidden name; after Excel moved it, the undo restores the cells where they are now", async () => {
  const fake = new FakeExcel();
  for (const g of grids) fake.addGrid(g);
  fake.active = SHEET;
  await withFakeExcel(fake, async () => {
    const sh = fake.sheet(SHEET);
    for (let r = 11; r <= 19; r++) sh.cells.delete(`H${r}`);
    sh.cells.delete("H36");
    const host = new OfficeHost();
    const grid = (await host.read("active")).grids[0];
    const plan = planFill(grid, evaluateOneForm(grid));
    const record = await host.fill({ sheet: SHEET, writes: plan.writes, useFormulas: false });
    const name = fake.names.get(trackName(record))!;
    expect(name.visible).toBe(false);
    // Excel inserts a row at 14: cells from row 14 down move one down, and so does the name.
    const edit = { sheet: SHEET, axis: "row", at: 13, count: 1 } as const;
    const moved = new Map([...sh.cells].map(([a, c]) => [refAfterEdit(a, edit)!, c]));
    sh.cells = moved;
    name.formula = formulaAfterEdit(name.formula, "", edit);
    sh.cells.set("H14", { value: 2 });
    const res = await host.undoFill();
    expect(res.keptChanged).toEqual([]);
    expect(fake.cell(SHEET, "H14").value).toBe(2);
    for (const c of ["H12", "H13", "H15", "H20", "H37"]) expect(fake.cell(SHEET, c).value).toBeNull();
    expect(fake.names.size).toBe(0);
  });
});
