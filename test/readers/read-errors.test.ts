/**
 * Every kind of file a reviewer receives that cannot be read: recognised by its bytes (the name
 * only words the message) and told in Chinese what it is and what to do. Real files where a
 * program makes them (LibreOffice's .doc, .pdf, .rtf, .odt, .ods and HTML export in
 * test/fixtures/unreadable), containers built with the zip and compound-file libraries otherwise.
 */
import * as fs from "fs";
import * as path from "path";
import * as CFB from "cfb";
import JSZip from "jszip";
import { readDocument } from "../../src/readers/document";
import { describeReadError, ReadError, ReadProblem } from "../../src/readers/read-error";
import { isPlainChinese } from "./chinese";

const FIX = path.join(__dirname, "..", "fixtures");
const bytes = (...p: string[]) => new Uint8Array(fs.readFileSync(path.join(FIX, ...p)));

async function problemOf(data: Uint8Array, name: string): Promise<{ problem: ReadProblem; message: string }> {
  try {
    await readDocument(data, name);
  } catch (e) {
    if (!(e instanceof ReadError)) throw e;
    return { problem: e.problem, message: e.message };
  }
  throw new Error(`${name} was read`);
}

async function zip(files: Record<string, string>): Promise<Uint8Array> {
  const z = new JSZip();
  for (const [k, v] of Object.entries(files)) z.file(k, v);
  return z.generateAsync({ type: "uint8array" });
}

function compound(streams: string[]): Uint8Array {
  const c = CFB.utils.cfb_new();
  for (const s of streams) CFB.utils.cfb_add(c, `/${s}`, Uint8Array.from([1, 2, 3, 4]));
  return new Uint8Array(CFB.write(c, { type: "buffer" }) as Buffer);
}

async function withDocumentXml(edit: (xml: string) => string): Promise<Uint8Array> {
  const z = await JSZip.loadAsync(bytes("reports", "huangshi-2021-report.docx"));
  z.file("word/document.xml", edit(await z.file("word/document.xml")!.async("string")));
  return z.generateAsync({ type: "uint8array" });
}

const xlsx = bytes("huangshi-2021-project.xlsx");

const CASES: [string, () => Promise<Uint8Array> | Uint8Array, string, ReadProblem, string][] = [
  ["an empty file", () => new Uint8Array(0), "空.xlsx", "empty", "文件是空的"],
  ["a Word 97 document", () => bytes("unreadable", "report.doc"), "报告.doc", "doc", "这是旧版 Word 文档（.doc），请在 Word/WPS 中另存为 .docx 后再校验。"],
  ["a Word 97 document named .docx", () => bytes("unreadable", "report.doc"), "报告.docx", "doc", "旧版 Word 文档"],
  ["a WPS document (Word 97 inside)", () => bytes("unreadable", "report.doc"), "报告.wps", "wps", "这是 WPS 文字文档（.wps）"],
  ["a PDF", () => bytes("unreadable", "report.pdf"), "报告.pdf", "pdf", "这是 PDF 文件"],
  ["an RTF document", () => bytes("unreadable", "report.rtf"), "报告.doc", "rtf", "RTF 格式"],
  ["an OpenDocument text", () => bytes("unreadable", "report.odt"), "报告.odt", "odt", "OpenDocument 文档"],
  ["an OpenDocument spreadsheet", () => bytes("unreadable", "workbook.ods"), "表.ods", "ods", "OpenDocument 表格"],
  ["an HTML table saved as .xls", () => bytes("unreadable", "workbook-html.xls"), "导出.xls", "html", "网页（HTML）"],
  ["an encrypted .xlsx (EncryptionInfo and EncryptedPackage in a compound file)", () => compound(["EncryptionInfo", "EncryptedPackage"]), "加密.xlsx", "encrypted", "打开密码"],
  ["a WPS spreadsheet that is not Excel 97 inside", () => compound(["WpsContent"]), "表.et", "et", "WPS 表格文件（.et）"],
  ["a PowerPoint 97 file", () => compound(["PowerPoint Document"]), "汇报.ppt", "ppt", "PowerPoint"],
  ["a truncated .xlsx", () => xlsx.subarray(0, xlsx.length >> 1), "表.xlsx", "truncated", "文件不完整"],
  ["a plain zip", () => zip({ "说明.txt": "x" }), "材料.zip", "zip", "普通的 zip 压缩包"],
  ["a plain zip named .xlsx", () => zip({ "说明.txt": "x" }), "表.xlsx", "corrupt-xlsx", "压缩包中没有工作簿内容"],
  ["an .xlsx without its workbook part", () => zip({ "[Content_Types].xml": '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>' }), "表.xlsx", "corrupt-xlsx", "缺少工作簿目录"],
  ["a binary workbook", () => zip({ "xl/workbook.bin": "x" }), "表.xlsb", "xlsb", ".xlsb"],
  ["a PowerPoint 2007 file", () => zip({ "ppt/presentation.xml": "<p/>" }), "汇报.pptx", "ppt", "PowerPoint"],
  ["an OFD", () => zip({ "OFD.xml": "<ofd/>" }), "报告.ofd", "ofd", "OFD 版式文件"],
  ["a .docx whose body is not XML", () => withDocumentXml((x) => x.slice(0, x.length >> 1)), "报告.docx", "corrupt-docx", "正文的 XML 格式错误"],
  ["a .docx whose body declares entities", () => withDocumentXml((x) => x.replace("<w:document", '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><w:document').replace("<w:t>", "<w:t>&b;")), "报告.docx", "corrupt-docx", "正文中含有不允许的文档类型声明"],
  ["a RAR archive", () => Uint8Array.from([0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01, 0x00, 9, 9]), "材料.rar", "archive", "压缩包"],
  ["a picture", () => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), "扫描.xlsx", "image", "这是图片"],
  // A 1×1 bitmap renamed .xls, as found among the public test files (issue 21's comparison).
  ["a bitmap", () => Uint8Array.from([0x42, 0x4d, 0x3a, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 0x28, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0x18, 0, 0, 0, 0, 0]), "扫描.xls", "image", "这是图片"],
  ["a scanned TIFF", () => Uint8Array.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0, 0, 0]), "扫描.xls", "image", "这是图片"],
  ["text that starts with BM", () => new TextEncoder().encode("BM 2021 年度绩效自评说明\n"), "说明.xls", "text", "纯文本文件"],
  ["a CSV", () => new TextEncoder().encode("项目,预算数\n医保,2060\n"), "表.xlsx", "text", "纯文本文件"],
  ["an Excel 2003 XML spreadsheet", () => new TextEncoder().encode('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>'), "表.xls", "xml-spreadsheet", "Excel 2003 XML"],
  ["random bytes", () => Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256), "表.xlsx", "unknown", "无法识别的文件格式"],
];

test.each(CASES)("%s: a Chinese message that says what it is", async (_what, make, name, problem, words) => {
  const r = await problemOf(await make(), name);
  expect(r.problem).toBe(problem);
  expect(r.message).toContain(words);
  expect(isPlainChinese(r.message)).toBe(true);
});

test("by content, not by name: an .xls named .et is read, a .docx named .xlsx is a report, an .xlsx named .docx a workbook", async () => {
  expect((await readDocument(bytes("formats", "huangshi-2021-project.xls"), "表.et")).format).toBe("xls");
  const docx = await readDocument(bytes("reports", "huangshi-2021-report.docx"), "改名.xlsx");
  expect(docx.format).toBe("docx");
  expect(docx.grids.map((g) => g.sheet)).toEqual(["2021年度医保配套资金项目自评表"]);
  expect(docx.blocks?.filter((b) => b.kind === "paragraph").length).toBeGreaterThan(20);
  expect((await readDocument(xlsx, "改名.docx")).format).toBe("xlsx");
});

test("any other error is told in Chinese: missing files, permissions, folders, a library's English", () => {
  const err = (code: string) => Object.assign(new Error(`${code}: no such file, open 'x'`), { code });
  expect(describeReadError(err("ENOENT"))).toBe("文件不存在，请检查文件名和路径。");
  expect(describeReadError(err("EACCES"))).toContain("没有读取该文件的权限");
  expect(describeReadError(err("EISDIR"))).toContain("这是一个文件夹");
  for (const format of [null, "xlsx", "xls", "docx"] as const) {
    const m = describeReadError(new TypeError("Cannot read properties of undefined (reading 'richText')"), format);
    expect(isPlainChinese(m)).toBe(true);
    expect(m).not.toContain("richText");
  }
});
