import * as fs from "fs";
import * as path from "path";
import { performance } from "perf_hooks";
import ExcelJS from "exceljs";
import { worksheetToGrid } from "../src/cli/xlsx-grid";
import { evaluateSheet } from "../src/scoring/evaluate";
import { readMeasureUncached } from "../src/scoring/measure";
import { benchFunctions } from "./functions";
import { benchPaneSize } from "./pane-size";
import { benchWorkbook } from "./workbook";

// `npm run bench`: figures, not a test. The engine must never be the bottleneck (b/a ≤ 0.25).
const SHEETS = 200;
const ROWS = 30;

async function engine(): Promise<string[]> {
  const out = path.join(__dirname, "..", "..", "bench", "out");
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, `bench-${SHEETS}x${ROWS}.xlsx`);
  await benchWorkbook(SHEETS, ROWS).xlsx.writeFile(file);

  // Steady state for both sides: three warm-up runs, then the median of seven.
  const WARM = 3;
  const RUNS = 7;
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const timed = async <T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> => {
    let last: { ms: number; value: T } | null = null;
    const times: number[] = [];
    for (let i = 0; i < WARM + RUNS; i++) {
      const t = performance.now();
      const value = await fn();
      const ms = performance.now() - t;
      if (i >= WARM) times.push(ms);
      last = { ms, value };
    }
    return { ms: median(times), value: last!.value };
  };

  const loaded = await timed(async () => {
    const w = new ExcelJS.Workbook();
    await w.xlsx.readFile(file);
    return w;
  });
  const load = loaded.ms;

  const t1 = performance.now();
  const grids = loaded.value.worksheets.map(worksheetToGrid);
  const adapt = performance.now() - t1;

  const evaluated = await timed(() => grids.map((g) => evaluateSheet(g)));
  const eng = evaluated.ms;
  const reports = evaluated.value;
  const indicators = reports.reduce((n, r) => n + r.indicators.length, 0);
  const findings = reports.reduce((n, r) => n + r.findings.length, 0);

  const texts = reports.flatMap((r) => r.indicators.flatMap((i) => [i.target, i.actual])).filter((x): x is string => x !== null);
  const rounds = 20;
  const t3 = performance.now();
  for (let k = 0; k < rounds; k++) for (const t of texts) readMeasureUncached(t);
  const readSecs = (performance.now() - t3) / 1000;

  return [
    `工作簿：${SHEETS} 个工作表 × ${ROWS} 个指标（${path.relative(process.cwd(), file)}，${(fs.statSync(file).size / 1024).toFixed(0)} KB）`,
    `(a) ExcelJS 读取工作簿：${load.toFixed(0)} ms（预热 3 次后 7 次的中位数，下同）`,
    `    （适配为网格：${adapt.toFixed(0)} ms，不计入引擎）`,
    `(b) 引擎识别、计分、校验全部工作表：${eng.toFixed(0)} ms（${indicators} 个指标，${findings} 条问题）`,
    `(c) b/a = ${(eng / load).toFixed(3)}（要求 ≤ 0.25）`,
    `(d) 指标值读数：${Math.round((texts.length * rounds) / readSecs).toLocaleString("en-US")} 次/秒`,
  ];
}

async function main() {
  const lines = [...(await engine())];
  lines.push(...(await benchFunctions()));
  lines.push(...(await benchPaneSize()));
  process.stdout.write(lines.join("\n") + "\n");
}

main().catch((e) => {
  process.stderr.write(`基准测试失败：${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
