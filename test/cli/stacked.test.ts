/**
 * A sheet that stacks several forms (issue 18 §3), through the command as a person runs it: the
 * text names each form with its place and counts the forms, the JSON gives each form's place,
 * and the reviewer's summary has one row per form.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { jxzp } from "./cli-process";

const STACKED = path.join("test", "fixtures", "stacked-forms.xlsx");

test("text: every form under its own heading with its place, and the forms counted", () => {
  const r = jxzp("check", STACKED);
  expect(r.code).toBe(1);
  const heads = r.out.split("\n").filter((l) => l.startsWith("  工作表："));
  expect(heads).toEqual([
    "  工作表：部门及项目自评表 第1张表（共3张，第1–39行）",
    "  工作表：部门及项目自评表 第2张表（共3张，第40–78行）",
    "  工作表：部门及项目自评表 第3张表（共3张，第79–105行）",
    "  工作表：三个项目 第1张表（共3张，第1–23行）",
    "  工作表：三个项目 第2张表（共3张，第24–43行）",
    "  工作表：三个项目 第3张表（共3张，第44–64行）",
  ]);
  expect(r.out).toContain("合计：1 个文件，2 个工作表（6 张表）");
});

test("JSON: one entry per form, each with its place; the first form of each sheet is still found by its sheet name", () => {
  const r = jxzp("check", "--json", STACKED);
  const out = JSON.parse(r.out);
  const sheets = out.files[0].sheets as { sheet: string; kind: string; place: { index: number; count: number; firstRow: number; lastRow: number }; total: { computed: number } }[];
  expect(sheets.map((s) => [s.sheet, s.place.index, s.place.count])).toEqual([
    ["部门及项目自评表", 1, 3],
    ["部门及项目自评表", 2, 3],
    ["部门及项目自评表", 3, 3],
    ["三个项目", 1, 3],
    ["三个项目", 2, 3],
    ["三个项目", 3, 3],
  ]);
  expect(sheets.map((s) => s.kind)).toEqual(["department", "project", "project", "project", "project", "project"]);
  expect(sheets.map((s) => s.total.computed)).toEqual([99.88, 100, 100, 99.99, 99.77, 100]);
});

test("the summary workbook and the HTML report: one row per form, named with its place", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jxzp-stacked-"));
  try {
    const summary = path.join(dir, "汇总.xlsx");
    const html = path.join(dir, "报告.html");
    jxzp("check", "--summary", summary, "--html", html, STACKED);
    const page = fs.readFileSync(html, "utf8");
    for (const label of ["部门及项目自评表 第2张表（共3张，第40–78行）", "三个项目 第3张表（共3张，第44–64行）"]) expect(page).toContain(label);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(summary);
    const ws = wb.getWorksheet("汇总")!;
    const header = (ws.getRow(1).values as unknown[]).map(String);
    const col = header.indexOf("工作表");
    const names: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) names.push(String(row.getCell(col).value));
    });
    expect(names.sort()).toEqual(
      [
        "部门及项目自评表 第1张表（共3张，第1–39行）",
        "部门及项目自评表 第2张表（共3张，第40–78行）",
        "部门及项目自评表 第3张表（共3张，第79–105行）",
        "三个项目 第1张表（共3张，第1–23行）",
        "三个项目 第2张表（共3张，第24–43行）",
        "三个项目 第3张表（共3张，第44–64行）",
      ].sort(),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
