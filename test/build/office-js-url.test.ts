/**
 * Issue 16 point 9: an intranet without internet serves its own Office.js. OFFICE_JS_URL moves the
 * script tag and the Content-Security-Policy together; anything but https or a relative path is refused.
 */
import * as fs from "fs";
import * as path from "path";
import { productionConfig, ROOT } from "./build-functions";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { CDN, officeJsUrl, withOfficeJs } = require("../../scripts/office-js-url.js") as {
  CDN: string;
  officeJsUrl: (v: string | undefined) => string;
  withOfficeJs: (html: string, url: string) => string;
};

const html = fs.readFileSync(path.join(ROOT, "src", "taskpane", "taskpane.html"), "utf8");
const csp = (h: string) => /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(h)![1];
const scripts = (h: string) => [...h.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);

test("by default Microsoft's CDN, unchanged", () => {
  expect(officeJsUrl(undefined)).toBe(CDN);
  expect(withOfficeJs(html, CDN)).toBe(html);
});

test("an intranet server: the script and the CSP's script-src name it, and nothing of the CDN is left", () => {
  const out = withOfficeJs(html, officeJsUrl("https://oa.example.gov.cn/office-js/office.js"));
  expect(scripts(out)).toEqual(["https://oa.example.gov.cn/office-js/office.js"]);
  expect(csp(out)).toMatch(/script-src 'self' https:\/\/oa\.example\.gov\.cn 'sha256-/);
  expect(out).not.toContain("appsforoffice");
});

test("a copy on the add-in's own site: a relative path, and the CSP keeps 'self' only", () => {
  const out = withOfficeJs(html, officeJsUrl("office-js/office.js"));
  expect(scripts(out)).toEqual(["office-js/office.js"]);
  expect(csp(out)).toMatch(/script-src 'self' 'sha256-/);
});

test("refused in Chinese: http, and text that would break the page", () => {
  expect(() => officeJsUrl("http://oa.example/office.js")).toThrow(/必须以 https:\/\/ 开头/);
  expect(() => officeJsUrl('x" onload="y')).toThrow(/不允许的字符/);
});

test("the production config adds the rewrite only when OFFICE_JS_URL is set", async () => {
  const names = async () => ((await productionConfig("https://example.org/jxzp/")).plugins ?? []).map((p) => p?.constructor?.name);
  expect(await names()).not.toContain("OfficeJsUrlPlugin");
  process.env.OFFICE_JS_URL = "office-js/office.js";
  try {
    expect(await names()).toContain("OfficeJsUrlPlugin");
  } finally {
    delete process.env.OFFICE_JS_URL;
  }
});
