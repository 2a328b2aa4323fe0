/**
 * WpsHost against the fake WPS (fake-et.ts): reading the shared corpus and fixtures gives the
 * same reports as OfficeHost on the fake Excel for the same workbook; marks, fill, undo (after
 * reopening, after rows are inserted, never over later typing), template insertion with and
 * without add-in functions.
 */
import fs from "node:fs";
import path from "node:path";
import { readWorkbookFile } from "../../src/readers/xlsx-file";
import { evaluateSheet } from "../../src/scoring/evaluate";
import { evaluateOneForm } from "../scoring/one-form";
import { planFill } from "../../src/scoring/fill/fill";
import type { Grid } from "../../src/scoring/grid/grid";
import type { SheetReport } from "../../src/scoring/findings/sheet-report";
import { OfficeHost } from "../../src/taskpane/host/OfficeHost";
import { FUNCTIONS_KEY, WpsHost } from "../../src/taskpane/host/WpsHost";
import { etApplication } from "../../src/taskpane/host/wps-app";
import { UNDO_SHEET } from "../../src/taskpane/host/wps-undo-store";
import { FakeExcel } from "../taskpane/fake-excel";
import { FakeEt, type FakeEtOptions } from "./fake-et";

const FIXTURES = path.join(__dirname, "..", "fixtures");
const CORPUS = path.join(FIXTURES, "corpus");
const FILES = [
  ...fs
    .readdirSync(CORPUS)
    .filter((f) => f.endsWith(".xlsx"))
    .map((f) => path.join(CORPUS, f)),
  path.join(FIXTURES, "zhuzhou-2021-department.xlsx"),
  path.join(FIXTURES, "huangshi-2021-project.xlsx"),
  path.join(FIXTURES, "panzhihua-2021-completion.xlsx"),
];
const ZHUZHOU = "部门整体支出绩效自评表";

const grids = new Map<string, Grid[]>();
beforeAll(async () => {
  for (const f of FILES) grids.set(f, await readWorkbookFile(f));
});

function wpsOn(file: string, options: FakeEtOptions = {}): { fake: FakeEt; host: WpsHost } {
  const fake = FakeEt.fromGrids(grids.get(file)!, options);
  const root = fake.root as never;
  return { fake, host: new WpsHost(() => etApplication(root), root) };
}

/** What a person sees of a report: kind, total, grade and every finding with its cell. */
const summary = (r: SheetReport) => ({
  kind: r.kind,
  total: r.total?.computed ?? null,
  grade: r.grade?.computed ?? null,
  findings: r.findings.map((f) => `${f.severity}:${f.code}@${f.cell}`),
});

describe("reading: the same reports as the Excel host on the same workbook", () => {

  test.each(FILES.map((f) => [path.basename(f), f]))("%s, every sheet", async (_, file) => {
    const { host } = wpsOn(file);
    const wps = await host.read("workbook");
    const excel = new FakeExcel();
    for (const g of grids.get(file)!) excel.addGrid(g);
    const uninstall = excel.install();
    const office = await new OfficeHost().read("workbook").finally(uninstall);
    expect(wps.grids.map((g) => g.sheet)).toEqual(office.grids.map((g) => g.sheet));
    wps.grids.forEach((g, i) => {
      expect(evaluateSheet(g).map(summary)).toEqual(evaluateSheet(office.grids[i]).map(summary));
      // And the same merged areas as the file holds, found without asking cell by cell.
      expect([...g.merges].sort()).toEqual([...grids.get(file)![i].merges].sort());
    });
  });

  test.each<[string, FakeEtOptions]>([
    ["empty cells as null", { emptyAs: null }],
    ["empty cells as empty text", { emptyAs: "" }],
    ["error cells as CVErr numbers", { errorsAsCodes: true }],
    ["General spelled G/通用格式", { general: "G/通用格式" }],
  ])("what WPS does not document, each way: %s", async (_, options) => {
    const file = path.join(FIXTURES, "zhuzhou-2021-department.xlsx");
    const plain = await wpsOn(file).host.read("workbook");
    const other = await wpsOn(file, options).host.read("workbook");
    expect(other.grids.map((g) => evaluateSheet(g).map(summary))).toEqual(plain.grids.map((g) => evaluateSheet(g).map(summary)));
  });

  test("a percent-formatted figure keeps its format; the active sheet is read in fewer calls than it has cells, not cell by cell", async () => {
    const file = path.join(FIXTURES, "huangshi-2021-project.xlsx");
    const { fake, host } = wpsOn(file);
    fake.calls = 0;
    const read = await host.read("active");
    const g = read.grids[0];
    const cells = g.values.length * Math.max(...g.values.map((r) => r.length));
    // Cell by cell would be at least three calls a cell (Range, Value2, Formula); this is less than one.
    expect(fake.calls).toBeLessThan(cells);
    expect(g.numberFormats!.flat()).toContain("0.00%");
  });

  test("the hidden undo sheet is never read as a form, and no workbook gives a Chinese error", async () => {
    const { fake, host } = wpsOn(path.join(FIXTURES, "zhuzhou-2021-department.xlsx"));
    const plan = planFill((await host.read("active")).grids[0], evaluateOneForm((await host.read("active")).grids[0]), { overwrite: false });
    await host.fill({ sheet: ZHUZHOU, writes: plan.writes, useFormulas: false });
    expect(fake.workbook.sheet(UNDO_SHEET)).toBeDefined();
    expect((await host.read("workbook")).grids.map((g) => g.sheet)).not.toContain(UNDO_SHEET);
    fake.closed = true;
    await expect(host.read("active")).rejects.toThrow(/没有打开的工作簿/);
  });
});

describe("marks", () => {
  test("marks are the add-in's own conditional formats; the person's fill colours and rules stay; clearing takes exactly ours", async () => {
    const { fake, host } = wpsOn(path.join(FIXTURES, "zhuzhou-2021-department.xlsx"));
    const app = etApplication(fake.root as never)!;
    const ws = app.ActiveWorkbook.Worksheets.Item(ZHUZHOU) as Et.Worksheet;
    ws.Range("H4").Interior.Color = 255;
    ws.Range("A1:B2").FormatConditions.Add(2, undefined, "=A1>0");
    const report = evaluateOneForm((await host.read("active")).grids[0]);
    const marks = report.findings.filter((f) => f.cell).map((f) => ({ cell: f.cell!, severity: f.severity }));
    const n = await host.mark(ZHUZHOU, marks);
    expect(n).toBe(new Set(marks.map((m) => m.cell)).size);
    const ours = fake.formatConditions(ZHUZHOU).filter((fc) => fc.formula.includes("JXZP-MARK"));
    expect(ours.map((fc) => fc.color)).toContain(0xe9e7fd); // #FDE7E9 as BGR
    expect(await host.markedSheets()).toEqual([ZHUZHOU]);
    // Marking again replaces, never piles up.
    await host.mark(ZHUZHOU, marks);
    expect(fake.formatConditions(ZHUZHOU).filter((fc) => fc.formula.includes("JXZP-MARK"))).toHaveLength(ours.length);
    expect(await host.clearMarks()).toBe(ours.length);
    expect(fake.formatConditions(ZHUZHOU).map((fc) => fc.formula)).toEqual(["=A1>0"]);
    expect(fake.extraOf(fake.sheet(ZHUZHOU)).interior.get("H4")).toBe(255);
    expect(await host.markedSheets()).toEqual([]);
  });

  test("a protected sheet: a Chinese error, nothing added", async () => {
    const { fake, host } = wpsOn(path.join(FIXTURES, "zhuzhou-2021-department.xlsx"));
    fake.sheet(ZHUZHOU).protected = true;
    await expect(host.mark(ZHUZHOU, [{ cell: "H4", severity: "error" }])).rejects.toThrow(/受保护/);
    expect(fake.formatConditions(ZHUZHOU)).toEqual([]);
  });
});

describe("select and changes", () => {
  test("go to a finding's cell on another sheet: activated, then selected", async () => {
    const { fake, host } = wpsOn(path.join(FIXTURES, "zhuzhou-2021-department.xlsx"));
    fake.workbook.activeSheet = "公务用车购置";
    await host.select(ZHUZHOU, "H36");
    expect(fake.workbook.activeSheet).toBe(ZHUZHOU);
    expect(fake.workbook.selection).toEqual({ sheet: ZHUZHOU, cell: "H36" });
    await expect(host.select("已删除", "A1")).rejects.toThrow(/找不到工作表/);
  });

  test("SheetChange calls back until unsubscribed", async () => {
    const { fake, host } = wpsOn(path.join(FIXTURES, "zhuzhou-2021-department.xlsx"));
    let n = 0;
    const off = await host.onChange(() => n++);
    fake.type(ZHUZHOU, "Z1", 1);
    off();
    fake.type(ZHUZHOU, "Z2", 1);
    expect(n).toBe(1);
    expect(fake.listenerCount("SheetChange")).toBe(0);
  });
});

describe("fill and undo", () => {
  async function planOn(host: WpsHost, overwrite: boolean) {
    const grid = (await host.read("active")).grids[0];
    return planFill(grid, evaluateOneForm(grid), { overwrite });
  }
  const dump = (fake: FakeEt, sheet: string) => JSON.stringify(fake.workbook.grid(fake.sheet(sheet)));

  test("round trip after reopening: the record is in the workbook, every cell comes back", async () => {
    const file = path.join(FIXTURES, "zhuzhou-2021-department.xlsx");
    const { fake, host } = wpsOn(file);
    const before = dump(fake, ZHUZHOU);
    const plan = await planOn(host, true);
    expect(plan.writes.length).toBeGreaterThan(2);
    const record = await host.fill({ sheet: ZHUZHOU, writes: plan.writes, useFormulas: true });
    expect(fake.cell(ZHUZHOU, "H4").formula).toBe("=JXZP.EXECSCORE(F4,D4,E4)");
    expect(fake.cell(ZHUZHOU, "H4").value).toBe(10);
    expect(fake.extraOf(fake.workbook.sheet(UNDO_SHEET)!).visible).toBe(2);
    expect(fake.workbook.activeSheet).toBe(ZHUZHOU);
    // A new host over the same workbook, as after closing the pane or reopening the file.
    const reopened = new WpsHost(() => etApplication(fake.root as never), fake.root as never);
    expect((await reopened.lastFill())?.id).toBe(record.id);
    const undone = await reopened.undoFill();
    expect(undone.keptChanged).toEqual([]);
    expect(dump(fake, ZHUZHOU)).toBe(before);
    expect(fake.workbook.sheet(UNDO_SHEET)).toBeUndefined();
    expect(fake.alerts).toBe(0);
    expect(await reopened.lastFill()).toBeNull();
  });

  test("a cell typed over after the fill is kept, and said", async () => {
    const { fake, host } = wpsOn(path.join(FIXTURES, "zhuzhou-2021-department.xlsx"));
    const plan = await planOn(host, true);
    await host.fill({ sheet: ZHUZHOU, writes: plan.writes, useFormulas: false });
    fake.type(ZHUZHOU, "H11", 1.5);
    const undone = await host.undoFill();
    expect(undone.keptChanged).toEqual(["H11"]);
    expect(fake.cell(ZHUZHOU, "H11").value).toBe(1.5);
  });

  test("rows inserted above after the fill: undo restores the cells where they are now, never the person's", async () => {
    const { fake, host } = wpsOn(path.join(FIXTURES, "zhuzhou-2021-department.xlsx"));
    const before = fake.cell(ZHUZHOU, "H4");
    const plan = await planOn(host, false);
    expect(plan.writes.map((w) => w.cell)).toEqual(["H4"]);
    await host.fill({ sheet: ZHUZHOU, writes: plan.writes, useFormulas: false });
    fake.editRows(ZHUZHOU, 0, 2);
    fake.type(ZHUZHOU, "H4", "人写的");
    const undone = await host.undoFill();
    expect(undone.restored).toEqual(["H6"]);
    expect(fake.cell(ZHUZHOU, "H6")).toEqual(before);
    expect(fake.cell(ZHUZHOU, "H4").value).toBe("人写的");
  });

  test("a write failing half-way: every cell put back, no record left, a Chinese error", async () => {
    const { fake, host } = wpsOn(path.join(FIXTURES, "zhuzhou-2021-department.xlsx"));
    const before = dump(fake, ZHUZHOU);
    const plan = await planOn(host, true);
    // The undo sheet takes its writes first (ClearContents, marker and one piece); then fail at the third cell.
    fake.failAtWrite = 5;
    await expect(host.fill({ sheet: ZHUZHOU, writes: plan.writes, useFormulas: false })).rejects.toThrow(/已恢复原有内容/);
    expect(dump(fake, ZHUZHOU)).toBe(before);
    expect(await host.lastFill()).toBeNull();
  });

  test("a workbook whose structure is protected: no record can be kept, so nothing is written", async () => {
    const { fake, host } = wpsOn(path.join(FIXTURES, "zhuzhou-2021-department.xlsx"));
    fake.structureProtected = true;
    const before = dump(fake, ZHUZHOU);
    const plan = await planOn(host, true);
    await expect(host.fill({ sheet: ZHUZHOU, writes: plan.writes, useFormulas: false })).rejects.toThrow(/工作簿结构受保护/);
    expect(dump(fake, ZHUZHOU)).toBe(before);
  });

  test("a WPS without add-in functions: formulas asked for, figures written; the pane is told why", async () => {
    const { fake, host } = wpsOn(path.join(FIXTURES, "zhuzhou-2021-department.xlsx"), { functions: false });
    expect(host.capabilities().formulas).toEqual({ ok: false, needs: expect.stringContaining("12.1.0.20540") });
    const plan = await planOn(host, false);
    const record = await host.fill({ sheet: ZHUZHOU, writes: plan.writes, useFormulas: true });
    expect(record.notes?.join("")).toContain("已改为写入数值");
    expect(fake.cell(ZHUZHOU, "H4")).toEqual({ value: 10, formula: null });
    // main.js said the functions were registered: the pane believes it.
    fake.storage.set(FUNCTIONS_KEY, "ok");
    expect(host.capabilities().formulas.ok).toBe(true);
  });
});

describe("定稿", () => {
  test("JXZP formulas become their values; marks, the hidden undo sheet and the hidden names go; other formulas stay", async () => {
    const { fake, host } = wpsOn(path.join(FIXTURES, "zhuzhou-2021-department.xlsx"));
    fake.type(ZHUZHOU, "Z1", "=SUM(F4,1)");
    const grid = (await host.read("active")).grids[0];
    const report = evaluateOneForm(grid);
    await host.mark(ZHUZHOU, [{ cell: "H4", severity: "error" }]);
    const plan = planFill(grid, report, { overwrite: true });
    await host.fill({ sheet: ZHUZHOU, writes: plan.writes, useFormulas: true });
    const jxzpCells = plan.writes.filter((w) => w.formula && /JXZP\./.test(w.formula)).map((w) => w.cell);
    expect(jxzpCells.length).toBeGreaterThan(1);
    const values = Object.fromEntries(jxzpCells.map((c) => [c, fake.cell(ZHUZHOU, c).value]));
    const r = await host.finalize();
    expect(r.converted).toEqual([{ sheet: ZHUZHOU, cells: expect.arrayContaining(jxzpCells) }]);
    for (const c of jxzpCells) expect(fake.cell(ZHUZHOU, c)).toEqual({ value: values[c], formula: null });
    expect(fake.cell(ZHUZHOU, "Z1").formula).toBe("=SUM(F4,1)");
    expect(r.marksRemoved).toBe(1);
    expect(r.undoRecordsRemoved).toBe(1);
    expect(r.namesRemoved).toBe(1);
    expect(fake.workbook.sheet(UNDO_SHEET)).toBeUndefined();
    expect([...fake.workbook.names.keys()]).toEqual([]);
    expect(fake.alerts).toBe(0);
  });
});

describe("template insertion", () => {
  test("a new sheet at the end with the form's formulas; every other sheet as it was", async () => {
    const { fake, host } = wpsOn(path.join(FIXTURES, "zhuzhou-2021-department.xlsx"));
    const before = fake.workbook.sheets.map((s) => JSON.stringify(fake.workbook.grid(s)));
    const r = await host.insertTemplate("project", { year: 2024, rowsPerLevel2: 2 } as never);
    expect(r.name).toBe("项目支出绩效自评表");
    expect(fake.workbook.sheets.map((s) => s.name).slice(-1)).toEqual([r.name]);
    expect(fake.workbook.activeSheet).toBe(r.name);
    expect(fake.workbook.sheets.slice(0, -1).map((s) => JSON.stringify(fake.workbook.grid(s)))).toEqual(before);
    const formulas = fake.workbook.sheet(r.name)!.formulas.flat().filter(Boolean);
    expect(formulas.some((f) => /JXZP\./.test(f!))).toBe(true);
    expect(fake.workbook.sheet(r.name)!.merges.length).toBeGreaterThan(5);
    // A second one gets its own name.
    expect((await host.insertTemplate("project", { year: 2024, rowsPerLevel2: 2 } as never)).name).toBe("项目支出绩效自评表 (2)");
  });

  test("without add-in functions: no #NAME? anywhere, each JXZP formula noted in a comment", async () => {
    const { fake, host } = wpsOn(path.join(FIXTURES, "zhuzhou-2021-department.xlsx"), { functions: false });
    const r = await host.insertTemplate("project", { year: 2024, rowsPerLevel2: 2 } as never);
    const s = fake.workbook.sheet(r.name)!;
    expect(s.values.flat()).not.toContain("#NAME?");
    expect(s.formulas.flat().filter((f) => f && /JXZP\./.test(f))).toEqual([]);
    const comments = [...fake.extraOf(s).comments.values()];
    expect(comments.length).toBeGreaterThan(3);
    expect(comments.every((c) => /^此格应为公式 =.*JXZP\./.test(c))).toBe(true);
    expect(r.skipped.join("")).toContain("公式记在批注中");
  });
});
