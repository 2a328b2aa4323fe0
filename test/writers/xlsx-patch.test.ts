/**
 * The web page's save (issue 19): open an .xlsx → fill with the pane's plan → save by patching
 * the package → read the saved file again, with our reader and with ExcelJS. The filled cells
 * have their new values; in the sheets written only the changed cells differ; every other part
 * of the package is byte-identical, except the ones the writer names and the README explains.
 */
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { readDocument } from "../../src/readers/document";
import { evaluateSheet } from "../../src/scoring/evaluate";
import { planFill } from "../../src/scoring/fill/fill";
import { toA1 } from "../../src/scoring/grid/address";
import { MemoryHost } from "../../src/taskpane/host/MemoryHost";
import type { MemoryWorkbook } from "../../src/taskpane/host/memory-workbook";
import { openDocument } from "../../src/taskpane/preview/document-open";
import { cachedFallbackEngine } from "../../src/taskpane/preview/formula-engine";
import { saveWorkbook, savedName } from "../../src/web/save/save-workbook";
import { snapshotOf } from "../../src/web/save/workbook-changes";
import { patchXlsx, PatchError } from "../../src/writers/xlsx-patch";
import { patchSheetXml } from "../../src/writers/sheet-xml-patch";
import { PROGRAM_VERSION } from "../../src/program";

const FIXTURES = path.join(__dirname, "..", "fixtures");
const NOW = new Date("2025-03-04T05:06:07Z");

/** As the web page opens a file: the preview's reader into an in-memory workbook, with the page's formula engine. */
async function open(bytes: Uint8Array) {
  const wb = (await openDocument(bytes, "x.xlsx")).workbook;
  wb.engine = cachedFallbackEngine;
  return { wb, host: new MemoryHost(wb), opened: snapshotOf(wb) };
}

/** Fills every form sheet of the workbook with the pane's plan; returns the cells written, by sheet. */
async function fillAll(host: MemoryHost, wb: MemoryWorkbook, useFormulas = false): Promise<Map<string, Map<string, number | string>>> {
  const written = new Map<string, Map<string, number | string>>();
  for (const s of wb.sheets) {
    wb.activeSheet = s.name;
    // Each form on the sheet (a sheet may stack several), filled as the pane fills it.
    for (const report of evaluateSheet((await host.read("active")).grids[0])) {
      if (report.kind === "unknown") continue;
      const grid = (await host.read("active")).grids[0];
      const plan = planFill(grid, report);
      if (plan.writes.length === 0) continue;
      await host.fill({ sheet: s.name, writes: plan.writes, useFormulas });
      const cells = written.get(s.name) ?? new Map<string, number | string>();
      for (const w of plan.writes) cells.set(w.cell, w.value);
      written.set(s.name, cells);
    }
  }
  return written;
}

async function parts(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Buffer>();
  for (const f of Object.values(zip.files)) if (!f.dir) out.set(f.name, await f.async("nodebuffer"));
  return out;
}

/** Every `<c>` element of a worksheet part by address (cells without r are not expected in these files). */
function cellElements(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?c\b[^>]*\br="([A-Z]+\d+)"[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?c>)/g)) out.set(m[1], m[0]);
  return out;
}

/** The part without its sheetData and dimension: what must stay byte for byte. */
const outsideCells = (xml: string) => xml.replace(/<(\w+:)?sheetData\b[^>]*\/>|<(\w+:)?sheetData\b[\s\S]*?<\/(\w+:)?sheetData>/, "").replace(/<(\w+:)?dimension\b[^>]*\/>/, "");

async function excelCells(bytes: Uint8Array): Promise<Map<string, Map<string, string>>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const out = new Map<string, Map<string, string>>();
  wb.eachSheet((ws) => {
    const cells = new Map<string, string>();
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (c) => {
        // A merged area's other cells show its first cell's value in ExcelJS: compared through that cell.
        if (c.isMerged && c.master.address !== c.address) return;
        cells.set(c.address, JSON.stringify({ v: c.value, s: c.style, t: c.type }));
      }),
    );
    out.set(ws.name, cells);
  });
  return out;
}

const WORKBOOKS = [
  "zhuzhou-2021-department.xlsx",
  "huangshi-2021-project.xlsx",
  ...fs.readdirSync(path.join(FIXTURES, "corpus")).filter((f) => f.endsWith(".xlsx")).map((f) => `corpus/${f}`),
  ...fs.readdirSync(path.join(FIXTURES, "real")).filter((f) => f.endsWith(".xlsx")).map((f) => `real/${f}`),
];

describe.each(WORKBOOKS)("open → fill → save → read again: %s", (name) => {
  let original: Uint8Array;
  let saved: Awaited<ReturnType<typeof saveWorkbook>>;
  let written: Map<string, Map<string, number | string>>;

  beforeAll(async () => {
    original = new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));
    const { wb, host, opened } = await open(original);
    written = await fillAll(host, wb);
    saved = await saveWorkbook(original, wb, opened, NOW);
  });

  test("the fill wrote cells and the save wrote them, and nothing else, into the sheets' parts", async () => {
    if (written.size === 0) {
      expect(saved).toBeNull();
      return;
    }
    expect(saved).not.toBeNull();
    const before = await parts(original);
    const after = await parts(saved!.bytes);
    expect([...after.keys()]).toEqual([...before.keys()]);
    const differ = [...before.keys()].filter((p) => !before.get(p)!.equals(after.get(p)!));
    expect(differ.sort()).toEqual([...saved!.changedParts].sort());
    // Besides the written sheets: only the settings the README names.
    const sheetParts = differ.filter((p) => /^xl\/worksheets\//.test(p));
    expect(differ.filter((p) => !sheetParts.includes(p)).every((p) => ["xl/workbook.xml", "docProps/core.xml", "xl/calcChain.xml"].includes(p))).toBe(true);
    for (const p of sheetParts) {
      const a = before.get(p)!.toString("utf8");
      const b = after.get(p)!.toString("utf8");
      expect(outsideCells(b)).toBe(outsideCells(a));
      const ca = cellElements(a);
      const cb = cellElements(b);
      const changedCells = [...new Set([...ca.keys(), ...cb.keys()])].filter((c) => ca.get(c) !== cb.get(c));
      const edited = saved!.edits.flatMap((e) => e.edits.map((x) => x.cell));
      expect(changedCells.sort()).toEqual(expect.arrayContaining([]));
      for (const c of changedCells) expect(edited).toContain(c);
    }
    expect(after.get("docProps/core.xml")?.toString("utf8") ?? "").toContain(`绩效自评助手 ${PROGRAM_VERSION}`);
  });

  test("our reader reads the filled values back, and every other cell as it was", async () => {
    if (!saved) return;
    const a = await readDocument(original, name);
    const b = await readDocument(saved.bytes, name);
    for (const [i, g] of a.grids.entries()) {
      const h = b.grids[i];
      expect(h.sheet).toBe(g.sheet);
      const cells = written.get(g.sheet) ?? new Map();
      const cached = new Set(saved.edits.find((e) => e.sheet === g.sheet)?.edits.filter((e) => e.kind === "cached").map((e) => e.cell) ?? []);
      const rows = Math.max(g.values.length, h.values.length);
      for (let r = 0; r < rows; r++) {
        const cols = Math.max(g.values[r]?.length ?? 0, h.values[r]?.length ?? 0);
        for (let c = 0; c < cols; c++) {
          const at = toA1(g.origin.row + r, g.origin.col + c);
          const after = h.values[r]?.[c] ?? null;
          if (cells.has(at)) expect([at, after]).toEqual([at, cells.get(at)]);
          else if (!cached.has(at)) expect([at, after]).toEqual([at, g.values[r]?.[c] ?? null]);
        }
      }
      expect(h.merges).toEqual(g.merges);
    }
  });

  test("ExcelJS reads the same: filled cells new, styles kept, every other cell unchanged", async () => {
    if (!saved) return;
    const a = await excelCells(original);
    const b = await excelCells(saved.bytes);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [sheet, cells] of a) {
      const after = b.get(sheet)!;
      const edits = new Map((saved.edits.find((e) => e.sheet === sheet)?.edits ?? []).map((e) => [e.cell, e]));
      for (const [addr, json] of cells) {
        if (edits.has(addr)) {
          // The value changed; the style (borders, font, number format) did not.
          expect([addr, JSON.parse(after.get(addr) ?? "{}").s]).toEqual([addr, JSON.parse(json).s]);
          const want = written.get(sheet)?.get(addr);
          if (want !== undefined) expect([addr, JSON.parse(after.get(addr)!).v]).toEqual([addr, want]);
        } else expect([addr, after.get(addr)]).toEqual([addr, json]);
      }
    }
  });
});

describe("a workbook with what people keep in their forms", () => {
  let original: Uint8Array;
  let summaryId = "";

  beforeAll(async () => {
    // The form as a person may have it: a note, a drop-down, a defined name, print setup, a
    // second sheet whose formula reads the form, a shared formula, and Excel's calculation chain.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(path.join(FIXTURES, "zhuzhou-2021-department.xlsx")) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    ws.getCell("A1").note = "填表说明：得分保留两位小数";
    ws.getCell("J5").dataValidation = { type: "list", allowBlank: true, formulae: ['"是,否"'] };
    ws.pageSetup = { ...ws.pageSetup, orientation: "landscape", paperSize: 9, printArea: "A1:I40" };
    wb.definedNames.add(`'${ws.name}'!$H$36`, "总分");
    const other = wb.addWorksheet("汇总");
    other.getCell("A1").value = { formula: `'${ws.name}'!H36`, result: 98 };
    other.getCell("B1").value = 1;
    other.getCell("B2").value = 2;
    other.getCell("C1").value = { formula: "B1*2", result: 2, shareType: "shared", ref: "C1:C2" } as ExcelJS.CellFormulaValue;
    other.getCell("C2").value = { sharedFormula: "C1", result: 4 } as ExcelJS.CellSharedFormulaValue;
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    // ExcelJS writes no calculation chain; Excel does. The sheet 汇总 holds the formulas; the chain names it by its sheetId.
    const book = await zip.file("xl/workbook.xml")!.async("string");
    const id = /<sheet sheetId="(\d+)" name="汇总"/.exec(book)![1];
    summaryId = id;
    zip.file("xl/calcChain.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="H4" i="1"/><c r="A1" i="${id}"/><c r="C1"/><c r="C2"/></calcChain>`);
    const types = (await zip.file("[Content_Types].xml")!.async("string")).replace("</Types>", '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>');
    zip.file("[Content_Types].xml", types);
    const rels = (await zip.file("xl/_rels/workbook.xml.rels")!.async("string")).replace(
      "</Relationships>",
      '<Relationship Id="rIdChain" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>',
    );
    zip.file("xl/_rels/workbook.xml.rels", rels);
    original = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  });

  test("values: the note, the drop-down, names, print setup and the other sheet survive; totals recalculate on opening", async () => {
    const { wb, host, opened } = await open(original);
    await fillAll(host, wb);
    const saved = (await saveWorkbook(original, wb, opened, NOW))!;
    expect(saved.changedParts.sort()).toEqual(["docProps/core.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"]);
    const x = new ExcelJS.Workbook();
    await x.xlsx.load(saved.bytes as unknown as ArrayBuffer);
    const ws = x.worksheets[0];
    expect(ws.getCell("H4").value).toBe(10);
    expect(ws.getCell("A1").note).toBeTruthy();
    expect(ws.getCell("J5").dataValidation).toMatchObject({ type: "list", formulae: ['"是,否"'] });
    expect(ws.pageSetup).toMatchObject({ orientation: "landscape", paperSize: 9 });
    expect(x.definedNames.getRanges("总分").ranges).toEqual([`'${ws.name}'!$H$36`]);
    expect(x.getWorksheet("汇总")!.getCell("C2").formula).toBe("B2*2");
    const workbookXml = await (await JSZip.loadAsync(saved.bytes)).file("xl/workbook.xml")!.async("string");
    expect(workbookXml).toMatch(/<calcPr\b[^>]*fullCalcOnLoad="1"/);
    // The other sheet's formula reading the form stays as it was (the page cannot compute across sheets).
    expect(x.getWorksheet("汇总")!.getCell("A1").formula).toBe(`'${ws.name}'!H36`);
  });

  test("overwriting a formula with a value takes the cell out of the calculation chain, keeping the next entry's sheet", async () => {
    const { wb, opened } = await open(original);
    wb.put(wb.sheet("汇总")!, "A1", 99);
    const saved = (await saveWorkbook(original, wb, opened, NOW))!;
    expect(saved.changedParts).toContain("xl/calcChain.xml");
    const chain = await (await JSZip.loadAsync(saved.bytes)).file("xl/calcChain.xml")!.async("string");
    expect(chain).toContain(`<c r="H4" i="1"/><c r="C1" i="${summaryId}"/><c r="C2"/>`);
    expect(chain).not.toContain('r="A1"');
  });

  test("a shared formula's first cell is not overwritten: the save says so in Chinese and writes nothing", async () => {
    const { wb, opened } = await open(original);
    wb.put(wb.sheet("汇总")!, "C1", 5);
    await expect(saveWorkbook(original, wb, opened, NOW)).rejects.toThrow(/共享公式.*C1|C1.*共享公式/);
    await expect(saveWorkbook(original, wb, opened, NOW)).rejects.toBeInstanceOf(PatchError);
  });

  test("formulas: written in the file's spelling of the add-in's functions, with their results cached", async () => {
    const { wb, host, opened } = await open(original);
    await fillAll(host, wb, true);
    const saved = (await saveWorkbook(original, wb, opened, NOW))!;
    const xml = await (await JSZip.loadAsync(saved.bytes)).file("xl/worksheets/sheet1.xml")!.async("string");
    expect(xml).toMatch(/<c r="H4"[^>]*><f>_xldudf_JXZP_EXECSCORE\(F4,D4,E4\)<\/f><v>10<\/v><\/c>/);
    const doc = await readDocument(saved.bytes, "x.xlsx");
    expect(evaluateSheet(doc.grids[0]).flatMap((r) => r.findings.map((f) => f.code))).not.toContain("SCORE_MISSING");
  });
});

describe("the sheet patcher on hand-written parts", () => {
  const head = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:C3"/><cols><col min="4" max="4" width="9" style="7" customWidth="1"/></cols>';
  test("inserts cells in column order, rows in row order, inherits the column's style, widens spans and the dimension", () => {
    const xml = `${head}<sheetData><row r="1" spans="1:3"><c r="A1"><v>1</v></c><c r="C1"><v>3</v></c></row><row r="3"><c r="A3"><v>9</v></c></row></sheetData></worksheet>`;
    const out = patchSheetXml(
      xml,
      [
        { cell: "B1", kind: "content", formula: null, value: 2 },
        { cell: "D1", kind: "content", formula: null, value: "文字 <&>" },
        { cell: "A2", kind: "content", formula: null, value: true },
        { cell: "A5", kind: "content", formula: null, value: 5 },
      ],
      "表",
    ).xml;
    expect(out).toContain('<row r="1" spans="1:4"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><v>3</v></c><c r="D1" s="7" t="inlineStr"><is><t>文字 &lt;&amp;&gt;</t></is></c></row>');
    expect(out).toContain('<row r="2"><c r="A2" t="b"><v>1</v></c></row><row r="3">');
    expect(out).toContain('<row r="5"><c r="A5"><v>5</v></c></row></sheetData>');
    expect(out).toContain('<dimension ref="A1:D5"/>');
  });

  test("prefixed parts, self-closing rows and sheetData, rows and cells without r", () => {
    const x = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
    expect(patchSheetXml(`<x:worksheet ${x}><x:sheetData/></x:worksheet>`, [{ cell: "B2", kind: "content", formula: null, value: 1 }], "表").xml).toBe(
      `<x:worksheet ${x}><x:sheetData><x:row r="2"><x:c r="B2"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
    );
    const implicit = `<x:worksheet ${x}><x:sheetData><x:row><x:c><x:v>1</x:v></x:c><x:c><x:v>2</x:v></x:c></x:row><x:row r="2" ht="20"/></x:sheetData></x:worksheet>`;
    const out = patchSheetXml(
      implicit,
      [
        { cell: "B1", kind: "content", formula: null, value: 7 },
        { cell: "A2", kind: "content", formula: null, value: 8 },
      ],
      "表",
    ).xml;
    expect(out).toBe(`<x:worksheet ${x}><x:sheetData><x:row><x:c><x:v>1</x:v></x:c><x:c r="B1"><x:v>7</x:v></x:c></x:row><x:row r="2" ht="20"><x:c r="A2"><x:v>8</x:v></x:c></x:row></x:sheetData></x:worksheet>`);
  });

  test("a cached result keeps the formula element verbatim; text results are t=str, errors t=e", () => {
    const xml = `${head}<sheetData><row r="1"><c r="A1" s="3" t="str"><f t="shared" ref="A1:A3" si="0">B1*2</f><v>x</v></c></row></sheetData></worksheet>`;
    const out = patchSheetXml(xml, [{ cell: "A1", kind: "cached", value: "#DIV/0!" }], "表").xml;
    expect(out).toContain('<c r="A1" s="3" t="e"><f t="shared" ref="A1:A3" si="0">B1*2</f><v>#DIV/0!</v></c>');
    expect(() => patchSheetXml(xml, [{ cell: "A1", kind: "content", formula: null, value: 1 }], "表")).toThrow(PatchError);
  });

  test("control characters and Excel's own escapes survive", () => {
    const xml = `${head}<sheetData></sheetData></worksheet>`;
    const out = patchSheetXml(xml, [{ cell: "A1", kind: "content", formula: null, value: "a\u0001b_x0041_ " }], "表").xml;
    expect(out).toContain('<t xml:space="preserve">a_x0001_b_x005F_x0041_ </t>');
  });

  test("comments among the cells: refused rather than guessed", () => {
    const xml = `${head}<sheetData><!-- <c r="A1"/> --></sheetData></worksheet>`;
    expect(() => patchSheetXml(xml, [{ cell: "A1", kind: "content", formula: null, value: 1 }], "表")).toThrow(/注释/);
  });
});

test("the saved copy's name never is the original's", () => {
  expect(savedName("2024年自评表.xlsx")).toBe("2024年自评表（已填写）.xlsx");
  expect(savedName("宏.XLSM")).toBe("宏（已填写）.xlsm");
});

test("an .xls or a damaged file cannot be patched: ReadError in Chinese", async () => {
  const xls = fs.readdirSync(path.join(FIXTURES, "formats")).find((f) => f.endsWith(".xls"));
  if (xls) await expect(patchXlsx(new Uint8Array(fs.readFileSync(path.join(FIXTURES, "formats", xls))), [])).rejects.toThrow(/[\u4e00-\u9fff]/);
  await expect(patchXlsx(new Uint8Array([1, 2, 3]), [])).rejects.toThrow(/[\u4e00-\u9fff]/);
});
