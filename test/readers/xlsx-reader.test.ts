/**
 * The streaming .xlsx reader on what the attack suite (test/fixtures/attack) and small
 * hand-made workbooks throw at it: missing parts, entities, whole-sheet merges, shared
 * formulas, dates, rich text, booleans, rows and cells without addresses, 1904 dates.
 */
import * as fs from "fs";
import * as path from "path";
import JSZip from "jszip";
import { parseA1, parseRange, toA1 } from "../../src/scoring/grid/address";
import { formulaText, type Grid } from "../../src/scoring/grid/grid";
import { readDocument } from "../../src/readers/document";
import { ReadError } from "../../src/readers/read-error";
import { readXlsx } from "../../src/readers/xlsx";
import { openZip } from "../../src/readers/zip-package";
import { isPlainChinese } from "./chinese";
import { readWithExcelJS } from "./exceljs-grid";

const ATTACK = path.join(__dirname, "..", "fixtures", "attack");
const attack = (name: string) => new Uint8Array(fs.readFileSync(path.join(ATTACK, name)));

async function read(bytes: Uint8Array): Promise<{ grids: Grid[]; notes: string[] }> {
  return readXlsx(await openZip(bytes));
}

async function refusal(bytes: Uint8Array): Promise<string> {
  try {
    await read(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(ReadError);
    expect(isPlainChinese((e as Error).message)).toBe(true);
    return (e as Error).message;
  }
  throw new Error("read");
}

/** The cell at an A1 address: value and formula. */
function cell(g: Grid, a1: string): { v: unknown; f: string | null; x: string | null } {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  let c = 0;
  for (const ch of m[1]) c = c * 26 + ch.charCodeAt(0) - 64;
  const r = Number(m[2]) - 1;
  return { v: g.values[r]?.[c - 1], f: formulaText(g.formulas?.[r]?.[c - 1]), x: g.numberFormats?.[r]?.[c - 1] ?? null };
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

interface Book {
  sheets: { name: string; xml: string; state?: string; type?: string; target?: string }[];
  strings?: string[] | string;
  styles?: string;
  workbookPr?: string;
}

/** A small workbook with the parts Excel writes (content types, relationships), built by hand. */
async function book(b: Book): Promise<Uint8Array> {
  const z = new JSZip();
  z.file("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>');
  z.file("_rels/.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  const rels: string[] = [];
  const sheets: string[] = [];
  b.sheets.forEach((s, i) => {
    const target = s.target ?? `worksheets/sheet${i + 1}.xml`;
    rels.push(`<Relationship Id="rId${i + 1}" Type="${REL}/${s.type ?? "worksheet"}" Target="${target}"/>`);
    sheets.push(`<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"${s.state ? ` state="${s.state}"` : ""}/>`);
    z.file(target.startsWith("/") ? target.slice(1) : `xl/${target}`, `<?xml version="1.0"?><worksheet ${NS}>${s.xml}</worksheet>`);
  });
  if (b.strings !== undefined) {
    rels.push(`<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
    const body = typeof b.strings === "string" ? b.strings : b.strings.map((t) => `<si><t xml:space="preserve">${t}</t></si>`).join("");
    z.file("xl/sharedStrings.xml", `<?xml version="1.0"?><sst ${NS}>${body}</sst>`);
  }
  if (b.styles !== undefined) {
    rels.push(`<Relationship Id="rIdT" Type="${REL}/styles" Target="styles.xml"/>`);
    z.file("xl/styles.xml", `<?xml version="1.0"?><styleSheet ${NS}>${b.styles}</styleSheet>`);
  }
  z.file("xl/_rels/workbook.xml.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>`);
  z.file("xl/workbook.xml", `<?xml version="1.0"?><workbook ${NS}>${b.workbookPr ?? ""}<sheets>${sheets.join("")}</sheets></workbook>`);
  return z.generateAsync({ type: "uint8array" });
}

const data = (rows: string) => `<sheetData>${rows}</sheetData>`;

describe("the attack suite", () => {
  test("05: a sheet whose part is missing is named, not left out", async () => {
    expect(await refusal(attack("05-no-sheet1.xlsx"))).toContain("缺少工作表“部门整体支出绩效自评表”的内容");
  });

  test("07: shared-string cells without the shared string table are refused, not read as empty", async () => {
    expect(await refusal(attack("07-no-sharedstrings.xlsx"))).toContain("缺少共享字符串表 xl/sharedStrings.xml");
  });

  test("07b, 06, 07c: no styles, no content types, no package relationships: still read", async () => {
    for (const f of ["07b-no-styles.xlsx", "06-no-content-types.xlsx", "07c-no-rels.xlsx"]) {
      const doc = await readDocument(attack(f), f);
      expect(doc.grids.length).toBe(5);
    }
    const noStyles = await read(attack("07b-no-styles.xlsx"));
    expect(noStyles.grids.every((g) => g.numberFormats!.every((r) => r.every((x) => x === null)))).toBe(true);
  });

  test("09d: a DOCTYPE with entities (billion laughs) is refused as damaged", async () => {
    const m = await refusal(attack("09d-xml-entity-billion-laughs.xlsx"));
    expect(m).toContain("工作簿内容已损坏");
    expect(m).toContain("不允许的文档类型声明");
  });

  test("11g: one cell and a merge over the whole sheet is read at once, in a small grid", async () => {
    const t = performance.now();
    const { grids, notes } = await read(attack("11g-merge-whole-sheet.xlsx"));
    expect(performance.now() - t).toBeLessThan(1000);
    // Kept as its part within the grid (all of it empty): a host walking the merge stays in the grid.
    expect(grids[0].merges).toEqual(["A1:GR101"]);
    expect(grids[0].values.length).toBeLessThanOrEqual(101);
    expect(grids[0].values[0].length).toBeLessThanOrEqual(200);
    expect(notes).toEqual([]);
  });

  test("18: escaped control characters are decoded as ExcelJS decodes them; 18b: raw ones are not XML", async () => {
    const { grids } = await read(attack("18-sst-control-escaped.xlsx"));
    expect(grids[0].values.flat()).toContain("合\u0000计\u0001\u001f\uffff");
    expect(await refusal(attack("18b-sst-control-raw.xlsx"))).toContain("共享字符串表 xl/sharedStrings.xml 的 XML 格式错误");
  });

  test("18c: a shared string index out of range names the cell", async () => {
    expect(await refusal(attack("18c-sst-index-out-of-range.xlsx"))).toContain("工作表“部门整体支出绩效自评表”的单元格 B4 引用的共享字符串 999999 不存在");
  });

  test("13c: a shared formula is spelled out for each of its cells; without a saved value it is null", async () => {
    const g = (await read(attack("13c-shared-formula.xlsx"))).grids[0];
    expect(cell(g, "H11")).toMatchObject({ v: 2, f: "=G11*1" });
    expect(cell(g, "H12")).toMatchObject({ v: null, f: "=G12*1" });
  });

  test("15: a date-formatted serial stays a serial; an ISO date becomes one; a bad date stays its text", async () => {
    const g = (await read(attack("15-dates.xlsx"))).grids[0];
    expect(cell(g, "D4").v).toBe(44197);
    expect(cell(g, "H11").v).toBe(44197);
    expect(cell(g, "F11").v).toBe("not-a-date");
  });

  test("16: rich text runs are joined", async () => {
    const g = (await read(attack("16-rich-text.xlsx"))).grids[0];
    expect(cell(g, "H11").v).toBe("1.5");
  });

  test("17: a hyperlink's cell holds its own value", async () => {
    const g = (await read(attack("17-hyperlinks.xlsx"))).grids[0];
    expect(cell(g, "H11").v).toBe(1.95);
    expect(cell(g, "F11").v).toBe("点击");
  });

  test("21: booleans, any non-zero as true", async () => {
    const g = (await read(attack("21-booleans.xlsx"))).grids[0];
    expect([cell(g, "D4").v, cell(g, "H11").v, cell(g, "F11").v, cell(g, "G12").v]).toEqual([true, false, true, true]);
  });

  test("20, 24: no NaN or Infinity ever reaches a grid", async () => {
    for (const f of fs.readdirSync(ATTACK).filter((n) => n.endsWith(".xlsx"))) {
      let grids: Grid[];
      try {
        grids = (await read(attack(f))).grids;
      } catch {
        continue;
      }
      for (const g of grids) for (const v of g.values.flat()) if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
    }
    const g = (await read(attack("24-nan-from-adapter.xlsx"))).grids[0];
    expect([cell(g, "G11").v, cell(g, "D4").v, cell(g, "H36").v]).toEqual(["abc", "garbage", "1e999"]);
  }, 60000);
});

describe("hand-made workbooks", () => {
  test("sheets in the workbook's order, hidden ones read, chartsheets left out, absolute targets followed", async () => {
    const bytes = await book({
      sheets: [
        { name: "乙", xml: data('<row r="1"><c r="A1"><v>2</v></c></row>') },
        { name: "图", xml: "", type: "chartsheet", target: "chartsheets/sheet1.xml" },
        { name: "隐藏", xml: data('<row r="1"><c r="A1"><v>3</v></c></row>'), state: "hidden" },
        { name: "甲 &amp; 丙", xml: data('<row r="1"><c r="A1"><v>1</v></c></row>'), target: "/xl/worksheets/other.xml" },
      ],
    });
    const { grids } = await read(bytes);
    expect(grids.map((g) => g.sheet)).toEqual(["乙", "隐藏", "甲 & 丙"]);
    // ExcelJS reads only parts named xl/worksheets/sheetN.xml and drops the others without a word.
    expect((await readWithExcelJS(bytes)).map((b) => b.grid.sheet)).toEqual(["乙", "隐藏"]);
  });

  test("merges: absolute references read, a row 0 or an unreadable reference is no merge", async () => {
    const xml = data('<row r="1"><c r="A1"><v>1</v></c></row><row r="3"><c r="C3"><v>2</v></c></row>') + '<mergeCells><mergeCell ref="$A$1:$B$1"/><mergeCell ref="A0:C1"/><mergeCell ref="B2:x"/></mergeCells>';
    const g = (await read(await book({ sheets: [{ name: "s", xml }] }))).grids[0];
    expect(g.merges).toEqual(["A1:B1"]);
    // The shared address parser refuses row 0 (it once read A0 as row -1).
    expect([parseA1("A0"), parseRange("A0:C1"), parseA1("$AB$12")]).toEqual([null, null, { row: 11, col: 27 }]);
  });

  test("rows and cells without addresses follow the ones before them", async () => {
    const g = (await read(await book({ sheets: [{ name: "s", xml: data('<row><c><v>1</v></c><c><v>2</v></c></row><row r="3"><c r="B3"><v>3</v></c><c><v>4</v></c></row><row><c><v>5</v></c></row>') }] }))).grids[0];
    expect(g.values).toEqual([
      [1, 2, null],
      [null, null, null],
      [null, 3, 4],
      [5, null, null],
    ]);
  });

  test("text: inline strings, rich runs, phonetic runs left out, escapes, kept spaces, prefixed elements", async () => {
    const strings = '<si><t xml:space="preserve"> 项目 </t></si><si><r><t>1</t></r><r><rPr><b/></rPr><t>2</t></r><rPh sb="0" eb="1"><t>よみ</t></rPh></si><si><t>a_x000D_b _x005F_x0001_</t></si><si/>';
    const xml = data('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="inlineStr"><is><r><t>内</t></r><r><t>联</t></r></is></c><c r="E1" t="e"><v>#DIV/0!</v></c><c r="F1" t="s"><v>3</v></c></row>');
    const bytes = await book({ sheets: [{ name: "s", xml }], strings });
    const g = (await read(bytes)).grids[0];
    // F1's empty text holds nothing, so the grid ends at E.
    expect(g.values[0]).toEqual([" 项目 ", "12", "a\rb _x0001_", "内联", "#DIV/0!"]);
    expect((await readWithExcelJS(bytes))[0].grid.values[0].slice(0, 5)).toEqual([" 项目 ", "12", "a\rb _x0001_", "内联", "#DIV/0!"]);
    const prefixed = `<x:sheetData xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:row r="2"><x:c r="B2"><x:v>7</x:v></x:c></x:row></x:sheetData>`;
    expect((await read(await book({ sheets: [{ name: "s", xml: prefixed }] }))).grids[0].values).toEqual([
      [null, null],
      [null, 7],
    ]);
  });

  test("number formats: custom, built-in, General as null; only cells with a value keep one", async () => {
    const styles = '<numFmts count="1"><numFmt numFmtId="176" formatCode="0.00_ "/></numFmts><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="176"/><xf numFmtId="10"/><xf numFmtId="14"/><xf numFmtId="58"/></cellXfs>';
    // Column C and row 2 are styled, and C2 is a styled empty cell: none of them holds a value.
    const xml =
      '<cols><col min="3" max="3" style="2"/></cols>' +
      data('<row r="1"><c r="A1" s="1"><v>1.5</v></c><c r="B1" s="2"><v>0.5</v></c><c r="D1" s="0"><v>1</v></c></row><row r="2" s="2" customFormat="1"><c r="A2" s="3"><v>44197</v></c><c r="B2" s="4"><v>44197</v></c><c r="C2" s="2"/></row>');
    const bytes = await book({ sheets: [{ name: "s", xml }], styles });
    const g = (await read(bytes)).grids[0];
    expect(g.numberFormats).toEqual([
      ["0.00_ ", "0.00%", null, null],
      ["mm-dd-yy", 'm"月"d"日"', null, null],
    ]);
    // ExcelJS agrees on every cell that holds a value.
    const other = (await readWithExcelJS(bytes))[0].grid.numberFormats!;
    for (const [r, c] of [[0, 0], [0, 1], [0, 3], [1, 0]]) expect(other[r][c]).toBe(g.numberFormats![r][c]);
  });

  test("1904 dates: a date cell's serial as ExcelJS gave it (the 1900 serial), other numbers as they are", async () => {
    const styles = '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>';
    const xml = data('<row r="1"><c r="A1" s="1"><v>42735</v></c><c r="B1"><v>42735</v></c></row>');
    const bytes = await book({ sheets: [{ name: "s", xml }], styles, workbookPr: '<workbookPr date1904="1"/>' });
    const g = (await read(bytes)).grids[0];
    expect(g.values[0]).toEqual([42735 + 1462, 42735]);
    expect((await readWithExcelJS(bytes))[0].grid.values).toEqual(g.values);
  });

  test("formulas: results by type, an empty text result kept, none saved as null, array formulas kept, merged slaves empty", async () => {
    const xml =
      data(
        '<row r="1"><c r="A1" t="str"><f>IF(1,"x","")</f><v>x</v></c><c r="B1" t="str"><f>IF(0,"x","")</f><v></v></c><c r="C1"><f>1/0</f></c><c r="D1" t="b"><f>TRUE()</f><v>1</v></c><c r="E1" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>' +
          '<row r="2"><c r="A2"><f t="array" ref="A2">SUM(B2:C2*2)</f><v>6</v></c><c r="B2"><v>1</v></c><c r="C2"><f>B2+1</f><v>2</v></c></row>',
      ) + '<mergeCells count="1"><mergeCell ref="B2:C2"/></mergeCells>';
    const g = (await read(await book({ sheets: [{ name: "s", xml }] }))).grids[0];
    expect(g.values).toEqual([
      ["x", "", null, true, "#DIV/0!"],
      [6, 1, null, null, null],
    ]);
    expect(g.formulas).toEqual([
      ['=IF(1,"x","")', '=IF(0,"x","")', "=1/0", "=TRUE()", "=1/0"],
      ["=SUM(B2:C2*2)", null, null, null, null],
    ]);
    expect(g.merges).toEqual(["B2:C2"]);
  });

  test("shared formulas the same as ExcelJS spells them", async () => {
    const xml = data(
      '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" si="0" ref="B1:C3">A1+$A$1+Sheet2!A1+"A1"</f><v>1</v></c><c r="C1"><f t="shared" si="0"/><v>1</v></c></row>' +
        '<row r="2"><c r="B2"><f t="shared" si="0"/><v>1</v></c><c r="C3"><f t="shared" si="0"/><v>1</v></c></row>',
    );
    const bytes = await book({ sheets: [{ name: "s", xml }, { name: "Sheet2", xml: data("") }] });
    const g = (await read(bytes)).grids[0];
    expect([cell(g, "B1").f, cell(g, "C1").f, cell(g, "B2").f, cell(g, "C3").f]).toEqual(['=A1+$A$1+Sheet2!A1+"A1"', '=B1+$A$1+Sheet2!B1+"A1"', '=A2+$A$1+Sheet2!A2+"A1"', '=B3+$A$1+Sheet2!B3+"A1"']);
    // ExcelJS moves the "A1" inside the string literal too; everything else is the same.
    const e = (await readWithExcelJS(bytes))[0].grid;
    expect([cell(e, "B1").f, cell(e, "C1").f, cell(e, "B2").f]).toEqual(['=A1+$A$1+Sheet2!A1+"A1"', '=B1+$A$1+Sheet2!B1+"B1"', '=A2+$A$1+Sheet2!A2+"A2"']);
  });

  test("overlapping merges are refused as damaged, as Excel and ExcelJS refuse them", async () => {
    const xml = data('<row r="1"><c r="A1"><v>1</v></c></row>') + '<mergeCells count="2"><mergeCell ref="A1:B2"/><mergeCell ref="B2:C3"/></mergeCells>';
    expect(await refusal(await book({ sheets: [{ name: "s", xml }] }))).toContain("合并区域 A1:B2 与 B2:C3 重叠");
  });

  test("a merge carries the grid across a title's columns and a few rows down, never over the whole sheet", async () => {
    const xml = data('<row r="1"><c r="A1"><v>1</v></c></row><row r="3"><c r="A3"><v>2</v></c></row>') + '<mergeCells count="2"><mergeCell ref="A1:I1"/><mergeCell ref="A3:A5000"/></mergeCells>';
    const g = (await read(await book({ sheets: [{ name: "s", xml }] }))).grids[0];
    expect(g.values[0].length).toBe(9);
    expect(g.values.length).toBe(103);
  });

  test("a sheet the workbook lists without a relationship is named as missing", async () => {
    const bytes = await book({ sheets: [{ name: "表一", xml: data("") }] });
    const z = await JSZip.loadAsync(bytes);
    z.file("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>');
    expect(await refusal(await z.generateAsync({ type: "uint8array" }))).toContain("缺少工作表“表一”的内容");
  });

  test("cells beyond the limits are noted, not kept", async () => {
    const { grids, notes } = await read(await book({ sheets: [{ name: "s", xml: data(`<row r="20000"><c r="${toA1(19999, 0)}"><v>1</v></c></row>`) }] }));
    expect(grids[0].values).toEqual([]);
    expect(notes[0]).toContain("A20000");
  });
});
