/**
 * Issue 16 point 7: volume-licensed Excel 2016/2019 shows add-ins in Internet Explorer 11 or
 * EdgeHTML, which cannot parse the pane's bundle. A small inline ES5 script in taskpane.html says
 * in Chinese which Excel is needed instead of leaving a blank pane. Checked three ways: its CSP
 * hash, acorn parsing it as ES5, and Chromium running it with an old webview's user agent and
 * without the built-ins the bundle needs (office.js is not fetched: the route is aborted).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import * as acorn from "acorn";
import type { Browser } from "playwright-core";
import { launch, ROOT } from "./harness";

const TEMPLATE = path.join(ROOT, "src", "taskpane", "taskpane.html");
const html = fs.readFileSync(TEMPLATE, "utf8");
const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);

test("there is one inline script, and the page's Content-Security-Policy allows exactly it by its sha256", async () => {
  expect(inline).toHaveLength(1);
  const hash = crypto.createHash("sha256").update(inline[0], "utf8").digest("base64");
  const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)![1];
  expect(csp).toContain(`'sha256-${hash}'`);
  // Scripts stay hash-only: no 'unsafe-inline' and no 'unsafe-eval' for them.
  expect(/script-src ([^;]*)/.exec(csp)![1]).not.toMatch(/unsafe/);
  expect(csp).toMatch(/script-src 'self' https:\/\/appsforoffice\.microsoft\.com 'sha256-[A-Za-z0-9+/=]+';/);
  // The production build minifies the HTML as html-webpack-plugin does; the script must come out byte for byte.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { minify } = require("html-minifier-terser") as { minify: (s: string, o: object) => Promise<string> };
  const min = await minify(html, {
    collapseWhitespace: true,
    keepClosingSlash: true,
    removeComments: true,
    removeRedundantAttributes: true,
    removeScriptTypeAttributes: true,
    removeStyleLinkTypeAttributes: true,
    useShortDoctype: true,
  });
  expect(/<script>([\s\S]*?)<\/script>/.exec(min)?.[1]).toBe(inline[0]);
});

test("it is ES5: acorn parses it with ecmaVersion 5 (and refuses ES2015 syntax, so the check can fail)", () => {
  expect(() => acorn.parse(inline[0], { ecmaVersion: 5 })).not.toThrow();
  expect(() => acorn.parse("var f = () => 1;", { ecmaVersion: 5 })).toThrow();
  expect(() => acorn.parse("var a = b?.c;", { ecmaVersion: 5 })).toThrow();
});

describe("in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  }, 60000);
  afterAll(async () => {
    await browser?.close();
  });

  /** The template page, served from a fake origin; office.js and every other request are refused. */
  async function open(userAgent: string | undefined, init?: string): Promise<{ text: string; errors: string[] }> {
    const context = await browser.newContext(userAgent ? { userAgent } : {});
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await page.route("**/*", (route) => {
      if (route.request().url() === "https://addin.invalid/taskpane.html") return route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html });
      return route.abort();
    });
    if (init) await page.addInitScript(init);
    await page.goto("https://addin.invalid/taskpane.html");
    const text = await page.locator("#root").innerText();
    await context.close();
    return { text, errors: errors.filter((e) => /Content Security Policy/.test(e)) };
  }

  test("Internet Explorer 11 (Trident): the Chinese message naming the Excel needed", async () => {
    const r = await open("Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko");
    expect(r.text).toContain("绩效自评助手需要更新的 Excel");
    expect(r.text).toContain("此 Excel 用Internet Explorer 11显示加载项");
    expect(r.text).toContain("Excel 2021 或更高版本");
    expect(r.errors).toEqual([]);
  });

  test("EdgeHTML (Edge 18): the same message naming the old Edge", async () => {
    const r = await open("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19041");
    expect(r.text).toContain("旧版 Microsoft Edge（EdgeHTML）");
  });

  test("an engine without the built-ins the bundle needs (simulated by removing them): the message", async () => {
    const r = await open(undefined, "delete Promise.any; delete String.prototype.replaceAll; delete window.WeakRef;");
    expect(r.text).toContain("较旧的浏览器内核");
  });

  test("a modern webview (WebView2, Chromium): the script stays silent", async () => {
    const r = await open("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0");
    expect(r.text).toBe("正在加载绩效自评助手……");
    expect(r.errors).toEqual([]);
  });
});
