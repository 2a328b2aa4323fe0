/**
 * The preview page opening what a reviewer receives, in Debian's Chromium: a file it cannot
 * read shows the CLI's Chinese words for that file (never a library's English or a web
 * address), and .xls workbooks and .docx reports open as sheets through the CLI's readers.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { checkFile } from "../../src/cli/check-file";
import { isPlainChinese } from "../readers/chinese";
import { pagesInBrowser, ROOT } from "./harness";

const FIX = path.join(ROOT, "test", "fixtures");

const env = pagesInBrowser();
let tmp: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "jxzp-preview-open-"));
});

afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  requests: string[];
  errors: string[];
}

async function openPage(): Promise<Opened> {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const opened: Opened = { page, requests: [], errors: [] };
  page.on("request", (r) => opened.requests.push(r.url()));
  page.on("pageerror", (e) => opened.errors.push(e.message));
  await page.goto(`${env.origin}/preview.html`);
  await page.waitForSelector('[data-testid="pane"]');
  return opened;
}

const sheets = (page: Page) => page.evaluate(() => window.__jxzpPreview!.sheets());

test.each([
  ["a text file named .xlsx", () => Buffer.from("这不是工作簿"), "不是工作簿.xlsx"],
  ["a PDF", () => fs.readFileSync(path.join(FIX, "unreadable", "report.pdf")), "盖章版.pdf"],
  ["a truncated workbook", () => fs.readFileSync(path.join(FIX, "attack", "03-truncated-half.xlsx")), "残缺.xlsx"],
  ["an old Word document", () => fs.readFileSync(path.join(FIX, "unreadable", "report.doc")), "报告.doc"],
])("%s: the CLI's Chinese message, no English, no web address", async (_what, make, name) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, make());
  const cli = await checkFile(file, undefined);
  expect(cli.error).toBeTruthy();
  const { page, requests, errors } = await openPage();
  await page.setInputFiles('[data-testid="file-input"]', file);
  const alert = (await (await page.waitForSelector('[role="alert"]')).textContent())!;
  expect(alert).toBe(`无法打开“${name}”：${cli.error}`);
  expect(isPlainChinese(alert)).toBe(true);
  expect(alert).not.toMatch(/https?:|www\.|zip file|Corrupted|Error/i);
  // The blank workbook stays; nothing was loaded.
  expect(await page.textContent('[data-testid="file-name"]')).toBe("（未打开文件，空白工作簿）");
  expect(requests.filter((u) => !u.startsWith(env.origin))).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});

test("an .xls workbook and a .docx report open as sheets, and the pane validates them", async () => {
  const { page, requests, errors } = await openPage();
  await page.setInputFiles('[data-testid="file-input"]', path.join(FIX, "formats", "panzhihua-2021-completion.xls"));
  await page.waitForSelector('[data-testid="file-name"]:has-text("panzhihua-2021-completion.xls")');
  expect(await sheets(page)).toEqual(["城乡医疗救助资金", "城乡居民基本医疗保障补助", "医保基金监管市级专项经费"]);

  await page.setInputFiles('[data-testid="file-input"]', path.join(FIX, "reports", "huangshi-2021-report.docx"));
  await page.waitForSelector('[data-testid="file-name"]:has-text("huangshi-2021-report.docx")');
  expect(await sheets(page)).toEqual(["2021年度医保配套资金项目自评表"]);
  await page.click('[data-testid="tab-validate"]');
  await page.click('[data-testid="btn-validate"]');
  await page.waitForSelector('[data-testid="results"]');
  expect(await page.textContent('[data-testid="summary"]')).toContain("99.96%");
  expect(await page.$('[role="alert"]')).toBeNull();
  expect(requests.filter((u) => !u.startsWith(env.origin))).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});

test.each(["11b-one-cell-at-XFD1048576.xlsx", "11h-cell-at-Z1048576.xlsx", "11i-cell-at-ZZ300000.xlsx", "11g-merge-whole-sheet.xlsx"])(
  "%s (2 KB, reaching the sheet's far corner): the tab stays alive, the sheet opens and validates, what lies beyond is noted",
  async (name) => {
    const { page, requests, errors } = await openPage();
    await page.setInputFiles('[data-testid="file-input"]', path.join(FIX, "attack", name));
    await page.waitForSelector(`[data-testid="file-name"]:has-text("${name}")`, { timeout: 30000 });
    expect(await sheets(page)).toEqual(["s"]);
    const cli = await checkFile(path.join(FIX, "attack", name), undefined);
    if (cli.notes?.length) expect(await page.textContent('[data-testid="open-notes"]')).toBe(cli.notes.join(""));
    else expect(await page.$('[data-testid="open-notes"]')).toBeNull();
    await page.click('[data-testid="tab-validate"]');
    await page.click('[data-testid="btn-validate"]');
    await page.waitForSelector('[data-testid="results"]');
    expect(await page.$('[role="alert"]')).toBeNull();
    expect(requests.filter((u) => !u.startsWith(env.origin))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  },
  60000,
);

test("a workbook whose first sheet has a level-1 label “constructor” opens with all 5 sheets, and each validates", async () => {
  const { page, errors } = await openPage();
  const file = path.join(FIX, "attack", "22d-constructor-5-sheets.xlsx");
  await page.setInputFiles('[data-testid="file-input"]', file);
  await page.waitForSelector('[data-testid="file-name"]:has-text("22d-constructor-5-sheets.xlsx")');
  const cli = await checkFile(file, undefined);
  expect(await sheets(page)).toEqual(cli.sheets.map((s) => s.sheet));
  expect(cli.sheets).toHaveLength(5);
  await page.click('[data-testid="tab-validate"]');
  await page.click('[data-testid="btn-validate"]');
  await page.waitForSelector('[data-testid="results"]');
  expect(await page.textContent('[data-testid="summary"]')).toContain("部门整体支出绩效自评表");
  expect(errors).toEqual([]);
  await page.close();
}, 60000);
