/**
 * Inserting a template through Office.js, against the strict fake Excel (test/taskpane/fake-excel.ts):
 * a name that replaces nothing, everything the SheetBuild describes written to the new sheet and
 * nowhere else, JXZP formulas in the names this Excel loaded (a probe proves it, issue #891), and a
 * failed write that leaves no half-built sheet.
 */
import { parseRange, toA1 } from "../../src/scoring/grid/address";
import { buildTemplate, type SheetBuild } from "../../src/scoring/templates";
import { applySheetBuild, insertSheetBuild, widthInPoints } from "../../src/taskpane/office/template";
import { HostError } from "../../src/taskpane/host/host-error";
import { formulaChannel } from "../../src/taskpane/host/formula-channel";
import { FakeExcel, richError, type FakeSheet } from "../taskpane/fake-excel";

const WAIT = { tries: 3, delayMs: 0 };

function excel(existing: string[]): FakeExcel {
  const fake = new FakeExcel();
  for (const n of existing) fake.addSheet(n, {});
  return fake;
}

/** Runs applySheetBuild in the fake as the host does: the channel from the display language. */
function insert(fake: FakeExcel, build: SheetBuild, supports: (v: string) => boolean = () => true) {
  return fake.run((ctx) => applySheetBuild(ctx, build, { supports, channel: formulaChannel(fake.displayLanguage, "."), calcWait: WAIT }));
}

const added = (fake: FakeExcel, existing: number): FakeSheet => fake.sheets[existing];

/** What a cell of the new sheet holds: the formula (invariant, by id) or the value. */
const at = (s: FakeSheet, a1: string) => {
  const c = s.cells.get(a1);
  return c?.formula ?? c?.value ?? "";
};

describe("inserting a project form (Chinese Excel)", () => {
  const build = buildTemplate("project", { year: 2025, unit: "某单位", project: "某项目" });
  let fake: FakeExcel;
  let result: Awaited<ReturnType<typeof applySheetBuild>>;
  let sheet: FakeSheet;
  beforeAll(async () => {
    fake = excel(["Sheet1", "项目支出绩效自评表"]);
    result = await insert(fake, build);
    sheet = added(fake, 2);
  });

  test("round trips: the names, the form with its probe, the probe read until calculated, clearing it, the print setup", () => {
    // calcSyncs = 1: the probe reads #BUSY! once, then 1.
    expect(fake.syncs).toBe(6);
  });

  test("a new sheet with a name that replaces nothing; no other sheet is touched; the probe is gone", () => {
    expect(result).toEqual({ name: "项目支出绩效自评表 (2)", skipped: [] });
    expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1", "项目支出绩效自评表", "项目支出绩效自评表 (2)"]);
    expect(sheet.name).toBe("项目支出绩效自评表 (2)");
    expect(fake.active).toBe(sheet.name);
    const r = parseRange(build.extent)!;
    expect(sheet.cells.get(toA1(0, r.right + 1))).toBeUndefined();
    expect(fake.sheets[0].cells.size + fake.sheets[1].cells.size).toBe(0);
  });

  test("values and formulas over the whole form; JXZP formulas resolved (not #NAME?)", () => {
    const r = parseRange(build.extent)!;
    expect(at(sheet, "A1")).toBe("2025年度项目支出绩效自评表");
    const total = build.map.fund.find((x) => x.isTotal)!;
    expect(at(sheet, total.rate)).toBe(`=JXZP.EXECRATE(${total.budget},${total.spent})`);
    expect(at(sheet, total.weight!)).toBe(10);
    expect(at(sheet, build.map.rows[0].score!)).toMatch(/^=IF\(AND\(.*JXZP\.SCORE\(/);
    expect(at(sheet, build.map.grade!)).toBe(`=JXZP.GRADE(${build.map.total!.score})`);
    expect(sheet.unresolved.size).toBe(0);
    let filled = 0;
    for (let row = 0; row <= r.bottom; row++)
      for (let col = 0; col <= r.right; col++) {
        const c = build.cells[toA1(row, col)];
        if (c) filled++;
        else expect(at(sheet, toA1(row, col))).toBe("");
      }
    expect(filled).toBe(Object.keys(build.cells).length);
  });

  test("merges, styles, borders, widths and heights", () => {
    for (const m of build.merges) expect(sheet.merges).toContain(m);
    for (const a of build.areas) {
      const f = sheet.layout.formats.get(a.range) as { font: { name: string }; wrapText: boolean };
      const style = build.styles[a.style];
      expect(f.font.name).toBe("宋体");
      expect(f.wrapText).toBe(style.wrap);
    }
    const header = (sheet.layout.formats.get(`B${build.map.gridHeaderRow}:B${build.map.gridHeaderRow}`) ?? sheet.layout.formats.get(`B${build.map.gridHeaderRow}`)) as {
      font: { bold: boolean };
      horizontalAlignment: string;
      borders: Record<string, unknown>;
    };
    expect(header.font.bold).toBe(true);
    expect(header.horizontalAlignment).toBe("Center");
    expect(Object.keys(header.borders).sort()).toEqual(["EdgeBottom", "EdgeLeft", "EdgeRight", "EdgeTop"]);
    expect(header.borders.EdgeTop).toEqual({ style: "Continuous", weight: "Thin", color: "#000000" });
    const title = sheet.layout.formats.get("A1:I1") as { font: { size: number }; borders?: unknown };
    expect(title.font.size).toBe(16);
    expect(title.borders).toBeUndefined();
    expect(sheet.layout.formats.get("A:A")?.columnWidth).toBe(widthInPoints(10));
    expect(sheet.layout.formats.get("D:D")?.columnWidth).toBe(widthInPoints(30));
    expect(sheet.layout.formats.get("1:1")?.rowHeight).toBe(32);
  });

  test("header rows frozen, A4 landscape one page wide, grid header repeated", () => {
    expect(sheet.layout.frozenRows).toBe(build.frozenRows);
    const pl = sheet.layout.pageLayout;
    expect(pl.orientation).toBe("Landscape");
    expect(pl.paperSize).toBe("A4");
    expect(pl.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
    expect(pl.centerHorizontally).toBe(true);
    expect(pl.printArea).toBe(build.extent);
    expect(pl.titleRows).toBe(`$${build.map.gridHeaderRow}:$${build.map.gridHeaderRow}`);
    expect(pl.leftMargin as number).toBeCloseTo(34.02, 1);
  });
});

test("English Excel (en-US): the same form through Range.formulas with the ids", async () => {
  const fake = excel([]);
  fake.displayLanguage = "en-US";
  const build = buildTemplate("project");
  const r = await insert(fake, build);
  expect(r.skipped).toEqual([]);
  const s = fake.sheets[0];
  expect(s.unresolved.size).toBe(0);
  expect(at(s, build.map.grade!)).toBe(`=JXZP.GRADE(${build.map.total!.score})`);
});

test("an Excel whose formula language the add-in does not know (de-DE): the form without JXZP formulas, and why", async () => {
  const fake = excel([]);
  fake.displayLanguage = "de-DE";
  const build = buildTemplate("project");
  const r = await insert(fake, build);
  expect(r.skipped).toEqual(["JXZP 公式（此 Excel 的显示语言是 de-DE，加载项只在中文和英文 Excel 中写入公式；得分可用“填写得分”写入数值）"]);
  const s = fake.sheets[0];
  expect(at(s, build.map.grade!)).toBe("");
  expect([...s.cells.values()].filter((c) => c.formula && /JXZP/.test(c.formula))).toEqual([]);
  expect(s.unresolved.size).toBe(0);
});

test("the completion form gets its 方向 list", async () => {
  const build = buildTemplate("completion");
  const fake = excel([]);
  const r = await insert(fake, build);
  expect(r.name).toBe("绩效目标完成情况表");
  const dv = fake.sheets[0].layout.validations.get(build.validations[0].range)!;
  expect(dv.rule).toEqual({ list: { inCellDropDown: true, source: "正向,反向,定性" } });
  expect(dv.ignoreBlanks).toBe(true);
  expect(dv.errorAlert).toMatchObject({ showAlert: true, style: "Stop" });
});

test("text that Excel would read as a formula or a number stays text", async () => {
  const build: SheetBuild = buildTemplate("transfer", { project: '=HYPERLINK("http://x","点我")', unit: "2025" });
  const fake = excel([]);
  await insert(fake, build);
  const s = fake.sheets[0];
  expect(fake.cell(s.name, build.map.header["转移支付名称"])).toEqual({ value: '=HYPERLINK("http://x","点我")', formula: null });
  expect(fake.cell(s.name, build.map.header["资金使用单位"])).toEqual({ value: "2025", formula: null });
  const exec = build.map.rows.find((x) => x.kind === "execution")!;
  expect(s.cells.get(exec.target)?.value).toBe("100%");
});

test("an older Excel: the form goes in, and the pane is told what could not be applied", async () => {
  const build = buildTemplate("completion");
  const fake = excel(["绩效目标完成情况表", "绩效目标完成情况表 (2)"]);
  fake.apiVersion = "1.6";
  const r = await insert(fake, build, (v) => fake.office.context.requirements.isSetSupported("ExcelApi", v));
  expect(r.name).toBe("绩效目标完成情况表 (3)");
  expect(r.skipped).toEqual(["冻结表头", "下拉列表", "打印设置（A4 横向、一页宽）"]);
  const s = fake.sheets[2];
  expect(s.layout.frozenRows).toBeNull();
  expect(s.layout.pageLayout).toEqual({});
});

test("a failed write removes the half-built sheet and says so in Chinese", async () => {
  const fake = excel(["Sheet1"]);
  fake.failNextWrite = true;
  const err = await insert(fake, buildTemplate("project")).catch((e) => e);
  expect(err).toBeInstanceOf(HostError);
  expect(err.message).toContain("插入“项目支出绩效自评表”未完成");
  expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
});

test("a host that refuses the print setup keeps the form and says what is missing", async () => {
  const fake = excel(["Sheet1"]);
  const build = buildTemplate("project");
  const run = fake.run.bind(fake);
  // The print setup's batch is the last one: refuse it as a host that cannot apply it would.
  const r = await run(async (ctx) => {
    const c = ctx;
    const sync = c.sync.bind(c);
    let n = 0;
    c.sync = async () => {
      n++;
      if (n === 6) throw richError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
      return sync();
    };
    return applySheetBuild(c, build, { supports: () => true, channel: formulaChannel("zh-CN", "."), calcWait: WAIT });
  });
  expect(r).toEqual({ name: "项目支出绩效自评表", skipped: ["打印设置（A4 横向、一页宽）"] });
  expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1", "项目支出绩效自评表"]);
});

test("insertSheetBuild runs in Excel.run", async () => {
  const fake = excel([]);
  const uninstall = fake.install();
  try {
    const r = await insertSheetBuild(buildTemplate("department"), { supports: () => true, calcWait: WAIT });
    expect(r.name).toBe("部门整体支出绩效自评表");
    expect(fake.runs).toBe(1);
  } finally {
    uninstall();
  }
});
