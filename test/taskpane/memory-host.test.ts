import { evaluateOneForm } from "../scoring/one-form";
import { planFill } from "../../src/scoring/fill/fill";
import type { Grid } from "../../src/scoring/grid/grid";
import { MemoryHost } from "../../src/taskpane/host/MemoryHost";
import { MemoryWorkbook } from "../../src/taskpane/host/memory-workbook";
import { evaluateFormula } from "../../src/taskpane/preview/formula-engine";
import { DEPARTMENT_SHEET, openMemoryHost, readDepartment } from "./host-setup";

const SHEET = DEPARTMENT_SHEET;
let grids: Grid[];

beforeAll(async () => {
  grids = await readDepartment();
});

const open = () => openMemoryHost(grids);

/** Every non-empty cell with its value and formula, to compare before and after. */
function cells(wb: MemoryWorkbook): string {
  const s = wb.sheet(SHEET)!;
  const out: string[] = [];
  const { rows, cols } = wb.extent(s);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) {
      const v = s.values[i]?.[j] ?? null;
      const f = s.formulas[i]?.[j] ?? null;
      if (v !== null || f !== null) out.push(`${i},${j}=${JSON.stringify(v)}|${f}`);
    }
  return out.join("\n");
}

async function plan(host: MemoryHost, overwrite: boolean) {
  const grid = (await host.read("active")).grids[0];
  return planFill(grid, evaluateOneForm(grid), { overwrite });
}

test("the memory host reads what the xlsx reader read: same findings", async () => {
  const { host } = open();
  const read = await host.read("workbook");
  expect(read.grids.map((g) => g.sheet)).toEqual(grids.map((g) => g.sheet));
  const a = evaluateOneForm(read.grids[0]).findings.map((f) => `${f.code}@${f.cell}`);
  const b = evaluateOneForm(grids[0]).findings.map((f) => `${f.code}@${f.cell}`);
  expect(a).toEqual(b);
  expect(a).toEqual(expect.arrayContaining(["SCORE_MISSING@H4", "TOTAL_MISMATCH@H36"]));
});

test("formulas written by the fill get their values from the functions' own formulas", async () => {
  const { wb, host } = open();
  const p = await plan(host, true);
  await host.fill({ sheet: SHEET, writes: p.writes, useFormulas: true });
  const s = wb.sheet(SHEET)!;
  expect(wb.content(s, "H4")).toEqual({ formula: "=JXZP.EXECSCORE(F4,D4,E4)", value: 10 });
  expect(wb.content(s, "H11")).toEqual({ formula: expect.stringMatching(/^=JXZP\.SCORE\(/), value: 1.95 });
  expect(wb.content(s, "H36").value).toBe(99.88);
  // The figures depend on the cells: a changed actual recalculates the score and the total.
  wb.type(SHEET, "F11", 240000);
  expect(wb.content(s, "H11").value).toBe(2);
  expect(wb.content(s, "H36").value).toBe(99.93);
});

test("fill, reopen, undo: every cell as before; a failed batch writes nothing", async () => {
  const { wb, host } = open();
  const before = cells(wb);
  const p = await plan(host, true);
  wb.failNextWrite = true;
  await expect(host.fill({ sheet: SHEET, writes: p.writes, useFormulas: true })).rejects.toThrow(/未写入任何单元格/);
  expect(cells(wb)).toBe(before);
  expect(await host.lastFill()).toBeNull();

  await host.fill({ sheet: SHEET, writes: p.writes, useFormulas: true });
  expect(cells(wb)).not.toBe(before);
  const reopened = new MemoryHost(wb);
  const r = await reopened.undoFill();
  expect(r.restored).toHaveLength(p.writes.length);
  expect(cells(wb)).toBe(before);
});

test("protected and deleted sheets: Chinese errors, nothing written", async () => {
  const { wb, host } = open();
  const p = await plan(host, false);
  wb.sheet(SHEET)!.protected = true;
  await expect(host.fill({ sheet: SHEET, writes: p.writes, useFormulas: false })).rejects.toThrow(/受保护/);
  wb.sheets = wb.sheets.filter((s) => s.name !== SHEET);
  await expect(host.fill({ sheet: SHEET, writes: p.writes, useFormulas: false })).rejects.toThrow(/找不到工作表/);
});

describe("the preview's formula engine", () => {
  const sheet = MemoryWorkbook.fromGrids([
    { sheet: "s", origin: { row: 0, col: 0 }, values: [[10, "≥95%", "97%", 0.1, 0.2, "x"]], merges: [] },
  ]).sheets[0];
  test.each([
    ["=JXZP.SCORE(A1,B1,C1)", 10],
    ["=JXZP.指标得分(A1,B1,C1)", 10],
    ["=SUM(A1,D1:E1)", 10.3],
    ["=D1+E1", 0.3],
    ['="等级："&JXZP.GRADE(95)', "等级：优"],
    ["=ROUND(2/3,2)", 0.67],
    ['=IFERROR(1/0,"")', null],
    ["=IF(A1>5,1,2)", 1],
    ["=NOPE(1)", "#NAME?"],
    ["=JXZP.SCORE(A1,F1,C1)", "#N/A"],
    ['=IFNA(JXZP.SCORE(A1,F1,C1),"—")', "—"],
    ['=IF(AND(G1="",H1=""),"",1)', null],
    ['=IF(AND(A1="",H1=""),"",1)', 1],
    ["=COUNT(A1:F1)", 3],
    ['=IF(COUNT(G1:H1)=0,"",SUM(G1:H1))', null],
  ])("%s", (f, v) => {
    expect(evaluateFormula(f, sheet)).toEqual(v);
  });
  // What the core's tokenizer brings: whole rows and columns, other sheets, error literals; text is never a reference.
  const book = MemoryWorkbook.fromGrids([
    { sheet: "s", origin: { row: 0, col: 0 }, values: [[10, "≥95%", "97%", 0.1, 0.2, "x"]], merges: [] },
    { sheet: "其他 表", origin: { row: 0, col: 0 }, values: [[5], [7]], merges: [] },
  ]);
  test.each([
    ["=SUM(1:1)", 10.3],
    ["=SUM(D:E)", 0.3],
    ["='其他 表'!A1*2", 10],
    ["=SUM('其他 表'!A:A)", 12],
    ["=s!A1+1", 11],
    ["=没有!A1", "#REF!"],
    ['="A1"&A1', "A110"],
    ["=#REF!+1", "#REF!"],
    ['=IFERROR(#N/A,"无")', "无"],
    ["=A1^2", "#NAME?"],
    ["=[1]s!A1", "#REF!"],
  ])("%s (with the workbook)", (f, v) => {
    expect(evaluateFormula(f, book.sheets[0], book)).toEqual(v);
  });
});
