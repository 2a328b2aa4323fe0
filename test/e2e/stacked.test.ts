/**
 * A sheet that stacks several forms (issue 18 §3), in the task pane on preview.html in Chromium:
 * one result per form, each named with its place; 标记 marks the union of the sheet's forms;
 * the fill plan is for the form the person picks, writes only that form's cells, and undoes.
 */
import path from "node:path";
import { readWorkbookFile } from "../../src/readers/xlsx-file";
import { evaluateSheet } from "../../src/scoring/evaluate";
import { planFill } from "../../src/scoring/fill/fill";
import type { Grid } from "../../src/scoring/grid/grid";
import { pagesInBrowser } from "./harness";
import { apply, FIXTURES, hook, makePlan, openPreview, validate } from "./preview-page";

const FILE = "stacked-forms.xlsx";
const FIRST = "部门及项目自评表";
const SECOND = "三个项目";

const env = pagesInBrowser();
let grids: Grid[];

beforeAll(async () => {
  grids = await readWorkbookFile(path.join(FIXTURES, FILE));
});

test("validate: one result per form with its place; a finding of the third form selects its cell; 标记 marks every form's cells", async () => {
  const { page, errors } = await openPreview(env.browser, env.origin, FILE);
  await hook(page, "activate", FIRST);
  await validate(page);
  const sections = page.locator('[data-testid="sheet-result"]');
  expect(await sections.count()).toBe(3);
  expect(await sections.locator("h3").allTextContents()).toEqual([
    `工作表：${FIRST} 第1张表（共3张，第1–39行）`,
    `工作表：${FIRST} 第2张表（共3张，第40–78行）`,
    `工作表：${FIRST} 第3张表（共3张，第79–105行）`,
  ]);
  // Each section lists its own form's findings, as the core gives them.
  const reports = evaluateSheet(grids.find((g) => g.sheet === FIRST)!);
  for (let i = 0; i < 3; i++) {
    const listed = await sections.nth(i).locator('[data-testid="finding"]').evaluateAll((els) => els.map((e) => `${e.getAttribute("data-code")}@${e.getAttribute("data-cell")}`));
    expect(listed.sort()).toEqual(reports[i].findings.map((f) => `${f.code}@${f.cell}`).sort());
  }
  const third = reports[2].findings.find((f) => f.cell)!;
  await sections.nth(2).locator(`[data-testid="finding"][data-cell="${third.cell}"]`).first().click();
  await page.waitForSelector(`td[data-cell="${third.cell}"][data-selected="true"]`);

  await page.click('[data-testid="btn-mark"]');
  await page.waitForSelector('[data-testid="validate-panel"] [data-testid="notice-success"]');
  const marked = new Set((await hook(page, "marks", FIRST)).map(([c]) => c));
  const expected = new Set(reports.flatMap((r) => r.findings.map((f) => f.cell)).filter((c): c is string => c !== null));
  expect(marked).toEqual(expected);
  // Cells of the second and third forms are among them.
  expect([...marked].some((c) => Number(/\d+/.exec(c)![0]) >= 79)).toBe(true);
  expect(errors).toEqual([]);
  await page.close();
});

test("fill: the person picks the form; the plan writes that form's cells only, and undo restores them", async () => {
  const { page, errors } = await openPreview(env.browser, env.origin, FILE);
  await hook(page, "activate", SECOND);
  const original = await hook(page, "dump", SECOND);
  const grid = grids.find((g) => g.sheet === SECOND)!;
  const reports = evaluateSheet(grid);
  const planned = reports.map((r) => planFill(grid, r, { overwrite: true }).writes.map((w) => w.cell));
  // jishan, the second form, has scores to correct.
  expect(planned[1].length).toBeGreaterThan(0);

  await makePlan(page, { overwrite: true });
  const picker = page.locator('[data-testid="fill-form"]');
  expect(await picker.locator("option").allTextContents()).toEqual(reports.map((r) => expect.stringContaining(`第${r.place.index}张表（共3张，第${r.place.firstRow}–${r.place.lastRow}行）`)));
  const rows = () => page.$$eval('[data-testid="fill-row"]', (r) => r.map((x) => x.getAttribute("data-cell")));
  expect(await rows()).toEqual(planned[0]);
  await picker.selectOption("1");
  await page.waitForSelector('[data-testid="plan-view"] h4:has-text("第2张表")');
  expect(await rows()).toEqual(planned[1]);
  await apply(page);
  expect(await page.textContent('[data-testid="fill-panel"] [data-testid="notice-success"]')).toContain(planned[1][0]);
  const after = await hook(page, "dump", SECOND);
  const changed = after.filter(([c, v, f]) => {
    const was = original.find(([o]) => o === c);
    return !was || was[1] !== v || was[2] !== f;
  });
  expect(changed.map(([c]) => c).sort()).toEqual([...planned[1]].sort());

  await page.click('[data-testid="btn-undo"]');
  await page.waitForSelector('[data-testid="fill-panel"] [data-testid="notice-success"]:has-text("已恢复")');
  expect(await hook(page, "dump", SECOND)).toEqual(original);
  expect(errors).toEqual([]);
  await page.close();
});
