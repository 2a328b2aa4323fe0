import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import ExcelJS from "exceljs";
import { allCores } from "../src/cli/batch";

// `npm run bench:batch`: figures, not a test. A reviewer's folder of single-form submissions,
// checked by the compiled CLI as a separate process, with one checking process and with every
// core, each run paired with SheetJS merely reading the same files (issue 21's yardstick).
const FILES = Number(process.env.JXZP_BENCH_FILES ?? 300);
const RUNS = Number(process.env.JXZP_BENCH_RUNS ?? 3);

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

/** GNU time reports a process with the children it waited for (the CLI's checking processes). */
const TIME = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : null;

/**
 * Runs a Node script as its own process, start to exit: peak memory and CPU time of it and of the
 * processes it started (with GNU time; without it, of the script's process alone).
 */
function runNode(script: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const argv = [process.execPath, "-e", script, ...args];
    const p = TIME ? spawn(TIME, ["-f", "\nTIME %U %S %M", ...argv], { stdio: ["ignore", "ignore", "pipe"] }) : spawn(argv[0], argv.slice(1), { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    p.stderr.on("data", (b: Buffer) => (err += b.toString("utf8")));
    p.on("error", reject);
    p.on("close", (code) => {
      const seconds = (performance.now() - t) / 1000;
      const g = /TIME ([\d.]+) ([\d.]+) (\d+)/.exec(err);
      if (g) return resolve({ seconds, cpuSeconds: Number(g[1]) + Number(g[2]), maxRssMb: Number(g[3]) / 1024, code: /exited with non-zero status (\d+)/.exec(err) ? Number(/exited with non-zero status (\d+)/.exec(err)![1]) : code });
      const m = /RSS (\d+) CPU (\d+)/.exec(err);
      if (!m) return reject(new Error(`子进程没有报告内存：${err.slice(0, 500)}`));
      resolve({ seconds, maxRssMb: Number(m[1]) / 1024, cpuSeconds: Number(m[2]) / 1e6, code });
    });
  });
}

const REPORT = `const u = process.resourceUsage(); process.stderr.write("\\nRSS " + u.maxRSS + " CPU " + (u.userCPUTime + u.systemCPUTime) + "\\n");`;

/** The whole CLI process, with its checking processes. */
function runCli(args: string[]): Promise<Run> {
  return runNode(`const { main } = require(${JSON.stringify(BIN)}); main(process.argv.slice(1)).then((code) => { process.exitCode = code; ${REPORT} });`, args);
}

/**
 * SheetJS (the development-only oracle) merely reading the same files, one after another in one
 * thread, with its default options: the yardstick of issue 21 ("costs no more than SheetJS's bare read").
 */
function runSheetJs(files: string[]): Promise<Run> {
  const list = path.join(path.dirname(files[0]), "..", "files.json");
  fs.writeFileSync(list, JSON.stringify(files));
  const xlsx = require.resolve("@e965/xlsx");
  return runNode(`const fs = require("fs"); const XLSX = require(${JSON.stringify(xlsx)}); for (const f of JSON.parse(fs.readFileSync(${JSON.stringify(list)}, "utf8"))) XLSX.read(fs.readFileSync(f)); process.exitCode = 0; ${REPORT}`, []);
}

const range = (xs: number[], digits = 2) => {
  const lo = Math.min(...xs).toFixed(digits);
  const hi = Math.max(...xs).toFixed(digits);
  return lo === hi ? lo : `${lo}–${hi}`;
};

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
      ["1 个校验进程", ["--jobs", "1"]],
      [`${cores} 个校验进程（全部核心）`, ["--jobs", String(cores)]],
      [`${cores} 个校验进程，另写汇总工作簿和 HTML 报告`, ["--jobs", String(cores), "--summary", path.join(dir, "汇总.xlsx"), "--html", path.join(dir, "报告.html")]],
    ];
    const lines = [`${FILES} 个单表工作簿（由 ${forms.length} 张样例表各存为一个文件后轮流复制），jxzp check --json，整个进程计时，每种运行 ${RUNS} 次，与 SheetJS 只读取这些文件（单线程、默认选项）交替进行：`];
    const sheetjs: Run[] = [];
    const ours = new Map<string, Run[]>(configs.map(([label]) => [label, []]));
    for (let i = 0; i < RUNS; i++) {
      // Side by side in one run: each of ours right after a SheetJS read, so both meet the same load.
      for (const [label, extra] of configs) {
        sheetjs.push(await runSheetJs(files));
        ours.get(label)!.push(await runCli(["check", "--json", ...extra, ...files]));
      }
    }
    lines.push(
      `  SheetJS 只读取：${range(sheetjs.map((r) => r.seconds))} 秒，处理器时间 ${range(sheetjs.map((r) => r.cpuSeconds))} 秒，峰值内存 ${range(sheetjs.map((r) => r.maxRssMb), 0)} MB`,
    );
    for (const [label] of configs) {
      const rs = ours.get(label)!;
      // Each of our runs against the SheetJS read just before it.
      const pair = (i: number) => sheetjs[i * configs.length + configs.findIndex(([l]) => l === label)];
      const ratios = rs.map((r, i) => r.seconds / pair(i).seconds);
      const cpuRatios = rs.map((r, i) => r.cpuSeconds / pair(i).cpuSeconds);
      lines.push(
        `  ${label}：${range(rs.map((r) => r.seconds))} 秒，每秒 ${range(rs.map((r) => FILES / r.seconds), 0)} 张表，处理器时间 ${range(rs.map((r) => r.cpuSeconds))} 秒，峰值内存（最大的一个进程）${range(rs.map((r) => r.maxRssMb), 0)} MB，退出码 ${rs[0].code}；用时是 SheetJS 只读取的 ${range(ratios)} 倍，处理器时间是它的 ${range(cpuRatios)} 倍`,
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
