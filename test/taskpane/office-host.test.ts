import { evaluateOneForm } from "../scoring/one-form";
import { planFill } from "../../src/scoring/fill/fill";
import type { Grid } from "../../src/scoring/grid/grid";
import { HostError, toHostError } from "../../src/taskpane/host/host-error";
import { OfficeHost } from "../../src/taskpane/host/OfficeHost";
import { UNDO_NAMESPACE } from "../../src/taskpane/host/undo-xml";
import type { FakeExcel } from "./fake-excel";
import { DEPARTMENT_SHEET, fakeExcelEachTest, readDepartment } from "./host-setup";

const ZHUZHOU_SHEET = DEPARTMENT_SHEET;

let fake: FakeExcel;
let zhuzhou: Grid[];

beforeAll(async () => {
  zhuzhou = await readDepartment();
});

fakeExcelEachTest((f) => (fake = f));

function loadZhuzhou(): void {
  for (const g of zhuzhou) fake.addGrid(g);
  fake.active = ZHUZHOU_SHEET;
}

/** Every cell of a sheet as [address, value, formula], to compare before and after. */
function snapshot(sheet: string): [string, unknown, string | null][] {
  return [...fake.sheet(sheet).cells.entries()].map(([a, c]) => [a, c.value, c.formula ?? null] as [string, unknown, string | null]).sort((x, y) => x[0].localeCompare(y[0]));
}

describe("reading through the one adapter", () => {
  test("the active sheet: values, number formats and merges in at most 2 syncs", async () => {
    fake.addSheet("表1", { B2: "名称", C2: 12.5, D3: { value: 0.9996, format: "0.00%" } }, ["B2:B3"]);
    const read = await new OfficeHost().read("active");
    expect(fake.syncs).toBeLessThanOrEqual(2);
    expect(read.activeSheet).toBe("表1");
    expect(read.grids).toHaveLength(1);
    const g = read.grids[0];
    expect(g.origin).toEqual({ row: 1, col: 1 });
    expect(g.values).toEqual([
      ["名称", 12.5, null],
      [null, null, 0.9996],
    ]);
    expect(g.numberFormats?.[1][2]).toBe("0.00%");
    expect(g.numberFormats?.[0][0]).toBeNull();
    expect(g.merges).toEqual(["B2:B3"]);
  });

  test("a stray mark at XFD1048576: values are loaded only where a form can be, in the same syncs, and the mark is noted", async () => {
    loadZhuzhou();
    fake.sheet(ZHUZHOU_SHEET).cells.set("XFD1048576", { value: "x" });
    const read = await new OfficeHost().read("active");
    expect(fake.syncs).toBeLessThanOrEqual(2);
    // The values asked for are limited to A1:GR10000; only the whole sheet's address is asked beyond it.
    expect(fake.usedRangeLoads.filter((l) => l.within !== null).map((l) => l.within)).toEqual(["A1:GR10000"]);
    const g = read.grids[0];
    expect(g.values.length).toBeLessThan(100);
    expect(Math.max(...g.values.map((r) => r.length))).toBeLessThan(20);
    expect(read.notes).toEqual(["工作表“部门整体支出绩效自评表”在 XFD1048576 等处有超出读取范围（前 10000 行、前 200 列）的内容，已忽略；自评表不会在那里。"]);
    expect(evaluateOneForm(g).kind).toBe("department");
  });

  test("an empty sheet reads as an empty grid", async () => {
    fake.addSheet("空表", {});
    const read = await new OfficeHost().read("active");
    expect(read.grids[0]).toEqual({ sheet: "空表", origin: { row: 0, col: 0 }, values: [], numberFormats: [], merges: [] });
  });

  test.each([1, 5, 40])("a workbook of %i sheets in at most 3 syncs", async (n) => {
    for (let i = 0; i < n; i++) fake.addSheet(`S${i}`, { A1: i, B2: `t${i}` }, i % 2 ? ["A1:A2"] : []);
    fake.active = `S${n - 1}`;
    const read = await new OfficeHost().read("workbook");
    expect(fake.syncs).toBeLessThanOrEqual(3);
    expect(read.grids.map((g) => g.sheet)).toEqual(Array.from({ length: n }, (_, i) => `S${i}`));
    expect(read.grids[n - 1].values[0][0]).toBe(n - 1);
    expect(read.activeSheet).toBe(`S${n - 1}`);
  });

  test("the zhuzhou fixture read through Office.js gives the findings EXPECTED.md lists", async () => {
    loadZhuzhou();
    const read = await new OfficeHost().read("workbook");
    expect(fake.syncs).toBeLessThanOrEqual(3);
    expect(read.grids).toHaveLength(zhuzhou.length);
    const report = evaluateOneForm(read.grids.find((g) => g.sheet === ZHUZHOU_SHEET)!);
    const errors = report.findings.filter((f) => f.severity === "error").map((f) => `${f.code}@${f.cell}`);
    expect(errors.sort()).toEqual(["SCORE_MISSING@H4", "TOTAL_MISMATCH@H36"]);
    // The same findings as from the .xlsx reader: the two adapters agree.
    const direct = evaluateOneForm(zhuzhou.find((g) => g.sheet === ZHUZHOU_SHEET)!);
    expect(report.findings.map((f) => `${f.code}@${f.cell}`)).toEqual(direct.findings.map((f) => `${f.code}@${f.cell}`));
  });
});

describe("selecting a finding's cell", () => {
  test("activates the sheet, syncs, then selects", async () => {
    loadZhuzhou();
    fake.active = zhuzhou[1].sheet;
    await new OfficeHost().select(ZHUZHOU_SHEET, "H36");
    expect(fake.log).toEqual(["sync", `activate ${ZHUZHOU_SHEET}`, "sync", `select ${ZHUZHOU_SHEET}!H36`]);
    expect(fake.active).toBe(ZHUZHOU_SHEET);
    expect(fake.selection).toEqual({ sheet: ZHUZHOU_SHEET, cell: "H36" });
  });

  test("a sheet deleted meanwhile gives a Chinese error", async () => {
    fake.addSheet("表1", { A1: 1 });
    await expect(new OfficeHost().select("已删除", "A1")).rejects.toThrow(/找不到/);
  });
});

describe("fill and undo", () => {
  async function planFor(overwrite: boolean) {
    const read = await new OfficeHost().read("active");
    const grid = read.grids[0];
    return planFill(grid, evaluateOneForm(grid), { overwrite });
  }

  test("round trip: values and formulas come back exactly, from the snapshot in the document", async () => {
    loadZhuzhou();
    const sheet = fake.sheet(ZHUZHOU_SHEET);
    // Give the form a formula and a text-that-looks-like-a-number, so both must survive the undo.
    sheet.cells.set("H36", { value: null, formula: "=SUM(H5:H35)" });
    sheet.cells.set("H11", { value: "1" });
    fake.recalc();
    const total = fake.cell(ZHUZHOU_SHEET, "H36").value;
    expect(typeof total).toBe("number");
    const before = snapshot(ZHUZHOU_SHEET);
    const plan = await planFor(true);
    expect(plan.writes.map((w) => w.cell)).toEqual(expect.arrayContaining(["H4", "H11", "H12", "H36"]));

    const record = await new OfficeHost().fill({ sheet: ZHUZHOU_SHEET, writes: plan.writes, useFormulas: true });
    expect(record.cells).toHaveLength(plan.writes.length);
    expect(fake.cell(ZHUZHOU_SHEET, "H4").formula).toBe("=JXZP.EXECSCORE(F4,D4,E4)");
    expect(fake.cell(ZHUZHOU_SHEET, "H11").formula).toMatch(/^=JXZP\.SCORE\(/);
    expect(fake.cell(ZHUZHOU_SHEET, "H36").formula).toMatch(/^=SUM\(/);
    expect(fake.parts).toHaveLength(1);
    expect(fake.parts[0].namespace).toBe(UNDO_NAMESPACE);
    expect(snapshot(ZHUZHOU_SHEET)).not.toEqual(before);

    // A new host, as after closing the pane: the snapshot comes from the workbook, not from memory.
    const reopened = new OfficeHost();
    expect((await reopened.lastFill())?.id).toBe(record.id);
    const undone = await reopened.undoFill();
    expect(undone.keptChanged).toEqual([]);
    expect(undone.restored.sort()).toEqual(plan.writes.map((w) => w.cell).sort());
    expect(snapshot(ZHUZHOU_SHEET)).toEqual(before);
    expect(fake.cell(ZHUZHOU_SHEET, "H36")).toEqual({ value: total, formula: "=SUM(H5:H35)" });
    expect(fake.cell(ZHUZHOU_SHEET, "H11")).toEqual({ value: "1", formula: null });
    expect(fake.parts).toHaveLength(0);
    await expect(reopened.undoFill()).rejects.toThrow("没有可撤销的填写。");
  });

  test("values mode writes the figures and only empty cells unless asked", async () => {
    loadZhuzhou();
    const plan = await planFor(false);
    expect(plan.writes.map((w) => w.cell)).toEqual(["H4"]);
    await new OfficeHost().fill({ sheet: ZHUZHOU_SHEET, writes: plan.writes, useFormulas: false });
    expect(fake.cell(ZHUZHOU_SHEET, "H4")).toEqual({ value: 10, formula: null });
    expect(fake.cell(ZHUZHOU_SHEET, "H36").value).toBe(98);
  });

  test("a batch that fails half-way writes nothing: every cell and the snapshot list are restored", async () => {
    loadZhuzhou();
    const before = snapshot(ZHUZHOU_SHEET);
    const plan = await planFor(true);
    expect(plan.writes.length).toBeGreaterThan(3);
    fake.failNextWrite = true;
    const err = await new OfficeHost().fill({ sheet: ZHUZHOU_SHEET, writes: plan.writes, useFormulas: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect((err as HostError).message).toMatch(/未写入任何单元格/);
    expect(snapshot(ZHUZHOU_SHEET)).toEqual(before);
    expect(fake.parts).toHaveLength(0);
  });

  describe("Excel's own undo (ExcelApi 1.20)", () => {
    const withApi = (supported: boolean) => {
      fake.apiVersion = supported ? "1.20" : "1.19";
    };

    test("where supported, the fill is one undo group", async () => {
      withApi(true);
      loadZhuzhou();
      const plan = await planFor(false);
      fake.runOptions = [];
      await new OfficeHost().fill({ sheet: ZHUZHOU_SHEET, writes: plan.writes, useFormulas: false });
      expect(fake.runOptions).toEqual([{ mergeUndoGroup: true }]);
      expect(fake.cell(ZHUZHOU_SHEET, "H4").value).toBe(10);
    });

    test("where Excel refuses to group, the fill is written ungrouped, once", async () => {
      withApi(true);
      loadZhuzhou();
      const plan = await planFor(true);
      fake.runOptions = [];
      fake.refuseUndoGroup = true;
      const record = await new OfficeHost().fill({ sheet: ZHUZHOU_SHEET, writes: plan.writes, useFormulas: false });
      expect(fake.runOptions[0]).toEqual({ mergeUndoGroup: true });
      expect(fake.runOptions[fake.runOptions.length - 1]).toBeNull();
      expect(fake.cell(ZHUZHOU_SHEET, "H11").value).toBe(1.95);
      expect(fake.parts).toHaveLength(1);
      expect(record.cells.map((c) => c.cell)).toEqual(plan.writes.map((w) => w.cell));
    });

    test("without ExcelApi 1.20 the batch runs without options", async () => {
      withApi(false);
      loadZhuzhou();
      const plan = await planFor(false);
      fake.runOptions = [];
      await new OfficeHost().fill({ sheet: ZHUZHOU_SHEET, writes: plan.writes, useFormulas: false });
      expect(fake.runOptions).toEqual([null]);
    });
  });

  test("a protected sheet: a Chinese error and nothing written", async () => {
    loadZhuzhou();
    const before = snapshot(ZHUZHOU_SHEET);
    const plan = await planFor(false);
    fake.sheet(ZHUZHOU_SHEET).protected = true;
    await expect(new OfficeHost().fill({ sheet: ZHUZHOU_SHEET, writes: plan.writes, useFormulas: false })).rejects.toThrow(/受保护.*撤销工作表保护/);
    expect(snapshot(ZHUZHOU_SHEET)).toEqual(before);
    expect(fake.parts).toHaveLength(0);
  });

  test("a sheet deleted after the plan: a Chinese error and nothing written", async () => {
    loadZhuzhou();
    const plan = await planFor(false);
    fake.sheets = fake.sheets.filter((s) => s.name !== ZHUZHOU_SHEET);
    await expect(new OfficeHost().fill({ sheet: ZHUZHOU_SHEET, writes: plan.writes, useFormulas: false })).rejects.toThrow(/找不到工作表“部门整体支出绩效自评表”/);
    expect(fake.parts).toHaveLength(0);
  });

  test("a cell typed into after the plan was made: nothing written", async () => {
    loadZhuzhou();
    const plan = await planFor(false);
    fake.sheet(ZHUZHOU_SHEET).cells.set("H4", { value: 9 });
    await expect(new OfficeHost().fill({ sheet: ZHUZHOU_SHEET, writes: plan.writes, useFormulas: false })).rejects.toThrow(/H4 在生成填写方案后已被改动/);
    expect(fake.cell(ZHUZHOU_SHEET, "H4").value).toBe(9);
  });

  test("undo leaves a cell the person changed after the fill, and says so", async () => {
    loadZhuzhou();
    const plan = await planFor(true);
    await new OfficeHost().fill({ sheet: ZHUZHOU_SHEET, writes: plan.writes, useFormulas: false });
    fake.sheet(ZHUZHOU_SHEET).cells.set("H12", { value: 1.5 });
    const r = await new OfficeHost().undoFill();
    expect(r.keptChanged).toEqual(["H12"]);
    expect(fake.cell(ZHUZHOU_SHEET, "H12").value).toBe(1.5);
    expect(fake.cell(ZHUZHOU_SHEET, "H4").value).toBeNull();
    expect(fake.cell(ZHUZHOU_SHEET, "H11").value).toBe(1);
  });
});

describe("marks", () => {
  test("marks with the add-in's own conditional formats; clearing removes exactly those", async () => {
    loadZhuzhou();
    const sheet = fake.sheet(ZHUZHOU_SHEET);
    sheet.cfs.push({ id: "mine", type: "Custom", ranges: "A1:A5", formula: "=A1>3", color: "#FF0000" });
    sheet.cfs.push({ id: "mine2", type: "CellValue", ranges: "B1", formula: "", color: "" });
    const host = new OfficeHost();
    const n = await host.mark(ZHUZHOU_SHEET, [
      { cell: "H4", severity: "error" },
      { cell: "H36", severity: "error" },
      { cell: "H11", severity: "warning" },
    ]);
    expect(n).toBe(3);
    const ours = sheet.cfs.filter((c) => c.formula.includes("JXZP-MARK"));
    expect(ours.map((c) => c.ranges).sort()).toEqual(["H11", "H4,H36"]);
    expect(ours.find((c) => c.ranges === "H11")?.color).toBe("#FFF4CE");
    // Marking again replaces the add-in's marks instead of piling them up.
    await host.mark(ZHUZHOU_SHEET, [{ cell: "H4", severity: "error" }]);
    expect(sheet.cfs.filter((c) => c.formula.includes("JXZP-MARK"))).toHaveLength(1);
    expect(await host.clearMarks()).toBe(1);
    expect(sheet.cfs.map((c) => c.id)).toEqual(["mine", "mine2"]);
  });

  test("which sheets carry marks, and clearing one sheet's marks leaves the others'", async () => {
    loadZhuzhou();
    const other = zhuzhou.map((g) => g.sheet).find((n) => n !== ZHUZHOU_SHEET)!;
    fake.sheet(ZHUZHOU_SHEET).cfs.push({ id: "mine", type: "Custom", ranges: "A1", formula: "=A1>3", color: "#FF0000" });
    const host = new OfficeHost();
    expect(await host.markedSheets()).toEqual([]);
    await host.mark(other, [{ cell: "B2", severity: "info" }]);
    await host.mark(ZHUZHOU_SHEET, [{ cell: "H4", severity: "error" }]);
    expect(await host.markedSheets()).toEqual(zhuzhou.map((g) => g.sheet).filter((n) => n === ZHUZHOU_SHEET || n === other));
    expect(await host.clearMarks([ZHUZHOU_SHEET])).toBe(1);
    expect(await host.markedSheets()).toEqual([other]);
    expect(fake.sheet(ZHUZHOU_SHEET).cfs.map((c) => c.id)).toEqual(["mine"]);
    expect(fake.sheet(other).cfs.filter((c) => c.formula.includes("JXZP-MARK")).map((c) => c.ranges)).toEqual(["B2"]);
  });

  test("marking a protected sheet gives a Chinese error", async () => {
    loadZhuzhou();
    fake.sheet(ZHUZHOU_SHEET).protected = true;
    await expect(new OfficeHost().mark(ZHUZHOU_SHEET, [{ cell: "H4", severity: "error" }])).rejects.toThrow(/受保护/);
    expect(fake.sheet(ZHUZHOU_SHEET).cfs).toHaveLength(0);
  });
});

test("errors Excel reports by code come out in Chinese", async () => {
  (globalThis as unknown as { Excel: unknown }).Excel = {
    run: async () => {
      throw Object.assign(new Error("The cell or chart you're trying to change is on a protected sheet."), { code: "AccessDenied" });
    },
  };
  await expect(new OfficeHost().read("active")).rejects.toThrow(/受保护/);
});

test("a library's English error never reaches the pane: a Chinese sentence instead, our own Chinese words kept", async () => {
  const spy = jest.spyOn(console, "error").mockImplementation(() => undefined);
  for (const english of [new RangeError("Invalid string length"), new Error("[DecimalError] Invalid argument: constructor"), "Corrupted zip: missing 42 bytes."]) {
    const said = toHostError(english).message;
    expect(said).toMatch(/^操作未完成：程序出现了未预料的错误/);
    expect(said).not.toMatch(/Invalid|Decimal|zip/);
  }
  expect(spy).toHaveBeenCalledTimes(3);
  spy.mockRestore();
  expect(toHostError(new Error("找不到工作表“表1”。")).message).toBe("操作未完成：找不到工作表“表1”。");
});
