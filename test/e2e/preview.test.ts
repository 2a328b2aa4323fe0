/**
 * The task pane end to end, in Chromium: preview.html on the fixture workbooks (EXPECTED.md),
 * and taskpane.html outside Office. Nothing is written outside temporary folders (the README
 * screenshots come from `npm run screenshots`).
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { readWorkbookFile } from "../../src/readers/xlsx-file";
import type { Grid } from "../../src/scoring/grid/grid";
import { pagesInBrowser } from "./harness";
import { apply, findings, FIXTURES, hook, makePlan, openPreview as open, validate, type Opened } from "./preview-page";

const ZHUZHOU = "部门整体支出绩效自评表";
const CENTRAL = "中央补助医疗服务与保障能力提升";
const MARKUP = "<img src=x onerror=alert(1)>";

const env = pagesInBrowser();
const started = Date.now();

afterAll(async () => {
  console.log(`e2e：${((Date.now() - started) / 1000).toFixed(1)} 秒`);
});

const openPreview = (fixture?: string): Promise<Opened> => open(env.browser, env.origin, fixture);

test("validate zhuzhou: the findings EXPECTED.md lists, summary and chart; click one, its cell is selected", async () => {
  const { page, requests, errors } = await openPreview("zhuzhou-2021-department.xlsx");
  await validate(page);
  const list = await findings(page);
  expect(list).toEqual(expect.arrayContaining(["SCORE_MISSING@H4", "TOTAL_MISMATCH@H36", "SCORE_RULE_MISMATCH@H11", "SCORE_RULE_MISMATCH@H12"]));
  expect(await page.$$eval('[data-testid="group-error"] [data-testid="finding"]', (els) => els.map((e) => e.getAttribute("data-cell")))).toEqual(["H4", "H36"]);
  expect(list).not.toContain("DEVIATION_MISSING@I11");
  const summary = await page.textContent('[data-testid="summary"]');
  expect(summary).toContain("部门整体支出绩效自评表");
  expect(summary).toContain("100.00%");
  expect(summary).toContain("表中 98，按规则计算 99.88");
  expect(summary).toContain("表中 优，按规则 优");
  // The scheme by its Chinese name, never its id.
  expect(summary).toContain("评分方案部门整体支出");
  expect(summary).not.toMatch(/department/);
  const chart = page.locator('[data-testid="level-chart"]');
  expect(await chart.locator("[data-level]").evaluateAll((gs) => gs.map((g) => g.getAttribute("data-level")))).toEqual(["执行率", "产出", "效益", "满意度"]);
  expect(await chart.textContent()).toContain("49.88 / 50");

  // From another sheet: the finding's sheet is activated, then its cell selected.
  await page.click(`[data-testid="sheet-tab"][data-sheet="${CENTRAL}"]`);
  expect(await hook(page, "activeSheet")).toBe(CENTRAL);
  await page.click('[data-testid="finding"][data-cell="H36"]');
  await page.waitForSelector('td[data-cell="H36"][data-selected="true"]');
  expect(await hook(page, "selection")).toEqual({ sheet: ZHUZHOU, cell: "H36" });
  expect(await page.textContent('[data-testid="grid-view"]')).toContain("绩效指标");
  expect(await page.getAttribute('[data-testid="grid-view"]', "data-sheet")).toBe(ZHUZHOU);

  // 标记 and 清除标记: marks only the cells with findings, and clearing takes exactly those away.
  await page.click('[data-testid="btn-mark"]');
  await page.waitForSelector('td[data-cell="H4"][data-mark="error"]');
  const marks = Object.fromEntries(await hook(page, "marks", ZHUZHOU));
  expect(marks).toMatchObject({ H4: "error", H36: "error", H11: "warning", H12: "warning" });
  await page.click('[data-testid="finding"][data-cell="H11"]');
  await page.waitForSelector('td[data-cell="H11"][data-selected="true"]');
  await page.click('[data-testid="btn-clear-marks"]');
  await page.waitForSelector('td[data-cell="H4"]:not([data-mark])');
  expect(await hook(page, "marks", ZHUZHOU)).toEqual([]);

  // No request leaves the page's own server.
  expect(requests.filter((u) => !u.startsWith(env.origin))).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});

test("the whole workbook: each sheet's findings, no errors where EXPECTED.md says none", async () => {
  const { page } = await openPreview("zhuzhou-2021-department.xlsx");
  await page.click('[data-testid="switch-workbook"]');
  await validate(page);
  const sheets = await page.$$eval('[data-testid="sheet-result"]', (els) => els.map((e) => e.getAttribute("data-sheet")));
  expect(sheets).toHaveLength(5);
  const codes = async (sheet: string, group = "") =>
    page.$$eval(`[data-testid="sheet-result"][data-sheet="${sheet}"] ${group} [data-testid="finding"]`, (els) => els.map((e) => `${e.getAttribute("data-code")}@${e.getAttribute("data-cell")}`));
  expect(await codes(CENTRAL)).toContain("JUDGEMENT_NEEDED@F23");
  expect(await codes("城乡居民基本医疗保险")).toEqual(expect.arrayContaining([expect.stringMatching(/^OVER_COMPLETION@/)]));
  for (const s of sheets.filter((x) => x !== ZHUZHOU)) expect(await codes(s!, '[data-testid="group-error"]')).toEqual([]);
  await page.close();
});

test.each([
  ["huangshi-2021-project.xlsx", "项目自评表", ["LEVEL_MISSING@B16", "LEVEL_MISSING@C16", "ACTUAL_NOT_VALUE@F12"], "99.96%", "表中 99.99，按规则计算 99.99"],
  ["panzhihua-2021-completion.xlsx", "医保基金监管市级专项经费", ["NO_SCORE_COLUMNS@", "NAME_LOOKS_LIKE_VALUE@D13"], "90.67%", null],
])("validate %s: EXPECTED.md's findings and no errors", async (file, sheet, expected, rate, total) => {
  const { page } = await openPreview(file);
  await hook(page, "activate", sheet);
  await validate(page);
  expect(await findings(page)).toEqual(expect.arrayContaining(expected));
  expect(await page.$$('[data-testid="group-error"]')).toHaveLength(0);
  const summary = await page.textContent('[data-testid="summary"]');
  expect(summary).toContain(rate);
  if (total) expect(summary).toContain(total);
  else expect(summary).not.toContain("总分");
  await page.close();
});

test("fill: the plan first, then the cells written; undo restores every cell, even after the pane is reopened", async () => {
  const { page, errors } = await openPreview("zhuzhou-2021-department.xlsx");
  const original = await hook(page, "dump", ZHUZHOU);

  // Empty cells only: the blank execution score.
  await makePlan(page);
  expect(await page.$$eval('[data-testid="fill-row"]', (rows) => rows.map((r) => r.getAttribute("data-cell")))).toEqual(["H4"]);
  expect(await page.textContent('[data-testid="fill-row"][data-cell="H4"]')).toContain("（空）");
  await apply(page);
  expect(await page.textContent('[data-testid="notice-success"]')).toContain("H4");
  expect(await hook(page, "cell", ZHUZHOU, "H4")).toEqual({ value: 10, formula: null });

  // Overwrite, as live formulas.
  await makePlan(page, { overwrite: true, formulas: true });
  const rows = await page.$$eval('[data-testid="fill-row"]', (r) => r.map((x) => x.getAttribute("data-cell")));
  expect(rows).toEqual(["H11", "H12", "H36"]);
  expect(await page.textContent('[data-testid="fill-row"][data-cell="H11"]')).toContain("=JXZP.指标得分(G11,E11,F11)");
  await apply(page);
  expect(await hook(page, "cell", ZHUZHOU, "H11")).toEqual({ value: 1.95, formula: "=JXZP.SCORE(G11,E11,F11)" });
  expect(await hook(page, "cell", ZHUZHOU, "H12")).toEqual({ value: 1.93, formula: "=JXZP.SCORE(G12,E12,F12)" });
  expect(await hook(page, "cell", ZHUZHOU, "H36")).toEqual({ value: 99.88, formula: expect.stringMatching(/^=SUM\(H4,/) });
  expect(await page.textContent('td[data-cell="H36"]')).toBe("99.88");
  // The pane validates again after a fill if results were shown; now the form agrees with the rules.
  await validate(page);
  expect(await findings(page)).not.toContain("TOTAL_MISMATCH@H36");

  // Close and reopen the pane: the snapshot lives in the workbook, so undo still works.
  await hook(page, "reopenPane");
  await page.click('[data-testid="tab-fill"]');
  await page.waitForSelector('[data-testid="btn-undo"]:not([disabled])');
  await page.click('[data-testid="btn-undo"]');
  await page.waitForSelector('[data-testid="notice-success"]');
  expect(await page.textContent('[data-testid="notice-success"]')).toContain("已恢复");
  expect(await hook(page, "cell", ZHUZHOU, "H11")).toEqual({ value: 1, formula: null });
  await page.click('[data-testid="btn-undo"]');
  await page.waitForSelector('[data-testid="undo-info"]:has-text("没有可撤销的填写")');
  expect(await hook(page, "dump", ZHUZHOU)).toEqual(original);
  expect(await page.isDisabled('[data-testid="btn-undo"]')).toBe(true);
  expect(errors).toEqual([]);
  await page.close();
});

/**
 * The marks the page shows on a sheet against the findings the pane lists: [marked, expected],
 * expected being each listed cell at its worst severity (what 标记 puts there).
 */
async function marksAndList(page: Page, sheet: string): Promise<[Record<string, string>, Record<string, string>]> {
  return page.evaluate((name) => {
    const order = ["error", "warning", "info"];
    const expected: Record<string, string> = {};
    for (const sev of order)
      for (const el of document.querySelectorAll(`[data-testid="group-${sev}"] [data-testid="finding"]`)) {
        const cell = el.getAttribute("data-cell");
        if (cell && !(cell in expected)) expected[cell] = sev;
      }
    const marked = Object.fromEntries(window.__jxzpPreview!.marks(name));
    // The grid draws exactly the workbook's marks.
    for (const td of document.querySelectorAll("td[data-mark]")) if (marked[td.getAttribute("data-cell")!] !== td.getAttribute("data-mark")) marked["drawn but not kept: " + td.getAttribute("data-cell")] = "?";
    return [marked, expected] as [Record<string, string>, Record<string, string>];
  }, sheet);
}

/** Waits until the marks agree with the listed findings (the pane re-validates after a write), then asserts it. */
async function expectMarksCurrent(page: Page, sheet: string): Promise<Record<string, string>> {
  await page
    .waitForFunction(
      (name) => {
        const listed = new Set([...document.querySelectorAll('[data-testid="finding"]')].map((e) => e.getAttribute("data-cell")).filter(Boolean));
        const marked = window.__jxzpPreview!.marks(name).map(([c]) => c);
        return marked.length === listed.size && marked.every((c) => listed.has(c));
      },
      sheet,
      { timeout: 5000 },
    )
    .catch(() => undefined); // the assertion below says what differs
  const [marked, expected] = await marksAndList(page, sheet);
  expect(marked).toEqual(expected);
  return marked;
}

test("marks after a fill and an undo: never left on a changed cell; reopened pane, undo: the sheet's marks go", async () => {
  const { page, errors } = await openPreview("zhuzhou-2021-department.xlsx");
  await validate(page);
  await page.click('[data-testid="btn-mark"]');
  await page.waitForSelector('td[data-cell="H11"][data-mark="warning"]');
  const first = await expectMarksCurrent(page, ZHUZHOU);
  expect(first).toMatchObject({ H4: "error", H36: "error", H11: "warning", H12: "warning" });

  // The fill corrects H4, H11, H12 and H36: their marks go with their findings.
  await makePlan(page, { overwrite: true });
  await apply(page);
  await page.waitForSelector('td[data-cell="H11"]:not([data-mark])');
  const afterFill = await expectMarksCurrent(page, ZHUZHOU);
  for (const c of ["H4", "H11", "H12", "H36"]) expect(afterFill[c]).toBeUndefined();
  expect(Object.keys(afterFill).length).toBeGreaterThan(0);

  // Undo: the cells are as before, and so are their findings and marks.
  await page.click('[data-testid="btn-undo"]');
  await page.waitForSelector('[data-testid="notice-success"]:has-text("已恢复")');
  await page.waitForSelector('td[data-cell="H11"][data-mark="warning"]');
  expect(await expectMarksCurrent(page, ZHUZHOU)).toEqual(first);

  // Fill, reopen the pane (no results shown any more), undo: the pane cannot vouch for the old marks.
  await page.click('[data-testid="btn-plan"]');
  await page.waitForSelector('[data-testid="plan-view"]');
  await apply(page);
  await page.waitForSelector('td[data-cell="H11"]:not([data-mark])');
  await hook(page, "reopenPane");
  await page.click('[data-testid="tab-fill"]');
  await page.waitForSelector('[data-testid="btn-undo"]:not([disabled])');
  await page.click('[data-testid="btn-undo"]');
  await page.waitForSelector('[data-testid="notice-success"]:has-text("已恢复")');
  await page.waitForFunction((name) => window.__jxzpPreview!.marks(name).length === 0, ZHUZHOU, { timeout: 5000 });
  expect(await page.$$("td[data-mark]")).toHaveLength(0);
  expect(errors).toEqual([]);
  await page.close();
});

test("tier picker: a qualitative row the rule cannot decide gets the score the person picks", async () => {
  const { page } = await openPreview("zhuzhou-2021-department.xlsx");
  await hook(page, "activate", CENTRAL);
  const before = await hook(page, "dump", CENTRAL);
  await makePlan(page, { overwrite: true });
  const picker = page.locator('[data-testid="tier-picker"][data-cell="H23"]');
  expect(await picker.textContent()).toContain("部分达成（6–8 分，不含 8）");
  expect(await page.$$('[data-testid="fill-row"]')).toHaveLength(0);
  await picker.locator('input[data-tier="部分达成"]').check();
  await page.waitForSelector('[data-testid="fill-row"][data-cell="H23"]');
  expect(await picker.locator('input[data-testid="tier-score"]').inputValue()).toBe("7");
  // Out of the tier's range: not taken.
  await picker.locator('input[data-testid="tier-score"]').fill("8");
  await page.waitForSelector('[data-testid="fill-row"][data-cell="H23"]', { state: "detached" });
  await picker.locator('input[data-testid="tier-score"]').fill("7.5");
  await page.waitForSelector('[data-testid="fill-row"][data-cell="H23"]');
  await apply(page);
  expect(await hook(page, "cell", CENTRAL, "H23")).toEqual({ value: 7.5, formula: null });
  await page.click('[data-testid="btn-undo"]');
  await page.waitForSelector('[data-testid="undo-info"]:has-text("没有可撤销的填写")');
  expect(await hook(page, "dump", CENTRAL)).toEqual(before);
  await page.close();
});

test("a failed batch, a protected sheet, a deleted sheet: Chinese errors and nothing written", async () => {
  const { page } = await openPreview("zhuzhou-2021-department.xlsx");
  const before = await hook(page, "dump", ZHUZHOU);
  await makePlan(page, { overwrite: true });
  await hook(page, "failNextWrite");
  await apply(page);
  expect(await page.textContent('[data-testid="notice-error"]')).toContain("未写入任何单元格");
  expect(await hook(page, "dump", ZHUZHOU)).toEqual(before);

  await hook(page, "protect", ZHUZHOU, true);
  await apply(page);
  expect(await page.textContent('[data-testid="notice-error"]')).toMatch(/受保护.*撤销工作表保护/);
  expect(await hook(page, "dump", ZHUZHOU)).toEqual(before);
  await hook(page, "protect", ZHUZHOU, false);

  await hook(page, "deleteSheet", ZHUZHOU);
  await apply(page);
  expect(await page.textContent('[data-testid="notice-error"]')).toContain(`找不到工作表“${ZHUZHOU}”`);
  await page.close();
});

test("markup in a cell is shown as text everywhere, and never runs", async () => {
  const { page, dialogs } = await openPreview("zhuzhou-2021-department.xlsx");
  await hook(page, "setCell", ZHUZHOU, "H11", MARKUP);
  await hook(page, "setCell", CENTRAL, "F23", MARKUP);
  await validate(page);
  const f = page.locator('[data-testid="finding"][data-cell="H11"]');
  expect(await f.textContent()).toContain(`“${MARKUP}”`);
  expect(await page.textContent(`td[data-cell="H11"]`)).toBe(MARKUP);
  await hook(page, "activate", CENTRAL);
  await makePlan(page, { overwrite: true });
  expect(await page.textContent('[data-testid="tier-picker"][data-cell="H23"]')).toContain(MARKUP);
  await page.waitForTimeout(300);
  expect(await page.$$("img")).toHaveLength(0);
  expect(dialogs).toEqual([]);
  // The page forbids inline scripts and eval.
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain("unsafe-eval");
  await page.close();
});

test("live mode re-validates after a change; a 5,000-row sheet validates without freezing, with progress", async () => {
  const { page } = await openPreview("zhuzhou-2021-department.xlsx");
  await page.click('[data-testid="switch-live"]');
  await page.waitForSelector('[data-testid="finding"][data-cell="H4"]');
  await hook(page, "setCell", ZHUZHOU, "H4", 10);
  await page.waitForSelector('[data-testid="finding"][data-code="SCORE_MISSING"]', { state: "detached", timeout: 5000 });
  await page.click('[data-testid="switch-live"]');

  const grids: Grid[] = await readWorkbookFile(path.join(FIXTURES, "zhuzhou-2021-department.xlsx"));
  const g = grids[0];
  const values = g.values.slice(0, 10).map((r) => [...r]);
  while (values.length < 5000) values.push(...g.values.slice(10, 35).map((r) => [...r]));
  const big: Grid = { sheet: "五千行", origin: { row: 0, col: 0 }, values, merges: g.merges.filter((m) => /^[A-Z]+[1-9]:|^[A-Z]+10:/.test(m) && !/:[A-Z]+(1[1-9]|[2-9]\d)$/.test(m)) };
  await hook(page, "loadGrids", [big], "五千行.xlsx");
  await page.waitForSelector('[data-testid="file-name"]:has-text("五千行.xlsx")');
  // A heartbeat in the page: the longest gap between ticks is how long the pane was frozen.
  await page.evaluate(() => {
    const w = window as unknown as { maxGap: number; sawProgress: boolean };
    w.maxGap = 0;
    w.sawProgress = false;
    let last = performance.now();
    setInterval(() => {
      const now = performance.now();
      w.maxGap = Math.max(w.maxGap, now - last);
      last = now;
      if (document.querySelector('[data-testid="progress"]')) w.sawProgress = true;
    }, 20);
  });
  await hook(page, "slowRead", 800);
  const t = Date.now();
  await validate(page);
  const ms = Date.now() - t;
  const { maxGap, sawProgress } = await page.evaluate(() => {
    const w = window as unknown as { maxGap: number; sawProgress: boolean };
    return { maxGap: w.maxGap, sawProgress: w.sawProgress };
  });
  expect(sawProgress).toBe(true);
  expect(maxGap).toBeLessThan(1500);
  expect(await page.textContent('[data-testid="group-info"] h4')).toMatch(/提示（\d{3,}）/);
  expect(await page.$$('[data-testid="group-info"] [data-testid="finding"]')).toHaveLength(50);
  console.log(`5,000 行：校验 ${ms} ms（含模拟读取 800 ms），最长停顿 ${Math.round(maxGap)} ms`);
  await page.close();
});

describe("taskpane.html outside Office", () => {
  test("Office.js reports no host: a Chinese message, never a blank page", async () => {
    const page = await env.browser.newPage();
    // Office.js as it behaves in a plain browser: onReady answers with no host.
    await page.route("https://appsforoffice.microsoft.com/**", (route) =>
      route.fulfill({
        contentType: "text/javascript",
        body: "window.Office={HostType:{Excel:'Excel'},onReady:function(cb){var i={host:null,platform:null};setTimeout(function(){cb&&cb(i)},0);return Promise.resolve(i)}};",
      }),
    );
    await page.goto(`${env.origin}/taskpane.html`);
    await page.waitForSelector('[data-testid="no-host"][data-reason="not-excel"]');
    expect(await page.textContent("body")).toContain("需要在 Excel 中打开");
    await page.close();
  });

  test("Office.js cannot load: still a Chinese message", async () => {
    const page = await env.browser.newPage();
    await page.route("https://appsforoffice.microsoft.com/**", (route) => route.abort());
    await page.goto(`${env.origin}/taskpane.html`);
    await page.waitForSelector('[data-testid="no-host"][data-reason="no-office"]');
    expect(await page.textContent("h1")).toBe("绩效自评助手无法在此运行");
    await page.close();
  });
});
