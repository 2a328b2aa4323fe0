import * as fs from "fs";
import * as path from "path";
import { readWorkbookBuffer, readWorkbookFile } from "../src/readers/xlsx-file";
import { evaluateSheet } from "../src/scoring/evaluate";
import { planFill } from "../src/scoring/fill/fill";
import type { Grid } from "../src/scoring/grid/grid";
import { WpsHost } from "../src/taskpane/host/WpsHost";
import { etApplication } from "../src/taskpane/host/wps-app";
import { FakeEt } from "../test/wps/fake-et";
import { benchWorkbook } from "./workbook";

/**
 * Calls into WPS per action of the pane, counted by the fake WPS (every property read, write and
 * method call is one synchronous round trip into WPS). The figures are what the adapter asks,
 * not how long real WPS takes: that is on the checklist (docs/wps-checklist.md).
 */

/** A form of `rows` indicator rows with a merge on every row (偏差原因 over columns I:J), as many real forms have. */
function withRowMerges(g: Grid, from: number, to: number): Grid {
  const merges = [...g.merges];
  for (let r = from; r <= to; r++) merges.push(`I${r}:J${r}`);
  return { ...g, merges };
}

/** The same form with its scores (column H) not yet filled, so that 填写得分 has every row to write. */
function unscored(g: Grid): Grid {
  const values = g.values.map((row, i) => row.map((v, j) => (g.origin.row + i >= 6 && g.origin.row + i <= 205 && g.origin.col + j === 7 ? null : v)));
  return { ...g, values };
}

async function count(grids: Grid[]): Promise<Record<string, number>> {
  const fake = FakeEt.fromGrids(grids);
  const root = fake.root as never;
  const host = new WpsHost(() => etApplication(root), root);
  const out: Record<string, number> = {};
  const step = async (name: string, fn: () => Promise<unknown>) => {
    fake.calls = 0;
    await fn();
    out[name] = fake.calls;
  };
  let grid: Grid = grids[0];
  await step("校验（读取当前工作表）", async () => {
    grid = (await host.read("active")).grids[0];
  });
  // One form per bench sheet.
  const report = evaluateSheet(grid)[0];
  const marks = report.findings.filter((f) => f.cell).map((f) => ({ cell: f.cell!, severity: f.severity }));
  await step(`标记（${new Set(marks.map((m) => m.cell)).size} 个单元格）`, () => host.mark(grid.sheet, marks));
  await step("清除标记", () => host.clearMarks());
  const plan = planFill(grid, report, { overwrite: true });
  if (plan.writes.length > 0) await step(`填写得分（${plan.writes.length} 个单元格，覆盖）`, () => host.fill({ sheet: grid.sheet, writes: plan.writes, useFormulas: false }));
  if (plan.writes.length > 0) await step("撤销填写", () => host.undoFill());
  return out;
}

export async function benchWpsCalls(): Promise<string[]> {
  const lines = ["WPS 加载项每个操作调用 WPS 的次数（模拟的 WPS 计数；每次读写属性、调用方法都是一次跨进程调用）："];
  const book = benchWorkbook(1, 200);
  const grids = await readWorkbookBuffer(new Uint8Array(await book.xlsx.writeBuffer()));
  const g = unscored(grids[0]);
  const cells = g.values.length * Math.max(...g.values.map((r) => r.length));
  const forms: [string, Grid[]][] = [
    [`200 行的自评表（${g.values.length} 行 × ${Math.max(...g.values.map((r) => r.length))} 列，${g.merges.length} 个合并区域）`, [g]],
    [`同一张表、每个指标行另有一个合并区域（${g.merges.length + 200} 个）`, [withRowMerges(g, 7, 206)]],
  ];
  const corpus = path.join(__dirname, "..", "..", "test", "fixtures", "corpus");
  for (const f of fs.readdirSync(corpus).filter((x) => x.endsWith(".xlsx")).slice(0, 3)) forms.push([`语料 ${f}`, await readWorkbookFile(path.join(corpus, f))]);
  for (const [label, gs] of forms) {
    const c = await count(gs);
    const read = c["校验（读取当前工作表）"];
    lines.push(`  ${label}：${Object.entries(c).map(([k, v]) => `${k} ${v}`).join("；")}`);
    if (gs === forms[0][1]) lines.push(`    读取 ${cells} 个单元格用 ${read} 次调用（逐格读取至少 ${cells * 3} 次）`);
  }
  return lines;
}
