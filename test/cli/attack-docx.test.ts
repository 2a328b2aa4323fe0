/**
 * Issue 17 §9 and §15: hostile Word reports (and UTF-16 workbook parts), each checked by its own
 * `jxzp check --json` process within the attack bounds (60 s, 500 MB). Built here from the sample
 * report and workbook: tables nested 160,000 deep, three million empty tables, 250,000 tables with
 * text, a five-megabyte cell and paragraph; WordprocessingML in the default namespace or declared
 * below the root, and parts written in UTF-16, which must read exactly as the original.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import JSZip from "jszip";
import { isPlainChinese } from "../readers/chinese";
import { BOUNDS, jxzpBounded, ROOT, type BoundedRun } from "./cli-process";

const REPORT = path.join(ROOT, "test", "fixtures", "reports", "huangshi-2021-report.docx");
const FORM = path.join(ROOT, "test", "fixtures", "huangshi-2021-project.xlsx");
const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const MB = 1024;

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "jxzp-docx-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Output {
  files: { file: string; format?: string; error?: string; notes?: string[]; sheets: { sheet: string; kind: string; total: unknown; findings: { code: string; cell: string | null }[] }[] }[];
}

function run(file: string): { r: BoundedRun; out: Output } {
  const r = jxzpBounded(["check", "--json", file]);
  expect({ signal: r.signal, stderr: r.stderr }).toEqual({ signal: null, stderr: "" });
  expect(r.seconds).toBeLessThan(BOUNDS.seconds);
  expect(r.peakKb).toBeLessThan(BOUNDS.megabytes * MB);
  const out = JSON.parse(r.stdout) as Output;
  const unchecked = out.files.some((f) => f.error || f.sheets.every((s) => s.kind === "unknown"));
  const errors = out.files.some((f) => f.sheets.some((s) => s.findings.some((x) => (x as { severity?: string }).severity === "error")));
  expect(r.status).toBe(unchecked ? 2 : errors ? 1 : 0);
  for (const f of out.files) for (const n of f.notes ?? []) expect(isPlainChinese(n)).toBe(true);
  return { r, out };
}

/** A .docx from a document.xml body (or a whole document.xml), the smallest package Word's readers accept. */
async function docx(name: string, documentXml: string | Buffer, level = 9): Promise<string> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    "_rels/.rels",
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file("word/document.xml", documentXml);
  const file = path.join(tmp, name);
  fs.writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level } }));
  return file;
}

const wrap = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`;
const cellP = (t: string) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;

/** A package with one part replaced, the others as they are. */
async function withPart(from: string, name: string, part: string, edit: (xml: string) => string | Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(from));
  zip.file(part, edit(await zip.file(part)!.async("string")));
  const file = path.join(tmp, name);
  fs.writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  return file;
}

/** UTF-16 with a byte-order mark, its declaration saying so. */
function utf16(xml: string, endian: "le" | "be"): Buffer {
  const text = "\ufeff" + xml.replace(/encoding="UTF-8"/i, 'encoding="UTF-16"');
  const le = Buffer.from(text, "utf16le");
  return endian === "le" ? le : le.swap16();
}

/** What a file's check says, without the file's name: the same for every spelling of the same document. */
const gist = (out: Output) => out.files.map((f) => ({ format: f.format, error: f.error, sheets: f.sheets }));

describe("§15 WordprocessingML read by namespace, parts in UTF-16 read", () => {
  let original: Output;
  beforeAll(() => {
    original = run(REPORT).out;
    expect(original.files[0].sheets[0].kind).toBe("project");
  }, 60000);

  test("the default namespace for the elements (attributes still w:): read as the original", async () => {
    const file = await withPart(REPORT, "默认命名空间.docx", "word/document.xml", (x) =>
      x.replace(/(<\/?)w:(?=[A-Za-z])/g, "$1").replace(`xmlns:w="${W}"`, `xmlns="${W}" xmlns:w="${W}"`),
    );
    const xml = await (await JSZip.loadAsync(fs.readFileSync(file))).file("word/document.xml")!.async("string");
    expect(xml).toMatch(/<body><p>/);
    expect(gist(run(file).out)).toEqual(gist(original));
  });

  test("w: declared on the body, not the root (which uses another prefix): read as the original", async () => {
    const file = await withPart(REPORT, "下层声明.docx", "word/document.xml", (x) =>
      x
        .replace(`<w:document xmlns:o=`, `<ns0:document xmlns:ns0="${W}" xmlns:o=`)
        .replace(` xmlns:w="${W}"`, "")
        .replace("</w:document>", "</ns0:document>")
        .replace("<w:body>", `<w:body xmlns:w="${W}">`),
    );
    expect(gist(run(file).out)).toEqual(gist(original));
  });

  test("a prefix bound to another namespace below the root is not WordprocessingML", async () => {
    const file = await docx("遮蔽.docx", wrap(`<x:tbl xmlns:x="urn:other"><x:tr><x:tc>${cellP("不是表格")}</x:tc></x:tr></x:tbl><w:tbl xmlns:w="urn:other"><w:tr><w:tc><w:p><w:r><w:t>也不是</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`));
    const { out } = run(file);
    expect(out.files[0].sheets).toEqual([]);
  });

  test("document.xml in UTF-16 (little- and big-endian): read as the original", async () => {
    for (const endian of ["le", "be"] as const) {
      const file = await withPart(REPORT, `utf16-${endian}.docx`, "word/document.xml", (x) => utf16(x, endian));
      expect(gist(run(file).out)).toEqual(gist(original));
    }
  });

  test("an .xlsx whose sheet and shared strings are UTF-16: read as the original", async () => {
    const plain = run(FORM).out;
    let file = await withPart(FORM, "utf16.xlsx", "xl/sharedStrings.xml", (x) => utf16(x, "le"));
    file = await withPart(file, "utf16.xlsx", "xl/worksheets/sheet1.xml", (x) => utf16(x, "be"));
    file = await withPart(file, "utf16.xlsx", "xl/workbook.xml", (x) => utf16(x, "le"));
    expect(gist(run(file).out)).toEqual(gist(plain));
  });
});

describe("§9 Word reports that cost bounded time and memory", () => {
  const form = async () => (await JSZip.loadAsync(fs.readFileSync(REPORT))).file("word/document.xml")!.async("string");
  /** The sample report's body with hostile content put before its table. */
  const before = async (name: string, hostile: string, level = 9) => {
    const xml = await form();
    return docx(name, xml.replace("<w:body>", `<w:body>${hostile}`), level);
  };

  test("tables nested 160,000 deep, two cells a row, before a real form: the form is read, the nest as a cell's text", async () => {
    // Each level's text holds one more tab than the level inside it: joined level by level, quadratic.
    const depth = 160000;
    const nest = "<w:tbl><w:tr><w:tc><w:p/></w:tc><w:tc>".repeat(depth) + cellP("最深处") + "</w:tc></w:tr></w:tbl>".repeat(depth);
    const file = await before("深嵌套.docx", nest);
    const { out } = run(file);
    const sheets = out.files[0].sheets;
    expect(sheets.map((s) => s.kind)).toEqual(["unknown", "project"]);
    expect(sheets[1].total).toEqual(original().sheets[0].total);
  }, 90000);

  test("three million empty tables in a few tens of kilobytes: no grids, the form after them read", async () => {
    const file = await before("三百万空表.docx", "<w:tbl/>".repeat(3000000));
    expect(fs.statSync(file).size).toBeLessThan(100 * 1024);
    const { out } = run(file);
    expect(out.files[0].sheets.map((s) => s.kind)).toEqual(["project"]);
    // The form is the 3,000,001st table of the document, and is named by its caption.
    expect(out.files[0].sheets[0].sheet).not.toMatch(/^表\d/);
    const text = jxzpBounded(["check", file]);
    expect(text.peakKb).toBeLessThan(BOUNDS.megabytes * MB);
    expect(text.stdout.length).toBeLessThan(100000);
  }, 120000);

  test("250,000 tables with text: the first 200 read, the rest noted", async () => {
    const file = await before("二十五万表.docx", `<w:tbl><w:tr><w:tc>${cellP("x")}</w:tc></w:tr></w:tbl>`.repeat(250000));
    const { out } = run(file);
    expect(out.files[0].sheets).toHaveLength(200);
    expect(out.files[0].notes?.join("")).toContain("只读取了前 200 张");
  }, 120000);

  test("a five-megabyte cell in the form, a five-megabyte paragraph and table cell before it: cut to 32,767 characters, noted", async () => {
    const big = "数".repeat(5 * 1024 * 1024);
    const xml = await form();
    expect(xml).toContain("<w:t>200</w:t>");
    // An indicator's value of five megabytes of `≥2万人 ` (the engine reads values in it).
    const body = xml.replace("<w:t>200</w:t>", `<w:t>${"≥2万人 ".repeat(900000)}</w:t>`).replace("<w:body>", `<w:body>${cellP(big)}<w:tbl><w:tr><w:tc>${cellP(big)}</w:tc></w:tr></w:tbl>`);
    const file = await docx("大单元格.docx", body, 1);
    const { r, out } = run(file);
    expect(out.files[0].notes?.join("")).toContain("超过 32767 个字符的段落或单元格");
    expect(out.files[0].sheets.map((s) => s.kind)).toEqual(["unknown", "project"]);
    expect(r.peakKb).toBeLessThan(300 * MB);
    expect(r.seconds).toBeLessThan(20);
  }, 90000);

  let originalOut: Output | null = null;
  const original = () => originalOut!.files[0];
  beforeAll(() => {
    originalOut = run(REPORT).out;
  }, 60000);
});

describe("siblings: other text scanned by a pattern that could rescan", () => {
  test("a package whose relationships hold 200,000 unclosed <Relationship tags is read in bounded time", async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(REPORT));
    const rels = await zip.file("_rels/.rels")!.async("string");
    zip.file("_rels/.rels", rels.replace("</Relationships>", "<Relationship ".repeat(200000)));
    const file = path.join(tmp, "关系.docx");
    fs.writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    const { r, out } = run(file);
    expect(r.seconds).toBeLessThan(20);
    expect(out.files[0].format).toBe("docx");
  }, 90000);
});
