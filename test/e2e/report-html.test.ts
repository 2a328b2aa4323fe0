/**
 * The HTML report of `jxzp check --html`, opened from disk in Debian's Chromium as a reviewer
 * opens it: it renders, its charts are drawn, its tables sort, a form's problems open with one
 * click, form text stays text, and the page asks for nothing — not one request.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ExcelJS from "exceljs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { ADVICE } from "../../src/cli/advice";
import { BIN, jxzp, ROOT } from "../cli/cli-process";
import { launch } from "./harness";

const FIX = path.join(ROOT, "test", "fixtures");
const MARKUP = "<img src=x onerror=alert(9)>";

let browser: Browser;
let tmp: string;
let report: string;
/** A batch of 8 forms at one spot of the scatter chart: 6 pass, 2 must be corrected. */
let mixed: string;
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
  const r = jxzp("check", "--json", "--html", report, "--sample", "2", "--seed", "7", ...files);
  expect(r.code).toBe(2);
  json = JSON.parse(r.out);

  // Eight copies of a form that passes; in two the stated total is wrong (TOTAL_MISMATCH, an
  // error), which leaves the computed total and the rate — the point's place — as they were.
  const mix = path.join(tmp, "同一处");
  fs.mkdirSync(mix);
  for (let i = 1; i <= 8; i++) {
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.readFile(path.join(FIX, "huangshi-2021-project.xlsx"));
    if (i > 6) copy.worksheets[0].getCell("G20").value = 90;
    await copy.xlsx.writeFile(path.join(mix, `表${i}.xlsx`));
  }
  mixed = path.join(tmp, "同一处.html");
  expect(jxzp("check", "--html", mixed, mix).code).toBe(1);
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
async function open(file = report, width = 1400): Promise<Opened> {
  const context = await browser.newContext({ offline: true, viewport: { width, height: 900 } });
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
  await page.goto(pathToFileURL(file).href);
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
  // 总分 shows 表中 → 计算 and sorts by the computed total.
  const totalHeader = page.locator("#summary > thead button.sort", { hasText: "总分" });
  await totalHeader.click();
  const totalTh = page.locator("#summary > thead th", { has: page.locator("button.sort", { hasText: "总分" }) });
  expect(await totalTh.getAttribute("aria-sort")).toBe("ascending");
  const totals = await column(10);
  const asc = totals.filter((v) => v !== "").map(Number);
  expect(asc.length).toBeGreaterThan(5);
  expect(asc).toEqual([...asc].sort((a, b) => a - b));
  // Blanks (no total) go last either way.
  expect(totals.slice(asc.length).every((v) => v === "")).toBe(true);
  const zhuzhouTotal = await page.locator("#summary tbody.form > tr.main td.pair.differ", { hasText: "98.00 → 99.88" }).count();
  expect(zhuzhouTotal).toBeGreaterThan(0);
  await totalHeader.click();
  expect(await totalTh.getAttribute("aria-sort")).toBe("descending");
  const desc = (await column(10)).filter((v) => v !== "").map(Number);
  expect(desc).toEqual([...asc].sort((a, b) => b - a));

  // Text columns sort by Chinese collation.
  await page.locator("#summary > thead button.sort", { hasText: "复核结论" }).click();
  const verdicts = await column(2);
  expect(verdicts).toEqual([...verdicts].sort((a, b) => a.localeCompare(b, "zh-CN")));

  // Each form's detail row moved with it.
  const pairs = await page.$$eval("#summary tbody.form", (bodies) => bodies.map((b) => [b.id.replace("form-", ""), b.querySelector("tr.detail")!.id.replace("detail-", "")]));
  for (const [a, b] of pairs) expect(a).toBe(b);

  // The problem list sorts too.
  await page.locator("#problems thead button.sort", { hasText: "严重程度" }).click();
  const sev = await page.$$eval("#problems tbody tr td:nth-child(4)", (tds) => tds.map((t) => t.textContent ?? ""));
  expect(sev).toEqual([...sev].sort((a, b) => a.localeCompare(b, "zh-CN")));
  await o.context.close();
});

test("a form's problems are one click away, from its row and from its point on the chart", async () => {
  const o = await open();
  const { page } = o;
  // The department form of the fixture: worst first, it has a row with errors.
  const zhuzhou = json.files.find((f) => f.file.endsWith("zhuzhou-2021-department.xlsx"))!.sheets[0];
  const body = page.locator("#summary tbody.form").filter({ has: page.locator("tr.main td.file", { hasText: `zhuzhou-2021-department.xlsx${zhuzhou.sheet}` }) });
  await expect(body.count()).resolves.toBe(1);
  const detail = body.locator("tr.detail");
  expect(await detail.isVisible()).toBe(false);
  await body.locator("button.toggle").click();
  expect(await detail.isVisible()).toBe(true);
  expect(await body.locator("button.toggle").getAttribute("aria-expanded")).toBe("true");
  // One line per kind of finding; together they hold every finding and every message.
  const lines = detail.locator("table.findings tbody tr");
  const perLine = await lines.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute("data-count"))));
  expect(perLine.reduce((a, b) => a + b, 0)).toBe(zhuzhou.findings.length);
  expect(perLine.length).toBeLessThan(zhuzhou.findings.length);
  const shown = (await lines.allTextContents()).join("\n");
  for (const f of zhuzhou.findings) expect(shown).toContain(f.message);
  expect(await detail.locator("table.findings thead th").allTextContents()).toEqual(["单元格", "严重程度", "问题", "说明", "整改建议"]);
  expect(await lines.first().textContent()).toContain(ADVICE.SCORE_MISSING);
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

test("at 1,280 px the summary and the problem list fit the page: 复核结论 and 问题 first, 整改建议 on screen, nothing cut off", async () => {
  const o = await open(report, 1280);
  const { page } = o;
  const m = await page.evaluate(() => {
    const view = document.documentElement.clientWidth;
    const heads = (id: string) => [...document.querySelectorAll(`#${id} > thead th`)].map((th) => ({ label: th.textContent ?? "", right: th.getBoundingClientRect().right }));
    // Cells whose content is wider than the cell (a figure that cannot wrap, a clipped word).
    const overflowing = [...document.querySelectorAll("#summary > tbody > tr.main > td, #problems td")]
      .filter((td) => td.scrollWidth > td.clientWidth + 1)
      .map((td) => td.textContent);
    return { view, page: document.documentElement.scrollWidth, summary: document.getElementById("summary")!.getBoundingClientRect().right, problems: document.getElementById("problems")!.getBoundingClientRect().right, summaryHeads: heads("summary"), problemHeads: heads("problems"), overflowing };
  });
  expect(m.view).toBe(1280);
  // No sideways scrolling anywhere: the page and both tables end inside the window.
  expect(m.page).toBeLessThanOrEqual(m.view);
  expect(m.summary).toBeLessThanOrEqual(m.view);
  expect(m.problems).toBeLessThanOrEqual(m.view);
  for (const h of [...m.summaryHeads, ...m.problemHeads]) expect(h.right).toBeLessThanOrEqual(m.view);
  expect(m.summaryHeads.slice(0, 3).map((h) => h.label)).toEqual(["序号", "复核结论", "问题"]);
  expect(m.summaryHeads.at(-1)!.label).toBe("抽查");
  expect(m.problemHeads.map((h) => h.label).at(-1)).toBe("整改建议");
  expect(m.overflowing).toEqual([]);
  await o.context.close();
});

test("finding codes break only between their words, never inside one", async () => {
  const o = await open(report, 1280);
  const { page } = o;
  // Open everything, so every code is laid out.
  for (const b of await page.locator("button.toggle").all()) await b.click();
  await page.$$eval("details", (ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
  const split = await page.$$eval("code", (codes) => {
    const broken: string[] = [];
    for (const code of codes) {
      // Each text piece (a word with its underscore) must lie on one line.
      for (const node of code.childNodes) {
        if (node.nodeType !== Node.TEXT_NODE) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(node.textContent ?? "");
      }
    }
    return { broken, count: codes.length, multiline: codes.filter((c) => c.getClientRects().length > 0 && c.getBoundingClientRect().height > 20).length };
  });
  expect(split.count).toBeGreaterThan(20);
  // Long codes do wrap in the narrow column (the test would be empty otherwise) — at their underscores.
  expect(split.multiline).toBeGreaterThan(0);
  expect(split.broken).toEqual([]);
  await o.context.close();
});

test("the same finding on many cells of a form is one line: its count, its cells as ranges, each message a click away", async () => {
  const o = await open(report, 1280);
  const { page } = o;
  const zhuzhou = json.files.find((f) => f.file.endsWith("zhuzhou-2021-department.xlsx"))!.sheets[0] as unknown as { sheet: string; findings: { code: string; cell: string; message: string }[] };
  const hints = zhuzhou.findings.filter((f) => f.code === "ACTUAL_NOT_VALUE");
  expect(hints.length).toBeGreaterThan(3);
  const line = page.locator("#problems tbody tr", { has: page.locator("td.file", { hasText: `zhuzhou-2021-department.xlsx${zhuzhou.sheet}` }) }).filter({ hasText: "ACTUAL_NOT_VALUE" });
  expect(await line.count()).toBe(1);
  expect(await line.getAttribute("data-count")).toBe(String(hints.length));
  expect(await line.locator("td", { hasText: `×${hints.length}` }).count()).toBe(1);
  // The cells, runs down a column written as ranges, cover exactly the findings' cells.
  const cells = (await line.locator("td.cells").textContent())!.split("、");
  const expand = (r: string) => {
    const [a, b = a] = r.split(":");
    const col = a.replace(/\d+/g, "");
    const out: string[] = [];
    for (let i = Number(a.replace(/\D+/g, "")); i <= Number(b.replace(/\D+/g, "")); i++) out.push(`${col}${i}`);
    return out;
  };
  expect(cells.flatMap(expand).sort()).toEqual(hints.map((h) => h.cell).sort());
  expect(cells.length).toBeLessThan(hints.length);
  // Each cell's own message is in the line's 逐格说明.
  await line.locator("summary").click();
  const items = await line.locator("details li").allTextContents();
  expect(items).toHaveLength(hints.length);
  for (const h of hints) expect(items).toContain(`${h.cell} ${h.message}`);
  await o.context.close();
});

test("the scatter chart has a legend, and a point shared by 8 forms of which 6 passed is coloured 6 to 2, not red", async () => {
  const o = await open(mixed, 1280);
  const { page } = o;
  const point = page.locator("#chart-scatter circle.point");
  expect(await point.count()).toBe(1);
  expect(await point.getAttribute("data-count")).toBe("8");
  expect([await point.getAttribute("data-ok"), await point.getAttribute("data-bad")]).toEqual(["6", "2"]);
  expect(await point.locator("title").textContent()).toContain("8 张表（需修改 2，通过 6）");
  const slices = await page.$$eval("#chart-scatter .slice", (els) => els.map((e) => [e.getAttribute("class"), e.getAttribute("data-n")]));
  expect(slices).toEqual([
    ["slice bad", "2"],
    ["slice ok", "6"],
  ]);
  // What is drawn: the quarter from twelve to three o'clock is red, the other three quarters green.
  const hits = await page.evaluate(() => {
    const c = document.querySelector("#chart-scatter circle.point")!.getBoundingClientRect();
    const [cx, cy, r] = [c.left + c.width / 2, c.top + c.height / 2, c.width / 2];
    const at = (deg: number) => {
      const a = (deg * Math.PI) / 180;
      const el = document.elementsFromPoint(cx + 0.6 * r * Math.sin(a), cy - 0.6 * r * Math.cos(a)).find((e) => e.classList.contains("slice"));
      return el ? el.getAttribute("data-verdict") : null;
    };
    return [45, 135, 225, 315].map(at);
  });
  expect(hits).toEqual(["需修改", "通过", "通过", "通过"]);
  // The legend names the colours.
  const legend = await page.$$eval("#chart-scatter .swatch", (els) => els.map((e) => e.getAttribute("data-verdict")));
  expect(legend).toEqual(["通过", "需修改"]);
  expect(await page.locator("#chart-scatter text.legend", { hasText: "通过" }).count()).toBe(1);
  expect(await page.locator("#chart-scatter text.legend", { hasText: "按结论比例分色" }).count()).toBe(1);
  // The folder's files by their names only.
  const text = await page.locator("body").textContent();
  expect(text).toContain("表1.xlsx");
  expect(text).not.toContain(tmp);
  await o.context.close();
});
