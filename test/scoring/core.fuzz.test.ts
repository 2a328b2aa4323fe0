/**
 * Issue 12, "nothing crashes": random and mutated grids with hostile contents through the core
 * and the JXZP formulas (bench/fuzz-core.ts). CI runs JXZP_FUZZ_GRIDS (default 2,000) grids;
 * `npm run fuzz` runs 100,000. A failure prints the line that replays its grid alone.
 */
import path from "node:path";
import { describe as describeStats, runFuzz } from "../../bench/fuzz-core";
import { evaluateOneForm } from "./one-form";
import { planFill } from "../../src/scoring/fill/fill";
import type { Grid } from "../../src/scoring/grid/grid";
import { readWorkbookFile } from "../../src/readers/xlsx-file";
import * as formulas from "../../src/functions/formulas";

const FIXTURES = ["zhuzhou-2021-department.xlsx", "huangshi-2021-project.xlsx", "panzhihua-2021-completion.xlsx", "real/hexi-2023-project.xlsx", "real/huoshan-2024-transfer.xlsx", "corpus/tianchang-2022-project.xlsx", "stacked-forms.xlsx"];

async function fixtureGrids(): Promise<Grid[]> {
  const out: Grid[] = [];
  for (const f of FIXTURES) out.push(...(await readWorkbookFile(path.join(__dirname, "..", "fixtures", f))));
  return out;
}

test("hostile grids: no throw, Chinese messages without machine words, scores in [0, weight], fills only into empty cells", async () => {
  const seed = process.env.JXZP_FUZZ_SEED ?? "ci-1";
  const only = process.env.JXZP_FUZZ_ONLY ? Number(process.env.JXZP_FUZZ_ONLY) : undefined;
  const stats = runFuzz({ seed, count: Number(process.env.JXZP_FUZZ_GRIDS) || 2000, fixtures: await fixtureGrids(), only });
  const failures = stats.failures.map((f) => `${f.replay}\n  ${f.problems.slice(0, 5).join("\n  ")}`).join("\n\n");
  expect(failures).toBe("");
  if (only === undefined) expect(stats.forms - (stats.kinds.unknown ?? 0)).toBeGreaterThan(stats.grids / 4);
  // Sheets that stack several forms are mutated too: each of their forms is checked alike.
  if (only === undefined) expect(stats.stacked).toBeGreaterThan(0);
  expect(describeStats(stats)).toMatch(/表格数/);
});

describe("bugs the fuzz found", () => {
  test("a score kept in the form is quoted in words, not 1e+21", () => {
    const grid: Grid = {
      sheet: "表",
      origin: { row: 0, col: 0 },
      merges: [],
      values: [
        ["项目支出绩效自评表", null, null, null, null, null, null],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "培训人数", "≥100人", "120人", 10, 1e21],
        ["总分", null, null, null, null, 10, null],
      ],
    };
    const plan = planFill(grid, evaluateOneForm(grid));
    const reasons = plan.skipped.map((s) => s.reason).join(" ");
    expect(reasons).not.toMatch(/e\+/);
    expect(reasons).toContain("已有得分 一个大得不合常理的数");
  });

  test.each([
    ["EXECRATE", () => formulas.execRate(5e-324, 1e308)],
    ["READVALUE", () => formulas.readValue("9".repeat(400))],
    ["COMPLETION", () => formulas.completion(5e-324, 1e308)],
  ])("%s beyond a double's range is a Chinese error, not Infinity", (_, call) => {
    const out = call();
    expect(out).toEqual({ failure: "invalid", message: "结果超出 Excel 可表示的数值范围" });
  });
});
