/**
 * The web page on an engine as old as its target (scripts/browser-target.js): the built-ins
 * Chromium 69 lacks are removed before the page's script runs, and in the worker before its
 * script runs; then the three uses must work with no error. What the static check cannot judge
 * (a method name other objects share, such as `.text` or `.at`) is judged here.
 */
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { webPageInBrowser } from "./harness";
import { apply, FIXTURES, findings, makePlan, validate } from "./preview-page";
import { pathToFileURL } from "node:url";
import { downloadOf, reviewBatch } from "./web-page";

/** Removes what Chromium 69 does not have (Chrome versions from MDN, as in browser-target.js). */
const REMOVE = `(() => {
  const g = self;
  const drop = (o, k) => { try { delete o[k]; } catch (e) {} };
  drop(Object, "fromEntries"); drop(Object, "hasOwn"); drop(Object, "groupBy");
  drop(String.prototype, "matchAll"); drop(String.prototype, "replaceAll"); drop(String.prototype, "at");
  drop(Array.prototype, "at"); drop(Array.prototype, "findLast"); drop(Array.prototype, "findLastIndex"); drop(Array.prototype, "toSorted");
  for (const T of [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array]) drop(Object.getPrototypeOf(T.prototype), "at");
  drop(Promise, "allSettled"); drop(Promise, "any"); drop(Promise, "withResolvers");
  drop(g, "queueMicrotask"); drop(g, "structuredClone"); drop(g, "WeakRef"); drop(g, "FinalizationRegistry"); drop(g, "AggregateError");
  if (g.Blob) { drop(Blob.prototype, "arrayBuffer"); drop(Blob.prototype, "text"); drop(Blob.prototype, "stream"); }
  if (g.Element) drop(Element.prototype, "replaceChildren");
  if (g.crypto) drop(Object.getPrototypeOf(g.crypto), "randomUUID");
  if (g.Intl) drop(Intl, "Segmenter");
  drop(g, "globalThis");
  g.__removed = [typeof Object.fromEntries, typeof g.WeakRef, typeof String.prototype.replaceAll, typeof g.globalThis];
})();`;

const env = webPageInBrowser();

async function oldEnginePage(): Promise<{ page: Page; errors: string[] }> {
  const context = await env.browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  await context.addInitScript(REMOVE);
  // The worker is made from the page's inline text: the same removals go in front of its script.
  await context.addInitScript(`(() => {
    const make = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (blob) => blob instanceof Blob && blob.type === "text/javascript" ? make(new Blob([${JSON.stringify(REMOVE)}, blob], { type: "text/javascript" })) : make(blob);
  })();`);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(pathToFileURL(env.file).href);
  await page.waitForSelector('[data-testid="fill-view"]');
  return { page, errors };
}

test("the engine really is old: the built-ins were gone before the page ran, and its polyfills put them back", async () => {
  const { page } = await oldEnginePage();
  expect(await page.evaluate(() => (window as unknown as { __removed: string[] }).__removed)).toEqual(["undefined", "undefined", "undefined", "undefined"]);
  // Present again only because the page's own polyfills put them back (src/web/polyfills.ts).
  expect(await page.evaluate(() => Object.fromEntries([["a", 1]]).a)).toBe(1);
  await page.close();
});

test("fill and save, batch review and template all work on the old engine, with no error", async () => {
  const { page, errors } = await oldEnginePage();
  await page.setInputFiles('[data-testid="fill-view"] [data-testid="file-input"]', path.join(FIXTURES, "zhuzhou-2021-department.xlsx"));
  await page.waitForSelector('[data-testid="file-name"]:has-text("zhuzhou")');
  await validate(page);
  expect(await findings(page)).toEqual(expect.arrayContaining(["SCORE_MISSING@H4"]));
  await makePlan(page);
  await apply(page);
  const saved = await downloadOf(page, '[data-testid="btn-save"]');
  expect(saved.bytes.length).toBeGreaterThan(1000);

  const rows = await reviewBatch(page, "files", [path.join(FIXTURES, "zhuzhou-2021-department.xlsx"), path.join(FIXTURES, "formats", "huangshi-2021-project.xls"), path.join(FIXTURES, "formats", "panzhihua-2021-completion.docx"), path.join(FIXTURES, "unreadable", "report.pdf")]);
  expect(rows).toBeGreaterThanOrEqual(4);
  expect(await page.locator('[data-testid="summary-row"][data-verdict="需修改"]').count()).toBeGreaterThan(0);
  const summary = await downloadOf(page, '[data-testid="btn-download-summary"]');
  expect(summary.bytes.subarray(0, 2).toString()).toBe("PK");

  await page.click('[data-testid="use-template"]');
  const tpl = await downloadOf(page, '[data-testid="template-view"] [data-testid="btn-insert-template"]');
  expect(tpl.bytes.subarray(0, 2).toString()).toBe("PK");
  expect(errors).toEqual([]);
  expect(fs.existsSync(env.file)).toBe(true);
  await page.close();
});
