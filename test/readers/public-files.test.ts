/**
 * Public .xls files nobody here wrote (test/fixtures/public, from Apache POI and ExcelDataReader),
 * each one a fault the reader once had. Expected values: what the projects' own tests state,
 * what SheetJS 0.20.3 reads from the same files, and the issue that reported the fault.
 */
import * as fs from "fs";
import * as path from "path";
import { readDocument, ReadDocument } from "../../src/readers/document";
import type { Grid } from "../../src/scoring/grid/grid";
import { isPlainChinese } from "./chinese";

const DIR = path.join(__dirname, "..", "fixtures", "public");
const read = (name: string): Promise<ReadDocument> => readDocument(fs.readFileSync(path.join(DIR, name)), name);
const sheet = (doc: ReadDocument, name: string): Grid => doc.grids.find((g) => g.sheet === name) as Grid;
const filled = (g: Grid) => g.values.flat().filter((v) => v !== null).length;

test("florida_data.ashx.xls: the charts on the publication sheet leave its cells and its 78 merged areas as they are", async () => {
  const doc = await read("florida_data.ashx.xls");
  expect(doc.grids.map((g) => g.sheet)).toEqual(["AllStateCharterData07", "LegendFL", "0607LocalCalcbyDistrict", "DistrictData0607", "FinalFiguresPublication"]);
  const g = sheet(doc, "FinalFiguresPublication");
  expect(g.values[0][0]).toBe("Figure 1");
  expect(g.values[0][10]).toBe("Figure 2.");
  expect(g.values[1][0]).toBe("Florida\n(2006-07)");
  expect(g.merges).toHaveLength(78);
  // Cells with a value, as SheetJS counts them on each sheet.
  expect(doc.grids.map(filled)).toEqual([12522, 12, 612, 688, 361]);
  expect(doc.notes).toEqual([]);
});

test("WithChart.xls and WithThreeCharts.xls: the series the charts plot are the sheet's cells, not overwritten by their caches", async () => {
  const one = await read("WithChart.xls");
  expect(sheet(one, "Sheet1").values).toEqual([
    [1, 10],
    [2, 12],
    [3, 14],
    [4, 9],
    [5, 15],
    [6, 17],
  ]);
  const three = await read("WithThreeCharts.xls");
  expect(sheet(three, "Sheet1").values.map((r) => [r[0], r[1], r[3], r[4]])).toEqual([1, 2, 3, 4, 5, 6].map((k) => [k, [10, 12, 14, 9, 15, 17][k - 1], k + 4, (k + 4) ** 2]));
  expect(three.grids.map((g) => g.sheet)).toEqual(["Sheet1", "Sheet2", "Sheet3"]);
});

test("WrongFormulaRecordType.xls: FORMULA records under BIFF4's id are read (A4:C4 was lost), 1904 dates as 1900 serials", async () => {
  const g = (await read("WrongFormulaRecordType.xls")).grids[0];
  expect(g.values).toEqual([
    ["Sum of Numbers", "Max of Numbers", "Dates?"],
    [1, 1, 39814],
    [2, 2, 39815],
    [3, 2, 39815],
  ]);
});

test("BOOK_in_capitals.xls: BIFF8 in a stream named BOOK is read, not refused as Excel 95", async () => {
  const doc = await read("BOOK_in_capitals.xls");
  expect(doc.format).toBe("xls");
  const g = doc.grids[0];
  expect(g.values[0][0]).toBe("301. Exposures by Counterparty and Agreement Detail");
  expect(g.values[9].slice(0, 2)).toEqual(["Report Date: ", 41290]);
  expect(filled(g)).toBe(56);
});

test("61045_govdocs1_626534.xls: a number format not laid out as BIFF8's does not make the workbook damaged", async () => {
  const doc = await read("61045_govdocs1_626534.xls");
  const g = doc.grids[0];
  expect(g.values[3][0]).toBe("                                                        TABLE F-2 BY FILING MONTH");
  expect(g.values[35].slice(11, 15)).toEqual([1759503, 1407132, 796, 351571]);
  expect(filled(g)).toBe(232);
});

test("Test_git_issue_467_sst_empty_continue.xls: a CONTINUE holding only an option byte does not garble A97", async () => {
  const g = (await read("Test_git_issue_467_sst_empty_continue.xls")).grids[0];
  const a97 = g.values[96][0] as string;
  // The file was edited by hand to put "CC" in its own CONTINUE record after an empty one.
  expect(a97).toContain("However theCCsion accepts no responsibility");
  expect(a97.endsWith("© Communautés européennes,2016")).toBe(true);
  expect(a97).not.toMatch(/[\u0100-\uffff]/);
});

test("testEXCEL_3.xls: an Excel 3.0 workbook is told to be resaved, in Chinese", async () => {
  await expect(read("testEXCEL_3.xls")).rejects.toMatchObject({ problem: "biff4", message: "这是 Excel 4.0 或更早版本的旧工作簿，请在 Excel/WPS 中打开并另存为 .xlsx 后再校验。" });
});

test("Test_git_issue_382_oom.xls: a FAT of zeros (every chain loops) is one damaged file, told in Chinese", async () => {
  const e = await read("Test_git_issue_382_oom.xls").catch((x: Error) => x);
  expect(e).toMatchObject({ problem: "corrupt-xls" });
  expect(isPlainChinese((e as Error).message)).toBe(true);
});
