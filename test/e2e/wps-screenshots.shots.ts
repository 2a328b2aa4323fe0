/**
 * The README's WPS pictures (docs/wps-*.png), run by `npm run screenshots` only: the WPS add-in's
 * task pane in wps-preview.html (the real pane over WpsHost, beside a fake WPS), on the zhuzhou
 * form. Each shot first checks that the page shows what the README says.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { readWorkbookFile } from "../../src/readers/xlsx-file";
import type { Grid } from "../../src/scoring/grid/grid";
import type { FakeEtOptions } from "../wps/fake-et";
import { buildPages, launch, ROOT, serve, type Served } from "./harness";
import { makePlan, validate } from "./preview-page";

const DOCS = path.join(ROOT, "docs");
let browser: Browser;
let server: Served;
let grids: Grid[];

beforeAll(async () => {
  server = await serve(await buildPages());
  browser = await launch();
  grids = await readWorkbookFile(path.join(ROOT, "test", "fixtures", "zhuzhou-2021-department.xlsx"));
  fs.mkdirSync(DOCS, { recursive: true });
}, 300000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(options: FakeEtOptions = {}): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(`${server.origin}/wps-preview.html`);
  await page.waitForFunction(() => Boolean(window.__jxzpWps));
  await page.evaluate(([g, o]) => window.__jxzpWps!.load(g as Grid[], o as FakeEtOptions), [grids, options] as const);
  await page.waitForSelector('[data-testid="pane"]');
  return page;
}

test("wps-validate.png: zhuzhou validated and marked in the WPS pane", async () => {
  const page = await open();
  await validate(page);
  await page.click('[data-testid="btn-mark"]');
  await page.waitForSelector('td[data-cell="H4"][data-mark="error"]');
  await page.click('[data-testid="finding"][data-cell="H4"]');
  await page.waitForSelector('td[data-cell="H4"][data-selected="true"]');
  expect(await page.textContent('[data-testid="finding"][data-cell="H4"]')).toMatch(/^得分未填/);
  await page.screenshot({ path: path.join(DOCS, "wps-validate.png") });
  await page.close();
});

test("wps-no-functions.png: a WPS without add-in functions, the fill tab says so and offers figures only", async () => {
  const page = await open({ functions: false });
  await makePlan(page, { overwrite: true });
  expect(await page.textContent('[data-testid="pane"] > [data-testid="notice-warning"]')).toContain("12.1.0.20540");
  await page.screenshot({ path: path.join(DOCS, "wps-no-functions.png") });
  await page.close();
});
