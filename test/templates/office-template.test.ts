/**
 * Inserting a template through Office.js, against office-addin-mock: two syncs, a name that
 * replaces nothing, everything the SheetBuild describes written to the new sheet and nowhere
 * else, and a failed write that leaves no half-built sheet.
 */
// office-addin-mock reads one enum from office-addin-manifest, whose dependencies are ESM-only under Jest.
jest.mock("office-addin-manifest", () => ({
  OfficeApp: { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" },
}));
import { OfficeMockObject } from "office-addin-mock";
import { parseRange, toA1 } from "../../src/scoring/grid/address";
import { buildTemplate, type SheetBuild } from "../../src/scoring/templates";
import { applySheetBuild, insertSheetBuild, widthInPoints } from "../../src/taskpane/office/template";
import { HostError } from "../../src/taskpane/host/host-error";

/* eslint-disable @typescript-eslint/no-explicit-any -- the mock objects are dynamic by design */

function rangeData(address: string) {
  return {
    address,
    format: {
      font: {},
      borders: {
        getItem: function (this: any, edge: string) {
          this.edges ??= {};
          return (this.edges[edge] ??= {});
        },
      },
    },
    dataValidation: {},
    merge: function (this: any, across: boolean) {
      this.merged = { across };
    },
  };
}

function sheetMock(name: string) {
  const ranges = new Map<string, any>();
  const ws: any = new OfficeMockObject({
    name,
    getRange: function (address: string) {
      if (!ranges.has(address)) ranges.set(address, new OfficeMockObject(rangeData(address)));
      return ranges.get(address);
    },
    freezePanes: {
      freezeRows: function (this: any, n: number) {
        this.rows = n;
      },
    },
    pageLayout: {
      setPrintArea: function (this: any, a: string) {
        this.printArea = a;
      },
      setPrintTitleRows: function (this: any, a: string) {
        this.titleRows = a;
      },
    },
    activate: function (this: any) {
      this.activated = true;
    },
    delete: function (this: any) {
      this.deleted = true;
    },
  });
  return { ws, ranges, name };
}

/** WorksheetCollection as Office.js has it: `items` only after load and sync (the mock library has no collections). */
class FakeSheets {
  loads: string[] = [];
  added: ReturnType<typeof sheetMock>[] = [];
  private state: "new" | "loaded" | "synced" = "new";
  constructor(private readonly names: string[]) {}
  load(what: string) {
    this.loads.push(what);
    this.state = "loaded";
  }
  get items() {
    if (this.state !== "synced") throw new Error("PropertyNotLoaded: worksheets.items read before load and sync");
    return this.names.map((name) => ({ name }));
  }
  synced() {
    if (this.state === "loaded") this.state = "synced";
  }
  add(name: string) {
    const s = sheetMock(name);
    this.added.push(s);
    return s.ws;
  }
}

function excelMock(existing: string[], failAtSync = 0) {
  const sheets = new FakeSheets(existing);
  const counter = { syncs: 0 };
  const mock: any = new OfficeMockObject({
    context: {
      workbook: {},
      sync: async function () {
        counter.syncs++;
        sheets.synced();
        if (counter.syncs === failAtSync) throw Object.assign(new Error("The sheet is protected"), { code: "AccessDenied" });
      },
    },
    run: async function (this: any, batch: (ctx: unknown) => Promise<unknown>) {
      return batch(this.context);
    },
  });
  mock.context.workbook.worksheets = sheets;
  return { mock, sheets, counter, context: mock.context as Excel.RequestContext };
}

const all = () => true;

describe("inserting a project form", () => {
  const build = buildTemplate("project", { year: 2025, unit: "某单位", project: "某项目" });
  let env: ReturnType<typeof excelMock>;
  let result: Awaited<ReturnType<typeof applySheetBuild>>;
  let sheet: ReturnType<typeof sheetMock>;
  beforeAll(async () => {
    env = excelMock(["Sheet1", "项目支出绩效自评表"]);
    result = await applySheetBuild(env.context, build, { supports: all });
    sheet = env.sheets.added[0];
  });

  test("three syncs: the names, the form, its print setup", () => {
    expect(env.counter.syncs).toBe(3);
    expect(env.sheets.loads).toEqual(["items/name"]);
  });

  test("a new sheet with a name that replaces nothing; no other sheet is touched", () => {
    expect(result).toEqual({ name: "项目支出绩效自评表 (2)", skipped: [] });
    expect(env.sheets.added).toHaveLength(1);
    expect(sheet.name).toBe("项目支出绩效自评表 (2)");
    expect(sheet.ws.activated).toBe(true);
    expect(sheet.ws.deleted).toBeUndefined();
  });

  test("values and formulas in one write over the whole form", () => {
    const r = parseRange(build.extent)!;
    const f = sheet.ranges.get(build.extent).formulas as (string | number)[][];
    expect(f).toHaveLength(r.bottom + 1);
    expect(f[0]).toHaveLength(r.right + 1);
    expect(f[0][0]).toBe("2025年度项目支出绩效自评表");
    const total = build.map.fund.find((x) => x.isTotal)!;
    const at = (a1: string) => {
      const p = parseRange(a1)!;
      return f[p.top][p.left];
    };
    expect(at(total.rate)).toBe(`=JXZP.EXECRATE(${total.budget},${total.spent})`);
    expect(at(total.weight!)).toBe(10);
    expect(at(build.map.rows[0].score!)).toMatch(/^=IF\(AND\(.*JXZP\.SCORE\(/);
    expect(at(build.map.grade!)).toBe(`=JXZP.GRADE(${build.map.total!.score})`);
    // Every cell of the build, and blanks elsewhere.
    let filled = 0;
    for (let row = 0; row <= r.bottom; row++)
      for (let col = 0; col <= r.right; col++) {
        const c = build.cells[toA1(row, col)];
        if (c) filled++;
        else expect(f[row][col]).toBe("");
      }
    expect(filled).toBe(Object.keys(build.cells).length);
  });

  test("merges, styles, borders, widths and heights", () => {
    for (const m of build.merges) expect(sheet.ranges.get(m).merged).toEqual({ across: false });
    for (const a of build.areas) {
      const range = sheet.ranges.get(a.range);
      const style = build.styles[a.style];
      expect(range.format.font.name).toBe("宋体");
      expect(range.format.wrapText).toBe(style.wrap);
      const p = parseRange(a.range)!;
      expect(range.numberFormat).toHaveLength(p.bottom - p.top + 1);
    }
    const header = sheet.ranges.get(`B${build.map.gridHeaderRow}:B${build.map.gridHeaderRow}`) ?? sheet.ranges.get(`B${build.map.gridHeaderRow}`);
    expect(header.format.font.bold).toBe(true);
    expect(header.format.horizontalAlignment).toBe("Center");
    expect(Object.keys(header.format.borders.edges).sort()).toEqual(["EdgeBottom", "EdgeLeft", "EdgeRight", "EdgeTop"]);
    expect(header.format.borders.edges.EdgeTop).toEqual({ style: "Continuous", weight: "Thin", color: "#000000" });
    const title = sheet.ranges.get("A1:I1");
    expect(title.format.font.size).toBe(16);
    expect(title.format.borders.edges).toBeUndefined();
    expect(sheet.ranges.get("A:A").format.columnWidth).toBe(widthInPoints(10));
    expect(sheet.ranges.get("D:D").format.columnWidth).toBe(widthInPoints(30));
    expect(sheet.ranges.get("1:1").format.rowHeight).toBe(32);
  });

  test("header rows frozen, A4 landscape one page wide, grid header repeated", () => {
    expect(sheet.ws.freezePanes.rows).toBe(build.frozenRows);
    const pl = sheet.ws.pageLayout;
    expect(pl.orientation).toBe("Landscape");
    expect(pl.paperSize).toBe("A4");
    expect(pl.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
    expect(pl.centerHorizontally).toBe(true);
    expect(pl.printArea).toBe(build.extent);
    expect(pl.titleRows).toBe(`$${build.map.gridHeaderRow}:$${build.map.gridHeaderRow}`);
    expect(pl.leftMargin).toBeCloseTo(34.02, 1);
  });
});

test("the completion form gets its 方向 list", async () => {
  const build = buildTemplate("completion");
  const env = excelMock([]);
  const r = await applySheetBuild(env.context, build, { supports: all });
  expect(r.name).toBe("绩效目标完成情况表");
  const dv = env.sheets.added[0].ranges.get(build.validations[0].range).dataValidation;
  expect(dv.rule).toEqual({ list: { inCellDropDown: true, source: "正向,反向,定性" } });
  expect(dv.ignoreBlanks).toBe(true);
  expect(dv.errorAlert).toMatchObject({ showAlert: true, style: "Stop" });
  expect(env.counter.syncs).toBe(3);
});

test("text that Excel would read as a formula or a number stays text", async () => {
  const build: SheetBuild = buildTemplate("transfer", { project: '=HYPERLINK("http://x","点我")', unit: "2025" });
  const env = excelMock([]);
  await applySheetBuild(env.context, build, { supports: all });
  const f = env.sheets.added[0].ranges.get(build.extent).formulas as string[][];
  const at = (a1: string) => {
    const p = parseRange(a1)!;
    return f[p.top][p.left];
  };
  expect(at(build.map.header["转移支付名称"])).toBe(`'=HYPERLINK("http://x","点我")`);
  expect(at(build.map.header["资金使用单位"])).toBe("'2025");
  const exec = build.map.rows.find((x) => x.kind === "execution")!;
  expect(at(exec.target)).toBe("'100%");
});

test("an older Excel: the form goes in, and the pane is told what could not be applied", async () => {
  const build = buildTemplate("completion");
  const env = excelMock(["绩效目标完成情况表", "绩效目标完成情况表 (2)"]);
  const r = await applySheetBuild(env.context, build, { supports: () => false });
  expect(r.name).toBe("绩效目标完成情况表 (3)");
  expect(r.skipped).toEqual(["冻结表头", "下拉列表", "打印设置（A4 横向、一页宽）"]);
  const ws = env.sheets.added[0].ws;
  expect(ws.freezePanes.rows).toBeUndefined();
  expect(ws.pageLayout.orientation).toBeUndefined();
  expect(env.counter.syncs).toBe(2);
});

test("a failed write removes the half-built sheet and says so in Chinese", async () => {
  const env = excelMock(["Sheet1"], 2);
  const err = await applySheetBuild(env.context, buildTemplate("project"), { supports: all }).catch((e) => e);
  expect(err).toBeInstanceOf(HostError);
  expect(err.message).toContain("插入“项目支出绩效自评表”未完成");
  expect(err.message).toContain("受保护");
  expect(env.sheets.added[0].ws.deleted).toBe(true);
  expect(env.counter.syncs).toBe(3);
});

test("a host that refuses the print setup keeps the form and says what is missing", async () => {
  const env = excelMock(["Sheet1"], 3);
  const r = await applySheetBuild(env.context, buildTemplate("project"), { supports: all });
  expect(r).toEqual({ name: "项目支出绩效自评表", skipped: ["打印设置（A4 横向、一页宽）"] });
  expect(env.sheets.added[0].ws.deleted).toBeUndefined();
  expect(env.counter.syncs).toBe(3);
});

test("insertSheetBuild runs in Excel.run", async () => {
  const env = excelMock([]);
  (globalThis as any).Excel = env.mock;
  try {
    const r = await insertSheetBuild(buildTemplate("department"), { supports: all });
    expect(r.name).toBe("部门整体支出绩效自评表");
    expect(env.counter.syncs).toBe(3);
  } finally {
    delete (globalThis as any).Excel;
  }
});
