/**
 * Issue 17 §1, §2, §13, §14, §16: what a reviewer's folders and report paths can do, each case a
 * separate `jxzp check` process within the attack bounds (60 s, 500 MB). A report must never
 * replace a submission; a folder is walked only inside itself, each file once; a name in GBK is
 * read and shown readably; a name carrying control characters is shown escaped; a file in which
 * no form is recognised makes the run exit 2, as the README says.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { isPlainChinese } from "../readers/chinese";
import { BOUNDS, jxzpBounded, ROOT, type BoundedRun } from "./cli-process";
import { xlsWithSheetName } from "./hostile-files";

const FIX = path.join(ROOT, "test", "fixtures");
const FORM = path.join(FIX, "huangshi-2021-project.xlsx");
const DEPARTMENT = path.join(FIX, "zhuzhou-2021-department.xlsx");
const REPORT = path.join(FIX, "reports", "huangshi-2021-report.docx");
const MB = 1024;

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "jxzp-paths-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A fresh folder for one case. */
function caseDir(name: string): string {
  const d = path.join(tmp, name);
  fs.mkdirSync(d, { recursive: true });
  return d;
}

function put(file: string | Buffer, from: string): void {
  const dir = typeof file === "string" ? path.dirname(file) : null;
  if (dir) fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(from, file);
}

/** Within the bounds, no signal, no English, no stack. */
function expectBounded(r: BoundedRun): void {
  expect({ signal: r.signal, status: [0, 1, 2].includes(r.status ?? -1) }).toEqual({ signal: null, status: true });
  expect(r.seconds).toBeLessThan(BOUNDS.seconds);
  expect(r.peakKb).toBeLessThan(BOUNDS.megabytes * MB);
  expect(r.stderr).not.toMatch(/\n\s+at |Error|ENOENT|EEXIST/);
}

interface JsonFile {
  file: string;
  error?: string;
  skipped?: boolean;
  notes?: string[];
  sheets: { sheet: string; kind: string }[];
}
const filesOf = (r: BoundedRun): JsonFile[] => (JSON.parse(r.stdout) as { files: JsonFile[] }).files;

const sameBytes = (a: string, b: string) => fs.readFileSync(a).equals(fs.readFileSync(b));

describe("§1 a report never replaces a submission", () => {
  test("--summary naming a file being checked: refused before checking, exit 2, the file named, the file untouched", () => {
    const d = caseDir("1-direct");
    const sub = path.join(d, "自评表.xlsx");
    put(sub, FORM);
    const r = jxzpBounded(["check", "--summary", sub, sub]);
    expectBounded(r);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`汇总工作簿“${sub}”就是要校验的文件`);
    expect(isPlainChinese(r.stderr.trim())).toBe(true);
    expect(sameBytes(sub, FORM)).toBe(true);
  });

  test("--summary or --html inside a folder being checked, existing or not: refused, nothing written", () => {
    const d = caseDir("1-inside");
    const inbox = path.join(d, "收文");
    put(path.join(inbox, "甲", "自评表.xlsx"), FORM);
    for (const out of [path.join(inbox, "汇总.xlsx"), path.join(inbox, "甲", "自评表.xlsx"), path.join(inbox, "甲", "报告.html")]) {
      const before = fs.readdirSync(inbox, { recursive: true }).sort();
      const flag = out.endsWith(".html") ? "--html" : "--summary";
      const r = jxzpBounded(["check", flag, out, inbox]);
      expectBounded(r);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/就是要校验的文件|在要校验的文件夹“.*收文”之中/);
      expect(fs.readdirSync(inbox, { recursive: true }).sort()).toEqual(before);
    }
    expect(sameBytes(path.join(inbox, "甲", "自评表.xlsx"), FORM)).toBe(true);
  });

  test("through links either way: the output a link to a submission, or a submission a link to the output", () => {
    const d = caseDir("1-links");
    const sub = path.join(d, "收文", "自评表.xlsx");
    put(sub, FORM);
    const toSub = path.join(d, "汇总.xlsx");
    fs.symlinkSync(sub, toSub);
    let r = jxzpBounded(["check", "--summary", toSub, path.join(d, "收文")]);
    expectBounded(r);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("就是要校验的文件（它是指向该文件的链接）");
    expect(sameBytes(sub, FORM)).toBe(true);

    // A submission given as a link whose target is the name chosen for the report (a .docx named .html).
    const target = path.join(d, "另存", "报告.html");
    put(target, REPORT);
    const link = path.join(d, "报送链接.docx");
    fs.symlinkSync(target, link);
    r = jxzpBounded(["check", "--overwrite", "--html", target, link]);
    expectBounded(r);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("就是要校验的文件");
    expect(sameBytes(target, REPORT)).toBe(true);

    // A hard link to a submission is the same file.
    const hard = path.join(d, "硬链接.xlsx");
    fs.linkSync(sub, hard);
    r = jxzpBounded(["check", "--overwrite", "--summary", hard, sub]);
    expectBounded(r);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("同一个文件的另一个名字");
    expect(sameBytes(sub, FORM)).toBe(true);
  });

  test("a .docx named x.html, not being checked: not replaced without --overwrite; with it, replaced and said so", () => {
    const d = caseDir("1-docx-html");
    const x = path.join(d, "x.html");
    put(x, REPORT);
    let r = jxzpBounded(["check", "--html", x, FORM]);
    expectBounded(r);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`“${x}”已经存在，而且不是本程序以前生成的HTML 报告`);
    expect(r.stderr).toContain("--overwrite");
    expect(sameBytes(x, REPORT)).toBe(true);
    r = jxzpBounded(["check", "--overwrite", "--html", x, FORM]);
    expectBounded(r);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`HTML 报告：${x}（按 --overwrite 替换了原有的文件）`);
    expect(fs.readFileSync(x, "utf8")).toMatch(/^<!DOCTYPE html>/);
  });

  test("a link in the folder leading out to a file: the file is not checked, and no report may replace it", () => {
    const d = caseDir("1-link-target");
    const outside = path.join(d, "外面", "报告.html");
    put(outside, REPORT);
    fs.mkdirSync(path.join(d, "收文"));
    fs.symlinkSync(outside, path.join(d, "收文", "报告.docx"));
    const r = jxzpBounded(["check", "--overwrite", "--html", outside, path.join(d, "收文")]);
    expectBounded(r);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("是要校验的文件夹中一个链接所指的文件");
    expect(sameBytes(outside, REPORT)).toBe(true);
  });

  test("our own previous reports are replaced by the next run; a summary someone edited and saved is not", async () => {
    const d = caseDir("1-own");
    const summary = path.join(d, "汇总.xlsx");
    const html = path.join(d, "报告.html");
    for (let i = 0; i < 2; i++) {
      const r = jxzpBounded(["check", "--summary", summary, "--html", html, FORM]);
      expectBounded(r);
      expect({ run: i, status: r.status, stderr: r.stderr }).toEqual({ run: i, status: 0, stderr: "" });
    }
    // Saved by a person (Excel writes their name as the last writer): theirs now.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(summary);
    wb.lastModifiedBy = "张三";
    wb.getWorksheet("汇总")!.getCell("T1").value = "处理意见";
    await wb.xlsx.writeFile(summary);
    const edited = fs.readFileSync(summary);
    const r = jxzpBounded(["check", "--summary", summary, FORM]);
    expectBounded(r);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("或生成后被修改保存过");
    expect(fs.readFileSync(summary).equals(edited)).toBe(true);
    // No temporary file is left beside it.
    expect(fs.readdirSync(d).filter((f) => f.endsWith(".part"))).toEqual([]);
  });
});

describe("§2 a folder is walked inside itself, each file once", () => {
  test("a link to another folder and a link to /: listed as skipped with where they lead, never followed; fast", async () => {
    const d = caseDir("2-out");
    const inbox = path.join(d, "收文");
    put(path.join(inbox, "甲.xlsx"), FORM);
    put(path.join(d, "别处", "乙.xlsx"), DEPARTMENT);
    fs.symlinkSync(path.join(d, "别处"), path.join(inbox, "别处的链接"));
    fs.symlinkSync("/", path.join(inbox, "根"));
    fs.symlinkSync(path.join(d, "别处", "乙.xlsx"), path.join(inbox, "乙.xlsx"));
    const r = jxzpBounded(["check", "--json", inbox]);
    expectBounded(r);
    expect(r.seconds).toBeLessThan(20);
    expect(r.peakKb).toBeLessThan(300 * MB);
    const files = filesOf(r);
    expect(files.map((f) => [path.relative(inbox, f.file), f.skipped ?? false, f.sheets.length])).toEqual([
      ["别处的链接", true, 0],
      ["根", true, 0],
      ["甲.xlsx", false, 1],
      ["乙.xlsx", true, 0],
    ]);
    expect(files[0].error).toContain(`指向所给文件夹之外的文件夹“${path.join(d, "别处")}”`);
    expect(files[1].error).toContain("文件夹“/”");
    expect(files[3].error).toContain("文件“");
    for (const f of files) if (f.error) expect(isPlainChinese(f.error)).toBe(true);
    // Nothing from outside was checked; the skipped links make the run exit 2 (not everything was checked).
    expect(r.status).toBe(2);
    const summary = path.join(d, "汇总.xlsx");
    const text = jxzpBounded(["check", "--summary", summary, inbox]);
    expect(text.stdout).toContain("已跳过：这是一个链接，指向所给文件夹之外");
    expect(text.stdout).toContain("3 个链接没有读取");
    // In the summary too, worst first, with advice for the reviewer.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(summary);
    const kinds: unknown[] = [];
    wb.getWorksheet("汇总")!.eachRow((row, n) => n > 1 && kinds.push(row.getCell(7).value));
    expect(kinds).toEqual(["已跳过（链接）", "已跳过（链接）", "已跳过（链接）", "项目支出绩效自评表"]);
  });

  test("the same file by two names (a link inside the folder, a hard link, the file given again): checked once, the other names noted", () => {
    const d = caseDir("2-once");
    const inbox = path.join(d, "收文");
    const a = path.join(inbox, "甲.xlsx");
    put(a, FORM);
    fs.symlinkSync(a, path.join(inbox, "甲的链接.xlsx"));
    fs.linkSync(a, path.join(inbox, "甲的硬链接.xlsx"));
    fs.mkdirSync(path.join(inbox, "子"));
    fs.symlinkSync(inbox, path.join(inbox, "子", "回到上层"));
    const r = jxzpBounded(["check", "--json", inbox, a]);
    expectBounded(r);
    const files = filesOf(r);
    expect(files).toHaveLength(1);
    expect(files[0].file).toBe(a);
    expect(files[0].notes?.join("")).toContain("同一个文件还以");
    expect(files[0].notes?.join("")).toContain("甲的链接.xlsx");
    expect(files[0].notes?.join("")).toContain("甲的硬链接.xlsx");
    expect(r.status).toBe(0);
  });

  test("a link to a file that is not there, named as a workbook: listed as skipped", () => {
    const d = caseDir("2-broken");
    put(path.join(d, "甲.xlsx"), FORM);
    fs.symlinkSync(path.join(d, "没有.xlsx"), path.join(d, "断了的链接.xlsx"));
    const r = jxzpBounded(["check", "--json", d]);
    expectBounded(r);
    const files = filesOf(r);
    expect(files.map((f) => [path.basename(f.file), f.skipped ?? false])).toEqual([
      ["断了的链接.xlsx", true],
      ["甲.xlsx", false],
    ]);
    expect(files[0].error).toContain("指向的文件不存在");
  });
});

/** GBK bytes of a name, by the decoder's inverse (Node has no GBK encoder): 自评表 and 报告. */
const GBK: Record<string, number[]> = {
  自评: [0xd7, 0xd4, 0xc6, 0xc0],
  表: [0xb1, 0xed],
  报告: [0xb1, 0xa8, 0xb8, 0xe6],
};
const gbk = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : Buffer.from(p))));

describe("§14 names in GBK", () => {
  test("the bytes above are GBK for 自评表 and 报告", () => {
    const d = new TextDecoder("gb18030");
    expect(d.decode(gbk(GBK.自评, GBK.表))).toBe("自评表");
    expect(d.decode(gbk(GBK.报告))).toBe("报告");
  });

  test("a file and a folder named in GBK inside a folder: read, checked, shown decoded with a note", () => {
    const d = caseDir("14-gbk");
    const sub = gbk(d + "/", GBK.报告);
    fs.mkdirSync(sub);
    put(gbk(d + "/", GBK.报告, "/", GBK.自评, GBK.表, ".xlsx"), FORM);
    put(path.join(d, "乙.xlsx"), DEPARTMENT);
    const r = jxzpBounded(["check", "--json", d]);
    expectBounded(r);
    const files = filesOf(r);
    expect(files.map((f) => [path.relative(d, f.file), f.error ?? null, f.sheets[0]?.kind])).toEqual([
      [path.join("报告", "自评表.xlsx"), null, "project"],
      ["乙.xlsx", null, "department"],
    ]);
    expect(files[0].notes?.[0]).toContain("文件名是 GBK 编码");
    expect(isPlainChinese(files[0].notes![0])).toBe(true);
    // The same through worker threads: a name's bytes cross to the worker and back.
    const threads = jxzpBounded(["check", "--json", "--jobs", "2", d]);
    expectBounded(threads);
    expect(filesOf(threads)).toEqual(files);
    const text = jxzpBounded(["check", d]).stdout;
    expect(text).toContain(`文件：${path.join("报告", "自评表.xlsx")}`);
    expect(text).not.toContain("\ufffd");
  });

  test("a GBK name typed on the command line (bytes through a shell) is found and read", () => {
    const d = caseDir("14-arg");
    put(gbk(d + "/", GBK.自评, GBK.表, ".xlsx"), FORM);
    const r = jxzpBounded(["check", "--json"], { shellArgs: `"$(printf '${d}/\\327\\324\\306\\300\\261\\355.xlsx')"` });
    expectBounded(r);
    const files = filesOf(r);
    expect(files[0].file).toBe(path.join(d, "自评表.xlsx"));
    expect(files[0].sheets.map((s) => s.kind)).toEqual(["project"]);
    expect(r.status).toBe(0);
  });

  test("a name neither UTF-8 nor GBK: read, its odd bytes shown as \\xNN", () => {
    const d = caseDir("14-bytes");
    put(gbk(d + "/", [0x80], "表.xlsx"), FORM);
    const r = jxzpBounded(["check", "--json", d]);
    expectBounded(r);
    const files = filesOf(r);
    expect(files[0].file).toBe(path.join(d, "\\x80表.xlsx"));
    expect(files[0].sheets).toHaveLength(1);
  });
});

describe("§13 control characters in names are shown escaped, never sent to the terminal", () => {
  test("a file name with ESC, BEL and a line break, and an .xls sheet name with ESC, BEL and NUL", () => {
    const d = caseDir("13-names");
    const odd = path.join(d, "甲\u001b[31m红\u0007\n文件：伪造.xls");
    fs.writeFileSync(odd, xlsWithSheetName("表\u001b]0;标题\u0007\u0000名\u202e"));
    const r = jxzpBounded(["check", d]);
    expectBounded(r);
    // eslint-disable-next-line no-control-regex -- the point: none reaches the terminal
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(r.stdout).toContain("甲\\x1B[31m红\\x07\\x0A文件：伪造.xls");
    expect(r.stdout).toContain("工作表：表\\x1B]0;标题\\x07\\x00名\\u202E");
    expect(r.stdout.split("\n").filter((l) => l.startsWith("文件："))).toHaveLength(1);
    // JSON keeps the real names (escaped as JSON escapes them), for a program to open the file.
    const j = jxzpBounded(["check", "--json", d]);
    // eslint-disable-next-line no-control-regex -- the point: none reaches the terminal
    expect(j.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    const files = filesOf(j);
    expect(files[0].file).toBe(odd);
    expect(files[0].sheets[0].sheet).toBe("表\u001b]0;标题\u0007\u0000名\u202e");
  });
});

test("§13/§11 sibling: a unit name with control characters is refused by jxzp template, never written into a broken workbook", () => {
  const r = jxzpBounded(["template", "project", "--unit", "单位\u001b[31m\uffff"]);
  expectBounded(r);
  expect(r.status).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toContain("单位名称中含有控制字符");
  // eslint-disable-next-line no-control-regex -- the point: none reaches the terminal
  expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  const unknown = jxzpBounded(["check", "--profile", "方案\u001b[2J"]);
  expect(unknown.status).toBe(2);
  expect(unknown.stderr).toContain("方案\\x1B[2J");
});

describe("§16 a readable file with no form: exit 2, as the README says, and 无法识别 in the summary", () => {
  test("a workbook of notes beside a good form", async () => {
    const d = caseDir("16-noform");
    const notes = path.join(d, "说明.xls");
    fs.writeFileSync(notes, xlsWithSheetName("说明"));
    const summary = path.join(tmp, "16-汇总.xlsx");
    const r = jxzpBounded(["check", "--summary", summary, notes, FORM]);
    expectBounded(r);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain("工作簿中没有识别出自评表，未能校验。");
    expect(r.stdout).toContain("1 个文件中没有识别出自评表");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(summary);
    const verdicts: unknown[] = [];
    wb.getWorksheet("汇总")!.eachRow((row, n) => n > 1 && verdicts.push(row.getCell(18).value));
    expect(verdicts).toEqual(["无法识别", "通过"]);
    // The form alone: exit by its findings.
    expect(jxzpBounded(["check", FORM]).status).toBe(0);
  });
});

test("the shell in the GBK case is the system's", () => {
  expect(spawnSync("/bin/sh", ["-c", "printf '\\327'"]).stdout).toEqual(Buffer.from([0xd7]));
});
