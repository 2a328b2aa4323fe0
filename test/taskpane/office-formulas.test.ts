/**
 * Issue 16 points 1, 3 and 5 against the strict fake: in Chinese Excel the fill's JXZP formulas go
 * in through formulasLocal with the Chinese names and calculate; #BUSY! is waited for and never
 * reported as the person's mistake; where Excel shows #NAME? anyway, the cells are put back and
 * written as values, and the pane is told in Chinese; undo compares in the representation it wrote.
 */
import { evaluateOneForm as evaluateSheet } from "../scoring/one-form";
import { planFill } from "../../src/scoring/fill/fill";
import type { Grid } from "../../src/scoring/grid/grid";
import { OfficeHost } from "../../src/taskpane/host/OfficeHost";
import type { FakeExcel } from "./fake-excel";
import { DEPARTMENT_SHEET, fakeExcelEachTest, readDepartment } from "./host-setup";

const SHEET = DEPARTMENT_SHEET;
const WAIT = { tries: 4, delayMs: 0 };
let grids: Grid[];
let fake: FakeExcel;

beforeAll(async () => {
  grids = await readDepartment();
});

fakeExcelEachTest((f) => {
  fake = f;
  for (const g of grids) fake.addGrid(g);
  fake.active = SHEET;
});

async function plan(host: OfficeHost) {
  const grid = (await host.read("active")).grids[0];
  return planFill(grid, evaluateSheet(grid), { overwrite: true });
}

/** The cells a fill wrote as formulas, and what Excel shows in them now. */
const formulaCells = (cells: string[]) => cells.filter((c) => fake.cell(SHEET, c).formula !== null);

test("Chinese Excel: formulas through formulasLocal with the Chinese names; they calculate to the plan's figures", async () => {
  const host = new OfficeHost({ calcWait: WAIT });
  const p = await plan(host);
  const record = await host.fill({ sheet: SHEET, writes: p.writes, useFormulas: true });
  expect(record.channel).toBe("local:zh-CN");
  expect(record.notes).toBeUndefined();
  const h4 = record.cells.find((c) => c.cell === "H4")!;
  expect(h4.after.formula).toBe("=JXZP.执行率得分(F4,D4,E4)");
  const written = formulaCells(p.writes.map((w) => w.cell));
  expect(written.length).toBe(p.writes.length);
  fake.recalc();
  for (const w of p.writes) expect([w.cell, fake.shown(SHEET, w.cell)]).toEqual([w.cell, w.value]);
  expect([...fake.sheet(SHEET).unresolved]).toEqual([]);
});

test("English Excel (en-US): Range.formulas with the ids", async () => {
  fake.displayLanguage = "en-US";
  const host = new OfficeHost({ calcWait: WAIT });
  const p = await plan(host);
  const record = await host.fill({ sheet: SHEET, writes: p.writes, useFormulas: true });
  expect(record.channel).toBe("invariant");
  expect(record.cells.find((c) => c.cell === "H4")!.after.formula).toBe("=JXZP.EXECSCORE(F4,D4,E4)");
  expect([...fake.sheet(SHEET).unresolved]).toEqual([]);
});

test("#891 where the guess is wrong (an Excel that took the en-US names for en-GB): #NAME? is seen, the cells become values, and the pane is told", async () => {
  fake.displayLanguage = "en-GB";
  fake.overrideMatch = "language";
  const host = new OfficeHost({ calcWait: WAIT });
  const p = await plan(host);
  const record = await host.fill({ sheet: SHEET, writes: p.writes, useFormulas: true });
  expect(record.useFormulas).toBe(false);
  expect(record.notes?.join("")).toMatch(/没有识别加载项写入的函数名.*#NAME\?.*已把本次填写的 \d+ 个公式改为数值/);
  for (const w of p.writes) expect([w.cell, fake.cell(SHEET, w.cell)]).toEqual([w.cell, { value: w.value, formula: null }]);
  expect(fake.sheet(SHEET).unresolved.size).toBe(0);
  // The record in the workbook says values, so the undo compares values.
  const undone = await new OfficeHost({ calcWait: WAIT }).undoFill();
  expect(undone.keptChanged).toEqual([]);
  expect(fake.cell(SHEET, "H4").value).toBeNull();
});

test("an Excel whose formula language is unknown (de-DE): values, and why", async () => {
  fake.displayLanguage = "de-DE";
  const host = new OfficeHost({ calcWait: WAIT });
  const p = await plan(host);
  const record = await host.fill({ sheet: SHEET, writes: p.writes, useFormulas: true });
  expect(record.useFormulas).toBe(false);
  expect(record.notes).toEqual(["未写入公式：此 Excel 的小数点是“,”，公式中的参数分隔符因此不是逗号，加载项无法按本机格式写入公式；已改为写入数值。"]);
  expect(fake.cell(SHEET, "H4")).toEqual({ value: 10, formula: null });
});

test("#BUSY!: the fill waits for calculation; a validation right after it reads values, never #BUSY! as an error", async () => {
  fake.calcSyncs = 3;
  const host = new OfficeHost({ calcWait: WAIT });
  const p = await plan(host);
  const record = await host.fill({ sheet: SHEET, writes: p.writes, useFormulas: true });
  expect(record.notes).toBeUndefined();
  fake.calcSyncs = 3;
  // Typed again by the person: a fresh formula, still calculating when the validation reads it.
  await fake.run(async (c) => {
    (c as Excel.RequestContext).workbook.worksheets.getItem(SHEET).getRange("H4").formulasLocal = [["=JXZP.执行率得分(F4,D4,E4)"]];
    await (c as Excel.RequestContext).sync();
  });
  const read = await host.read("active");
  expect(read.grids[0].values.flat()).not.toContain("#BUSY!");
  const report = evaluateSheet(read.grids[0]);
  expect(report.findings.filter((f) => f.cell === "H4")).toEqual([]);
});

test("#BUSY! that outlasts the wait: an info finding that says it is not the form's fault, no error, no guessed total", async () => {
  const host = new OfficeHost({ calcWait: { tries: 1, delayMs: 0 } });
  const p = await plan(host);
  fake.calcSyncs = Infinity;
  const record = await host.fill({ sheet: SHEET, writes: p.writes, useFormulas: true });
  expect(record.notes?.join("")).toMatch(/仍在计算（显示 #BUSY!）.*这不是错误/);
  const report = evaluateSheet((await host.read("active")).grids[0]);
  const h4 = report.findings.filter((f) => f.cell === "H4");
  expect(h4.map((f) => [f.code, f.severity])).toEqual([["NOT_CALCULATED", "info"]]);
  expect(h4[0].message).toMatch(/还在计算中.*这不是表格的错误/);
  expect(report.findings.filter((f) => f.severity === "error" && /BUSY/.test(f.message))).toEqual([]);
});

test("undo compares in the representation it wrote: formulasLocal records restore, a changed cell is kept", async () => {
  const host = new OfficeHost({ calcWait: WAIT });
  const p = await plan(host);
  fake.sheet(SHEET).cells.set("H36", { value: null, formula: "=SUM(H5:H35)" });
  fake.recalc();
  const p2 = await plan(host);
  await host.fill({ sheet: SHEET, writes: p2.writes, useFormulas: true });
  // The person retypes H12 with another figure after the fill.
  fake.sheet(SHEET).cells.set("H12", { value: 1.5 });
  const r = await new OfficeHost({ calcWait: WAIT }).undoFill();
  expect(r.keptChanged).toEqual(["H12"]);
  expect(r.restored).toEqual(expect.arrayContaining(["H4", "H11"]));
  // The person's total formula is back (its value follows the figures now in the form).
  expect(fake.cell(SHEET, "H36").formula).toBe("=SUM(H5:H35)");
  expect(fake.cell(SHEET, "H12").value).toBe(1.5);
  expect(p.writes.length).toBeGreaterThan(0);
});

test("undo on desktop, where the hidden name comes back localized (#2834), still finds the cells", async () => {
  fake.platform = "windows";
  fake.displayLanguage = "zh-CN";
  const host = new OfficeHost({ calcWait: WAIT });
  const p = await plan(host);
  await host.fill({ sheet: SHEET, writes: p.writes, useFormulas: true });
  fake.editSheet(SHEET, "row", 13, 1);
  const r = await host.undoFill();
  expect(r.keptChanged).toEqual([]);
  expect(fake.cell(SHEET, "H5").value).toBeNull();
});
