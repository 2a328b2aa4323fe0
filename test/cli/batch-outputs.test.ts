/**
 * The reviewer's outputs as a person gets them: the compiled CLI run as a separate process on a
 * batch of submissions, the summary workbook read back with ExcelJS.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { BIN, jxzp, ROOT } from "./cli-process";

const FIX = path.join(ROOT, "test", "fixtures");

interface Sheet {
  sheet: string;
  kind: string;
  findings: { severity: string; code: string; cell: string | null; message: string }[];
}
interface Json {
  files: { file: string; error?: string; sheets: Sheet[] }[];
  spotCheck?: { seed: string; requested: number; eligible: number; forms: { order: number; file: string; sheet: string; reason: string; errors: number }[] };
}

let tmp: string;
let batch: string[];
const MARKUP = "<img src=x onerror=alert(9)>";

beforeAll(async () => {
  expect(fs.existsSync(BIN)).toBe(true);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "jxzp-batch-"));
  fs.writeFileSync(path.join(tmp, "坏文件.xlsx"), "这不是工作簿");
  // A submission whose text is markup: the sheet name and a cell.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(FIX, "huangshi-2021-project.xlsx"));
  wb.worksheets[0].name = MARKUP;
  wb.worksheets[0].getCell("A1").value = "<script>window.__pwned=1</script>年度项目自评表";
  await wb.xlsx.writeFile(path.join(tmp, "markup.xlsx"));
  // The submissions side by side in one folder, as a reviewer keeps them: named by their names
  // wherever the repository stands (a clone under the temporary folder would otherwise share it).
  for (const f of ["huangshi-2021-project.xlsx", "zhuzhou-2021-department.xlsx", "panzhihua-2021-completion.xlsx"]) fs.copyFileSync(path.join(FIX, f), path.join(tmp, f));
  batch = ["huangshi-2021-project.xlsx", "坏文件.xlsx", "zhuzhou-2021-department.xlsx", "panzhihua-2021-completion.xlsx", "markup.xlsx"].map((f) => path.join(tmp, f));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const rowsOf = (ws: ExcelJS.Worksheet) => {
  const out: unknown[][] = [];
  ws.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
};

describe("--summary", () => {
  let json: Json;
  let wb: ExcelJS.Workbook;
  const file = () => path.join(tmp, "汇总.xlsx");

  beforeAll(async () => {
    const r = jxzp("check", "--json", "--summary", file(), ...batch);
    expect(r.code).toBe(2);
    json = JSON.parse(r.out);
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file());
  });

  test("汇总: the headers, one row per form and per unreadable file, frozen header, a filter over all rows", () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(["汇总", "问题清单"]);
    const ws = wb.getWorksheet("汇总")!;
    const rows = rowsOf(ws);
    expect(rows[0]).toEqual(["序号", "文件", "格式", "工作表", "单位", "项目", "表格类型", "预算数（万元）", "执行数（万元）", "执行率", "总分（表中）", "总分（计算）", "等级（表中）", "等级（计算）", "错误", "警告", "提示", "复核结论"]);
    const forms = json.files.flatMap((f): { file: string; sheet: string | null }[] => (f.error ? [{ file: f.file, sheet: null }] : f.sheets.filter((s) => s.kind !== "unknown").map((s) => ({ file: f.file, sheet: s.sheet }))));
    expect(rows.length - 1).toBe(forms.length);
    // Files by name, not by the full path they were given as (the batch's files share no folder but the root).
    expect(new Set(rows.slice(1).map((r) => `${r[1]}|${r[3] ?? null}`))).toEqual(new Set(forms.map((f) => `${path.basename(f.file)}|${f.sheet}`)));
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.autoFilter).toBe(`A1:R${rows.length}`);
  });

  test("worst first: the unreadable file, then by errors and warnings", () => {
    const rows = rowsOf(wb.getWorksheet("汇总")!).slice(1);
    expect(rows[0]).toEqual([1, "坏文件.xlsx", "xlsx", undefined, undefined, undefined, "无法读取", undefined, undefined, undefined, undefined, undefined, undefined, undefined, 1, 0, 0, "无法识别"]);
    const rest = rows.slice(1);
    const key = (r: unknown[]) => [r[17] === "需修改" ? 0 : 1, -(r[14] as number), -(r[15] as number), -(r[16] as number)];
    for (let i = 1; i < rest.length; i++) {
      const [a, b] = [key(rest[i - 1]), key(rest[i])];
      const d = a.findIndex((x, j) => x !== b[j]);
      if (d >= 0) expect(a[d]).toBeLessThan(b[d]);
    }
    expect(rest[0][17]).toBe("需修改");
    expect(rest.map((r) => r[0])).toEqual(rest.map((_, i) => i + 2));
  });

  test("the figures of a form and their number formats", () => {
    const ws = wb.getWorksheet("汇总")!;
    let found = 0;
    ws.eachRow((row, n) => {
      if (n === 1 || row.getCell(4).value !== "部门整体支出绩效自评表" || !String(row.getCell(2).value).includes("zhuzhou")) return;
      found++;
      expect(row.getCell(7).value).toBe("部门整体支出绩效自评表");
      expect([row.getCell(8).value, row.getCell(9).value, row.getCell(10).value]).toEqual([1329, 1329, 1]);
      expect([row.getCell(11).value, row.getCell(12).value, row.getCell(13).value, row.getCell(14).value]).toEqual([98, 99.88, "优", "优"]);
      expect([row.getCell(15).value, row.getCell(16).value, row.getCell(18).value]).toEqual([2, 2, "需修改"]);
      expect(row.getCell(8).numFmt).toBe("#,##0.00");
      expect(row.getCell(9).numFmt).toBe("#,##0.00");
      expect(row.getCell(10).numFmt).toBe("0.00%");
      expect(row.getCell(11).numFmt).toBe("0.00");
      expect(row.getCell(12).numFmt).toBe("0.00");
    });
    expect(found).toBe(1);
    const huangshi = rowsOf(ws).find((r) => String(r[1]).endsWith("huangshi-2021-project.xlsx"))!;
    expect(huangshi[5]).toBe("医保配套资金");
    expect(huangshi[9]).toBe(0.999602);
  });

  test("问题清单: one row per problem, severity in Chinese, the title, the message and the 整改建议", () => {
    const ws = wb.getWorksheet("问题清单")!;
    const rows = rowsOf(ws);
    expect(rows[0]).toEqual(["汇总序号", "文件", "工作表", "单元格", "严重程度", "问题代码", "问题", "说明", "整改建议"]);
    const findings = json.files.reduce((n, f) => n + (f.error ? 1 : f.sheets.filter((s) => s.kind !== "unknown").reduce((m, s) => m + s.findings.length, 0)), 0);
    expect(rows.length - 1).toBe(findings);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.autoFilter).toBe(`A1:I${rows.length}`);
    for (const r of rows.slice(1)) {
      expect(["错误", "警告", "提示"]).toContain(r[4]);
      expect(String(r[8])).toMatch(/^[^A-Za-z]*[\u4e00-\u9fff]/);
    }
    const zhuzhou = json.files.find((f) => f.file.endsWith("zhuzhou-2021-department.xlsx"))!.sheets[0];
    const h36 = rows.find((r) => r[3] === "H36" && r[2] === zhuzhou.sheet && String(r[1]).includes("zhuzhou"))!;
    expect(h36.slice(4, 7)).toEqual(["错误", "TOTAL_MISMATCH", "总分与各项之和不符"]);
    expect(h36[7]).toBe(zhuzhou.findings.find((f) => f.cell === "H36")!.message);
    expect(h36[8]).toMatch(/总分改为各项得分之和/);
    // Each problem points back to its form's row in 汇总.
    const summary = rowsOf(wb.getWorksheet("汇总")!);
    expect(summary[(h36[0] as number)][1]).toBe(h36[1]);
    // Markup from the form is kept as text.
    expect(rows.some((r) => r[2] === MARKUP)).toBe(true);
  });

  test("a summary named among the files to check is refused, before anything is checked, and left as it was", () => {
    const before = fs.readFileSync(file());
    const again = jxzp("check", "--json", "--summary", file(), ...batch, file());
    expect(again.code).toBe(2);
    expect(again.out).toBe("");
    expect(again.err).toContain(`汇总工作簿“${file()}”就是要校验的文件`);
    expect(fs.readFileSync(file()).equals(before)).toBe(true);
  });

  test("running the same command again replaces the previous summary (it is recognised as ours)", () => {
    const r = jxzp("check", "--summary", file(), ...batch);
    expect(r.code).toBe(2);
    expect(r.err).toBe("");
    expect(r.out).toContain(`汇总工作簿：${file()}`);
  });
});

describe("--sample", () => {
  test("the same seed gives the same list in the text, the JSON and the summary; the seed is printed", async () => {
    const a = jxzp("check", "--sample", "3", "--seed", "复核2025", ...batch);
    const b = jxzp("check", "--sample", "3", "--seed", "复核2025", ...batch);
    const list = (out: string) => out.slice(out.indexOf("抽查："));
    expect(list(a.out)).toMatch(/^抽查：从 \d+ 张表中抽取 3 张（随机种子 复核2025，用 --seed 复核2025 可得到同样的名单/);
    expect(list(a.out)).toBe(list(b.out));

    const summary = path.join(tmp, "抽查.xlsx");
    const j = jxzp("check", "--json", "--sample", "3", "--seed", "复核2025", "--summary", summary, ...batch);
    const spot = (JSON.parse(j.out) as Json).spotCheck!;
    expect(spot.seed).toBe("复核2025");
    expect(spot.forms.map((f) => f.order)).toEqual([1, 2, 3]);
    // JSON keeps the paths as given; the text and the workbook name the files as the reviewer reads them.
    for (const f of spot.forms) expect(batch).toContain(f.file);
    for (const f of spot.forms) expect(list(a.out)).toContain(`${f.order}. ${path.basename(f.file)} · ${f.sheet}：${f.reason}`);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(summary);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["汇总", "问题清单", "抽查"]);
    const sheet = rowsOf(wb.getWorksheet("抽查")!);
    expect(sheet[0]).toEqual(["抽查序号", "汇总序号", "文件", "工作表", "单位", "项目", "预算数（万元）", "错误", "警告", "抽中理由"]);
    expect(sheet.slice(1, 4).map((r) => [r[0], r[2], r[3], r[9]])).toEqual(spot.forms.map((f) => [f.order, path.basename(f.file), f.sheet, f.reason]));
    expect(String(sheet[sheet.length - 2][0])).toContain("随机种子：复核2025");
    // 汇总's 抽查 column marks the same forms.
    const marked = rowsOf(wb.getWorksheet("汇总")!).filter((r) => typeof r[18] === "number").map((r) => [r[18], r[1], r[3]]);
    expect(marked.sort()).toEqual(spot.forms.map((f) => [f.order, path.basename(f.file), f.sheet]).sort());
  });

  test("without --seed the seed is the time of the run, printed so the list can be repeated", () => {
    const r = jxzp("check", "--sample", "2", ...batch);
    const seed = /随机种子 (\d{14})/.exec(r.out)![1];
    const again = jxzp("check", "--sample", "2", "--seed", seed, ...batch);
    const list = (out: string) => out.slice(out.indexOf("抽查：")).split("\n").slice(1, 3);
    expect(list(again.out)).toEqual(list(r.out));
  });
});

describe("a folder of submissions", () => {
  test("files are named relative to the folder given: in the text, the summary and the HTML report, never by their full path", async () => {
    const folder = path.join(tmp, "收文");
    fs.mkdirSync(path.join(folder, "二季度"), { recursive: true });
    fs.copyFileSync(path.join(FIX, "huangshi-2021-project.xlsx"), path.join(folder, "黄石.xlsx"));
    fs.copyFileSync(path.join(FIX, "zhuzhou-2021-department.xlsx"), path.join(folder, "二季度", "株洲.xlsx"));
    const summary = path.join(tmp, "收文汇总.xlsx");
    const html = path.join(tmp, "收文报告.html");
    const r = jxzp("check", "--summary", summary, "--html", html, "--sample", "1", "--seed", "1", folder);
    expect(r.code).toBe(1);
    const fileLines = r.out.split("\n").filter((l) => l.startsWith("文件："));
    expect(fileLines.sort()).toEqual(["文件：黄石.xlsx", `文件：${path.join("二季度", "株洲.xlsx")}`].sort());
    // The only full paths in the text are the outputs the reviewer named.
    expect(r.out.split("\n").filter((l) => l.includes(tmp))).toEqual([`汇总工作簿：${summary}`, `HTML 报告：${html}`]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(summary);
    const texts: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value)))));
    expect(texts).toContain(path.join("二季度", "株洲.xlsx"));
    expect(texts.filter((t) => t.includes(tmp) || t.includes(os.tmpdir()))).toEqual([]);
    const page = fs.readFileSync(html, "utf8");
    expect(page).toContain(path.join("二季度", "株洲.xlsx"));
    expect(page).not.toContain(tmp);
    expect(page).toContain("文件名相对于所校验的文件夹“收文”");
  });
});

describe("a large batch", () => {
  let many: string[];
  beforeAll(() => {
    many = [];
    for (let i = 0; i < 14; i++) {
      const src = [path.join(FIX, "zhuzhou-2021-department.xlsx"), path.join(FIX, "huangshi-2021-project.xlsx"), path.join(tmp, "坏文件.xlsx")][i % 3];
      const dst = path.join(tmp, `${String(i).padStart(2, "0")}-${path.basename(src)}`);
      fs.copyFileSync(src, dst);
      many.push(dst);
    }
  });

  test("threads give the same output, in the order the files were given, as one thread", () => {
    const one = jxzp("check", "--json", "--jobs", "1", ...many);
    const two = jxzp("check", "--json", "--jobs", "2", ...many);
    expect(two.code).toBe(2);
    expect(two.out).toBe(one.out);
    expect(JSON.parse(two.out).files.map((f: { file: string }) => f.file)).toEqual(many);
    const text1 = jxzp("check", "--jobs", "1", ...many);
    const text2 = jxzp("check", "--jobs", "2", ...many);
    expect(text2.out).toBe(text1.out);
  });

  test("JSON of more than 1 MB piped to another program arrives whole", () => {
    // Distinct copies: the command checks a file named twice only once.
    const files = Array.from({ length: 15 }, (_, i) => {
      const dst = path.join(tmp, `大批-${i}.xlsx`);
      fs.copyFileSync(path.join(FIX, "zhuzhou-2021-department.xlsx"), dst);
      return dst;
    });
    const r = jxzp("check", "--json", ...files);
    expect(Buffer.byteLength(r.out)).toBeGreaterThan(1024 * 1024);
    expect(JSON.parse(r.out).files).toHaveLength(files.length);
  });

  test("no progress when stderr is piped", () => {
    const r = jxzp("check", ...many);
    expect(r.err).toBe("");
  });

  // `script` gives the command a terminal (a pty) for stderr, as a person running it has.
  const inTerminal = (args: string[]) => {
    const cmd = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ") + " >/dev/null";
    return spawnSync("script", ["-qec", cmd, "/dev/null"], { cwd: ROOT, encoding: "utf8" }).stdout;
  };

  test("progress on a terminal: files and forms done, rate, time left; none with --json", () => {
    const screen = inTerminal(["check", "--jobs", "2", ...many]);
    expect(screen).toMatch(/已校验 \d+\/14 个文件（\d+ 张表），每秒 [\d.]+ 张表，(预计还需|用时) /);
    // The line is taken off at the end: the terminal is left clean.
    expect(screen.endsWith("\r\x1b[K")).toBe(true);
    expect(inTerminal(["check", "--json", ...many])).not.toContain("已校验");
  });
});

describe("options", () => {
  test("an output in a folder that does not exist is refused before any file is checked", () => {
    const r = jxzp("check", "--summary", path.join(tmp, "没有这个文件夹", "汇总.xlsx"), ...batch);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toContain("汇总工作簿所在的文件夹不存在");
    const h = jxzp("check", "--html", path.join(tmp, "报告.txt"), ...batch);
    expect(h.code).toBe(2);
    expect(h.err).toContain("HTML 报告的文件名应以 .html 结尾");
  });

  test("missing or bad values are named in Chinese", () => {
    for (const [args, msg] of [
      [["--profile"], "--profile 后面要写评分方案"],
      [["--sample", "0"], "--sample 的张数应为正整数"],
      [["--sample"], "--sample 后面要写抽查的张数"],
      [["--seed", "1"], "--seed 要与 --sample 一起使用"],
      [["--jobs", "两"], "--jobs 的并行数应为正整数"],
      [["--summary", "--json"], "--summary 后面要写汇总工作簿的文件名"],
    ] as [string[], string][]) {
      const r = jxzp("check", batch[0], ...args);
      expect(r.code).toBe(2);
      expect(r.err).toContain(msg);
    }
  });

  test("--version prints the package's version", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    const r = jxzp("--version");
    expect(r.code).toBe(0);
    expect(r.out).toBe(`jxzp ${pkg.version}\n`);
  });

  test("exit codes: 0 no errors, 1 errors, 2 an unreadable file — with the outputs written either way", () => {
    const html = path.join(tmp, "codes.html");
    expect(jxzp("check", "--html", html, batch[0]).code).toBe(0);
    expect(jxzp("check", "--html", html, batch[2]).code).toBe(1);
    fs.rmSync(html);
    expect(jxzp("check", "--html", html, ...batch).code).toBe(2);
    expect(fs.readFileSync(html, "utf8")).toContain("坏文件.xlsx");
  });
});
