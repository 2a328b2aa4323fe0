/**
 * Issue 16 point 4: reading within Excel's documented limits, against the strict fake (5 MB per
 * response on the web, five million cells per read, 512 merged areas per call), and the round
 * trips a whole workbook costs.
 */
import { toA1 } from "../../src/scoring/grid/address";
import { toHostError } from "../../src/taskpane/host/host-error";
import { OfficeHost } from "../../src/taskpane/host/OfficeHost";
import { richError, type FakeExcel } from "./fake-excel";
import { fakeExcelEachTest } from "./host-setup";

const MB5 = 5 * 1024 * 1024;
let fake: FakeExcel;
fakeExcelEachTest((f) => (fake = f));

test("a sheet merely formatted down to row 10,000 is read as the rows that have values (valuesOnly)", async () => {
  const s = fake.addSheet("表", { A1: "标题", B3: 5 });
  for (let r = 4; r <= 10000; r++) s.cells.set(`A${r}`, { value: null, format: "0.00" });
  const read = await new OfficeHost().read("active");
  expect(read.grids[0].values).toHaveLength(3);
  expect(fake.usedRangeLoads.every((l) => l.valuesOnly)).toBe(true);
  expect(fake.syncs).toBe(2);
});

test("a large sheet on the web is read in chunks sized from what they weigh, and comes out whole", async () => {
  const text = "指标说明".repeat(30);
  const cells: Record<string, string | number> = {};
  for (let r = 0; r < 3000; r++) for (let c = 0; c < 30; c++) cells[toA1(r, c)] = c === 0 ? r : `${text}${r}-${c}`;
  fake.addSheet("大表", cells);
  const read = await new OfficeHost().read("active");
  const g = read.grids[0];
  expect(g.values).toHaveLength(3000);
  expect(g.values[2999][0]).toBe(2999);
  expect(g.values[1234][17]).toBe(`${text}1234-17`);
  // The first guess (10,000 cells of 360-byte texts) is refused once; then every pack is sized from the last one's weight.
  expect(fake.refusedResponses).toBeLessThanOrEqual(1);
  const delivered = fake.responseSizes.filter((n) => n <= MB5);
  expect(delivered.length).toBe(fake.responseSizes.length - fake.refusedResponses);
  expect(fake.syncs).toBeGreaterThan(3);
});

test("a refused response halves the chunk and asks again; the result is the same", async () => {
  const long = "长".repeat(2000);
  const cells: Record<string, string> = {};
  for (let r = 0; r < 1000; r++) for (let c = 0; c < 4; c++) cells[toA1(r, c)] = `${long}${r}`;
  fake.addSheet("长文字", cells);
  // A budget far above what fits: the first pack is refused (24 MB), then halved until it fits.
  const read = await new OfficeHost({ cellBudget: 100000 }).read("active");
  expect(read.grids[0].values).toHaveLength(1000);
  expect(read.grids[0].values[999][3]).toBe(`${long}999`);
  expect(fake.responseSizes.filter((n) => n > MB5).length).toBeGreaterThan(0);
  // Every refused response was asked again smaller; the last ones fit.
  expect(fake.responseSizes[fake.responseSizes.length - 1]).toBeLessThan(MB5);
});

test("one row too large for 5 MB: a Chinese message naming the row, and what to do", async () => {
  const cells: Record<string, string> = { A1: "表头" };
  for (let c = 0; c < 60; c++) cells[toA1(1, c)] = "超".repeat(32000);
  fake.addSheet("超长", cells);
  const err = await new OfficeHost().read("active").catch((e: unknown) => e);
  expect((err as Error).message).toBe("工作表“超长”第 2 行的内容太多，Excel 网页版一次最多传送 5 MB，无法读取。请删去该行中过长的文字，或在桌面版 Excel 中校验。");
  // Desktop Excel has no 5 MB limit: the same sheet reads.
  fake.platform = "windows";
  expect((await new OfficeHost().read("active")).grids[0].values).toHaveLength(2);
});

test("both payload errors are said in Chinese, with what to do", () => {
  for (const code of ["ResponsePayloadSizeLimitExceeded", "RequestPayloadSizeLimitExceeded"]) {
    const said = toHostError(richError(code, "The response payload size has exceeded the limit.")).message;
    expect([code, said]).toEqual([code, expect.stringMatching(/5 MB.*(只校验当前工作表|分几次)/)]);
  }
});

test("600 merged areas on one sheet: read in halves of rows, all 600 there", async () => {
  const s = fake.addSheet("合并多", {});
  for (let i = 0; i < 600; i++) {
    s.cells.set(`A${i * 2 + 1}`, { value: `项${i}` });
    s.merges.push(`A${i * 2 + 1}:B${i * 2 + 1}`);
  }
  const read = await new OfficeHost().read("active");
  expect(new Set(read.grids[0].merges).size).toBe(600);
});

test("merged areas need ExcelApi 1.13: an older Excel reads values without them and says so", async () => {
  fake.apiVersion = "1.12";
  fake.addSheet("表", { A1: "标题", A2: 1 }, ["A1:C1"]);
  const read = await new OfficeHost().read("active");
  expect(read.grids[0].merges).toEqual([]);
  expect(read.notes).toEqual(["此版本的 Excel 不能读出合并单元格（需要 ExcelApi 1.13：Excel 2021 或 Microsoft 365），表头的识别可能不完整。"]);
});

test.each([1, 10, 40, 120])("a workbook of %i small sheets costs 3 round trips", async (n) => {
  for (let i = 0; i < n; i++) fake.addSheet(`S${i}`, { A1: i, B2: `t${i}` }, i % 2 ? ["A1:A2"] : []);
  const read = await new OfficeHost().read("workbook");
  expect(read.grids).toHaveLength(n);
  expect(read.grids[n - 1].values[0][0]).toBe(n - 1);
  expect(fake.syncs).toBe(3);
  expect(fake.runs).toBe(1);
});
