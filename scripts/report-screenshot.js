#!/usr/bin/env node
/**
 * Draws docs/report.png, the HTML report's picture in the README: `jxzp check --html` on the
 * fixture workbooks, opened from disk in Debian's Chromium (never a downloaded browser).
 * Run `npm run build:cli && node scripts/report-screenshot.js` after changing the report's look.
 */
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { pathToFileURL } = require("url");
/* global window, document */
const { chromium } = require("playwright-core");

const ROOT = path.join(__dirname, "..");
const FIX = path.join("test", "fixtures");

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "jxzp-shot-"));
  try {
    const html = path.join(tmp, "报告.html");
    const files = fs.readdirSync(path.join(ROOT, FIX)).filter((f) => f.endsWith(".xlsx")).sort().map((f) => path.join(FIX, f));
    const r = spawnSync(process.execPath, [path.join(ROOT, "lib", "src", "cli", "jxzp.js"), "check", "--html", html, "--sample", "2", "--seed", "2025", ...files], { cwd: ROOT });
    if (!fs.existsSync(html)) throw new Error(`jxzp check 没有写出报告：${r.stderr}`);
    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless=new", "--no-sandbox", "--disable-gpu"] });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1080 } });
      await page.goto(pathToFileURL(html).href);
      await page.click("#summary tbody.form:first-of-type button.toggle");
      await page.evaluate(() => {
        window.scrollTo(0, 0);
        for (const s of document.querySelectorAll(".scroll")) s.scrollLeft = 0;
      });
      await page.screenshot({ path: path.join(ROOT, "docs", "report.png") });
    } finally {
      await browser.close();
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`截图失败：${e.message}\n`);
  process.exitCode = 1;
});
