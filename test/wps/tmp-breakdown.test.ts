import path from "node:path";
import { readWorkbookFile } from "../../src/readers/xlsx-file";
import { FakeEt } from "./fake-et";
import { etApplication } from "../../src/taskpane/host/wps-app";
import { readWpsSheet } from "../../src/taskpane/host/wps-read";
test("breakdown", async () => {
  for (const f of ["huangshi-2021-project.xlsx","zhuzhou-2021-department.xlsx"]) {
  const grids = await readWorkbookFile(path.join(__dirname, "..", "fixtures", f));
  const fake = FakeEt.fromGrids(grids);
  const app = etApplication(fake.root as never)!;
  const ws = app.ActiveSheet as Et.Worksheet;
  const orig = (ws as any).Range;
  fake.calls = 0;
  const log: string[] = [];
  const wsp = { get UsedRange() { return (ws as any).UsedRange; }, Range: (a: string) => { const r = (ws as any).Range(a); return { get Value2() { log.push("Value2"); return r.Value2; }, get Formula() { log.push("Formula"); return r.Formula; }, get MergeCells() { log.push("MergeCells"); return r.MergeCells; }, get MergeArea() { log.push("MergeArea"); return r.MergeArea; }, get NumberFormat() { log.push("NumberFormat"); return r.NumberFormat; } }; } };
  const r = readWpsSheet(wsp, "x");
  const counts: Record<string, number> = {};
  for (const k of log) counts[k] = (counts[k] ?? 0) + 1;
  console.log(f, fake.calls, JSON.stringify(counts), r.grid.merges.length, r.grid.values.length, r.grid.values[0].length);
  }
});
