/**
 * The web page's batch review (issue 19) against the CLI on the same files: the corpus folder
 * chosen with the folder picker gives the same summary workbook and the same HTML report as
 * `jxzp check corpus --summary … --html …`; unreadable and hostile files get the CLI's message,
 * one per file, and the batch goes on; a row opens its form with the findings marked.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { BIN } from "../cli/cli-process";
import { webPageInBrowser } from "./harness";
import { FIXTURES, hook } from "./preview-page";
import { downloadOf, openWebPage, reviewBatch, violations } from "./web-page";

const env = webPageInBrowser();
let tmp: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "jxzp-web-review-"));
});

afterAll(async () => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** `jxzp check ARGS` run from `cwd`, as a reviewer runs it. */
function cli(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, "check", ...args], { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function sheetsOf(bytes: Buffer | Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: Record<string, unknown[][]> = {};
  wb.eachSheet((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === undefined ? null : v))));
    out[ws.name] = rows;
  });
  return { sheets: out, creator: wb.creator, lastModifiedBy: wb.lastModifiedBy, description: wb.description };
}

/** The report without its time of writing (the only line that may differ between two runs). */
const untimed = (html: string) => html.replace(/生成于 \d{4}-\d\d-\d\d \d\d:\d\d/, "生成于 …");

test("the corpus folder: the same summary workbook and HTML report as `jxzp check --summary --html`", async () => {
  const w = await openWebPage(env.browser, env.file);
  const { page } = w;
  const rows = await reviewBatch(page, "folder", path.join(FIXTURES, "corpus"));
  const summary = await downloadOf(page, '[data-testid="btn-download-summary"]');
  const report = await downloadOf(page, '[data-testid="btn-download-report"]');
  expect(summary.name).toMatch(/^绩效自评汇总-\d{8}-\d{4}\.xlsx$/);

  const s = path.join(tmp, "汇总.xlsx");
  const h = path.join(tmp, "报告.html");
  const r = cli(FIXTURES, "corpus", "--summary", s, "--html", h);
  expect(r.err).toBe("");
  const mine = await sheetsOf(summary.bytes);
  const theirs = await sheetsOf(fs.readFileSync(s));
  expect(mine).toEqual(theirs);
  expect(mine.sheets["汇总"].length - 1).toBe(rows);
  expect(mine.lastModifiedBy).toMatch(/绩效自评助手 \d+\.\d+\.\d+（评分规则：财预〔2020〕10号，2020 年）/);
  expect(untimed(report.bytes.toString("utf8"))).toBe(untimed(fs.readFileSync(h, "utf8")));
  expect(w.requests).toEqual([]);
  expect(await violations(page)).toEqual([]);
  expect(w.errors).toEqual([]);
  await page.close();
}, 300000);

test("sorting and filtering the 汇总; a click opens that form with its findings marked", async () => {
  const w = await openWebPage(env.browser, env.file);
  const { page } = w;
  const total = await reviewBatch(page, "folder", path.join(FIXTURES, "corpus"));
  expect(total).toBeGreaterThan(3);
  // Worst first, as the summary workbook: errors never increase down the table.
  const errorsCol = async () => page.$$eval('[data-testid="summary-row"] td:nth-child(11)', (tds) => tds.map((t) => Number(t.textContent)));
  const first = await errorsCol();
  expect(first[0]).toBeGreaterThanOrEqual(first[first.length - 1]);
  // Sort by errors, fewest first, with the keyboard.
  await page.focus('[data-testid="sort-errors"]');
  await page.keyboard.press("Enter");
  const asc = await errorsCol();
  expect(asc).toEqual([...asc].sort((a, b) => a - b));
  expect(await page.getAttribute('th[aria-sort]', "aria-sort")).toBe("ascending");
  // Filter by a problem code found in the batch: every row shown has it.
  const option = await page.$eval('[data-testid="filter-problem"] option[value="SCORE_RULE_MISMATCH"], [data-testid="filter-problem"] option:nth-child(7)', (o) => (o as HTMLOptionElement).value);
  await page.selectOption('[data-testid="filter-problem"]', option);
  const shown = await page.locator('[data-testid="summary-row"]').count();
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThanOrEqual(total);
  // And by unit (or file name).
  await page.selectOption('[data-testid="filter-problem"]', "");
  await page.fill('[data-testid="filter-unit"]', "yongde");
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="summary-row"]').length >= 1);
  const files = await page.$$eval('[data-testid="summary-row"] td:nth-child(2)', (tds) => tds.map((t) => t.textContent));
  expect(files.every((f) => f!.includes("yongde"))).toBe(true);
  // Open the first row's form: the fill view shows it, validated, with its cells marked.
  const sheet = await page.$eval('[data-testid="summary-row"] td:nth-child(3)', (t) => t.textContent!);
  await page.click('[data-testid="summary-row"] [data-testid="btn-open-form"]');
  await page.waitForSelector('[data-testid="fill-view"]:visible [data-testid="file-name"]:has-text("yongde")');
  await page.waitForSelector('[data-testid="results"]');
  await page.waitForFunction((s) => window.__jxzpPreview!.marks(s).length > 0, sheet);
  expect(await hook(page, "activeSheet")).toBe(sheet);
  await page.close();
}, 300000);

test("bad input: each unreadable or hostile file gets the CLI's Chinese message, and the batch goes on", async () => {
  const bad = [
    ...fs.readdirSync(path.join(FIXTURES, "unreadable")).map((f) => path.join(FIXTURES, "unreadable", f)),
    ...["01-empty.xlsx", "03-truncated-half.xlsx", "09d-xml-entity-billion-laughs.xlsx", "12b-hostile-sheet-names.xlsx"].map((f) => path.join(FIXTURES, "attack", f)),
    path.join(FIXTURES, "zhuzhou-2021-department.xlsx"),
  ];
  const w = await openWebPage(env.browser, env.file);
  const { page } = w;
  await reviewBatch(page, "files", bad);
  const json = JSON.parse(cli(FIXTURES, "--json", ...bad.map((p) => path.relative(FIXTURES, p))).out) as { files: { file: string; error?: string }[] };
  const expected = new Map(json.files.filter((f) => f.error).map((f) => [path.basename(f.file), f.error!]));
  expect(expected.size).toBeGreaterThanOrEqual(bad.length - 3);
  await page.selectOption('[data-testid="filter-problem"]', "无法识别");
  const shown = await page.$$eval('[data-testid="problem-row"]', (trs) => trs.map((tr) => [tr.children[1].textContent!, tr.children[6].textContent!]));
  const mine = new Map(shown.filter(([, m]) => m.length > 0).map(([f, m]) => [f, m]));
  for (const [name, message] of expected) expect([name, mine.get(name)]).toEqual([name, message]);
  // The one good form was checked too.
  await page.selectOption('[data-testid="filter-problem"]', "");
  expect(await page.locator('[data-testid="summary-row"][data-verdict="需修改"]').count()).toBeGreaterThan(0);
  expect(w.errors).toEqual([]);
  await page.close();
}, 300000);

test("drag and drop: files dropped on the page are checked like chosen ones", async () => {
  const w = await openWebPage(env.browser, env.file);
  const { page } = w;
  await page.click('[data-testid="use-review"]');
  const files = ["zhuzhou-2021-department.xlsx", "formats/panzhihua-2021-completion.xls"].map((f) => ({ name: path.basename(f), b64: fs.readFileSync(path.join(FIXTURES, f)).toString("base64") }));
  const transfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const bin = atob(f.b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], f.name));
    }
    return dt;
  }, files);
  await page.dispatchEvent('[data-testid="drop-zone"]', "dragover", { dataTransfer: transfer });
  await page.dispatchEvent('[data-testid="drop-zone"]', "drop", { dataTransfer: transfer });
  await page.waitForSelector('[data-testid="batch-summary"]');
  const names = await page.$$eval('[data-testid="summary-row"] td:nth-child(2)', (tds) => tds.map((t) => t.textContent));
  expect(new Set(names)).toEqual(new Set(["zhuzhou-2021-department.xlsx", "panzhihua-2021-completion.xls"]));
  expect(w.errors).toEqual([]);
  await page.close();
}, 300000);
