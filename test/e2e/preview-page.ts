/**
 * Driving preview.html the way a person does, shared by the browser tests and the README
 * screenshot script: open a fixture, validate, make a fill plan, write it, type into a cell;
 * and the page's test hooks (window.__jxzpPreview) to look inside the in-memory workbook.
 */
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import type { PreviewHooks } from "../../src/taskpane/preview/test-hooks";
import { ROOT } from "./harness";

export const FIXTURES = path.join(ROOT, "test", "fixtures");

export interface Opened {
  page: Page;
  requests: string[];
  dialogs: string[];
  errors: string[];
}

/** preview.html at `width` × 900, with a fixture opened through the file input when given. */
export async function openPreview(browser: Browser, origin: string, fixture?: string, width = 1280): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const opened: Opened = { page, requests: [], dialogs: [], errors: [] };
  page.on("request", (r) => opened.requests.push(r.url()));
  page.on("dialog", (d) => {
    opened.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on("pageerror", (e) => opened.errors.push(e.message));
  await page.goto(`${origin}/preview.html`);
  await page.waitForSelector('[data-testid="pane"]');
  if (fixture) {
    await page.setInputFiles('[data-testid="file-input"]', path.join(FIXTURES, fixture));
    await page.waitForSelector(`[data-testid="file-name"]:has-text("${fixture}")`);
  }
  return opened;
}

/** Calls a preview test hook in the page (window.__jxzpPreview). */
export const hook = <K extends keyof PreviewHooks>(page: Page, name: K, ...args: Parameters<PreviewHooks[K]>): Promise<Awaited<ReturnType<PreviewHooks[K]>>> =>
  page.evaluate(
    ([n, a]) => (window.__jxzpPreview![n as keyof PreviewHooks] as (...x: unknown[]) => unknown)(...(a as unknown[])),
    [name, args] as [string, unknown[]],
  ) as Promise<Awaited<ReturnType<PreviewHooks[K]>>>;

export async function validate(page: Page): Promise<void> {
  await page.click('[data-testid="tab-validate"]');
  await page.click('[data-testid="btn-validate"]');
  await page.waitForSelector('[data-testid="results"]');
  await page.waitForSelector('[data-testid="btn-validate"]:not([disabled])');
}

/** The findings listed in the pane, as `CODE@CELL`. */
export async function findings(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid="finding"]', (els) => els.map((e) => `${e.getAttribute("data-code")}@${e.getAttribute("data-cell")}`));
}

export async function makePlan(page: Page, opts: { overwrite?: boolean; formulas?: boolean } = {}): Promise<void> {
  await page.click('[data-testid="tab-fill"]');
  const set = async (id: string, on: boolean) => {
    const sw = page.locator(`[data-testid="${id}"]`);
    if ((await sw.isChecked()) !== on) await sw.click();
  };
  await set("switch-overwrite", Boolean(opts.overwrite));
  await set("switch-formulas", Boolean(opts.formulas));
  await page.click('[data-testid="btn-plan"]');
  await page.waitForSelector('[data-testid="plan-view"]');
}

/** Writes the plan shown and waits for the fill panel's notice (the 校验 panel may hold one of its own). */
export async function apply(page: Page): Promise<void> {
  await page.click('[data-testid="btn-apply"]');
  await page.waitForSelector('[data-testid="fill-panel"] [data-testid^="notice-"]');
}

/** Types into a cell of the preview grid the way a person does: double-click, type, Enter. */
export async function typeInto(page: Page, cell: string, text: string): Promise<void> {
  await page.dblclick(`td[data-cell="${cell}"]`);
  const input = page.locator(`td[data-cell="${cell}"] input`);
  await input.fill(text);
  await input.press("Enter");
}
