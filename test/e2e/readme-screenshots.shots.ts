/**
 * The README's screenshots (docs/*.png), run by `npm run screenshots` only: the preview at
 * 1280 px (validation with marks, the chart, a fill plan, an inserted template), the pane at the
 * Excel task pane's narrow width (320 px) and the whole preview at 800 px. Each shot first checks
 * that the page shows what the README says it shows.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { buildPages, buildWebPage, launch, ROOT, serve, type Served } from "./harness";
import { buildTemplate } from "../../src/scoring/templates/build";
import { FIXTURES, makePlan, openPreview, typeInto, validate } from "./preview-page";
import { downloadOf, openWebPage, reviewBatch } from "./web-page";

const DOCS = path.join(ROOT, "docs");
const ZHUZHOU = "zhuzhou-2021-department.xlsx";

let browser: Browser;
let server: Served;

beforeAll(async () => {
  server = await serve(await buildPages());
  browser = await launch();
  fs.mkdirSync(DOCS, { recursive: true });
}, 300000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const shot = (name: string) => path.join(DOCS, name);

async function validatedAndMarked(page: Page): Promise<void> {
  await validate(page);
  await page.click('[data-testid="btn-mark"]');
  await page.waitForSelector('td[data-cell="H4"][data-mark="error"]');
  // H4, near the top of the list: picking it scrolls neither the pane nor the grid away from the start.
  await page.click('[data-testid="finding"][data-cell="H4"]');
  await page.waitForSelector('td[data-cell="H4"][data-selected="true"]');
}

test("validate.png and chart.png: zhuzhou validated and marked, H4 picked", async () => {
  const { page } = await openPreview(browser, server.origin, ZHUZHOU);
  await validatedAndMarked(page);
  expect(await page.textContent('[data-testid="finding"][data-cell="H4"]')).toMatch(/^得分未填/);
  await page.screenshot({ path: shot("validate.png") });
  const chart = page.locator('[data-testid="level-chart"]');
  expect(await chart.textContent()).toContain("49.88 / 50");
  await chart.screenshot({ path: shot("chart.png") });
  await page.close();
});

test("fill.png: the plan for overwriting with formulas", async () => {
  const { page } = await openPreview(browser, server.origin, ZHUZHOU);
  await makePlan(page, { overwrite: true, formulas: true });
  expect(await page.textContent('[data-testid="fill-row"][data-cell="H11"]')).toContain("=JXZP.指标得分(G11,E11,F11)");
  await page.screenshot({ path: shot("fill.png") });
  await page.close();
});

test("template.png: a project form inserted, one row typed, its score computed", async () => {
  const { page } = await openPreview(browser, server.origin);
  await page.click('[data-testid="tab-template"]');
  await page.fill('input[data-testid="template-unit"]', "株洲市医疗保障事务中心");
  await page.fill('input[data-testid="template-project"]', "医保经办项目");
  await page.fill('input[data-testid="template-rows"]', "2");
  await page.click('[data-testid="btn-insert-template"]');
  await page.waitForSelector('[data-testid="notice-success"]');
  // The first indicator row of the form as inserted: target 100人, actual 90人, its score computed.
  const row = buildTemplate("project", { rowsPerLevel2: 2 }).map.rows.find((r) => r.kind === "indicator")!;
  await typeInto(page, row.target, "100人");
  await typeInto(page, row.actual, "90人");
  await page.waitForFunction((c) => /^\d/.test(document.querySelector(`td[data-cell="${c}"]`)?.textContent ?? ""), row.score!);
  await page.click(`td[data-cell="${row.score}"]`);
  expect(await page.textContent('[data-testid="grid-view"]')).toContain("医保经办项目");
  await page.screenshot({ path: shot("template.png") });
  await page.close();
});

test("pane-320.png: the pane at the Excel task pane's width, findings leading with their titles", async () => {
  const { page } = await openPreview(browser, server.origin, ZHUZHOU);
  await page.addStyleTag({ content: 'aside[aria-label="任务窗格"] { width: 320px !important; box-sizing: border-box; }' });
  await validate(page);
  const pane = page.locator('aside[aria-label="任务窗格"]');
  expect((await pane.boundingBox())?.width).toBe(320);
  await page.setViewportSize({ width: 1280, height: 1400 });
  await pane.screenshot({ path: shot("pane-320.png") });
  await page.close();
});

test("preview-800.png: the whole preview at 800 px", async () => {
  const { page } = await openPreview(browser, server.origin, ZHUZHOU, 800);
  await validatedAndMarked(page);
  expect(await page.textContent('td[data-cell="C4"]')).toBe("1151.79");
  await page.screenshot({ path: shot("preview-800.png") });
  await page.close();
});

describe("the web page (网页版), opened from file://", () => {
  let webFile = "";

  beforeAll(async () => {
    webFile = await buildWebPage();
  }, 1200000);

  test("web-fill.png: a form opened, validated, marked and filled, ready to save", async () => {
    const { page } = await openWebPage(browser, webFile, 1400, 860);
    await page.setInputFiles('[data-testid="fill-view"] [data-testid="file-input"]', path.join(FIXTURES, ZHUZHOU));
    await page.waitForSelector(`[data-testid="file-name"]:has-text("${ZHUZHOU}")`);
    await validatedAndMarked(page);
    await makePlan(page);
    expect(await page.locator('[data-testid="fill-row"]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: shot("web-fill.png") });
    await page.close();
  });

  test("web-review.png: the corpus folder reviewed, worst first", async () => {
    const { page } = await openWebPage(browser, webFile, 1400, 860);
    const rows = await reviewBatch(page, "folder", path.join(FIXTURES, "corpus"));
    expect(rows).toBeGreaterThan(3);
    expect(await page.textContent('[data-testid="batch-summary"]')).toContain("需修改");
    // The bar eases to its end: the picture shows it full.
    await page.waitForTimeout(800);
    await page.screenshot({ path: shot("web-review.png") });
    await page.close();
  });

  test("web-template.png: the blank form's choices", async () => {
    const { page } = await openWebPage(browser, webFile, 1000, 700);
    await page.click('[data-testid="use-template"]');
    const scope = '[data-testid="template-view"]';
    await page.selectOption(`${scope} [data-testid="template-kind"]`, "project");
    await page.fill(`${scope} [data-testid="template-unit"]`, "某某县农业农村局");
    await page.fill(`${scope} [data-testid="template-project"]`, "高标准农田建设");
    await downloadOf(page, `${scope} [data-testid="btn-insert-template"]`);
    await page.waitForSelector(`${scope} [data-testid="notice-success"]`);
    await page.screenshot({ path: shot("web-template.png") });
    await page.close();
  });
});
