/**
 * Issue 18 §9: what the pane writes is on the screen. After a fill, an undo or an inserted form,
 * the preview's grid scrolls to the cells written, and no cell it shows hides under the sticky
 * row numbers or column letters.
 */
import type { Browser, Page } from "playwright-core";
import { buildPages, launch, serve, type Served } from "./harness";
import { apply, hook, makePlan, openPreview } from "./preview-page";

let browser: Browser;
let server: Served;

beforeAll(async () => {
  server = await serve(await buildPages());
  browser = await launch();
}, 300000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Where a cell is drawn against the part of the grid the sticky headers leave free. */
async function placeOf(page: Page, cell: string) {
  return page.evaluate((c) => {
    const scroller = document.querySelector('[data-testid="grid-view"] table')!.parentElement!;
    const box = scroller.getBoundingClientRect();
    const td = document.querySelector(`td[data-cell="${c}"]`)!.getBoundingClientRect();
    const rowHead = document.querySelector('[data-testid="grid-view"] tbody th')!.getBoundingClientRect();
    const colHead = document.querySelector('[data-testid="grid-view"] thead th')!.getBoundingClientRect();
    return {
      // Free of the row numbers and the column letters, and inside the scrolled area.
      clearLeft: td.left >= rowHead.right - 1,
      clearTop: td.top >= colHead.bottom - 1,
      inside: td.right <= box.left + scroller.clientWidth + 1 && td.bottom <= box.top + scroller.clientHeight + 1,
      scrolled: { left: scroller.scrollLeft, top: scroller.scrollTop },
    };
  }, cell);
}

/** Scrolls the grid as far right and down as it goes, as a person looking elsewhere would have it. */
const scrollAway = (page: Page) =>
  page.evaluate(() => {
    const scroller = document.querySelector('[data-testid="grid-view"] table')!.parentElement!;
    scroller.scrollTo({ left: scroller.scrollWidth, top: scroller.scrollHeight });
    return { left: scroller.scrollLeft, top: scroller.scrollTop };
  });

test("after a fill the grid shows the first cell written, clear of the headers; after the undo, the first restored", async () => {
  const { page } = await openPreview(browser, server.origin, "zhuzhou-2021-department.xlsx", 900);
  await page.setViewportSize({ width: 900, height: 520 });
  await makePlan(page);
  const cells = await page.$$eval('[data-testid="plan-view"] [data-cell]', (els) => els.map((e) => e.getAttribute("data-cell")!));
  const written = cells.length ? cells : ["H4"];
  const away = await scrollAway(page);
  expect(away.left + away.top).toBeGreaterThan(0);
  await apply(page);
  const first = written.sort((a, b) => Number(a.replace(/\D+/g, "")) - Number(b.replace(/\D+/g, "")))[0];
  await page.waitForFunction((c) => {
    const td = document.querySelector(`td[data-cell="${c}"]`);
    const scroller = document.querySelector('[data-testid="grid-view"] table')!.parentElement!;
    if (!td) return false;
    const r = td.getBoundingClientRect();
    const b = scroller.getBoundingClientRect();
    return r.bottom <= b.bottom && r.top >= b.top;
  }, first);
  expect(await placeOf(page, first)).toMatchObject({ clearLeft: true, clearTop: true, inside: true });

  await scrollAway(page);
  await page.click('[data-testid="btn-undo"]');
  await page.waitForSelector('[data-testid="fill-panel"] [data-testid^="notice-"]');
  await page.waitForFunction((c) => {
    const td = document.querySelector(`td[data-cell="${c}"]`)!.getBoundingClientRect();
    const b = document.querySelector('[data-testid="grid-view"] table')!.parentElement!.getBoundingClientRect();
    return td.bottom <= b.bottom && td.top >= b.top;
  }, first);
  expect(await placeOf(page, first)).toMatchObject({ clearLeft: true, clearTop: true, inside: true });
  await page.close();
});

test("an inserted form opens at its top-left corner: A1 beside the row numbers, not under them", async () => {
  const { page } = await openPreview(browser, server.origin, "zhuzhou-2021-department.xlsx", 900);
  await page.setViewportSize({ width: 900, height: 520 });
  await scrollAway(page);
  await page.click('[data-testid="tab-template"]');
  await page.click('[data-testid="btn-insert-template"]');
  await page.waitForSelector('[data-testid="notice-success"]');
  const sheet = await hook(page, "activeSheet");
  await page.waitForSelector(`[data-testid="grid-view"][data-sheet="${sheet}"]`);
  const a1 = await placeOf(page, "A1");
  expect(a1).toMatchObject({ clearLeft: true, clearTop: true, inside: true, scrolled: { left: 0, top: 0 } });
  await page.close();
});
