import { SharedFormulas } from "../../src/readers/shared-formula";
import { formulaText } from "../../src/scoring/grid/grid";

/** The formula of the cell `dr` rows below and `dc` right of shared formula `f`'s first cell (G11 here). */
function cellFormula(f: string, dr: number, dc: number): string | null {
  const shared = new SharedFormulas();
  shared.define("0", f, 10, 6);
  return formulaText(shared.cellOf("0", 10 + dr, 6 + dc));
}

test.each([
  ["G11*1", 1, 0, "G12*1"],
  ["SUM(H13:H35)", 2, 1, "SUM(I15:I37)"],
  ["$A$1+A$1+$A1", 3, 2, "$A$1+C$1+$A4"],
  ['IF(A1="A1",B2,"")', 1, 1, 'IF(B2="A1",C3,"")'],
  ["'项目 表'!A1+汇总!B2+Sheet2!C3", 1, 0, "'项目 表'!A2+汇总!B3+Sheet2!C4"],
  ["LOG10(A1)+ROUND(B1,2)+1.5E+3", 1, 0, "LOG10(A2)+ROUND(B2,2)+1.5E+3"],
  ["SUM(A:A)+SUM(1:2)+SUM($B:$B)", 1, 1, "SUM(B:B)+SUM(2:3)+SUM($B:$B)"],
  ["A1-1", -1, 0, "#REF!-1"],
  ["Table1[[#This Row],[A1]]+A1", 1, 0, "Table1[[#This Row],[A1]]+A2"],
  ["_xlfn.STDEV.S(A1:A3)", 1, 0, "_xlfn.STDEV.S(A2:A4)"],
  ["[1]Sheet1!A1+'[预算.xlsx]项目 表'!$B2", 2, 0, "[1]Sheet1!A3+'[预算.xlsx]项目 表'!$B4"],
  ['"#REF!"&#N/A&A1', 0, 1, '"#REF!"&#N/A&B1'],
  ["SUM(A1:B2)", -1, 0, "SUM(#REF!)"],
  ["汇总!A1:A3", 0, -1, "汇总!#REF!"],
])("%s moved by %i rows and %i columns is %s", (f, dr, dc, want) => {
  expect(cellFormula(f, dr, dc)).toBe(`=${want}`);
});

test("each cell keeps the first cell's text and its offset, not a copy of its own; the first cell is the text itself", () => {
  const shared = new SharedFormulas();
  const text = `${"A1+".repeat(10000)}1`;
  expect(shared.define("7", text, 0, 7)).toBe(`=${text}`);
  const cells = Array.from({ length: 100 }, (_, i) => shared.cellOf("7", i + 1, 7));
  for (const [i, c] of cells.entries()) expect(c).toEqual({ shared: text, rows: i + 1, cols: 0 });
  // The same string, not an equal one: nothing was spelled out.
  expect(cells.every((c) => typeof c === "object" && c !== null && c.shared === text)).toBe(true);
  expect(formulaText(cells[2])!.slice(0, 13)).toBe("=A4+A4+A4+A4+");
  // The start of it, for a message, without spelling out the rest.
  expect(formulaText(cells[2], 40)!.length).toBeLessThan(50);
  expect(shared.cellOf("7", 0, 7)).toBe(`=${text}`);
  // A cell of a formula the file never gave the text of has none.
  expect(shared.cellOf("8", 3, 3)).toBeNull();
});
