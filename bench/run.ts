import * as fs from "fs";
import * as path from "path";
import { performance } from "perf_hooks";
import ExcelJS from "exceljs";
import { readWorkbookFile } from "../src/readers/xlsx-file";
import { evaluateSheet } from "../src/scoring/evaluate";
import { readMeasureUncached } from "../src/scoring/values/measure";
import { benchFunctions } from "./functions";
import { benchPaneSize } from "./pane-size";
import { benchWorkbook } from "./workbook";
import { benchWpsCalls } from "./wps-calls";

// `npm run bench`: figures, not a test. The engine must never be the bottleneck (b/a ≤ 0.25).
const SHEETS = 200;
const ROWS = 30;

async function engine(): Promise<string[]> {
  const out = path.join(__dirname, "..", "..", "bench", "out");
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, `bench-${SHEETS}x${ROWS}.xlsx`);
  await benchWorkbook(SHEETS, ROWS).xlsx.writeFile(file);

  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const readOnce = async () => {
    const w = new ExcelJS.Workbook();
    await w.xlsx.readFile(file);
    return w;
  };
  /** Warm-up runs, then the median of the timed ones: each side in its own steady state. */
  const steady = async (fn: () => unknown, warm: number, runs: number): Promise<number> => {
    const times: number[] = [];
    for (let i = 0; i < warm + runs; i++) {
      const t = performance.now();
      await fn();
      if (i >= warm) times.push(performance.now() - t);
    }
    return median(times);
  };

  const t1 = performance.now();
  const grids = await readWorkbookFile(file);
  const adapt = performance.now() - t1;

  // Each side alone, as in use: the pane runs the engine in a page that never loads ExcelJS.
  let reports = grids.flatMap((g) => evaluateSheet(g));
  const eng = await steady(() => (reports = grids.flatMap((g) => evaluateSheet(g))), 5, 15);
  const load = await steady(readOnce, 3, 11);
  const ours = await steady(() => readWorkbookFile(file), 3, 11);

  // The two in alternation, as the CLI does them: each pays for the other's garbage, and the
  // drift of this shared machine's speed hits both alike. The median of the pairs' ratios.
  const ratios: number[] = [];
  for (let i = 0; i < 3 + 11; i++) {
    const t = performance.now();
    await readOnce();
    const l = performance.now() - t;
    const u = performance.now();
    reports = grids.flatMap((g) => evaluateSheet(g));
    if (i >= 3) ratios.push((performance.now() - u) / l);
  }
  const alternating = median(ratios);
  const indicators = reports.reduce((n, r) => n + r.indicators.length, 0);
  const findings = reports.reduce((n, r) => n + r.findings.length, 0);

  const texts = reports.flatMap((r) => r.indicators.flatMap((i) => [i.target, i.actual])).filter((x): x is string => x !== null);
  const rounds = 20;
  const t3 = performance.now();
  for (let k = 0; k < rounds; k++) for (const t of texts) readMeasureUncached(t);
  const readSecs = (performance.now() - t3) / 1000;

  return [
    `工作簿：${SHEETS} 个工作表 × ${ROWS} 个指标（${path.relative(process.cwd(), file)}，${(fs.statSync(file).size / 1024).toFixed(0)} KB）`,
    `(a) ExcelJS 读取工作簿：${load.toFixed(0)} ms（预热 3 次后 11 次的中位数；作为基准保留，CLI 已不用它读取）`,
    `(a′) 本项目的读取器读取工作簿并转换为网格：${ours.toFixed(0)} ms（同上；为 ExcelJS 的 ${((ours / load) * 100).toFixed(0)}%）`,
    `    （首次读取并转换为网格：${adapt.toFixed(0)} ms，不计入）`,
    `(b) 引擎识别、计分、校验全部工作表：${eng.toFixed(0)} ms（预热 5 次后 15 次的中位数；${indicators} 个指标，${findings} 条问题）`,
    `(c) b/a = ${(eng / load).toFixed(3)}（要求 ≤ 0.25）；b/a′ = ${(eng / ours).toFixed(3)}`,
    `    与 ExcelJS 交替计时（CLI 的情形，含对方的垃圾回收）：每轮 b/a 的中位数 ${alternating.toFixed(3)}`,
    `(d) 指标值读数：${Math.round((texts.length * rounds) / readSecs).toLocaleString("en-US")} 次/秒`,
  ];
}

async function main() {
  const lines = [...(await engine())];
  lines.push(...(await benchFunctions()));
  lines.push(...(await benchPaneSize()));
  lines.push(...(await benchWpsCalls()));
  process.stdout.write(lines.join("\n") + "\n");
}

main().catch((e) => {
  process.stderr.write(`基准测试失败：${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
