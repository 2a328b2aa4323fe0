import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { allCores } from "../src/cli/batch";
import { runCli, type Run } from "./cli-run";
import { singleForms } from "./single-forms";

// `npm run bench:batch`: figures, not a test. A reviewer's folder of single-form submissions,
// checked by the compiled CLI as a separate process, with one thread and with every core.
const FILES = Number(process.env.JXZP_BENCH_FILES ?? 300);
const RUNS = 2;


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
