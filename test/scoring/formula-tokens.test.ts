import fc from "fast-check";
import { copyFormulaBy } from "../../src/scoring/formula/copy";
import { sheetPrefix, tokenizeFormula, type FormulaToken } from "../../src/scoring/formula/tokens";

/** A token as the tables write it: its kind and text, and for references what they name. */
function show(t: FormulaToken): string {
  if (t.kind === "ref") {
    const end = (e: typeof t.from) => `${e.absCol ? "$" : ""}${e.col ?? "-"},${e.absRow ? "$" : ""}${e.row ?? "-"}`;
    const q = t.qualifier ? `${t.qualifier.book !== null ? `[${t.qualifier.book}]` : ""}${t.qualifier.sheet}${t.qualifier.lastSheet !== null ? `:${t.qualifier.lastSheet}` : ""}!` : "";
    return `ref(${q}${end(t.from)}${t.to ? ` ${end(t.to)}` : ""})`;
  }
  if (t.kind === "string") return `str(${t.value})`;
  if (t.kind === "error") return `err(${t.qualifier ? `${t.qualifier.sheet}!` : ""}${t.value})`;
  if (t.kind === "name") return `name(${t.qualifier ? `${t.qualifier.sheet}!` : ""}${t.name})`;
  return `${t.kind}(${t.text})`;
}

const tokens = (f: string) => tokenizeFormula(f).filter((t) => t.kind !== "space").map(show);

describe("the reference tokenizer", () => {
  test.each<[string, string[]]>([
    ["=H4", ["op(=)", "ref(7,3)"]],
    ["$H$4:H9", ["ref($7,$3 7,8)"]],
    ["h4", ["ref(7,3)"]],
    // Sheet qualifiers: unquoted (Chinese too), quoted with doubled quotes, 3-D.
    ["汇总!B2+'项目 表'!$C$3+'a''b'!A1", ["ref(汇总!1,1)", "op(+)", "ref(项目 表!$2,$2)", "op(+)", "ref(a'b!0,0)"]],
    ["SUM(Sheet1:Sheet3!A1)", ["name(SUM)", "op(()", "ref(Sheet1:Sheet3!0,0)", "op())"]],
    // Whole columns and rows.
    ["SUM(H:H)+SUM($A:$C)+SUM(3:5)+SUM($3:$3)", ["name(SUM)", "op(()", "ref(7,- 7,-)", "op())", "op(+)", "name(SUM)", "op(()", "ref($0,- $2,-)", "op())", "op(+)", "name(SUM)", "op(()", "ref(-,2 -,4)", "op())", "op(+)", "name(SUM)", "op(()", "ref(-,$2 -,$2)", "op())"]],
    ["汇总!H:H", ["ref(汇总!7,- 7,-)"]],
    // External references: an index, a file name, a path inside quotes.
    ["[1]Sheet1!A1", ["ref([1]Sheet1!0,0)"]],
    ["'C:\\报表\\[预算.xlsx]项目 表'!$B$2", ["ref([C:\\报表\\预算.xlsx]项目 表!$1,$1)"]],
    ["'[预算.xlsx]Sheet1'!B2", ["ref([预算.xlsx]Sheet1!1,1)"]],
    // Strings hold no references; doubled quotes are one quote.
    ['IF(A1="A1",B2,"say ""B3""")', ["name(IF)", "op(()", "ref(0,0)", "op(=)", "str(A1)", "op(,)", "ref(1,1)", "op(,)", 'str(say "B3")', "op())"]],
    // Error literals, alone and on a sheet.
    ["#REF!+#N/A+'表'!#REF!+#DIV/0!", ["err(#REF!)", "op(+)", "err(#N/A)", "op(+)", "err(表!#REF!)", "op(+)", "err(#DIV/0!)"]],
    // Function names are not cells (LOG10, ATAN2), nor are names with dots or beyond the last column.
    ["LOG10(A1)+ATAN2(1,2)+JXZP.SCORE(G14,E14,F14)", ["name(LOG10)", "op(()", "ref(0,0)", "op())", "op(+)", "name(ATAN2)", "op(()", "number(1)", "op(,)", "number(2)", "op())", "op(+)", "name(JXZP.SCORE)", "op(()", "ref(6,13)", "op(,)", "ref(4,13)", "op(,)", "ref(5,13)", "op())"]],
    ["JXZP.指标得分(G14,E14,F14)", ["name(JXZP.指标得分)", "op(()", "ref(6,13)", "op(,)", "ref(4,13)", "op(,)", "ref(5,13)", "op())"]],
    ["XFD1+XFE1+A1048576+A1048577", ["ref(16383,0)", "op(+)", "name(XFE1)", "op(+)", "ref(0,1048575)", "op(+)", "name(A1048577)"]],
    ["_xlfn.STDEV.S(A1:A3)+TRUE", ["name(_xlfn.STDEV.S)", "op(()", "ref(0,0 0,2)", "op())", "op(+)", "name(TRUE)"]],
    // Numbers, with exponents; a percent sign is an operator.
    ["1.5E+3+.5+95%", ["number(1.5E+3)", "op(+)", "number(.5)", "op(+)", "number(95)", "op(%)"]],
    // Structured references are names.
    ["Table1[[#This Row],[A1]]+[@得分]", ["structured(Table1[[#This Row],[A1]])", "op(+)", "structured([@得分])"]],
    // A sheet-scoped name.
    ["Sheet1!预算数*2", ["name(Sheet1!预算数)", "op(*)", "number(2)"]],
    // Hostile text: unclosed quotes and brackets end the formula as text, never as references.
    ['"A1', ["str(A1)"]],
    ["'A1", ["other('A1)"]],
    ["[A1", ["other([A1)"]],
    ["A1!", ["other(A1!)"]],
  ])("%s", (f, want) => {
    expect(tokens(f)).toEqual(want);
  });

  test("the tokens' texts put together are the formula, whatever it holds", () => {
    const pieces = fc.constantFrom("A1", "$B$2", ":", "H:H", "3:5", "'a b'!", "汇总!", "[1]", '"x""y"', "#REF!", "SUM(", ")", ",", " ", "1.5E+3", "'", '"', "[", "]", "!", "#", "JXZP.SCORE", "表1[@得分]", "\u3000", "$");
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => {
        const f = parts.join("");
        const ts = tokenizeFormula(f);
        expect(ts.map((t) => t.text).join("")).toBe(f);
        let at = 0;
        for (const t of ts) {
          expect(t.start).toBe(at);
          expect(f.slice(t.start, t.end)).toBe(t.text);
          at = t.end;
        }
      }),
      { numRuns: 2000 },
    );
  });

  test("a long formula is read in linear time: 200,000 characters of references, strings and brackets", () => {
    for (const unit of ["A1+", '"A1"&', "[", "'", "汇总!B2:C3+", "#"]) {
      const f = unit.repeat(Math.ceil(200000 / unit.length));
      const t0 = process.hrtime.bigint();
      const n = tokenizeFormula(f).length;
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      expect(n).toBeGreaterThan(0);
      // Linear: well under a second on a shared machine; a quadratic scan takes minutes.
      expect(ms).toBeLessThan(3000);
    }
  });

  test.each([
    ["汇总", "汇总!"],
    ["项目 表", "'项目 表'!"],
    ["a'b", "'a''b'!"],
    ["A1", "'A1'!"],
    ["Sheet1", "Sheet1!"],
  ])("sheet %s is written %s", (name, want) => {
    expect(sheetPrefix(name)).toBe(want);
    expect(tokens(`${want}B2`)).toEqual([`ref(${name}!1,1)`]);
  });
});

describe("copying a formula by an offset (shared formulas)", () => {
  test.each<[string, number, number, string]>([
    ["=H:H*2", 5, 1, "=I:I*2"],
    ["=SUM($3:4)", 2, 0, "=SUM($3:6)"],
    ["=SUM(A1:B2)", -1, 0, "=SUM(#REF!)"],
    ["='项目 表'!A1:A3", 0, -1, "='项目 表'!#REF!"],
    ["=[1]表!A1+\"A1\"+#REF!", 1, 1, "=[1]表!B2+\"A1\"+#REF!"],
    ["=XFD1+A1048576", 0, 1, "=#REF!+B1048576"],
    ["=A1", 0, 0, "=A1"],
  ])("%s by %i rows and %i columns is %s", (f, rows, cols, want) => {
    expect(copyFormulaBy(f, rows, cols)).toBe(want);
  });

  test("with a limit it spells out only the start", () => {
    const f = "A1+".repeat(100000) + "1";
    const start = copyFormulaBy(f, 1, 0, 40);
    expect(start.startsWith("A2+A2+A2+")).toBe(true);
    expect(start.length).toBeGreaterThanOrEqual(40);
    expect(start.length).toBeLessThan(50);
  });
});
