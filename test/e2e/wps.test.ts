/**
 * The WPS add-in's task pane end to end, in Chromium: wps-preview.html runs the real pane
 * (src/wps/wps-pane.tsx → App over WpsHost) against the fake WPS of test/wps/fake-et.ts, on the
 * shared corpus forms. What the pane shows must equal what the Excel host gives for the same
 * workbook (OfficeHost on the fake Excel, read in Node).
 */
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { readWorkbookFile } from "../../src/readers/xlsx-file";
import { evaluateSheet } from "../../src/scoring/evaluate";
import type { Grid } from "../../src/scoring/grid/grid";
import { OfficeHost } from "../../src/taskpane/host/OfficeHost";
import { FakeExcel } from "../taskpane/fake-excel";
import type { FakeEtOptions } from "../wps/fake-et";
import type { WpsHooks } from "../wps/wps-preview";
import { pagesInBrowser } from "./harness";
import { apply, findings, FIXTURES, makePlan, validate } from "./preview-page";

const CORPUS = path.join(FIXTURES, "corpus");
const FORMS = fs.readdirSync(CORPUS).filter((f) => f.endsWith(".xlsx"));
/** Forms on which a fill was written and undone (the test below checks that this ran at all). */
const filled: string[] = [];

const env = pagesInBrowser();

const wps = <K extends keyof WpsHooks>(page: Page, name: K, ...args: Parameters<WpsHooks[K]>): Promise<Awaited<ReturnType<WpsHooks[K]>>> =>
  page.evaluate(
    ([n, a]) => (window.__jxzpWps![n as keyof WpsHooks] as (...x: unknown[]) => unknown)(...(a as unknown[])),
    [name, args] as [string, unknown[]],
  ) as Promise<Awaited<ReturnType<WpsHooks[K]>>>;

interface Opened {
  page: Page;
  requests: string[];
  errors: string[];
  dialogs: string[];
}

async function openWps(grids: Grid[], options: FakeEtOptions = {}): Promise<Opened> {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const o: Opened = { page, requests: [], errors: [], dialogs: [] };
  page.on("request", (r) => o.requests.push(r.url()));
  page.on("pageerror", (e) => o.errors.push(e.message));
  page.on("dialog", (d) => {
    o.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${env.origin}/wps-preview.html`);
  await page.waitForFunction(() => Boolean(window.__jxzpWps));
  await wps(page, "load", grids, options);
  await page.waitForSelector('[data-testid="pane"]');
  return o;
}

/** The findings the Excel host's read gives for the sheet (every form on it). */
async function excelFindings(grids: Grid[], sheet: string): Promise<string[]> {
  const excel = new FakeExcel();
  for (const g of grids) excel.addGrid(g);
  excel.active = sheet;
  const uninstall = excel.install();
  const read = await new OfficeHost().read("active").finally(uninstall);
  return evaluateSheet(read.grids[0])
    .flatMap((r) => r.findings)
    .map((f) => `${f.code}@${f.cell ?? ""}`);
}

test.each(FORMS)("%s: validate, mark, fill, undo after reopening — the same findings as the Excel host", async (form) => {
  const grids = await readWorkbookFile(path.join(CORPUS, form));
  const sheet = grids[0].sheet;
  const { page, requests, errors, dialogs } = await openWps(grids);
  await validate(page);
  const shown = await findings(page);
  expect(shown.sort()).toEqual((await excelFindings(grids, sheet)).sort());

  // 标记 / 清除标记: the add-in's own rules on exactly the cells with findings.
  const cells = [...new Set(shown.map((f) => f.split("@")[1]).filter(Boolean))];
  if (cells.length > 0) {
    await page.click('[data-testid="btn-mark"]');
    await page.waitForFunction((s) => window.__jxzpWps!.marks(s).length > 0, sheet);
    expect((await wps(page, "marks", sheet)).map(([c]) => c).sort()).toEqual(cells.sort());
    await page.click('[data-testid="btn-clear-marks"]');
    await page.waitForFunction((s) => window.__jxzpWps!.marks(s).length === 0, sheet);
  }

  // 填写得分 with overwrite, then 撤销 from a reopened pane: every cell as it was.
  const before = await wps(page, "dump", sheet);
  await makePlan(page, { overwrite: true });
  const rows = await page.$$('[data-testid="fill-row"]');
  if (rows.length > 0) {
    await apply(page);
    expect(await page.textContent('[data-testid="fill-panel"] [data-testid^="notice-"]')).toMatch(/已写入|写入/);
    expect(await wps(page, "hiddenSheets")).toEqual(["_jxzp_undo"]);
    await wps(page, "reopenPane");
    await page.click('[data-testid="tab-fill"]');
    await page.waitForSelector('[data-testid="btn-undo"]:not([disabled])');
    await page.click('[data-testid="btn-undo"]');
    await page.waitForSelector('[data-testid="fill-panel"] [data-testid="notice-success"]');
    expect(await wps(page, "dump", sheet)).toBe(before);
    filled.push(form);
  }
  expect(requests.filter((u) => !u.startsWith(env.origin))).toEqual([]);
  expect(errors).toEqual([]);
  expect(dialogs).toEqual([]);
  await page.close();
});

test("the fill and undo above ran on most corpus forms, not on none", () => {
  expect(filled.length).toBeGreaterThanOrEqual(4);
});

test("zhuzhou: a cell typed after the fill is kept by undo, and rows inserted above are followed", async () => {
  const grids = await readWorkbookFile(path.join(FIXTURES, "zhuzhou-2021-department.xlsx"));
  const sheet = "部门整体支出绩效自评表";
  const { page } = await openWps(grids);
  await makePlan(page);
  expect(await page.$$eval('[data-testid="fill-row"]', (r) => r.map((x) => x.getAttribute("data-cell")))).toEqual(["H4"]);
  await apply(page);
  expect(await wps(page, "cell", sheet, "H4")).toEqual({ value: 10, formula: null });
  await wps(page, "insertRows", sheet, 0, 1);
  await wps(page, "type", sheet, "H4", "人写的");
  await page.click('[data-testid="btn-undo"]');
  await page.waitForSelector('[data-testid="fill-panel"] [data-testid="notice-success"]');
  expect(await wps(page, "cell", sheet, "H5")).toEqual({ value: null, formula: null });
  expect(await wps(page, "cell", sheet, "H4")).toEqual({ value: "人写的", formula: null });
  await page.close();
});

test("定稿 in WPS: the JXZP formulas a fill wrote become their values, and the hidden undo sheet goes", async () => {
  const grids = await readWorkbookFile(path.join(FIXTURES, "zhuzhou-2021-department.xlsx"));
  const sheet = "部门整体支出绩效自评表";
  const { page, errors } = await openWps(grids);
  await makePlan(page, { overwrite: true, formulas: true });
  await apply(page);
  expect((await wps(page, "cell", sheet, "H4")).formula).toMatch(/^=JXZP\./);
  await page.click('[data-testid="tab-finalize"]');
  await page.click('[data-testid="btn-finalize"]');
  await page.click('[data-testid="btn-finalize-confirm"]');
  await page.waitForSelector('[data-testid="finalize-panel"] [data-testid^="notice-"]');
  expect(await wps(page, "cell", sheet, "H4")).toEqual({ value: 10, formula: null });
  expect(await wps(page, "hiddenSheets")).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});

test("插入模板 in WPS with add-in functions: a new sheet with JXZP formulas; without them: a warning, no #NAME?, the formulas in comments", async () => {
  const grids = await readWorkbookFile(path.join(CORPUS, FORMS[0]));
  for (const functions of [true, false]) {
    const { page } = await openWps(grids, { functions });
    const warning = page.locator('[data-testid="pane"] > [data-testid="notice-warning"]');
    expect(await warning.count()).toBe(functions ? 0 : 1);
    if (!functions) expect(await warning.textContent()).toContain("12.1.0.20540");
    await page.click('[data-testid="tab-template"]');
    await page.click('[data-testid="btn-insert-template"]');
    await page.waitForSelector('[data-testid="template-panel"] [data-testid="notice-success"]');
    const name = await wps(page, "activeSheet");
    expect(name).toMatch(/自评表/);
    const dump = JSON.parse(await wps(page, "dump", name)) as Grid;
    expect(JSON.stringify(dump.values)).not.toContain("#NAME?");
    const comments = await wps(page, "comments", name);
    if (functions) {
      expect(JSON.stringify(dump.formulas)).toContain("JXZP.");
      expect(comments).toEqual([]);
    } else {
      expect(JSON.stringify(dump.formulas ?? [])).not.toContain("JXZP.");
      expect(comments.length).toBeGreaterThan(3);
      expect(await page.textContent('[data-testid="template-panel"] [data-testid="notice-success"]')).toContain("公式记在批注中");
      // 写入公式 cannot be chosen where the formulas cannot calculate.
      await page.click('[data-testid="tab-fill"]');
      expect(await page.locator('[data-testid="switch-formulas"]').isDisabled()).toBe(true);
    }
    await page.close();
  }
});

test("the JXZP functions as WPS calls them give the same results as Excel's, in Chinese and by id", async () => {
  const { page } = await openWps([{ sheet: "Sheet1", origin: { row: 0, col: 0 }, values: [], merges: [] }]);
  expect(await wps(page, "callFunction", "JXZP.EXECSCORE", 20, 2060, 2059.18)).toBe(19.99);
  expect(await wps(page, "callFunction", "JXZP.执行率得分", 20, 2060, 2059.18)).toBe(19.99);
  expect(await wps(page, "callFunction", "JXZP.指标得分", 12.9, 20400, "19745人")).toBe(12.49);
  expect(await wps(page, "callFunction", "JXZP.READVALUE", "≥24万人")).toBe(24);
  expect(await wps(page, "callFunction", "JXZP.EXECRATE", 0, 5)).toMatch(/^ERROR:.*预算数/);
  await page.close();
});
