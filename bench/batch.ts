import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import ExcelJS from "exceljs";
import { allCores } from "../src/cli/batch";

// `npm run bench:batch`: figures, not a test. A reviewer's folder of single-form submissions,
// checked by the compiled CLI as a separate process, with one thread and with every core.
const FILES = Number(process.env.JXZP_BENCH_FILES ?? 300);
const RUNS = 2;

const ROOT = path.join(__dirname, "..", "..");
const BIN = path.join(ROOT, "lib", "src", "cli", "jxzp.js");
const FIXTURES = path.join(ROOT, "test", "fixtures");

/** One workbook per form of the fixtures (the other sheets removed), as units send them. */
async function singleForms(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".xlsx")).sort()) {
    const probe = new ExcelJS.Workbook();
    await probe.xlsx.readFile(path.join(FIXTURES, name));
    for (let keep = 0; keep < probe.worksheets.length; keep++) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(FIXTURES, name));
      for (const ws of [...wb.worksheets]) if (ws.name !== probe.worksheets[keep].name) wb.removeWorksheet(ws.id);
      const file = path.join(dir, `${path.basename(name, ".xlsx")}-${keep + 1}.xlsx`);
      await wb.xlsx.writeFile(file);
      out.push(file);
    }
  }
  return out;
}

interface Run {
  seconds: number;
  maxRssMb: number;
  /** User and system time of all the process's threads. */
  cpuSeconds: number;
  code: number | null;
}

/** The whole process, start to exit: the child reports its peak RSS (threads included) as it ends. */
function runCli(args: string[]): Promise<Run> {
  const child = `
    const { main } = require(${JSON.stringify(BIN)});
    main(process.argv.slice(1)).then((code) => {
      process.exitCode = code;
      const u = process.resourceUsage();
      process.stderr.write("\\nRSS " + u.maxRSS + " CPU " + (u.userCPUTime + u.systemCPUTime) + "\\n");
    });`;
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const p = spawn(process.execPath, ["-e", child, ...args], { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    p.stderr.on("data", (b: Buffer) => (err += b.toString("utf8")));
    p.on("error", reject);
    p.on("close", (code) => {
      const m = /RSS (\d+) CPU (\d+)/.exec(err);
      if (!m) return reject(new Error(`子进程没有报告内存：${err.slice(0, 500)}`));
      resolve({ seconds: (performance.now() - t) / 1000, maxRssMb: Number(m[1]) / 1024, cpuSeconds: Number(m[2]) / 1e6, code });
    });
  });
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jxzp-batch-"));
  try {
    const forms = await singleForms(path.join(fs.mkdtempSync(path.join(dir, "src-"))));
    const files: string[] = [];
    for (let i = 0; i < FILES; i++) {
      const file = path.join(dir, `${String(i + 1).padStart(4, "0")}-${path.basename(forms[i % forms.length])}`);
      fs.copyFileSync(forms[i % forms.length], file);
      files.push(file);
    }
    const cores = allCores();
    // Others' work on a shared machine takes cores from the threads: the load says how much.
    const load = os.loadavg()[0].toFixed(2);
    const configs: [string, string[]][] = [
      ["1 个线程", ["--jobs", "1"]],
      [`${cores} 个线程（全部核心）`, ["--jobs", String(cores)]],
      [`${cores} 个线程，另写汇总工作簿和 HTML 报告`, ["--jobs", String(cores), "--summary", path.join(dir, "汇总.xlsx"), "--html", path.join(dir, "报告.html")]],
    ];
    const lines = [`${FILES} 个单表工作簿（由 ${forms.length} 张样例表各存为一个文件后轮流复制），jxzp check --json，整个进程计时，每种取 ${RUNS} 次中较快的一次：`];
    for (const [label, extra] of configs) {
      let best: Run | null = null;
      for (let i = 0; i < RUNS; i++) {
        const r = await runCli(["check", "--json", ...extra, ...files]);
        if (!best || r.seconds < best.seconds) best = r;
      }
      const b = best!;
      lines.push(
        `  ${label}：${FILES} 张表，${b.seconds.toFixed(2)} 秒，每秒 ${(FILES / b.seconds).toFixed(0)} 张表，处理器时间 ${b.cpuSeconds.toFixed(2)} 秒，峰值内存（RSS）${b.maxRssMb.toFixed(0)} MB，退出码 ${b.code}`,
      );
    }
    lines.push(`  本机：${os.cpus().length} 个处理器核心（可用 ${cores}），Node ${process.version}；开始时的负载 ${load}`);
    process.stdout.write(lines.join("\n") + "\n");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`基准测试失败：${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
