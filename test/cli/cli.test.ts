import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { BIN, jxzp, ROOT } from "./cli-process";

// The command as a person runs it: a separate process on the compiled CLI (built by `npm test`).
const FIX = path.join("test", "fixtures");

let tmp: string;
beforeAll(async () => {
  expect(fs.existsSync(BIN)).toBe(true);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "jxzp-cli-"));
  fs.writeFileSync(path.join(tmp, "not-a-workbook.xlsx"), "这不是工作簿");
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Sheet1");
  await wb.xlsx.writeFile(path.join(tmp, "empty.xlsx"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test("text report on a correct form: kind, 执行率, totals, grade, findings by severity; exit 0", () => {
  const r = jxzp("check", path.join(FIX, "huangshi-2021-project.xlsx"));
  expect(r.code).toBe(0);
  expect(r.out).toContain("工作表：项目自评表");
  expect(r.out).toContain("表格类型：项目支出绩效自评表");
  expect(r.out).toContain("执行率：99.96%");
  expect(r.out).toContain("总分：表中填写 99.99，按规则计算 99.99");
  expect(r.out).toContain("等级：表中填写 —，按规则计算 优");
  expect(r.out.indexOf("警告（2）")).toBeLessThan(r.out.indexOf("提示（4）"));
  expect(r.out).toContain("[B16] 指标层级为空（LEVEL_MISSING）：");
});

test("a form with errors exits 1 and lists them first", () => {
  const r = jxzp("check", path.join(FIX, "zhuzhou-2021-department.xlsx"));
  expect(r.code).toBe(1);
  expect(r.out).toMatch(/错误（2）：\n\s+\[H4\] 得分未填（SCORE_MISSING）：执行率得分为空，应为 10/);
  expect(r.out).toContain("[H36] 总分与各项之和不符（TOTAL_MISMATCH）：");
});

test("--json prints the documented shape", () => {
  const r = jxzp("check", "--json", path.join(FIX, "huangshi-2021-project.xlsx"), path.join(FIX, "panzhihua-2021-completion.xlsx"));
  expect(r.code).toBe(0);
  const data = JSON.parse(r.out);
  expect(data.files.map((f: { file: string }) => f.file)).toEqual([
    path.join(FIX, "huangshi-2021-project.xlsx"),
    path.join(FIX, "panzhihua-2021-completion.xlsx"),
  ]);
  const s = data.files[0].sheets[0];
  expect(s).toMatchObject({
    sheet: "项目自评表",
    kind: "project",
    execution: { budget: 2060, spent: 2059.18, rate: 0.999602, weight: 20, score: 19.99, statedRate: 0.9996, statedScore: 19.99 },
    total: { stated: 99.99, computed: 99.99 },
    grade: { stated: null, computed: "优" },
  });
  expect(s.indicators[0]).toEqual(
    expect.objectContaining({ row: 12, level1: "产出指标", level2: "数量指标", name: "居民医保市级财政补助人数", target: "≥24万人", actual: "≥24万人", weight: null, statedScore: 11, score: null }),
  );
  expect(s.findings[0]).toEqual({ severity: expect.any(String), code: expect.any(String), cell: expect.any(String), message: expect.any(String) });
  const completion = data.files[1].sheets[0];
  expect(completion.kind).toBe("completion");
  expect(completion.execution.rate).toBe(0.322933);
});

test("a file that is not a workbook: exit 2, a clear message, the other files still reported", () => {
  const bad = path.join(tmp, "not-a-workbook.xlsx");
  // Both in one folder, so that both are named by their names wherever the repository stands.
  const good = path.join(tmp, "huangshi-2021-project.xlsx");
  fs.copyFileSync(path.join(FIX, "huangshi-2021-project.xlsx"), good);
  const r = jxzp("check", bad, good);
  expect(r.code).toBe(2);
  expect(r.out).toContain(`文件：${path.basename(bad)}\n  无法读取：这是纯文本文件（如 .csv、.txt），不是工作簿；请在 Excel/WPS 中打开并另存为 .xlsx 后再校验。`);
  expect(r.out).toContain("执行率：99.96%");
  const j = JSON.parse(jxzp("check", "--json", bad, path.join(tmp, "missing.xlsx")).out);
  expect(j.files[0].error).toMatch(/不是工作簿/);
  expect(j.files[0].format).toBeUndefined();
  expect(j.files[1].error).toBe("文件不存在，请检查文件名和路径。");
  expect(j.files[0].sheets).toEqual([]);
});

test("an empty workbook: the sheet holds no form, one LAYOUT_UNRECOGNIZED; nothing was checked, so exit 2 (issue 17§16)", () => {
  const r = jxzp("check", "--json", path.join(tmp, "empty.xlsx"));
  expect(r.code).toBe(2);
  expect(jxzp("check", path.join(tmp, "empty.xlsx")).out).toContain("工作簿中没有识别出自评表，未能校验。");
  const s = JSON.parse(r.out).files[0].sheets[0];
  expect(s.kind).toBe("unknown");
  expect(s.execution).toBeNull();
  expect(s.findings.map((f: { code: string }) => f.code)).toEqual(["LAYOUT_UNRECOGNIZED"]);
  // The same words as the pane's (one KIND_LABEL, in the core).
  expect(jxzp("check", path.join(tmp, "empty.xlsx")).out).toContain("表格类型：未识别（不是绩效自评表）\n");
});

test("no FILE: checks the sample shipped with the project and says so", () => {
  const r = jxzp("check");
  expect(r.out).toMatch(/^未指定文件，校验随附的示例工作簿：.*samples/);
  expect(r.out).toContain("部门整体支出绩效自评表");
  expect(r.code).toBe(1);
});

test("an unknown profile or command is refused in Chinese with exit 2", () => {
  const p = jxzp("check", "--profile", "nope", path.join(FIX, "huangshi-2021-project.xlsx"));
  expect(p.code).toBe(2);
  expect(p.err).toContain("未知的评分方案“nope”");
  const c = jxzp("frobnicate");
  expect(c.code).toBe(2);
  expect(c.err).toContain("未知命令");
});

test("--profile exec20 is applied", () => {
  const r = JSON.parse(jxzp("check", "--json", "--profile", "exec20", path.join(FIX, "huangshi-2021-project.xlsx")).out);
  expect(r.files[0].sheets[0].profile).toBe("exec20");
});

test("profiles are named in Chinese wherever a person reads them; the Chinese name is accepted as well as the id", () => {
  const ids = ["project", "department", "transfer", "exec20", "deviation", "grades4", "completion"];
  const t = jxzp("check", path.join(FIX, "zhuzhou-2021-department.xlsx"), path.join(FIX, "huangshi-2021-project.xlsx"), path.join("test", "fixtures", "corpus"));
  expect(t.out).toContain("表格类型：部门整体支出绩效自评表（评分方案：部门整体支出）");
  expect(t.out).toContain("（评分方案：转移支付）");
  // Outside the lines that name files (zhuzhou-2021-department.xlsx), no profile id appears.
  const said = t.out.split("\n").filter((l) => !l.startsWith("文件："));
  for (const id of ids) expect(said.filter((l) => new RegExp(`\\b${id}\\b`).test(l))).toEqual([]);
  const byName = JSON.parse(jxzp("check", "--json", "--profile", "执行率20分", path.join(FIX, "huangshi-2021-project.xlsx")).out);
  expect(byName.files[0].sheets[0].profile).toBe("exec20");
  const bad = jxzp("check", "--profile", "nope", path.join(FIX, "huangshi-2021-project.xlsx"));
  expect(bad.err).toContain("可选：项目支出（project）、部门整体支出（department）");
  expect(jxzp("--help").out).toContain("好较好一般差（grades4）");
});

test("jxzp template writes a blank form that jxzp check reads back as its kind with no findings", () => {
  const out = path.join(tmp, "department.xlsx");
  const r = spawnSync(process.execPath, [BIN, "template", "department", "--year", "2025", "--unit", "株洲市医疗保障事务中心"], { cwd: ROOT });
  expect(r.status).toBe(0);
  expect(r.stdout.subarray(0, 2).toString("latin1")).toBe("PK");
  fs.writeFileSync(out, r.stdout);
  const c = jxzp("check", "--json", out);
  expect(c.code).toBe(0);
  const s = JSON.parse(c.out).files[0].sheets[0];
  expect(s.kind).toBe("department");
  expect(s.findings).toEqual([]);
  const bad = jxzp("template", "nope");
  expect(bad.code).toBe(2);
  expect(bad.err).toMatch(/表样/);
});

test("odd but possible cells (issue 11): exit 1, each odd cell named for what it is, no invented total", () => {
  const r = jxzp("check", "--json", path.join(FIX, "odd-cells-2021-department.xlsx"));
  expect(r.code).toBe(1);
  const sheet = JSON.parse(r.out).files[0].sheets[0];
  const at = (cell: string) => sheet.findings.filter((f: { cell: string }) => f.cell === cell);
  // A formula whose result was not saved is not a blank budget.
  expect(at("D4")).toEqual([expect.objectContaining({ code: "FORMULA_NO_VALUE", message: expect.stringContaining("重新计算") })]);
  expect(sheet.findings.some((f: { code: string }) => f.code === "BUDGET_MISSING")).toBe(false);
  // 1e308 is named, not printed, and no total is made of it.
  expect(at("H4")[0].message).toContain("大得不合常理");
  expect(sheet.total).toMatchObject({ stated: 98, computed: null, note: expect.stringContaining("总分无法计算") });
  // An error value, a date (as a date), 1e-320, a 400-digit target, 20 full-width digits.
  expect(at("H11")[0].message).toContain("#DIV/0!");
  expect(at("F12")[0].message).toContain("2021-01-01");
  expect(at("G14")[0].message).toContain("接近 0 的极小数");
  expect(at("E15")[0].message).toMatch(/“≥9{39}…”/);
  expect(at("F18")[0].code).toBe("VALUE_UNPARSEABLE");
  // The one real mistake is still found.
  expect(sheet.findings.filter((f: { severity: string }) => f.severity === "error").map((f: { code: string; cell: string }) => `${f.code}@${f.cell}`)).toEqual(["SCORE_ABOVE_WEIGHT@H12"]);
  const text = JSON.stringify(sheet.findings);
  expect(text).not.toMatch(/\de[+-]?\d|NaN|Infinity|undefined|44197/);
  expect(Math.max(...sheet.findings.map((f: { message: string }) => f.message.length))).toBeLessThanOrEqual(400);
});

test("the text report of a completion form lists the indicators not met", () => {
  const r = jxzp("check", path.join(FIX, "panzhihua-2021-completion.xlsx"));
  expect(r.code).toBe(0);
  const notMet = r.out.split("\n").filter((l) => l.includes("指标未达成（TARGET_NOT_MET）"));
  expect(notMet).toHaveLength(4);
  expect(notMet[0]).toContain("[F13] 指标未达成（TARGET_NOT_MET）：“城乡医疗救助资金”未达成：年度指标值“150万元”，实际完成值“48.44万元”（完成率 32.29%）");
  expect(r.out).toContain("“城乡参保人员”未达成：年度指标值“160000人”，实际完成值“153428人”（完成率 95.89%）");
});

test("checking a form never loads ExcelJS (it only writes summaries and templates, and costs about 250 ms to load)", () => {
  const probe = `const { main } = require(${JSON.stringify(BIN)});
process.stdout.write = () => true;
main(["check", ${JSON.stringify(path.join(FIX, "huangshi-2021-project.xlsx"))}]).then((code) => {
  const loaded = Object.keys(require.cache).some((k) => k.includes("/node_modules/exceljs/"));
  require("fs").writeSync(2, JSON.stringify({ code, loaded }));
});`;
  const r = spawnSync(process.execPath, ["-e", probe], { cwd: ROOT, encoding: "utf8" });
  expect(JSON.parse(r.stderr)).toEqual({ code: 0, loaded: false });
  // A summary does load it, and is written.
  const summary = path.join(tmp, "汇总-lazy.xlsx");
  expect(jxzp("check", "--summary", summary, path.join(FIX, "huangshi-2021-project.xlsx")).code).toBe(0);
  expect(fs.statSync(summary).size).toBeGreaterThan(1000);
});
