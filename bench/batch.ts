import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { allCores } from "../src/cli/batch";
import { REPORT, runCli, runNode, type Run } from "./cli-run";
import { singleForms } from "./single-forms";

// `npm run bench:batch`: figures, not a test. A reviewer's folder of single-form submissions,
// checked by the compiled CLI as a separate process, with one checking process and with every
// core, each run paired with SheetJS merely reading the same files (issue 21's yardstick).
const FILES = Number(process.env.JXZP_BENCH_FILES ?? 300);
const RUNS = Number(process.env.JXZP_BENCH_RUNS ?? 3);

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
