/**
 * Issue 17 §11 and §12: what the CLI writes stays valid and readable. Text from hostile files
 * (U+FFFE and U+FFFF from `_xFFFF_` escapes and file names, a 40,000-character sheet name, text
 * that looks like Excel's own escape) reaches the summary workbook cleaned and cut to Excel's
 * 32,767 characters, and the written summary is read back by our reader and by ExcelJS. Output
 * to a full disk (`> /dev/full`) ends with a Chinese message and exit 2, never an English stack.
 * Each case is its own process within the attack bounds (60 s, 500 MB).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { readDocument } from "../../src/readers/document";
import { isPlainChinese } from "../readers/chinese";
import { BOUNDS, jxzpBounded, ROOT, type BoundedRun } from "./cli-process";
import { xlsWithSheetName } from "./hostile-files";

const FORM = path.join(ROOT, "test", "fixtures", "huangshi-2021-project.xlsx");
const MB = 1024;

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "jxzp-outputs-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function expectBounded(r: BoundedRun): void {
  expect({ signal: r.signal, status: [0, 1, 2].includes(r.status ?? -1) }).toEqual({ signal: null, status: true });
  expect(r.seconds).toBeLessThan(BOUNDS.seconds);
  expect(r.peakKb).toBeLessThan(BOUNDS.megabytes * MB);
}

/** The sample form with its sheet renamed and some shared strings replaced, as an attacker would write them. */
async function hostileForm(sheetName: string, strings: Record<string, string>): Promise<Buffer> {
  const zip = await JSZip.loadAsync(fs.readFileSync(FORM));
  const wb = await zip.file("xl/workbook.xml")!.async("string");
  zip.file("xl/workbook.xml", wb.replace('name="项目自评表"', `name="${sheetName}"`));
  let sst = await zip.file("xl/sharedStrings.xml")!.async("string");
  for (const [from, to] of Object.entries(strings)) {
    expect(sst).toContain(`>${from}<`);
    sst = sst.replace(`>${from}<`, `>${to}<`);
  }
  zip.file("xl/sharedStrings.xml", sst);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

describe("§11 the summary workbook stays well-formed, every cell within Excel's limit", () => {
  const long = "长".repeat(40000);
  let summary: string;
  let run: BoundedRun;
  let names: { ffff: string; escape: string; long: string; xls: string };

  beforeAll(async () => {
    const dir = path.join(tmp, "11");
    fs.mkdirSync(dir);
    names = {
      ffff: path.join(dir, "甲\uffff\ufffe.xlsx"),
      escape: path.join(dir, "乙_x0041_.xlsx"),
      long: path.join(dir, "丙.xlsx"),
      xls: path.join(dir, "丁.xls"),
    };
    fs.writeFileSync(names.xls, xlsWithSheetName("表\uffff\ufffe\u001b\u0000"));
    fs.writeFileSync(names.ffff, await hostileForm("项目_xFFFF_表", { 医保配套资金: "医保_xFFFF_配套_xFFFE_资金", "单位名称：黄石市医疗保障服务中心": "单位名称：黄石_xFFFE_中心" }));
    fs.writeFileSync(names.escape, await hostileForm("表_x0042_", {}));
    fs.writeFileSync(names.long, await hostileForm(long, { 医保配套资金: long }));
    summary = path.join(tmp, "11-汇总.xlsx");
    run = jxzpBounded(["check", "--summary", summary, dir]);
  }, 120000);

  test("the run succeeds and says the summary was written", () => {
    expectBounded(run);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain(`汇总工作簿：${summary}`);
  });

  test("ExcelJS reads it back; no cell holds a character XML forbids or more than 32,767 characters", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(summary);
    let cells = 0;
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const v = cell.value;
          if (typeof v !== "string") return;
          cells++;
          expect(v.length).toBeLessThanOrEqual(32767);
          // eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids
          expect(v).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
        }),
      ),
    );
    expect(cells).toBeGreaterThan(50);
    const files = new Set<string>();
    wb.getWorksheet("汇总")!.eachRow((row, n) => n > 1 && files.add(String(row.getCell(2).value)));
    // Names shown with escapes for what a cell cannot hold; Excel's own escape read back as written.
    // Named relative to the folder given (display-names.ts).
    expect(files).toEqual(new Set(["甲\\uFFFF\\uFFFE.xlsx", "乙_x0041_.xlsx", "丙.xlsx", "丁.xls"]));
  });

  test("our own reader reads it back: the 40,000-character sheet name cut to 32,767 with an ellipsis", async () => {
    const doc = await readDocument(fs.readFileSync(summary), "汇总.xlsx");
    const grid = doc.grids.find((g) => g.sheet === "汇总")!;
    const header = grid.values[0];
    const sheetCol = header.indexOf("工作表");
    const projectCol = header.indexOf("项目");
    const rows = grid.values.slice(1);
    const named = (file: string) => rows.find((r) => String(r[1]) === path.basename(file))!;
    const longRow = named(names.long);
    expect(String(longRow[sheetCol])).toHaveLength(32767);
    expect(String(longRow[sheetCol]).endsWith("长…")).toBe(true);
    const escapeRow = named(names.escape);
    expect(escapeRow[sheetCol]).toBe("表_x0042_");
    const ffffRow = rows.find((r) => String(r[1]).includes("甲"))!;
    // The .xlsx reader keeps a sheet name's `_xFFFF_` as written; the summary keeps it so.
    expect(String(ffffRow[sheetCol])).toBe("项目_xFFFF_表");
    const xlsRow = named(names.xls);
    expect(xlsRow[sheetCol]).toBe("表\\uFFFF\\uFFFE\\x1B\\x00");
    if (ffffRow[projectCol] !== null) expect(String(ffffRow[projectCol])).not.toMatch(/[\ufffe\uffff]/);
    // 问题清单 too: every text cell cut and clean.
    for (const g of doc.grids)
      for (const row of g.values)
        for (const v of row)
          if (typeof v === "string") {
            expect(v.length).toBeLessThanOrEqual(32767);
            expect(v).not.toMatch(/[\ufffe\uffff]/);
          }
  });
});

describe("§12 output to a full disk: a Chinese message and exit 2, no English stack", () => {
  let full: number;
  beforeAll(() => {
    full = fs.openSync("/dev/full", "w");
  });
  afterAll(() => fs.closeSync(full));

  const cases: [string, string[]][] = [
    ["check, text", ["check", FORM]],
    ["check --json", ["check", "--json", FORM]],
    ["--version", ["--version"]],
    ["--help", ["--help"]],
    ["template", ["template", "project"]],
  ];
  test.each(cases)("%s > /dev/full", (_, args) => {
    const r = jxzpBounded(args, { stdoutFd: full });
    expectBounded(r);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("磁盘已满");
    expect(r.stderr).not.toMatch(/\n\s+at |ENOSPC|Error/);
    for (const line of r.stderr.trim().split("\n")) expect(isPlainChinese(line)).toBe(true);
  });

  test("with --summary, the summary is still written; the run exits 2 and says the output is incomplete", () => {
    const summary = path.join(tmp, "12-汇总.xlsx");
    const r = jxzpBounded(["check", "--summary", summary, FORM], { stdoutFd: full });
    expectBounded(r);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("输出不完整");
    expect(fs.existsSync(summary)).toBe(true);
  });
});
