/** `jxzp template KIND > file.xlsx`: bytes to stdout, never to a terminal, Chinese messages for mistakes. */
import ExcelJS from "exceljs";
import { PassThrough } from "stream";
import { templateCommand } from "../../src/cli/template-command";
import { readWorkbookBuffer } from "../../src/readers/xlsx-file";
import { evaluateOneForm } from "../scoring/one-form";

function sink(isTTY = false) {
  const s = new PassThrough() as PassThrough & { isTTY?: boolean };
  if (isTTY) s.isTTY = true;
  const chunks: Buffer[] = [];
  s.on("data", (c: Buffer) => chunks.push(Buffer.from(c)));
  return { stream: s, bytes: () => Buffer.concat(chunks), text: () => Buffer.concat(chunks).toString("utf8") };
}

test("writes the workbook to stdout, with the options on the form", async () => {
  const out = sink();
  const err = sink();
  const code = await templateCommand(["department", "--year", "2025", "--unit", "株洲市医疗保障事务中心", "--rows", "2"], out.stream, err.stream);
  expect(code).toBe(0);
  expect(err.text()).toBe("");
  const bytes = out.bytes();
  expect(bytes.subarray(0, 2).toString()).toBe("PK");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  expect(ws.name).toBe("部门整体支出绩效自评表");
  expect(ws.getCell("A1").value).toBe("2025年度部门整体支出绩效自评表");
  expect(ws.getCell("B2").value).toBe("株洲市医疗保障事务中心");
  const [grid] = await readWorkbookBuffer(bytes);
  const r = evaluateOneForm(grid);
  expect(r.kind).toBe("department");
  expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
  // Two rows under each of the 9 level 2s.
  expect(r.indicators).toHaveLength(18);
});

test("the year defaults to the year just ended", async () => {
  const out = sink();
  expect(await templateCommand(["project"], out.stream, sink().stream)).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(out.bytes() as unknown as ArrayBuffer);
  expect(wb.worksheets[0].getCell("A1").value).toBe(`${new Date().getFullYear() - 1}年度项目支出绩效自评表`);
});

test("refuses to write binary to a terminal", async () => {
  const out = sink(true);
  const err = sink();
  expect(await templateCommand(["project"], out.stream, err.stream)).toBe(2);
  expect(out.bytes()).toHaveLength(0);
  expect(err.text()).toContain("不能把 .xlsx 文件内容直接输出到终端");
  expect(err.text()).toContain("jxzp template project > 项目支出绩效自评表.xlsx");
});

test("an unknown kind lists the kinds, exit 2", async () => {
  const err = sink();
  expect(await templateCommand(["projekt"], sink().stream, err.stream)).toBe(2);
  expect(err.text()).toContain("未知的表样“projekt”");
  for (const k of ["project", "department", "transfer", "completion", "project20"]) expect(err.text()).toContain(k);
  expect(err.text()).toContain("转移支付绩效自评表");
});

test.each([
  [["project", "--year", "明年"], "年份"],
  [["project", "--rows", "x"], "--rows"],
  [["project", "--rows", "31"], "0 到 30"],
  [["project", "--profile", "nope"], "未知的评分方案"],
  [["project", "--colour", "red"], "未知选项"],
  [["project", "--unit"], "缺少取值"],
])("bad options %j: a Chinese message, exit 2, nothing written", async (args, words) => {
  const out = sink();
  const err = sink();
  expect(await templateCommand(args, out.stream, err.stream)).toBe(2);
  expect(err.text()).toContain(words);
  expect(out.bytes()).toHaveLength(0);
});

test("no kind: usage on stderr, exit 2; --help: usage on stdout, exit 0", async () => {
  const err = sink();
  expect(await templateCommand([], sink().stream, err.stream)).toBe(2);
  expect(err.text()).toContain("用法：jxzp template");
  const out = sink();
  expect(await templateCommand(["--help"], out.stream, sink().stream)).toBe(0);
  expect(out.text()).toContain("表样：");
});
