/**
 * The HTML report of `jxzp check --html`, opened from disk in Debian's Chromium as a reviewer
 * opens it: it renders, its charts are drawn, its tables sort, a form's problems open with one
 * click, form text stays text, and the page asks for nothing — not one request.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ExcelJS from "exceljs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { ADVICE } from "../../src/cli/advice";
import { launch, ROOT } from "./harness";

const BIN = path.join(ROOT, "lib", "src", "cli", "jxzp.js");
const FIX = path.join(ROOT, "test", "fixtures");
const MARKUP = "<img src=x onerror=alert(9)>";

let browser: Browser;
let tmp: string;
let report: string;
let json: { files: { file: string; error?: string; sheets: { sheet: string; kind: string; findings: { message: string }[] }[] }[] };

beforeAll(async () => {
  expect(fs.existsSync(BIN)).toBe(true);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "jxzp-html-"));
  // A submission whose sheet name and cells are markup, as hostile or careless forms have.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(FIX, "zhuzhou-2021-department.xlsx"));
  wb.worksheets[1].name = MARKUP;
  wb.worksheets[0].getCell("F11").value = "<script>alert(2);window.__pwned=2</script>";
  await wb.xlsx.writeFile(path.join(tmp, "markup.xlsx"));
  fs.writeFileSync(path.join(tmp, "坏文件.xlsx"), "这不是工作簿");
  report = path.join(tmp, "报告.html");
  const files = [path.join(FIX, "huangshi-2021-project.xlsx"), path.join(FIX, "panzhihua-2021-completion.xlsx"), path.join(FIX, "zhuzhou-2021-department.xlsx"), path.join(tmp, "markup.xlsx"), path.join(tmp, "坏文件.xlsx")];
  const r = spawnSync(process.execPath, [BIN, "check", "--json", "--html", report, "--sample", "2", "--seed", "7", ...files], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  expect(r.status).toBe(2);
  json = JSON.parse(r.stdout);
  browser = await launch();
}, 120000);

afterAll(async () => {
  await browser?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

interface Opened {
  context: BrowserContext;
  page: Page;
  requests: string[];
  dialogs: string[];
  errors: string[];
}

/** Opens the report from disk, offline, recording every request the page makes and every dialog. */
async function open(): Promise<Opened> {
  const context = await browser.newContext({ offline: true, viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const o: Opened = { context, page, requests: [], dialogs: [], errors: [] };
  page.on("request", (req) => o.requests.push(req.url()));
  page.on("dialog", (d) => {
    o.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on("pageerror", (e) => o.errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") o.errors.push(m.text());
  });
  // Anything that would leave the machine is refused, so a request shows up as a request and never as a wait.
  await context.route(/^(https?|wss?|ftp):/, (route) => route.abort());
  await page.goto(pathToFileURL(report).href);
  await page.waitForSelector("#summary");
  return o;
}

const forms = () => json.files.reduce((n, f) => n + (f.error ? 1 : f.sheets.filter((s) => s.kind !== "unknown").length), 0);

test("renders in Chinese with the three charts drawn, and makes no request at all", async () => {
  const o = await open();
  const { page } = o;
  await expect(page.title()).resolves.toBe("绩效自评复核报告");
  expect(await page.locator("h1").textContent()).toBe("绩效自评复核报告");
  // One tbody per form (and per unreadable file) in the summary.
  expect(await page.locator("#summary tbody.form").count()).toBe(forms());
  // Grades: a pair of bars per grade; problems: a bar per code; scatter: a point per form with a rate and a total.
  expect(await page.locator("#chart-grades rect.stated[data-grade]").count()).toBeGreaterThan(0);
  expect(await page.locator("#chart-grades rect.computed[data-grade]").count()).toBe(await page.locator("#chart-grades rect.stated[data-grade]").count());
  const codes = await page.locator("#chart-codes rect[data-code]").count();
  expect(codes).toBeGreaterThan(3);
  const heights = await page.$$eval("#chart-codes rect[data-code]", (els) => els.map((e) => (e as SVGRectElement).getBBox().width));
  expect(heights.every((w) => w > 0)).toBe(true);
  const scored = json.files.flatMap((f) => f.sheets).filter((s) => s.kind !== "unknown" && s.kind !== "completion").length;
  const counts = await page.locator("#chart-scatter circle.point").evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-count"))));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(scored);
  const box = await page.locator("#chart-scatter svg").boundingBox();
  expect(box!.width).toBeGreaterThan(300);
  // Nothing but the file itself was asked for, and nothing failed.
  await page.waitForTimeout(300);
  expect(o.requests).toEqual([pathToFileURL(report).href]);
  expect(o.errors).toEqual([]);
  await o.context.close();
});

test("clicking a header sorts the summary by that column, again reverses it; problems stay with their form", async () => {
  const o = await open();
  const { page } = o;
  const column = async (n: number) => page.$$eval(`#summary tbody.form > tr.main > td:nth-child(${n})`, (tds) => tds.map((td) => td.getAttribute("data-v") ?? td.textContent ?? ""));
  const totalHeader = page.locator("#summary thead button.sort", { hasText: "总分（计算）" });
  await totalHeader.click();
  const totalTh = page.locator("#summary thead th", { has: page.locator("button.sort", { hasText: "总分（计算）" }) });
  expect(await totalTh.getAttribute("aria-sort")).toBe("ascending");
  const asc = (await column(11)).filter((v) => v !== "").map(Number);
  expect(asc.length).toBeGreaterThan(5);
  expect(asc).toEqual([...asc].sort((a, b) => a - b));
  // Blanks (no total) go last either way.
  const all = await column(11);
  expect(all.slice(asc.length).every((v) => v === "")).toBe(true);
  await totalHeader.click();
  expect(await totalTh.getAttribute("aria-sort")).toBe("descending");
  const desc = (await column(11)).filter((v) => v !== "").map(Number);
  expect(desc).toEqual([...asc].sort((a, b) => b - a));

  // Text columns sort by Chinese collation.
  await page.locator("#summary thead button.sort", { hasText: "复核结论" }).click();
  const verdicts = await column(17);
  expect(verdicts).toEqual([...verdicts].sort((a, b) => a.localeCompare(b, "zh-CN")));

  // Each form's detail row moved with it.
  const pairs = await page.$$eval("#summary tbody.form", (bodies) => bodies.map((b) => [b.id.replace("form-", ""), b.querySelector("tr.detail")!.id.replace("detail-", "")]));
  for (const [a, b] of pairs) expect(a).toBe(b);

  // The problem list sorts too.
  await page.locator("#problems thead button.sort", { hasText: "严重程度" }).click();
  const sev = await page.$$eval("#problems tbody tr td:nth-child(5)", (tds) => tds.map((t) => t.textContent ?? ""));
  expect(sev).toEqual([...sev].sort((a, b) => a.localeCompare(b, "zh-CN")));
  await o.context.close();
});

test("a form's problems are one click away, from its row and from its point on the chart", async () => {
  const o = await open();
  const { page } = o;
  // The department form of the fixture: worst first, it has a row with errors.
  const zhuzhou = json.files.find((f) => f.file.endsWith("zhuzhou-2021-department.xlsx"))!.sheets[0];
  const body = page.locator("#summary tbody.form", { has: page.locator("td", { hasText: /zhuzhou-2021-department\.xlsx$/ }) }).filter({ has: page.locator("tr.main td:nth-child(3)", { hasText: new RegExp(`^${zhuzhou.sheet}$`) }) });
  await expect(body.count()).resolves.toBe(1);
  const detail = body.locator("tr.detail");
  expect(await detail.isVisible()).toBe(false);
  await body.locator("button.toggle").click();
  expect(await detail.isVisible()).toBe(true);
  expect(await body.locator("button.toggle").getAttribute("aria-expanded")).toBe("true");
  const shown = await detail.locator("table.findings tbody tr").allTextContents();
  expect(shown).toHaveLength(zhuzhou.findings.length);
  for (const f of zhuzhou.findings) expect(shown.some((t) => t.includes(f.message))).toBe(true);
  expect(await detail.locator("table.findings thead th").allTextContents()).toEqual(["单元格", "严重程度", "问题", "说明", "整改建议"]);
  expect(shown[0]).toContain(ADVICE.SCORE_MISSING);
  await body.locator("button.toggle").click();
  expect(await detail.isVisible()).toBe(false);

  // A point on the scatter opens its forms (forms at the same spot are one point, with their count).
  const points = page.locator("#chart-scatter circle.point");
  const counts = await points.evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-count"))));
  const scored = json.files.flatMap((f) => f.sheets).filter((s) => s.kind !== "unknown" && s.kind !== "completion").length;
  expect(counts.reduce((a, b) => a + b, 0)).toBe(scored);
  const crowded = points.nth(counts.findIndex((c) => c > 1));
  const nos = (await crowded.getAttribute("data-open"))!.split(" ");
  expect(nos.length).toBeGreaterThan(1);
  await crowded.click();
  for (const no of nos) expect(await page.locator(`#detail-${no}`).isVisible()).toBe(true);
  await o.context.close();
});

test("markup in forms is shown as text: no dialog, no script run, no element made from it", async () => {
  const o = await open();
  const { page } = o;
  // Open every form's problems, so every message is in the rendered page.
  for (const b of await page.locator("button.toggle").all()) await b.click();
  await page.waitForTimeout(300);
  expect(o.dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator("img").count()).toBe(0);
  expect(await page.locator("script").count()).toBe(1);
  expect(await page.locator("#summary td", { hasText: MARKUP }).count()).toBeGreaterThan(0);
  // Messages quote a cell's text cut to 40 characters: the markup shows as text up to there.
  expect(await page.locator("table.findings td", { hasText: "<script>alert(2);window.__pwned=2</scrip…" }).count()).toBeGreaterThan(0);
  expect(o.requests).toEqual([pathToFileURL(report).href]);
  await o.context.close();
});

test("the 抽查 list links to its forms", async () => {
  const o = await open();
  const { page } = o;
  const rows = page.locator("#sample tbody tr");
  expect(await rows.count()).toBe(2);
  const link = rows.first().locator("button.link");
  const no = await link.getAttribute("data-open");
  await link.click();
  expect(await page.locator(`#detail-${no}`).isVisible()).toBe(true);
  await o.context.close();
});
