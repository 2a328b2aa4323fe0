import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { pathToFileURL } from "url";
import { chromium } from "playwright-core";
import { runCli, type Run } from "./cli-run";
import { singleForms } from "./single-forms";

// `npm run bench` (last part): figures, not a test. The web page reviews a folder of submissions in
// Debian's Chromium, against `jxzp check` on the same folder: time (the issue asks for at most
// twice the CLI's), the page's memory (at most 1 GB) and the longest the page stood still.
const FILES = Number(process.env.JXZP_BENCH_WEB_FILES ?? 2000);
const ROOT = path.join(__dirname, "..", "..");
const DIST_PAGE = path.join(ROOT, "dist", "绩效自评助手.html");

/** The built page: dist/ when `npm run build` made it and it is newer than the sources, else a fresh build in a temporary folder. */
async function webPage(tmp: string): Promise<string> {
  if (process.env.JXZP_WEB_PAGE) return process.env.JXZP_WEB_PAGE;
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((m, e) => Math.max(m, e.isDirectory() ? newest(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).mtimeMs), 0);
  if (fs.existsSync(DIST_PAGE) && fs.statSync(DIST_PAGE).mtimeMs > newest(path.join(ROOT, "src"))) return DIST_PAGE;
  process.stdout.write("正在构建网页版（npm run build:web 之后可省去这一步）……\n");
  const out = path.join(tmp, "page");
  await new Promise<void>((resolve, reject) => {
    const cli = path.join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
    const p = spawn(process.execPath, [cli, "--config", "webpack.web.js", "--mode", "production", "--env", `outDir=${out}`], { cwd: ROOT, stdio: "ignore" });
    p.on("error", reject);
    p.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`网页版构建失败（${code}）`))));
  });
  return path.join(out, "绩效自评助手.html");
}

/** The resident memory of the browser's renderer processes (the page and its workers live there), in MB. */
function rendererRssMb(pids: number[]): number {
  let kb = 0;
  for (const pid of pids) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      if (m) kb += Number(m[1]);
    } catch {
      // The process ended.
    }
  }
  return kb / 1024;
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "jxzp-web-bench-"));
  try {
    const page = await webPage(tmp);
    const forms = await singleForms(fs.mkdtempSync(path.join(tmp, "src-")));
    const dir = path.join(tmp, "收文");
    fs.mkdirSync(dir);
    for (let i = 0; i < FILES; i++) fs.copyFileSync(forms[i % forms.length], path.join(dir, `${String(i + 1).padStart(4, "0")}-${path.basename(forms[i % forms.length])}`));
    const load = os.loadavg()[0].toFixed(2);

    // The CLI on the same folder, as a reviewer runs it for the same outputs: its default (all
    // cores from 32 files) and one thread (faster on a busy two-core machine); the faster one counts.
    const cliRuns: [string, Run][] = [];
    for (const jobs of [[], ["--jobs", "1"]]) {
      const r = await runCli(["check", "--json", ...jobs, "--summary", path.join(tmp, "汇总.xlsx"), "--html", path.join(tmp, "报告.html"), dir]);
      cliRuns.push([jobs.length ? "1 个线程" : "默认（全部核心）", r]);
    }
    const cli = cliRuns.reduce((a, b) => (b[1].seconds < a[1].seconds ? b : a))[1];

    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"] });
    try {
      const cdp = await browser.newBrowserCDPSession();
      const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await p.goto(pathToFileURL(page).href);
      await p.waitForSelector('[data-testid="review-view"]', { state: "attached" });
      await p.click('[data-testid="use-review"]');
      const renderers = async () =>
        ((await cdp.send("SystemInfo.getProcessInfo")) as { processInfo: { id: number; type: string }[] }).processInfo.filter((x) => x.type === "renderer").map((x) => x.id);
      // The page's longest stand-still: a timer that should tick every 50 ms, and the largest gap seen.
      await p.evaluate(() => {
        const w = window as unknown as { __gap: number };
        w.__gap = 0;
        let last = window.performance.now();
        setInterval(() => {
          const now = window.performance.now();
          w.__gap = Math.max(w.__gap, now - last);
          last = now;
        }, 50);
      });
      let peak = 0;
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          peak = Math.max(peak, rendererRssMb(await renderers()));
          await new Promise((r) => setTimeout(r, 250));
        }
      })();
      const t = performance.now();
      await p.setInputFiles('[data-testid="batch-folder"]', dir);
      await p.waitForSelector('[data-testid="batch-summary"]', { timeout: 30 * 60000 });
      const seconds = (performance.now() - t) / 1000;
      sampling = false;
      await sampler;
      const rows = await p.locator('[data-testid="summary-row"]').count();
      const shown = await p.textContent('[data-testid="batch-summary"]');
      const gap = await p.evaluate(() => (window as unknown as { __gap: number }).__gap);
      const heap = (await (await p.context().newCDPSession(p)).send("Runtime.getHeapUsage")) as { usedSize: number };
      const c = cli;
      process.stdout.write(
        [
          `网页版复核 ${FILES} 个单表工作簿（由 ${forms.length} 张样例表轮流复制；Chromium ${browser.version()}，从 file:// 打开，选择文件夹到汇总表出现）：`,
          `  网页版：${seconds.toFixed(2)} 秒，每秒 ${(FILES / seconds).toFixed(0)} 个文件；渲染进程（页面和工作线程）峰值内存 ${peak.toFixed(0)} MB，结束时页面 JS 堆 ${(heap.usedSize / 1048576).toFixed(0)} MB；页面最长停顿 ${gap.toFixed(0)} 毫秒；表中第一页 ${rows} 行；${shown}`,
          `  命令行（jxzp check --json --summary --html，同一文件夹）：${cliRuns.map(([label, r]) => `${label} ${r.seconds.toFixed(2)} 秒、峰值内存（RSS）${r.maxRssMb.toFixed(0)} MB`).join("；")}`,
          `  网页版用时是命令行的 ${(seconds / c.seconds).toFixed(2)} 倍（要求不超过 2 倍）；内存要求不超过 1024 MB。`,
          `  本机：${os.cpus().length} 个处理器核心，开始时的负载 ${load}（与他人共用的机器上数字波动较大）`,
        ].join("\n") + "\n",
      );
    } finally {
      await browser.close();
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`网页版基准测试失败：${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
