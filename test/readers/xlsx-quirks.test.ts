/**
 * What Excel tolerates and other writers produce (issue 21 §2–§5), built part by part and read
 * through both ways of opening a zip: JSZip (the browser's) and Node's zlib (the CLI's).
 */
import * as XLSX from "@e965/xlsx";
import JSZip from "jszip";
import { performance } from "perf_hooks";
import type { Grid } from "../../src/scoring/grid/grid";
import { readDocument } from "../../src/readers/document";
import { SHEET_LIMIT } from "../../src/readers/grid-builder";
import { openZipNative } from "../../src/readers/zip-native";
import { openZip, ZipPackage } from "../../src/readers/zip-package";

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
const MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";

async function pack(parts: Record<string, string>): Promise<Uint8Array> {
  const z = new JSZip();
  for (const [name, text] of Object.entries(parts)) z.file(name, text);
  return z.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

const rels = (list: [id: string, type: string, target: string][]) =>
  `<?xml version="1.0"?><Relationships xmlns="${PKG_RELS}">${list.map(([id, type, target]) => `<Relationship Id="${id}" Type="${REL}/${type}" Target="${target}"/>`).join("")}</Relationships>`;

const types = (extra = "") => `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>${extra}</Types>`;

const sheet = (rows: string) => `<?xml version="1.0"?><worksheet ${NS}><sheetData>${rows}</sheetData></worksheet>`;

/** The usual parts of a one-sheet workbook under xl/, to be changed by each case. */
function usual(sheetXml: string, strings?: string[]): Record<string, string> {
  return {
    "[Content_Types].xml": types(`<Override PartName="/xl/workbook.xml" ContentType="${MAIN}"/>`),
    "_rels/.rels": rels([["rId1", "officeDocument", "xl/workbook.xml"]]),
    "xl/workbook.xml": `<?xml version="1.0"?><workbook ${NS}><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": rels([["rId1", "worksheet", "worksheets/sheet1.xml"], ...(strings ? [["rId2", "sharedStrings", "sharedStrings.xml"] as [string, string, string]] : [])]),
    "xl/worksheets/sheet1.xml": sheetXml,
    ...(strings ? { "xl/sharedStrings.xml": `<?xml version="1.0"?><sst ${NS}>${strings.map((s) => `<si><t>${s}</t></si>`).join("")}</sst>` } : {}),
  };
}

const OPENERS: [string, (b: Uint8Array) => Promise<ZipPackage>][] = [
  ["JSZip", (b) => openZip(b)],
  ["Node zlib", (b) => openZipNative(b)],
];

describe.each(OPENERS)("opened with %s", (_, opener) => {
  const read = async (bytes: Uint8Array) => readDocument(bytes, "表.xlsx", { openZip: opener });
  const values = (g: Grid) => g.values;

  test("§2: an .xlsx whose content types declare .bin files as .xlsb (as SheetJS writes) is an .xlsx", async () => {
    const parts = usual(sheet('<row r="1"><c r="A1"><v>1</v></c></row>'));
    parts["[Content_Types].xml"] = types(`<Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/><Override PartName="/xl/workbook.xml" ContentType="${MAIN}"/>`);
    const doc = await read(await pack(parts));
    expect(doc.format).toBe("xlsx");
    expect(values(doc.grids[0])).toEqual([[1]]);
  });

  test("§2: a workbook written by SheetJS itself (as web systems export) reads as an .xlsx", async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([["项目名称", "预算数"], ["道路养护", 2060.5]]), "自评表");
    const bytes = new Uint8Array(XLSX.write(wb, { type: "buffer", bookType: "xlsx" }) as Buffer);
    // What made the old sniffing call it .xlsb: SheetJS declares .bin files as .xlsb's content type.
    expect(await (await JSZip.loadAsync(bytes)).file("[Content_Types].xml")!.async("string")).toContain("sheet.binary.macroEnabled.main");
    const doc = await read(bytes);
    expect(doc.format).toBe("xlsx");
    expect(doc.grids[0].sheet).toBe("自评表");
    expect(values(doc.grids[0])).toEqual([
      ["项目名称", "预算数"],
      ["道路养护", 2060.5],
    ]);
  });

  test("§2: a real .xlsb (its workbook part is binary) is still called .xlsb", async () => {
    const bytes = await pack({
      "[Content_Types].xml": types(`<Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>`),
      "_rels/.rels": rels([["rId1", "officeDocument", "xl/workbook.bin"]]),
      "xl/workbook.bin": "\u0083\u0001",
    });
    await expect(read(bytes)).rejects.toThrow(".xlsb");
  });

  test("§3: `<c t=\"s\"><v/></c>` is an empty cell, not shared string 0", async () => {
    const doc = await read(await pack(usual(sheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v/></c><c r="C1" t="s"><v></v></c><c r="D1" t="s"><v>1</v></c></row>'), ["零", "一"])));
    expect(values(doc.grids[0])).toEqual([["零", null, null, "一"]]);
  });

  test("§4: Strict files' ISO dates and time-only values read as Excel's serials; 1900-01-01 is day 1", async () => {
    const rows = '<row r="1"><c r="A1" t="d"><v>1900-01-01T00:00:00</v></c><c r="B1" t="d"><v>1900-02-28</v></c><c r="C1" t="d"><v>1900-03-01</v></c><c r="D1" t="d"><v>2021-01-01T12:00:00Z</v></c><c r="E1" t="d"><v>10:59:59.9999999999984025</v></c></row>';
    const doc = await read(await pack(usual(sheet(rows))));
    const [a, b, c, d, e] = doc.grids[0].values[0] as number[];
    expect([a, b, c, d]).toEqual([1, 59, 61, 44197.5]);
    expect(e).toBeCloseTo(11 / 24, 9);
  });

  test("§4: the East-Asian built-in formats (27–36, 50–58) read as the zh-CN formats, and as dates", async () => {
    const ids = [14, 27, 28, 31, 32, 34, 36, 50, 55, 57, 58];
    const parts = usual(sheet(`<row r="1">${ids.map((_, i) => `<c r="${String.fromCharCode(65 + i)}1" s="${i + 1}"><v>44197</v></c>`).join("")}</row>`));
    parts["xl/styles.xml"] = `<?xml version="1.0"?><styleSheet ${NS}><cellXfs><xf numFmtId="0"/>${ids.map((id) => `<xf numFmtId="${id}"/>`).join("")}</cellXfs></styleSheet>`;
    parts["xl/_rels/workbook.xml.rels"] = rels([["rId1", "worksheet", "worksheets/sheet1.xml"], ["rId3", "styles", "styles.xml"]]);
    const g = (await read(await pack(parts))).grids[0];
    expect(g.numberFormats![0]).toEqual([
      "mm-dd-yy",
      'yyyy"年"m"月"',
      'm"月"d"日"',
      'yyyy"年"m"月"d"日"',
      'h"时"mm"分"',
      '上午/下午h"时"mm"分"',
      'yyyy"年"m"月"',
      'yyyy"年"m"月"',
      '上午/下午h"时"mm"分"',
      'yyyy"年"m"月"',
      'm"月"d"日"',
    ]);
  });

  test("§5: `\\` in zip paths and part names that differ from the relationships only in case", async () => {
    const parts = usual(sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), ["文字"]);
    const moved: Record<string, string> = {};
    for (const [name, text] of Object.entries(parts)) {
      if (name === "xl/worksheets/sheet1.xml") moved["xl\\worksheets\\Sheet1.xml"] = text;
      else if (name === "xl/sharedStrings.xml") moved["XL/SharedStrings.xml"] = text;
      else moved[name] = text;
    }
    const doc = await read(await pack(moved));
    expect(values(doc.grids[0])).toEqual([["文字"]]);
  });

  test("§5: two entries for one part (the same name, or names differing in case) make the file damaged, as POI says", async () => {
    const parts = usual(sheet('<row r="1"><c r="A1"><v>1</v></c></row>'));
    const bytes = await pack({ ...parts, "XL/Worksheets/Sheet1.xml": sheet('<row r="1"><c r="A1"><v>2</v></c></row>') });
    await expect(read(bytes)).rejects.toThrow("压缩包中有两个同名的部件");
  });

  test("UTF-16 parts, with or without a byte-order mark, are read", async () => {
    const utf16 = (s: string, bom: boolean) => {
      const b = Buffer.from(s, "utf16le");
      return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), b]) : b;
    };
    const parts = usual(sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>双字节</t></is></c></row>'));
    const z = new JSZip();
    for (const [name, text] of Object.entries(parts)) z.file(name, name === "xl/workbook.xml" ? utf16(text.replace('version="1.0"', 'version="1.0" encoding="UTF-16"'), false) : name.endsWith("sheet1.xml") ? utf16(text, true) : text);
    const doc = await read(await z.generateAsync({ type: "uint8array" }));
    expect(values(doc.grids[0])).toEqual([["双字节"]]);
  });

  test("parts that declare GBK (as some domestic exporters write them) are read as GBK: the sheet and the shared strings", async () => {
    // The GBK bytes of the few characters used (Node has no GBK encoder; the decoder checks them).
    const GBK: Record<string, number[]> = { 自: [0xd7, 0xd4], 评: [0xc6, 0xc0], 表: [0xb1, 0xed], 项: [0xcf, 0xee], 目: [0xc4, 0xbf], 支: [0xd6, 0xa7], 出: [0xb3, 0xf6] };
    const gbk = (s: string) => Buffer.from([...s].flatMap((c) => GBK[c] ?? [c.charCodeAt(0)]));
    expect(new TextDecoder("gbk").decode(gbk("自评表项目支出"))).toBe("自评表项目支出");
    const parts = usual(sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>自评表</t></is></c><c r="B1" t="s"><v>0</v></c></row>'));
    parts["xl/_rels/workbook.xml.rels"] = rels([["rId1", "worksheet", "worksheets/sheet1.xml"], ["rId2", "sharedStrings", "sharedStrings.xml"]]);
    const z = new JSZip();
    for (const [name, text] of Object.entries(parts)) z.file(name, name.endsWith("sheet1.xml") ? gbk(text.replace('version="1.0"', 'version="1.0" encoding="GBK"')) : text);
    z.file("xl/sharedStrings.xml", gbk(`<?xml version="1.0" encoding="GB2312"?><sst ${NS}><si><t>项目支出</t></si></sst>`));
    const doc = await read(await z.generateAsync({ type: "uint8array" }));
    expect(values(doc.grids[0])).toEqual([["自评表", "项目支出"]]);
  });

  test("escaped characters: `_x000d_` in either case of hex is a character; `_X0000_` (a capital X) is text as Excel shows it", async () => {
    const doc = await read(await pack(usual(sheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>'), ["甲_x000d__x000A_乙", "_X0000_", "_x005F_x0000_"])));
    expect(values(doc.grids[0])).toEqual([["甲\r\n乙", "_X0000_", "_x0000_"]]);
  });

  // The structures below are those of public files the compare script met (see src/readers/README.md).
  test("`<si/>` is an empty text that keeps its place in the shared strings (PhpSpreadsheet issue.4063.xlsx)", async () => {
    const parts = usual(sheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>'));
    parts["xl/_rels/workbook.xml.rels"] = rels([["rId1", "worksheet", "worksheets/sheet1.xml"], ["rId2", "sharedStrings", "sharedStrings.xml"]]);
    parts["xl/sharedStrings.xml"] = `<?xml version="1.0"?><sst ${NS}><si><t>226</t></si><si/><si><t>\u00a0</t></si></sst>`;
    expect(values((await read(await pack(parts))).grids[0])).toEqual([["226", null, "\u00a0"]]);
  });

  test("a plain `<t>` followed by rich runs is one text (calamine richtext-after-plain.xlsx, minimal_package.xlsx)", async () => {
    const doc = await read(await pack(usual(sheet('<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve">ARREST BOOKINGS for </t>\n<r>\n<t xml:space="preserve">01/30/17</t>\n</r>\n</is></c></row>'))));
    expect(values(doc.grids[0])).toEqual([["ARREST BOOKINGS for 01/30/17"]]);
  });

  test("cell references in small letters (ExcelDataReader LowerCaseReferenceAttribute.xlsx) and an empty boolean (PhpSpreadsheet issue.2488.xlsx)", async () => {
    const doc = await read(await pack(usual(sheet('<row r="1"><c r="b1"><v>1</v></c><c r="d1" t="b"/><c r="e1" t="b"><v>1</v></c></row>'))));
    expect(values(doc.grids[0])).toEqual([[null, 1, null, null, true]]);
  });

  test("a package at the zip's root with prefixed elements and absolute targets (ExcelDataReader Fillreport.xlsx)", async () => {
    const bytes = await pack({
      "[Content_Types].xml": types(`<Override PartName="/workbook.xml" ContentType="${MAIN}"/>`),
      "_rels/.rels": rels([["R1", "officeDocument", "/workbook.xml"]]),
      "workbook.xml": `\ufeff<?xml version="1.0" encoding="utf-8"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheets><x:sheet name="Fill report" sheetId="1" r:id="Sheet1" xmlns:r="${REL}" /></x:sheets></x:workbook>`,
      "_rels/workbook.xml.rels": rels([["Sheet1", "worksheet", "/sheet.xml"]]),
      "sheet.xml": `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Account Number</x:t></x:is></x:c><x:c r="B1"><x:v>74085</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
    });
    const doc = await read(bytes);
    expect(doc.grids.map((g) => g.sheet)).toEqual(["Fill report"]);
    expect(values(doc.grids[0])).toEqual([["Account Number", 74085]]);
  });

  test("issue 17 §7, a sibling: a package's relationships and content types of 100,000 unclosed tags are read in linear time", async () => {
    const parts = usual(sheet('<row r="1"><c r="A1"><v>5</v></c></row>'));
    parts["_rels/.rels"] = '<?xml version="1.0"?><Relationships>' + '<Relationship Type="x/officeDocument" Target="a" '.repeat(100000);
    parts["[Content_Types].xml"] = "<Types>" + '<Override PartName="/a" ContentType="b" '.repeat(100000);
    const t = performance.now();
    const doc = await read(await pack(parts));
    // A pattern such as <Relationship[^>]*> would take hours over these; the parts tell nothing, and xl/workbook.xml is found by name.
    expect(performance.now() - t).toBeLessThan(10000);
    expect(values(doc.grids[0])).toEqual([[5]]);
  });

  test("§5: a workbook that is not under xl/ is found by the package's relationships", async () => {
    const bytes = await pack({
      "[Content_Types].xml": types(`<Override PartName="/book/main.xml" ContentType="${MAIN}"/>`),
      "_rels/.rels": rels([["rId1", "officeDocument", "/book/main.xml"]]),
      "book/main.xml": `<?xml version="1.0"?><workbook ${NS}><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      "book/_rels/main.xml.rels": rels([["rId1", "worksheet", "s/one.xml"], ["rId2", "sharedStrings", "strings.xml"]]),
      "book/s/one.xml": sheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>2</v></c></row>'),
      "book/strings.xml": `<?xml version="1.0"?><sst ${NS}><si><t>在别处</t></si></sst>`,
    });
    const doc = await read(bytes);
    expect(doc.format).toBe("xlsx");
    expect(values(doc.grids[0])).toEqual([["在别处", 2]]);
  });

  test("§5: `<sheet r:id=\"\">` (an old macro sheet Excel keeps) is passed over, the other sheets read", async () => {
    const parts = usual(sheet('<row r="1"><c r="A1"><v>3</v></c></row>'));
    parts["xl/workbook.xml"] = `<?xml version="1.0"?><workbook ${NS}><sheets><sheet name="宏1" sheetId="2" r:id=""/><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>`;
    const doc = await read(await pack(parts));
    expect(doc.grids.map((g) => g.sheet)).toEqual(["表"]);
    expect(values(doc.grids[0])).toEqual([[3]]);
  });

  test("issue 17 §6: 3,000 sheet entries naming one part read it once, and say so", async () => {
    const parts = usual(sheet('<row r="1"><c r="A1"><v>4</v></c></row>'));
    const entries = Array.from({ length: 3000 }, (_, i) => `<sheet name="表${i}" sheetId="${i + 1}" r:id="rId1"/>`).join("");
    parts["xl/workbook.xml"] = `<?xml version="1.0"?><workbook ${NS}><sheets>${entries}</sheets></workbook>`;
    const doc = await read(await pack(parts));
    expect(doc.grids).toHaveLength(1);
    expect(doc.notes[0]).toContain("工作表“表1”与“表0”指向同一份内容");
    // The notes stay short, and the bound on sheets is said.
    expect(doc.notes.length).toBeLessThanOrEqual(21);
    expect(doc.notes.at(-1)).toContain(`只读取了前 ${SHEET_LIMIT} 个`);
  });

  test(`issue 17 §6: no more than ${SHEET_LIMIT} sheets of a workbook are read`, async () => {
    const n = SHEET_LIMIT + 5;
    const parts: Record<string, string> = {
      "[Content_Types].xml": types(`<Override PartName="/xl/workbook.xml" ContentType="${MAIN}"/>`),
      "_rels/.rels": rels([["rId1", "officeDocument", "xl/workbook.xml"]]),
      "xl/workbook.xml": `<?xml version="1.0"?><workbook ${NS}><sheets>${Array.from({ length: n }, (_, i) => `<sheet name="S${i}" sheetId="${i + 1}" r:id="rId${i}"/>`).join("")}</sheets></workbook>`,
      "xl/_rels/workbook.xml.rels": rels(Array.from({ length: n }, (_, i) => [`rId${i}`, "worksheet", `worksheets/s${i}.xml`] as [string, string, string])),
    };
    for (let i = 0; i < n; i++) parts[`xl/worksheets/s${i}.xml`] = sheet(`<row r="1"><c r="A1"><v>${i}</v></c></row>`);
    const doc = await read(await pack(parts));
    expect(doc.grids).toHaveLength(SHEET_LIMIT);
    expect(doc.grids.at(-1)!.values).toEqual([[SHEET_LIMIT - 1]]);
    expect(doc.notes).toEqual([`工作簿有 ${n} 个工作表，只读取了前 ${SHEET_LIMIT} 个；其余的已忽略。`]);
  });

  test("§8: a sheet formatted over A1:GR500 around a small form keeps the form's cells only", async () => {
    const rows: string[] = [];
    for (let r = 1; r <= 500; r++) {
      let cells = "";
      for (let c = 0; c < 200; c++) cells += `<c r="${colName(c)}${r}" s="1"${r <= 2 && c < 3 ? `><v>${r * 10 + c}</v></c>` : "/>"}`;
      rows.push(`<row r="${r}" s="1" customFormat="1">${cells}</row>`);
    }
    const parts = usual(`<?xml version="1.0"?><worksheet ${NS}><cols><col min="1" max="200" style="1"/></cols><sheetData>${rows.join("")}</sheetData></worksheet>`);
    parts["xl/styles.xml"] = `<?xml version="1.0"?><styleSheet ${NS}><cellXfs><xf numFmtId="0"/><xf numFmtId="4"/></cellXfs></styleSheet>`;
    parts["xl/_rels/workbook.xml.rels"] = rels([["rId1", "worksheet", "worksheets/sheet1.xml"], ["rId3", "styles", "styles.xml"]]);
    const g = (await read(await pack(parts))).grids[0];
    expect(g.values).toEqual([
      [10, 11, 12],
      [20, 21, 22],
    ]);
    expect(g.numberFormats).toEqual([
      ["#,##0.00", "#,##0.00", "#,##0.00"],
      ["#,##0.00", "#,##0.00", "#,##0.00"],
    ]);
  });
});

function colName(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
