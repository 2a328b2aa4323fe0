#!/usr/bin/env node
/**
 * Makes the .xls and .docx test fixtures with LibreOffice (run once; the files are committed):
 *
 *   node scripts/make-format-fixtures.js [--seeds ../shared/seeds]
 *
 * Needs `soffice` (Debian: apt-get install libreoffice-calc libreoffice-writer).
 *
 * - test/fixtures/formats/NAME.xls: each fixture workbook saved by LibreOffice as Excel 97–2003.
 * - test/fixtures/formats/NAME.docx: each fixture workbook's sheets as Word tables (Calc's HTML
 *   export, with its colspan/rowspan, opened by Writer and saved as .docx), one captioned table
 *   per sheet.
 * - test/fixtures/formats/features.xlsx/.xls: a workbook built here with what a form may hold
 *   (formulas with saved results, booleans, errors, dates, percentages, long shared strings).
 * - test/fixtures/unreadable/: what reviewers receive that cannot be read (Word 97 .doc, PDF, RTF,
 *   OpenDocument, Calc's HTML export), made from the fixtures above.
 * - test/fixtures/reports/*.docx: the seed reports 000, 002 and 004 (their prose as written)
 *   with the fixture workbooks' tables where the seeds have theirs, plus two variants of 000
 *   whose edits are listed in VARIANTS below.
 */
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const ExcelJS = require("exceljs");

const ROOT = path.resolve(__dirname, "..");
const FIXTURES = path.join(ROOT, "test", "fixtures");
const FORMATS = path.join(FIXTURES, "formats");
const REPORTS = path.join(FIXTURES, "reports");
const UNREADABLE = path.join(FIXTURES, "unreadable");
const argSeeds = process.argv.indexOf("--seeds");
const SEEDS = argSeeds > 0 ? process.argv[argSeeds + 1] : path.resolve(ROOT, "..", "shared", "seeds");
const WORKBOOKS = ["huangshi-2021-project", "zhuzhou-2021-department", "panzhihua-2021-completion"];

const work = fs.mkdtempSync(path.join(os.tmpdir(), "jxzp-fixtures-"));
// A private LibreOffice profile: a desktop session's profile may be locked or configured otherwise.
const profile = `-env:UserInstallation=file://${path.join(work, "profile")}`;

function soffice(args) {
  execFileSync("soffice", [profile, "--headless", ...args], { stdio: ["ignore", "ignore", "inherit"] });
}

function convert(file, to, outDir, infilter) {
  soffice([...(infilter ? [`--infilter=${infilter}`] : []), "--convert-to", to, "--outdir", outDir, file]);
  const base = path.basename(file).replace(/\.[^.]+$/, "");
  const ext = to.split(":")[0];
  return path.join(outDir, `${base}.${ext}`);
}

/** Calc's HTML export of a workbook: one <table> per sheet, in order. */
function sheetTables(xlsx) {
  const html = fs.readFileSync(convert(xlsx, "html", work), "utf8");
  return [...html.matchAll(/<table[\s\S]*?<\/table>/g)].map((m) => m[0]);
}

const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const para = (line) => `<p>${esc(line.trim())}</p>`;

function writeDocx(name, body, outDir) {
  const html = path.join(work, `${name}.html`);
  fs.writeFileSync(html, `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${esc(name)}</title></head><body>\n${body.join("\n")}\n</body></html>`);
  const out = convert(html, "docx:MS Word 2007 XML", work, "HTML (StarWriter)");
  fs.copyFileSync(out, path.join(outDir, `${name}.docx`));
}

/** A workbook with the cell kinds a form may hold, for the .xls reader's records. */
async function featuresWorkbook(file) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("资金与指标");
  ws.getCell("A1").value = "2021年度项目支出绩效自评表（格式样例）";
  ws.mergeCells("A1:F1");
  ws.getRow(2).values = ["项目", "预算数", "执行数", "执行率", "得分", "备注"];
  ws.getRow(3).values = ["合计", 2060, 2059.18, { formula: "C3/B3", result: 2059.18 / 2060 }, { formula: "ROUND(20*D3,2)", result: 19.99 }, "按执行率计分"];
  ws.getCell("D3").numFmt = "0.00%";
  ws.getRow(4).values = ["整数", 1, 2, 3, 4, -5];
  ws.getRow(5).values = ["小数", 0.1, 0.25, 1234567.89, -0.005, 1e15];
  // LibreOffice 7.4 saves a text formula's result in .xls as the number 0 (no STRING record):
  // the reader's STRING path is tested on records built in test/readers/biff.test.ts.
  ws.getRow(6).values = ["文字公式", { formula: '"达成"&"率"', result: "达成率" }, { formula: "1=1", result: true }, { formula: "1/0", result: { error: "#DIV/0!" } }, true, false];
  ws.getCell("B7").value = new Date(Date.UTC(2021, 11, 31));
  ws.getCell("B7").numFmt = "yyyy-mm-dd";
  ws.getCell("A7").value = "日期";
  ws.getCell("C7").value = 0.9589;
  ws.getCell("C7").numFmt = "0%";
  ws.getCell("D7").value = 48.44;
  ws.getCell("D7").numFmt = '0.00"万元"';
  ws.getCell("A8").value = { richText: [{ text: "产出" }, { font: { bold: true }, text: "指标（50分）" }] };
  ws.mergeCells("A9:B11");
  ws.getCell("A9").value = "合并\n三行两列";
  ws.getCell("C9").value = "多行\n文字";
  // Long shared strings: the string table runs over several records (CONTINUE), one string breaks across them.
  ws.getCell("A12").value = "很长的说明：" + "偏差原因分析及改进措施。".repeat(700);
  for (let r = 13; r <= 40; r++) ws.getCell(`A${r}`).value = `第${r}行指标名称 ${"x".repeat(200)} 满意度指标`;
  const notes = wb.addWorksheet("说明");
  notes.getCell("A1").value = "本表仅为格式样例。";
  notes.state = "hidden";
  await wb.xlsx.writeFile(file);
}

/** The seed's lines from..to (1-based, inclusive) as paragraphs, each edit applied once to the whole seed. */
function seedLines(seed, from, to, edits = []) {
  let text = fs.readFileSync(path.join(SEEDS, seed), "utf8");
  for (const [a, b] of edits) {
    if (!text.includes(a) || a.includes("\n") || b.includes("\n")) throw new Error(`edit not found in ${seed}: ${a}`);
    text = text.replace(a, b);
  }
  return text.split("\n").slice(from - 1, to).filter((l) => l.trim() !== "").map(para);
}

const SEED_000 = "000_a40675f21ae6a824.txt";
const SEED_002 = "002_091b2599169f0e6f.txt";
const SEED_004 = "004_f0a16ffd971d48ba.txt";

/**
 * Variants of seed 000. `agrees`: its one real disagreement (执行率99.99% in 三, the table says
 * 99.96%) corrected and a grade stated, so every claim agrees with the table. `disagrees`: a
 * wrong total, grade and budget written in, to show each finding on figures the seed does not get wrong.
 */
const VARIANTS = {
  agrees: [
    ["执行资金2059.18万元，执行率99.99%", "执行资金2059.18万元，执行率99.96%"],
    ["自评得分99.99分。", "自评得分99.99分，自评等级为优。"],
  ],
  disagrees: [
    ["自评得分99.99分。", "自评得分98.99分，自评等级为良。"],
    ["全年财政资金预算2060万元，执行资金2059.18万元，执行率99.96%", "全年财政资金预算2600万元，执行资金2059.18万元，执行率99.96%"],
  ],
};

function huangshiReport(name, tables, edits) {
  // Lines 1–15: the self-evaluation's conclusions; the table is 附件; 159–: 佐证材料.
  const body = [...seedLines(SEED_000, 1, 15, edits), para("2021年度医保配套资金项目自评表"), tables[0], ...seedLines(SEED_000, 159, 200, edits)];
  writeDocx(name, body, REPORTS);
}

async function main() {
  fs.mkdirSync(FORMATS, { recursive: true });
  fs.mkdirSync(REPORTS, { recursive: true });
  const features = path.join(FORMATS, "features.xlsx");
  await featuresWorkbook(features);
  const tables = {};
  for (const name of [...WORKBOOKS, "features"]) {
    const src = name === "features" ? features : path.join(FIXTURES, `${name}.xlsx`);
    fs.copyFileSync(convert(src, "xls:MS Excel 97", work), path.join(FORMATS, `${name}.xls`));
    if (name === "features") continue;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(src);
    tables[name] = sheetTables(src);
    // Each sheet as a table under a caption naming it, as a report's 附件 are laid out.
    const body = wb.worksheets.flatMap((ws, i) => [para(`附件${i + 1}：${ws.name}绩效自评表`), tables[name][i]]);
    writeDocx(name, body, FORMATS);
  }

  huangshiReport("huangshi-2021-report", tables["huangshi-2021-project"], []);
  huangshiReport("huangshi-2021-report-agrees", tables["huangshi-2021-project"], VARIANTS.agrees);
  huangshiReport("huangshi-2021-report-disagrees", tables["huangshi-2021-project"], VARIANTS.disagrees);

  // Seed 002: the department's report, then 附件 1-1 (部门整体) and 1-2 (projects).
  const z = tables["zhuzhou-2021-department"];
  writeDocx(
    "zhuzhou-2021-report",
    [
      ...seedLines(SEED_002, 1, 144),
      ...seedLines(SEED_002, 145, 147),
      z[0],
      ...z.slice(1).flatMap((t) => [...seedLines(SEED_002, 191, 193), t]),
    ],
    REPORTS,
  );

  // Seed 004: the department's 决算 and overall report, then each project's report and table
  // (fixture sheets: 城乡医疗救助资金, 城乡居民基本医疗保障补助, 医保基金监管市级专项经费), with one
  // project's report whose table the fixtures do not have.
  const p = tables["panzhihua-2021-completion"];
  writeDocx(
    "panzhihua-2021-report",
    [
      ...seedLines(SEED_004, 1, 198),
      ...seedLines(SEED_004, 199, 251),
      p[2],
      ...seedLines(SEED_004, 403, 455),
      p[0],
      ...seedLines(SEED_004, 596, 647),
      ...seedLines(SEED_004, 986, 1041),
      p[1],
    ],
    REPORTS,
  );
  fs.mkdirSync(UNREADABLE, { recursive: true });
  const report = path.join(REPORTS, "huangshi-2021-report.docx");
  const workbook = path.join(FIXTURES, "huangshi-2021-project.xlsx");
  for (const [src, to, name] of [
    [report, "doc:MS Word 97", "report.doc"],
    [report, "pdf:writer_pdf_Export", "report.pdf"],
    [report, "rtf:Rich Text Format", "report.rtf"],
    [report, "odt:writer8", "report.odt"],
    [workbook, "ods:calc8", "workbook.ods"],
    [workbook, "html:HTML (StarCalc)", "workbook-html.xls"],
  ])
    fs.copyFileSync(convert(src, to, work), path.join(UNREADABLE, name));
  fs.rmSync(work, { recursive: true, force: true });
  console.log(`写入 ${path.relative(ROOT, FORMATS)}/ 与 ${path.relative(ROOT, REPORTS)}/`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
