/** The .xlsx written from a SheetBuild carries what a printed form needs, read back from the file itself. */
import ExcelJS from "exceljs";
import { fileFormula, templateWorkbookBuffer } from "../../src/cli/template-xlsx";
import { parseRange } from "../../src/scoring/grid/address";
import { buildTemplate, TEMPLATE_KINDS } from "../../src/scoring/templates";

async function reopen(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

describe.each(TEMPLATE_KINDS)("%s as .xlsx", (kind) => {
  const build = buildTemplate(kind, { year: 2025, unit: "某单位", project: "某项目" });
  let ws: ExcelJS.Worksheet;
  beforeAll(async () => {
    ws = (await reopen(await templateWorkbookBuffer([build]))).worksheets[0];
  });

  test("name, merges, widths and heights", () => {
    expect(ws.name).toBe(build.name);
    const merges = (ws as unknown as { model: { merges: string[] } }).model.merges;
    expect([...merges].sort()).toEqual([...build.merges].sort());
    build.columnWidths.forEach((w, i) => expect(ws.getColumn(i + 1).width).toBe(w));
    for (const [row, h] of Object.entries(build.rowHeights)) expect(ws.getRow(Number(row)).height).toBe(h);
  });

  test("fonts that render Chinese, borders, wrap and formats", () => {
    const title = ws.getCell("A1");
    expect(title.font).toMatchObject({ name: "宋体", bold: true, size: 16, charset: 134 });
    const head = ws.getCell(`B${build.map.gridHeaderRow}`);
    expect(head.value).toBe("一级指标");
    expect(head.font).toMatchObject({ name: "宋体", bold: true, charset: 134 });
    expect(head.border).toMatchObject({ top: { style: "thin" }, bottom: { style: "thin" }, left: { style: "thin" }, right: { style: "thin" } });
    expect(head.alignment).toMatchObject({ wrapText: true, horizontal: "center", vertical: "middle" });
    const row = build.map.rows[0];
    expect(ws.getCell(row.name).alignment).toMatchObject({ wrapText: true, horizontal: "left" });
    expect(ws.getCell(row.deviation).border?.right).toEqual({ style: "thin" });
    const total = build.map.fund.find((f) => f.isTotal)!;
    expect(ws.getCell(total.rate).numFmt).toBe("0.00%");
    expect(ws.getCell(build.map.note!).border?.top).toBeUndefined();
  });

  test("formulas as the file format keeps add-in functions", () => {
    const total = build.map.fund.find((f) => f.isTotal)!;
    const rate = ws.getCell(total.rate).value as ExcelJS.CellFormulaValue;
    expect(rate.formula).toBe(`_xldudf_JXZP_EXECRATE(${total.budget},${total.spent})`);
    const formulas = Object.entries(build.cells).filter(([, c]) => "formula" in c);
    for (const [a1, c] of formulas) {
      const v = ws.getCell(a1).value as ExcelJS.CellFormulaValue;
      expect(v.formula).toBe(fileFormula((c as { formula: string }).formula));
      expect(v.formula).not.toMatch(/JXZP\./);
    }
  });

  test("header rows frozen; A4 landscape, one page wide, grid header repeated, print area", () => {
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: build.frozenRows });
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
    });
    expect(ws.pageSetup.printArea?.replace(/\$/g, "")).toBe(build.extent);
    expect(ws.pageSetup.printTitlesRow?.replace(/\$/g, "")).toBe(build.print.repeatRows);
    expect(ws.pageSetup.margins?.left).toBeCloseTo(1.2 / 2.54, 2);
  });

  test("the 方向 drop-down where the form has it", () => {
    const dv = build.validations[0];
    if (!dv) {
      expect(build.map.rows.every((r) => r.direction === null)).toBe(true);
      return;
    }
    const r = parseRange(dv.range)!;
    for (let row = r.top; row <= r.bottom; row++) {
      const v = ws.getCell(row + 1, r.left + 1).dataValidation;
      expect(v).toMatchObject({ type: "list", allowBlank: true, formulae: ['"正向,反向,定性"'], showErrorMessage: true });
    }
    expect(ws.getCell(r.bottom + 2, r.left + 1).dataValidation).toBeFalsy();
  });
});

test("several forms in one workbook get unique names, and Excel recalculates on opening", async () => {
  const wb = await reopen(await templateWorkbookBuffer([buildTemplate("project"), buildTemplate("project"), buildTemplate("department")]));
  expect(wb.worksheets.map((w) => w.name)).toEqual(["项目支出绩效自评表", "项目支出绩效自评表 (2)", "部门整体支出绩效自评表"]);
});

test("fileFormula: every JXZP call, nothing else", () => {
  expect(fileFormula('=IF(AND(E12="",F12=""),"",JXZP.SCORE(G12,E12,F12))')).toBe('IF(AND(E12="",F12=""),"",_xldudf_JXZP_SCORE(G12,E12,F12))');
  expect(fileFormula("=SUM(H5,H12:H26)")).toBe("SUM(H5,H12:H26)");
  expect(fileFormula("=JXZP.GRADE(JXZP.EXECSCORE(1,2,3))")).toBe("_xldudf_JXZP_GRADE(_xldudf_JXZP_EXECSCORE(1,2,3))");
  expect(fileFormula('=IFNA(JXZP.COMPLETION(E11,F11,G11),"—")')).toBe('_xlfn.IFNA(_xldudf_JXZP_COMPLETION(E11,F11,G11),"—")');
});
