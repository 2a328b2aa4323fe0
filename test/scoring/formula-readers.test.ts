import { fileFormula } from "../../src/cli/template-xlsx";
import { jxzpCallNames, localizeFormula } from "../../src/functions/metadata-locale";
import { absoluteRef } from "../../src/scoring/formula/absolute";
import { callsJxzp, functionCalls, renameCalls } from "../../src/scoring/formula/calls";
import { addressAreas } from "../../src/scoring/grid/address";
import { readNamedRefs } from "../../src/taskpane/host/cell-refs";
import { isMarkFormula, markFormula } from "../../src/taskpane/host/mark-style";
import { rangesOfAddress } from "../../src/taskpane/host/office-read";

/**
 * Every place that reads formula or reference text goes through the one tokenizer
 * (src/scoring/formula/tokens.ts). These tables hold what the ad-hoc regexes they replaced read
 * right, and (marked "was wrong") what those regexes read wrong: text inside strings and sheet
 * names, longer names containing the namespace, sheet names with "!" or digits, `;` lists.
 */

describe("callsJxzp: a formula names a JXZP function (finalize, templates, JXZP_NOT_LOADED, messages)", () => {
  test.each<[string | null, boolean]>([
    ["=JXZP.SCORE(G14,E14,F14)", true],
    ["=jxzp.score(1,2,3)", true],
    ["=JXZP.指标得分(G14,E14,F14)", true],
    ["=_xldudf_JXZP_SCORE(G11,E11,F11)", true],
    ['=IF(AND(E12="",F12=""),"",JXZP.SCORE(G12,E12,F12))', true],
    ['=IFNA(JXZP.COMPLETION(E11,F11,G11),"—")', true],
    // A message quotes a formula's first 40 characters: the name may come without its "(".
    ['=IF(AND(E12="",F12=""),"",JXZP.SCORE', true],
    ["=SUM(H13:H35)", false],
    ["", false],
    [null, false],
    ['="JXZP.SCORE(1,2,3)"', false],
    ['=IF(A1="say ""JXZP.X""",1,2)', false],
    // was wrong: the old /JXZP[._]/ outside strings took these for JXZP formulas.
    ["='JXZP.表'!A1", false],
    ["=SUM('项目!JXZP.汇总'!H:H)", false],
    ["=_jxzp_fill_1", false],
    ["=MYJXZP.X(1)", false],
  ])("%s → %s", (formula, want) => {
    expect(callsJxzp(formula)).toBe(want);
  });
});

describe("localizeFormula: JXZP calls named as Excel's metadata names them", () => {
  test.each<[string, "zh-CN" | "en-US", string]>([
    ["=JXZP.SCORE(G14,E14,F14)", "zh-CN", "=JXZP.指标得分(G14,E14,F14)"],
    ["=JXZP.指标得分(G14,E14,F14)", "en-US", "=JXZP.SCORE(G14,E14,F14)"],
    ["=JXZP.SCORE(G14,E14,F14)", "en-US", "=JXZP.SCORE(G14,E14,F14)"],
    ["=JXZP.评定等级(JXZP.EXECSCORE(1,2,3))", "zh-CN", "=JXZP.评定等级(JXZP.执行率得分(1,2,3))"],
    ["=jxzp.score(1,2,3)", "zh-CN", "=JXZP.指标得分(1,2,3)"],
    ["=JXZP.SCORE (1,2,3)", "zh-CN", "=JXZP.指标得分 (1,2,3)"],
    ["=JXZP.UNKNOWN(1)", "zh-CN", "=JXZP.UNKNOWN(1)"],
    ['=IF(A1="JXZP.SCORE(",JXZP.SCORE(1,2,3),"")', "zh-CN", '=IF(A1="JXZP.SCORE(",JXZP.指标得分(1,2,3),"")'],
    // was wrong: the old regex renamed inside a quoted sheet name and inside longer names.
    ["='JXZP.SCORE(表'!A1+JXZP.SCORE(1,2,3)", "zh-CN", "='JXZP.SCORE(表'!A1+JXZP.指标得分(1,2,3)"],
    ["=AJXZP.SCORE(1)", "zh-CN", "=AJXZP.SCORE(1)"],
    // A full-width parenthesis is not a call's "(" (the name runs on through it), as before.
    ["=JXZP.SCORE（1）", "zh-CN", "=JXZP.SCORE（1）"],
  ])("%s in %s → %s", (formula, locale, want) => {
    expect(localizeFormula(formula, locale)).toBe(want);
  });

  test("jxzpCallNames lists the calls outside text, in order, as written", () => {
    expect(jxzpCallNames('=IF(A1="JXZP.X(",JXZP.SCORE(1),JXZP.指标得分(2))+\'JXZP.Y(\'!A1')).toEqual(["SCORE", "指标得分"]);
  });

  test("functionCalls and renameCalls see names followed by ( only, and keep a qualifier", () => {
    expect(functionCalls("=SUM(A1)+预算数+IF(TRUE,LOG10(2))")).toEqual(["SUM", "IF", "LOG10"]);
    expect(renameCalls("=Sheet1!F(1)+Sheet1!F+F(2)", (n) => (n === "F" ? "G" : null))).toBe("=Sheet1!G(1)+Sheet1!F+G(2)");
  });
});

describe("fileFormula: the .xlsx spelling of add-in and newer functions", () => {
  test.each<[string, string]>([
    ["=JXZP.SCORE(G12,E12,F12)", "_xldudf_JXZP_SCORE(G12,E12,F12)"],
    ['=IFNA(JXZP.COMPLETION(E11,F11,G11),"—")', '_xlfn.IFNA(_xldudf_JXZP_COMPLETION(E11,F11,G11),"—")'],
    // was wrong: the old regexes rewrote inside strings.
    ['=IF(A1="JXZP.SCORE(",JXZP.SCORE(1),"IFNA(")', 'IF(A1="JXZP.SCORE(",_xldudf_JXZP_SCORE(1),"IFNA(")'],
    ["=_xlfn.IFNA(1,2)", "_xlfn.IFNA(1,2)"],
  ])("%s → %s", (formula, want) => {
    expect(fileFormula(formula)).toBe(want);
  });
});

describe("absoluteRef: print areas and print titles", () => {
  test.each<[string, boolean, string]>([
    ["11:11", false, "$11:$11"],
    ["A1:H40", false, "A$1:H$40"],
    ["A1:H40", true, "$A$1:$H$40"],
    ["'项目 表'!A1:H40", false, "'项目 表'!A$1:H$40"],
    // was wrong: the print titles' old `$` before every run of digits doubled a `$` and went into sheet names.
    ["$A$1:H40", false, "$A$1:H$40"],
    ["Sheet1!A1:H40", false, "Sheet1!A$1:H$40"],
    ["'表2'!5:5", false, "'表2'!$5:$5"],
    ["not a reference", false, "not a reference"],
  ])("%s (columns too: %s) → %s", (ref, cols, want) => {
    expect(absoluteRef(ref, cols)).toBe(want);
  });
});

describe("address lists: a range's address (merged areas) and a defined name's formula", () => {
  test.each<[string | null, string[]]>([
    ["Sheet1!A1:B2, Sheet1!D1:D4", ["A1:B2", "D1:D4"]],
    ["Sheet1!$A$1:$B$2", ["A1:B2"]],
    ["'My, sheet'!C3", ["C3"]],
    ["项目表!A1:G1,项目表!H2:H3", ["A1:G1", "H2:H3"]],
    ["'项目 表'!A1:A1", ["A1:A1"]],
    ["Sheet1!#REF!,Sheet1!A1", ["A1"]],
    ["", []],
    [null, []],
    ["'a!b'!A1:B2,'a!b'!C3", ["A1:B2", "C3"]],
    // was wrong: a cell-like end of a sheet name before a comma, and `;` lists.
    ["'x A1, y'!B2:C3", ["B2:C3"]],
    ["A1:B2;C3:D4", ["A1:B2", "C3:D4"]],
  ])("%s → %j", (address, want) => {
    expect(rangesOfAddress(address)).toEqual(want);
  });

  test("each area names its sheet, unquoted; what is not cells is null", () => {
    expect(addressAreas("='项目''s 表'!$H$4;汇总!H11:H35;H:H;预算数")).toEqual([{ sheet: "项目's 表", ref: "H4" }, { sheet: "汇总", ref: "H11:H35" }, null, null]);
    expect(readNamedRefs("='表!1'!$H$4,'表!1'!$H$11:$H$35")).toEqual([
      { sheet: "表!1", ref: "H4" },
      { sheet: "表!1", ref: "H11:H35" },
    ]);
    expect(readNamedRefs("=")).toEqual([]);
  });
});

describe("isMarkFormula: the add-in's own highlight rules, which clearing removes", () => {
  test.each<[string | null, boolean]>([
    [markFormula("error"), true],
    ['=ISTEXT("JXZP-MARK-warning")', true],
    // Excel may show the rule's function in its display language.
    ['=ISTTEXT("JXZP-MARK-info")', true],
    ["=A1>100", false],
    [null, false],
    // was wrong: the tag anywhere in the text made a person's rule the add-in's.
    ["='JXZP-MARK 表'!A1>0", false],
    ["=JXZP-MARK", false],
  ])("%s → %s", (formula, want) => {
    expect(isMarkFormula(formula)).toBe(want);
  });
});
