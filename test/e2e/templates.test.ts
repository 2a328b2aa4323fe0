/**
 * 插入模板 end to end in preview.html: each blank form becomes a new sheet; figures typed into one
 * row give its score through the form's own formulas (the preview calculates them with the
 * functions' formulas, as Excel would with the add-in's custom functions).
 */
import Decimal from "decimal.js";
import fs from "node:fs";
import path from "node:path";
import * as formulas from "../../src/functions/formulas";
import { buildTemplate } from "../../src/scoring/templates/build";
import { TEMPLATE_KINDS, TEMPLATES, type TemplateKind } from "../../src/scoring/templates/definitions";
import { fillingHint } from "../../src/scoring/templates/filling-hint";
import type { TemplateOptions } from "../../src/scoring/templates/options";
import { buildPages, pagesInBrowser } from "./harness";
import { hook, typeInto } from "./preview-page";

const env = pagesInBrowser();
let dir: string;

// Built once per source state: this is the folder pagesInBrowser serves.
beforeAll(async () => {
  dir = await buildPages();
}, 300000);

test("neither the pane's bundle nor the preview's carries HyperFormula or ExcelJS", () => {
  const pane = fs.readFileSync(path.join(dir, "taskpane.js"), "utf8");
  expect(pane).toContain("src/taskpane/taskpane.tsx");
  expect(pane).not.toMatch(/node_modules[\\/]hyperformula/);
  expect(pane).not.toMatch(/node_modules[\\/]exceljs/);
  // The preview reads .xlsx files with the project's own reader now; ExcelJS only writes workbooks (CLI).
  expect(fs.readFileSync(path.join(dir, "preview.js"), "utf8")).not.toMatch(/node_modules[\\/]exceljs/);
});

test.each(TEMPLATE_KINDS)("insert the %s form, type one row, see its score", async (kind: TemplateKind) => {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${env.origin}/preview.html`);
  await page.click('[data-testid="tab-template"]');
  await page.selectOption('[data-testid="template-kind"]', kind);
  const options: TemplateOptions = { year: "2025", rowsPerLevel2: 2 };
  const fields = TEMPLATES[kind].header.flat();
  await page.fill('input[data-testid="template-year"]', "2025");
  if (fields.some((f) => f.source === "unit")) {
    await page.fill('input[data-testid="template-unit"]', "株洲市医疗保障事务中心");
    options.unit = "株洲市医疗保障事务中心";
  }
  if (fields.some((f) => f.source === "project")) {
    await page.fill('input[data-testid="template-project"]', "<b>医保经办</b>项目");
    options.project = "<b>医保经办</b>项目";
  }
  await page.fill('input[data-testid="template-rows"]', "2");
  await page.click('[data-testid="btn-insert-template"]');
  await page.waitForSelector('[data-testid="notice-success"]');
  // The notice says what this form's formulas work out: the completion form has no score, total or grade.
  const notice = (await page.textContent('[data-testid="notice-success"]'))!;
  expect(notice).toContain(fillingHint(kind));
  if (kind === "completion") expect(notice).not.toMatch(/得分|总分|等级/);
  else expect(notice).toContain("总分和等级由公式自动计算");

  const build = buildTemplate(kind, options);
  const sheets = await hook(page, "sheets");
  expect(sheets).toEqual(["Sheet1", build.name]);
  expect(await hook(page, "activeSheet")).toBe(build.name);
  expect(await page.getAttribute('[data-testid="grid-view"]', "data-sheet")).toBe(build.name);
  expect(await page.textContent('[data-testid="grid-view"]')).toContain(options.project ?? TEMPLATES[kind].title);

  // One indicator row: target 100人, actual 90人.
  const row = build.map.rows.find((r) => r.kind === "indicator")!;
  await typeInto(page, row.target, "100人");
  await typeInto(page, row.actual, "90人");
  if (row.score) {
    const weight = (await hook(page, "cell", build.name, row.weight!)).value;
    const expected = formulas.score(weight, "100人", "90人");
    expect(typeof expected).toBe("number");
    expect(expected).toBeLessThan(weight as number);
    await page.waitForFunction(([s, c, v]) => window.__jxzpPreview!.cell(s as string, c as string).value === v, [build.name, row.score, expected]);
    expect(await page.textContent(`td[data-cell="${row.score}"]`)).toBe(String(expected));
    // The total is the sum of every score the form now holds (the transfer form's 资金管理 items come pre-scored).
    const scoreCells = [...build.map.rows.map((r) => r.score), ...build.map.fund.map((f) => f.score)].filter((c): c is string => c !== null);
    let sum = new Decimal(0);
    for (const c of scoreCells) {
      const v = (await hook(page, "cell", build.name, c)).value;
      if (typeof v === "number") sum = sum.plus(v);
    }
    expect(sum.gte(expected as number)).toBe(true);
    expect((await hook(page, "cell", build.name, build.map.total!.score)).value).toBe(sum.toNumber());
  } else {
    const expected = formulas.completion("100人", "90人");
    expect(expected).toBe(0.9);
    await page.waitForFunction(([s, c]) => window.__jxzpPreview!.cell(s as string, c as string).value === 0.9, [build.name, row.completion!]);
    expect(await page.textContent(`td[data-cell="${row.completion}"]`)).toBe("90.00%");
  }

  // The pane recognises the new sheet as the form it is.
  await page.click('[data-testid="tab-validate"]');
  await page.click('[data-testid="btn-validate"]');
  await page.waitForSelector('[data-testid="summary"]');
  expect(await page.textContent('[data-testid="summary"]')).toContain(kind === "completion" ? "绩效目标完成情况表" : TEMPLATES[kind].label.replace(/（.*$/, ""));
  expect(dialogs).toEqual([]);
  await page.close();
});

test("the year starts at the year just ended, as jxzp template's does", async () => {
  const page = await env.browser.newPage();
  await page.goto(`${env.origin}/preview.html`);
  await page.click('[data-testid="tab-template"]');
  const lastYear = String(new Date().getFullYear() - 1);
  expect(await page.inputValue('input[data-testid="template-year"]')).toBe(lastYear);
  await page.click('[data-testid="btn-insert-template"]');
  await page.waitForSelector('[data-testid="notice-success"]');
  expect(await page.textContent('[data-testid="grid-view"]')).toContain(`${lastYear}年度`);
  await page.close();
});

test("options the form cannot take are refused in Chinese before anything is inserted", async () => {
  const page = await env.browser.newPage();
  await page.goto(`${env.origin}/preview.html`);
  await page.click('[data-testid="tab-template"]');
  await page.fill('input[data-testid="template-year"]', "25");
  await page.fill('input[data-testid="template-rows"]', "99");
  const problems = await page.textContent('[data-testid="template-problems"]');
  expect(problems).toContain("不是有效的年份");
  expect(problems).toContain("0 到 30 的整数");
  expect(await page.isDisabled('[data-testid="btn-insert-template"]')).toBe(true);
  expect(await hook(page, "sheets")).toEqual(["Sheet1"]);
  await page.close();
});
