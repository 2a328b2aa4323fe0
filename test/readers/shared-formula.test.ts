import { shiftFormula } from "../../src/readers/shared-formula";

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
])("%s moved by %i rows and %i columns is %s", (f, dr, dc, want) => {
  expect(shiftFormula(f, dr, dc)).toBe(want);
});
