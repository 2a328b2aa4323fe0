/**
 * `jxzp check` on what a reviewer's desk holds, as a separate process on the compiled CLI:
 * folders walked, formats told by content, Word reports checked against their own tables,
 * unreadable files listed in Chinese with exit 2 while the others are still checked.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { isPlainChinese } from "../readers/chinese";
import { BIN, jxzp, ROOT } from "./cli-process";

const FIX = path.join(ROOT, "test", "fixtures");

let tmp: string;
beforeAll(() => {
  expect(fs.existsSync(BIN)).toBe(true);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "jxzp-formats-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function put(rel: string, from: string | Buffer) {
  const p = path.join(tmp, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  if (typeof from === "string") fs.copyFileSync(from, p);
  else fs.writeFileSync(p, from);
  return p;
}

test("a folder, recursively: workbooks and reports by name, lock and hidden files and pictures skipped, unreadable ones listed; exit 2", () => {
  const dir = path.join(tmp, "收件");
  put("收件/黄石/自评表.xlsx", path.join(FIX, "huangshi-2021-project.xlsx"));
  put("收件/黄石/自评报告.docx", path.join(FIX, "reports", "huangshi-2021-report-agrees.docx"));
  put("收件/黄石/~$自评报告.docx", Buffer.from([0x10, 0x00]));
  put("收件/黄石/.自评表.xlsx", Buffer.from("hidden"));
  put("收件/黄石/扫描件.jpg", Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
  put("收件/攀枝花/自评表.xls", path.join(FIX, "formats", "panzhihua-2021-completion.xls"));
  put("收件/攀枝花/盖章版.pdf", path.join(FIX, "unreadable", "report.pdf"));
  put("收件/攀枝花/旧报告.doc", path.join(FIX, "unreadable", "report.doc"));
  const r = jxzp("check", "--json", dir);
  expect(r.code).toBe(2);
  const files = JSON.parse(r.out).files as { file: string; format?: string; error?: string; sheets: unknown[] }[];
  // In the order a Chinese file manager lists them (pinyin: 黄 huáng before 攀 pān).
  expect(files.map((f) => [path.relative(dir, f.file), f.format ?? null, f.sheets.length])).toEqual([
    [path.join("黄石", "自评报告.docx"), "docx", 1],
    [path.join("黄石", "自评表.xlsx"), "xlsx", 1],
    [path.join("攀枝花", "盖章版.pdf"), null, 0],
    [path.join("攀枝花", "旧报告.doc"), null, 0],
    [path.join("攀枝花", "自评表.xls"), "xls", 3],
  ]);
  expect(files[3].error).toBe("这是旧版 Word 文档（.doc），请在 Word/WPS 中另存为 .docx 后再校验。");
  expect(files[2].error).toContain("这是 PDF 文件");
  const text = jxzp("check", dir).out;
  expect(text).toContain("无法读取：这是 PDF 文件，无法从中读取表格数据");
  expect(text).toContain("表格：2021年度医保配套资金项目自评表");
  expect(text).toContain("工作表：城乡医疗救助资金");
  expect(text).toMatch(/合计：5 个文件.*2 个文件无法读取/);
});

test("a folder with nothing to check is listed with a message, and the other files are still checked", () => {
  const empty = path.join(tmp, "空文件夹");
  fs.mkdirSync(empty);
  put("空文件夹/说明.txt", Buffer.from("无"));
  const r = jxzp("check", "--json", empty, path.join(FIX, "huangshi-2021-project.xlsx"));
  expect(r.code).toBe(2);
  const files = JSON.parse(r.out).files;
  expect(files[0]).toEqual({ file: empty, error: "这是一个文件夹，其中没有可以校验的文件（.xlsx、.xls、.docx）。", sheets: [] });
  expect(files[1].sheets[0].kind).toBe("project");
});

test("a Word report renamed .xlsx is read as a report: its table checked, its prose against the table (exit 1)", () => {
  const renamed = put("改名/报告.xlsx", path.join(FIX, "reports", "huangshi-2021-report.docx"));
  const r = jxzp("check", "--json", renamed);
  expect(r.code).toBe(1);
  const f = JSON.parse(r.out).files[0];
  expect(f.format).toBe("docx");
  expect(f.sheets[0]).toMatchObject({ sheet: "2021年度医保配套资金项目自评表", kind: "project", total: { stated: 99.99, computed: 99.99 } });
  const report = f.sheets[0].findings.filter((x: { code: string }) => x.code.startsWith("REPORT_"));
  expect(report).toEqual([{ severity: "error", code: "REPORT_RATE_MISMATCH", cell: "F10", message: expect.stringContaining("执行率99.99%") }]);
  const text = jxzp("check", renamed).out;
  expect(text).toContain("[F10] 报告执行率与表不符（REPORT_RATE_MISMATCH）：报告中“全年财政资金预算2060万元，执行资金2059.18万元，执行率99.99%。”");
});

test("an .xls and a .docx give the same figures as their .xlsx", () => {
  const sheets = (file: string) =>
    JSON.parse(jxzp("check", "--json", file).out).files[0].sheets.map((s: { kind: string; execution: unknown; total: unknown; grade: unknown; findings: { code: string; cell: string }[] }) => [
      s.kind,
      s.execution,
      s.total,
      s.grade,
      s.findings.map((x) => `${x.code}@${x.cell}`),
    ]);
  const want = sheets(path.join(FIX, "zhuzhou-2021-department.xlsx"));
  expect(want).toHaveLength(5);
  expect(sheets(path.join(FIX, "formats", "zhuzhou-2021-department.xls"))).toEqual(want);
  expect(sheets(path.join(FIX, "formats", "zhuzhou-2021-department.docx"))).toEqual(want);
});

test("cells beyond the limits are noted in the text report; every message is Chinese", () => {
  const r = jxzp("check", path.join(FIX, "attack", "11b-one-cell-at-XFD1048576.xlsx"), path.join(FIX, "attack", "05-no-sheet1.xlsx"));
  expect(r.code).toBe(2);
  const lines = r.out.split("\n");
  const note = lines.find((l) => l.includes("注意："))!;
  expect(note).toContain("XFD1048576");
  const error = lines.find((l) => l.includes("无法读取："))!;
  expect(isPlainChinese(error.replace(/^.*无法读取：/, ""))).toBe(true);
  expect(r.err).toBe("");
});
