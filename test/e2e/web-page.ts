/**
 * Driving the web page (dist/绩效自评助手.html) as a person does, opened from file:// in
 * Debian's Chromium: shared by the web page's browser tests, the README's screenshots and the bench.
 */
import fs from "node:fs";
import { pathToFileURL } from "node:url";
import type { Browser, Download, Page } from "playwright-core";

export interface WebPage {
  page: Page;
  url: string;
  /** Every request the page made, but its own file:// URL and blob:/data: URLs (which never leave the browser). */
  requests: string[];
  errors: string[];
  /** Content-Security-Policy violations the page reported. */
  violations: string[];
}

export async function openWebPage(browser: Browser, file: string, width = 1400, height = 900): Promise<WebPage> {
  const page = await browser.newPage({ viewport: { width, height }, acceptDownloads: true });
  const url = pathToFileURL(file).href;
  const opened: WebPage = { page, url, requests: [], errors: [], violations: [] };
  page.on("request", (r) => {
    const u = r.url();
    if (u !== url && !u.startsWith("blob:") && !u.startsWith("data:")) opened.requests.push(u);
  });
  page.on("pageerror", (e) => opened.errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") opened.errors.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __violations: string[] }).__violations ??= [];
      (window as unknown as { __violations: string[] }).__violations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(url);
  await page.waitForSelector('[data-testid="fill-view"]');
  return opened;
}

export async function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? []);
}

/** Clicks a button that starts a download and returns the file's name and bytes. */
export async function downloadOf(page: Page, selector: string): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
  return { name: d.suggestedFilename(), bytes: await bytesOf(d) };
}

async function bytesOf(d: Download): Promise<Buffer> {
  const p = await d.path();
  return fs.readFileSync(p);
}

/** Checks a batch through the folder picker (or the file picker) and waits until every file is done. */
export async function reviewBatch(page: Page, input: "folder" | "files", paths: string | string[], timeout = 600000): Promise<number> {
  await page.click('[data-testid="use-review"]');
  await page.setInputFiles(`[data-testid="batch-${input}"]`, paths);
  await page.waitForSelector('[data-testid="batch-summary"]', { timeout });
  return page.locator('[data-testid="summary-row"]').count();
}
