import { createHash } from "crypto";
import * as path from "path";
import { checkFile } from "../../src/cli/check-file";
import { esc, renderHtmlReport } from "../../src/cli/report-html";
import { ReviewRows } from "../../src/cli/review";
import { spotCheck } from "../../src/cli/sample";

const FIX = path.join(__dirname, "..", "fixtures");
const MARKUP = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
let html: string;

beforeAll(async () => {
  const review = new ReviewRows();
  const f = await checkFile(path.join(FIX, "zhuzhou-2021-department.xlsx"), undefined);
  f.sheets[0].sheet = MARKUP;
  f.sheets[0].findings[0].message = `${MARKUP} & 'quoted'`;
  review.add(f);
  review.add({ file: `坏${MARKUP}.xlsx`, error: MARKUP, sheets: [] });
  const rows = review.sorted();
  html = renderHtmlReport({ rows, spot: spotCheck(review.rows, 2, "s"), files: 2, generatedAt: new Date(2025, 0, 2, 3, 4) });
});

test("esc turns every character that could open markup or end an attribute into an entity", () => {
  expect(esc(`<a href="x" title='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  expect(esc(null)).toBe("");
  expect(esc(0)).toBe("0");
});

test("text from forms never becomes markup: one script element, ours, and no img", () => {
  expect(html.match(/<script/g)).toHaveLength(1);
  expect(html).not.toMatch(/<img/i);
  expect(html).toContain(esc(MARKUP));
  expect(html).toContain("&amp; &#39;quoted&#39;");
});

test("the policy allows exactly the page's own style and script, by hash, and nothing to load", () => {
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1];
  const hash = (s: string) => `'sha256-${createHash("sha256").update(s, "utf8").digest("base64")}'`;
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1];
  expect(csp).toContain(`style-src ${hash(style)};`);
  expect(csp).toContain(`script-src ${hash(script)};`);
  expect(csp).toMatch(/^default-src 'none';/);
  expect(csp).toContain("connect-src 'none'");
});

test("no address the page could fetch: the only URL is the SVG namespace", () => {
  const urls = html.match(/[a-z]+:\/\/[^\s"'<>)]+/gi) ?? [];
  expect(new Set(urls)).toEqual(new Set(["http://www.w3.org/2000/svg"]));
  expect(html).not.toMatch(/\s(src|href)="(?!#)/);
  expect(html).not.toMatch(/@import|url\(/);
});

test("all the page's words are Chinese: headings, table headers, buttons", () => {
  const visible = html
    .replace(/<style>[\s\S]*?<\/style>|<script>[\s\S]*?<\/script>/g, "")
    .match(/<(h1|h2|th|button|figcaption)[^>]*>([\s\S]*?)<\/\1>/g)!
    .map((t) => t.replace(/<[^>]+>/g, ""));
  expect(visible.length).toBeGreaterThan(20);
  for (const t of visible) expect(t.replace(/\d+|[A-Z_]{3,}|[（）()%.·:：、，。]/g, "").trim() === "" || /[\u4e00-\u9fff]/.test(t)).toBe(true);
});
