/**
 * What a person reads, measured in the page: finding cards lead with Chinese titles; at 800 px
 * the preview's grid breaks no figure and its header stays one line; the pane at the Excel task
 * pane's narrow width (320 px) needs no sideways scrolling; a chart bar without a weight says so.
 */
import type { Page } from "playwright-core";
import { FINDING_TITLE, type FindingCode } from "../../src/scoring/findings/findings";
import { pagesInBrowser } from "./harness";
import { hook, openPreview, validate } from "./preview-page";

const env = pagesInBrowser();

/** The Excel task pane's narrow width, applied to the preview's pane column. */
const narrowPane = (page: Page) => page.addStyleTag({ content: 'aside[aria-label="任务窗格"] { width: 320px !important; box-sizing: border-box; }' });

test("every finding card leads with its code's Chinese title; the code follows, smaller", async () => {
  const { page } = await openPreview(env.browser, env.origin, "zhuzhou-2021-department.xlsx");
  await page.click('[data-testid="switch-workbook"]');
  await validate(page);
  const cards = await page.$$eval('[data-testid="finding"]', (els) =>
    els.map((e) => {
      const title = e.querySelector('[data-testid="finding-title"]');
      const code = e.lastElementChild as HTMLElement;
      return {
        code: e.getAttribute("data-code")!,
        title: title?.textContent ?? null,
        firstText: (e as HTMLElement).innerText.trim().split("\n")[0],
        codeText: code.textContent,
        titleSize: title ? parseFloat(getComputedStyle(title).fontSize) : 0,
        codeSize: parseFloat(getComputedStyle(code).fontSize),
      };
    }),
  );
  expect(cards.length).toBeGreaterThan(20);
  expect(new Set(cards.map((c) => c.code)).size).toBeGreaterThan(4);
  for (const c of cards) {
    expect([c.code, c.title]).toEqual([c.code, FINDING_TITLE[c.code as FindingCode]]);
    expect(c.title).toMatch(/^[\u4e00-\u9fff]/);
    expect(c.firstText.startsWith(c.title!)).toBe(true);
    expect(c.codeText).toBe(c.code);
    expect(c.codeSize).toBeLessThan(c.titleSize);
  }
  await page.close();
});

/**
 * Every figure in the grid's cells, each with how many lines it takes (a figure wrapped
 * mid-way, like 1151.7/9, takes two): each maximal run of digits in a cell's text is measured
 * with a Range. Cells whose whole text is a figure are also compared with one line's height.
 */
async function figures(page: Page): Promise<{ cell: string; text: string; lines: number; height: number; line: number }[]> {
  return page.evaluate(() => {
    const out: { cell: string; text: string; lines: number; height: number; line: number }[] = [];
    for (const td of document.querySelectorAll<HTMLElement>('[data-testid="grid-view"] td[data-cell]')) {
      const style = getComputedStyle(td);
      const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
      const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent ?? "";
        for (const m of text.matchAll(/[-+]?\d[\d,]*(?:\.\d+)?%?/g)) {
          const r = document.createRange();
          r.setStart(n, m.index!);
          r.setEnd(n, m.index! + m[0].length);
          const lines = new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top))).size;
          out.push({ cell: td.dataset.cell!, text: m[0], lines, height: r.getBoundingClientRect().height, line: m[0] === text.trim() ? line : 0 });
        }
      }
    }
    return out;
  });
}

test("at 800 px no figure in the grid is broken, on any sheet of the fixtures", async () => {
  let measured = 0;
  let longest = "";
  for (const fixture of ["zhuzhou-2021-department.xlsx", "huangshi-2021-project.xlsx", "panzhihua-2021-completion.xlsx"]) {
    const { page } = await openPreview(env.browser, env.origin, fixture, 800);
    for (const sheet of await hook(page, "sheets")) {
      await page.click(`[data-testid="sheet-tab"][data-sheet="${sheet}"]`);
      await page.waitForSelector(`[data-testid="grid-view"][data-sheet="${sheet}"]`);
      const list = await figures(page);
      expect(list.length).toBeGreaterThan(10);
      const broken = list.filter((f) => f.lines !== 1).map((f) => `${sheet}!${f.cell} ${f.text}（${f.lines} 行）`);
      expect(broken).toEqual([]);
      // A cell holding only a figure is one line high.
      const tall = list.filter((f) => f.line > 0 && f.height > f.line * 1.5).map((f) => `${sheet}!${f.cell} ${f.text}（高 ${f.height}，一行 ${f.line}）`);
      expect(tall).toEqual([]);
      measured += list.length;
      for (const f of list) if (f.text.length > longest.length) longest = f.text;
    }
    await page.close();
  }
  console.log(`800 px：量了 ${measured} 个数字，最长的 ${longest}，没有一个折行`);
});

/** Header geometry: its height, and each child's line count and whether its text is cut. */
async function header(page: Page): Promise<{ height: number; rows: number; cut: string[] }> {
  return page.evaluate(() => {
    const h = document.querySelector("header")!;
    const kids = [...h.children] as HTMLElement[];
    const rows = new Set(kids.map((k) => Math.round(k.getBoundingClientRect().top + k.getBoundingClientRect().height / 2))).size;
    // The file name may give way with an ellipsis; nothing else may be cut or squashed.
    const cut = kids.filter((k) => k.dataset.testid !== "file-name" && k.scrollWidth > k.clientWidth + 1).map((k) => k.textContent ?? "");
    return { height: h.getBoundingClientRect().height, rows, cut };
  });
}

test("at 800 px the header is one line, as at 1280 px, also with a file-opening error shown", async () => {
  const wide = await openPreview(env.browser, env.origin, "zhuzhou-2021-department.xlsx", 1280);
  const reference = await header(wide.page);
  await wide.page.close();
  const { page } = await openPreview(env.browser, env.origin, "zhuzhou-2021-department.xlsx", 800);
  const narrow = await header(page);
  expect(narrow).toEqual({ height: reference.height, rows: 1, cut: [] });
  await page.setInputFiles('[data-testid="file-input"]', { name: "不是工作簿.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from("这不是工作簿") });
  await page.waitForSelector('[role="alert"]');
  expect(await header(page)).toEqual({ height: reference.height, rows: 1, cut: [] });
  expect(await page.$$('header [role="alert"]')).toHaveLength(0);
  // A file name too long for the line is cut with an ellipsis, and shown whole on hover.
  expect(await page.getAttribute('[data-testid="file-name"]', "title")).toBe("zhuzhou-2021-department.xlsx");
  await page.close();
});

test("the pane at 320 px: no sideways scrolling with every sheet's findings and chart shown", async () => {
  const { page } = await openPreview(env.browser, env.origin, "zhuzhou-2021-department.xlsx");
  await narrowPane(page);
  await page.click('[data-testid="switch-workbook"]');
  await validate(page);
  const box = await page.evaluate(() => {
    const aside = document.querySelector<HTMLElement>('aside[aria-label="任务窗格"]')!;
    const right = aside.getBoundingClientRect().right;
    const over = [...aside.querySelectorAll<HTMLElement>('[data-testid="finding"], [data-testid="level-chart"], [data-testid="summary"]')].filter((e) => e.getBoundingClientRect().right > right + 0.5);
    return { width: aside.getBoundingClientRect().width, scroll: aside.scrollWidth, client: aside.clientWidth, over: over.length };
  });
  expect(box.width).toBe(320);
  expect(box.scroll).toBeLessThanOrEqual(box.client);
  expect(box.over).toBe(0);
  await page.close();
});

test("chart: a level without a weight says 无分值 and is not drawn as 有失分", async () => {
  const { page } = await openPreview(env.browser, env.origin, "huangshi-2021-project.xlsx");
  await validate(page);
  const levels = await page.$$eval('[data-testid="level-chart"] [data-level]', (gs) =>
    gs.map((g) => ({ level: g.getAttribute("data-level"), state: g.getAttribute("data-state"), figures: g.querySelector('[data-testid="level-figures"]')?.textContent })),
  );
  const report = await page.evaluate(() => document.querySelector('[data-testid="level-chart"]')!.textContent);
  const noWeight = levels.filter((l) => l.state === "no-weight");
  expect(noWeight.length).toBeGreaterThan(0);
  for (const l of noWeight) expect(l.figures).toMatch(/^\d+(\.\d+)? \/ 无分值$/);
  for (const l of levels.filter((x) => x.state !== "no-weight")) expect(l.figures).toMatch(/ \/ \d+(\.\d+)?$/);
  expect(levels.map((l) => l.figures).join("")).not.toContain("—");
  expect(report).toContain("得分（表中无分值，无法比较）");
  await page.close();
});
