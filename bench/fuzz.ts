import * as path from "path";
import { describe, runFuzz } from "./fuzz-core";
import { readWorkbookFile } from "../src/readers/xlsx-file";
import type { Grid } from "../src/scoring/grid/grid";

// `npm run fuzz`: 100,000 hostile grids through the core (JXZP_FUZZ_GRIDS, JXZP_FUZZ_SEED, JXZP_FUZZ_ONLY to change).
const FIXTURES = ["zhuzhou-2021-department.xlsx", "huangshi-2021-project.xlsx", "panzhihua-2021-completion.xlsx", "real/hexi-2023-project.xlsx", "real/huoshan-2024-transfer.xlsx", "corpus/tianchang-2022-project.xlsx", "stacked-forms.xlsx"];

async function main(): Promise<void> {
  const dir = path.join(__dirname, "..", "..", "test", "fixtures");
  const grids: Grid[] = [];
  for (const f of FIXTURES) grids.push(...(await readWorkbookFile(path.join(dir, f))));
  const seed = process.env.JXZP_FUZZ_SEED ?? `fuzz-${Date.now().toString(36)}`;
  const only = process.env.JXZP_FUZZ_ONLY ? Number(process.env.JXZP_FUZZ_ONLY) : undefined;
  const count = Number(process.env.JXZP_FUZZ_GRIDS) || 100_000;
  console.log(`种子：${seed}`);
  const stats = runFuzz({ seed, count, fixtures: grids, only, maxFailures: 20 });
  console.log(describe(stats));
  for (const f of stats.failures) console.log(`\n${f.replay}\n  ${f.problems.slice(0, 5).join("\n  ")}`);
  if (stats.failures.length > 0) process.exitCode = 1;
}

void main();
