/**
 * The web page (issue 19) in Debian's Chromium, opened from file:// as a person opens the e-mailed
 * file: it makes no request, fills and saves an .xlsx, refuses to fill an .xls, and downloads
 * the CLI's blank template.
 */
import fs from "node:fs";
import path from "node:path";
import { readDocument } from "../../src/readers/document";
import { templateWorkbookBytes } from "../../src/cli/template-xlsx";
import { buildTemplate } from "../../src/scoring/templates/build";
import { PROGRAM_VERSION } from "../../src/program";
import { webPageInBrowser } from "./harness";
import { apply, FIXTURES, findings, hook, makePlan, validate } from "./preview-page";
import { downloadOf, openWebPage, violations, type WebPage } from "./web-page";

const env = webPageInBrowser();

async function openForm(fixture: string): Promise<WebPage> {
  const w = await openWebPage(env.browser, env.file);
  await w.page.setInputFiles('[data-testid="fill-view"] [data-testid="file-input"]', path.join(FIXTURES, fixture));
  await w.page.waitForSelector(`[data-testid="file-name"]:has-text("${path.basename(fixture)}")`);
  return w;
}

test("one file: opens from file:// with the version and rules shown, no request, no policy violation", async () => {
  const html = fs.readFileSync(env.file, "utf8");
  // Nothing outside the file: no src= or href= to anything but data:.
  expect(html.match(/\s(src|href)=["']?(?!data:|#)[^"'\s>]+/g) ?? []).toEqual([]);
  expect(html).toMatch(/connect-src 'none'/);
  const w = await openWebPage(env.browser, env.file);
  await w.page.waitForSelector('[data-testid="pane"]');
  expect(await w.page.textContent('[data-testid="program-version"]')).toContain(PROGRAM_VERSION);
  expect(await w.page.textContent('[data-testid="program-version"]')).toContain("2020");
  expect(w.requests).toEqual([]);
  expect(await violations(w.page)).toEqual([]);
  expect(w.errors).toEqual([]);
  await w.page.close();
});

test("fill: open an .xlsx, validate, fill, undo, fill again, save: the download has the new values and the original is untouched", async () => {
  const before = fs.readFileSync(path.join(FIXTURES, "zhuzhou-2021-department.xlsx"));
  const w = await openForm("zhuzhou-2021-department.xlsx");
  const { page } = w;
  await validate(page);
  expect(await findings(page)).toEqual(expect.arrayContaining(["SCORE_MISSING@H4"]));
  // Go to a cell: the finding selects it in the grid.
  await page.click('[data-testid="finding"][data-cell="H4"]');
  await page.waitForSelector('td[data-cell="H4"][data-selected="true"]');
  await makePlan(page);
  await apply(page);
  expect((await hook(page, "cell", "部门整体支出绩效自评表", "H4")).value).toBe(10);
  await page.click('[data-testid="btn-undo"]');
  await page.waitForFunction(() => window.__jxzpPreview!.cell("部门整体支出绩效自评表", "H4").value === null);
  await makePlan(page);
  await apply(page);
  const saved = await downloadOf(page, '[data-testid="btn-save"]');
  expect(saved.name).toBe("zhuzhou-2021-department（已填写）.xlsx");
  await page.waitForSelector('[data-testid="notice-success"]');
  const doc = await readDocument(new Uint8Array(saved.bytes), saved.name);
  const g = doc.grids.find((x) => x.sheet === "部门整体支出绩效自评表")!;
  expect(g.values[3][7]).toBe(10);
  expect(fs.readFileSync(path.join(FIXTURES, "zhuzhou-2021-department.xlsx")).equals(before)).toBe(true);
  expect(w.requests).toEqual([]);
  expect(w.errors).toEqual([]);
  await page.close();
});

test("an .xls is validated, and filling it asks for it saved as .xlsx first; nothing can be saved", async () => {
  const w = await openForm("formats/zhuzhou-2021-department.xls");
  const { page } = w;
  await page.waitForSelector('[data-testid="notice-warning"]:has-text("另存为")');
  expect(await page.isDisabled('[data-testid="btn-save"]')).toBe(true);
  await validate(page);
  expect(await findings(page)).toEqual(expect.arrayContaining(["SCORE_MISSING@H4"]));
  // The pane's 填写得分 says why instead of offering a plan to write.
  await page.click('[data-testid="tab-fill"]');
  await page.waitForSelector('[data-testid="pane"] [data-testid="notice-warning"]:has-text("另存为")');
  expect(await page.locator('[data-testid="btn-apply"]').count()).toBe(0);
  expect((await hook(page, "cell", "部门整体支出绩效自评表", "H4")).value).toBeNull();
  await page.close();
});

test("a file that cannot be read gets the CLI's Chinese message", async () => {
  const w = await openWebPage(env.browser, env.file);
  await w.page.setInputFiles('[data-testid="fill-view"] [data-testid="file-input"]', path.join(FIXTURES, "unreadable", "report.pdf"));
  await w.page.waitForSelector('[data-testid="notice-error"]:has-text("PDF")');
  await w.page.close();
});

test("templates: the download is the CLI's workbook for the same choices", async () => {
  const w = await openWebPage(env.browser, env.file);
  const { page } = w;
  await page.click('[data-testid="use-template"]');
  const scope = '[data-testid="template-view"]';
  await page.selectOption(`${scope} [data-testid="template-kind"]`, "department");
  await page.fill(`${scope} [data-testid="template-year"]`, "2024");
  await page.fill(`${scope} [data-testid="template-unit"]`, "某某局");
  await page.fill(`${scope} [data-testid="template-rows"]`, "2");
  const got = await downloadOf(page, `${scope} [data-testid="btn-insert-template"]`);
  expect(got.name).toBe("2024年度部门整体支出绩效自评表.xlsx");
  const cli = await templateWorkbookBytes([buildTemplate("department", { year: "2024", unit: "某某局", rowsPerLevel2: 2 })]);
  const a = await readDocument(new Uint8Array(got.bytes), "a.xlsx");
  const b = await readDocument(cli, "b.xlsx");
  expect(a.grids.map((g) => [g.sheet, g.values, g.formulas, g.merges])).toEqual(b.grids.map((g) => [g.sheet, g.values, g.formulas, g.merges]));
  expect(w.requests).toEqual([]);
  await page.close();
});

test("keyboard: the uses, opening a file and the pane's buttons are reached and worked with the keyboard alone", async () => {
  const w = await openWebPage(env.browser, env.file);
  const { page } = w;
  await page.focus('[data-testid="use-fill"]');
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Enter");
  await page.waitForSelector('[data-testid="review-view"]:visible');
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Enter");
  await page.waitForSelector('[data-testid="template-view"]:visible');
  // Every control on the page is a button, a link, a tab or a form field: reachable by Tab.
  const clickable = await page.$$eval("[onclick], div[role=button], span[role=button]", (els) => els.length);
  expect(clickable).toBe(0);
  await page.close();
});
