import * as fs from "fs";
import * as path from "path";
import type ExcelJS from "exceljs";
import { loadExcelJS } from "./excel-writer";
import { PROGRAM_NAME, PROGRAM_STAMP } from "../program";
import { SEVERITY_LABEL } from "../scoring/findings/findings";
import type { FormRow } from "./review";
import type { SpotCheck } from "./sample";

type Value = string | number | null;

interface Column<T> {
  header: string;
  width: number;
  numFmt?: string;
  wrap?: boolean;
  value: (x: T) => Value;
}

const AMOUNT = "#,##0.00";
const RATE = "0.00%";
const SCORE = "0.00";
const COUNT = "0";

/** The 汇总 sheet's columns: one row per form, worst first (its position is the 序号). */
function summaryColumns(sampled: Map<FormRow, number> | null): Column<{ row: FormRow; no: number }>[] {
  const cols: Column<{ row: FormRow; no: number }>[] = [
    { header: "序号", width: 6, numFmt: COUNT, value: (x) => x.no },
    { header: "文件", width: 36, value: (x) => x.row.file },
    { header: "格式", width: 6, value: (x) => x.row.format },
    { header: "工作表", width: 24, value: (x) => x.row.sheet },
    { header: "单位", width: 24, value: (x) => x.row.unit },
    { header: "项目", width: 24, value: (x) => x.row.project },
    { header: "表格类型", width: 22, value: (x) => x.row.kindLabel },
    { header: "预算数（万元）", width: 14, numFmt: AMOUNT, value: (x) => x.row.budget },
    { header: "执行数（万元）", width: 14, numFmt: AMOUNT, value: (x) => x.row.spent },
    { header: "执行率", width: 10, numFmt: RATE, value: (x) => x.row.rate },
    { header: "总分（表中）", width: 11, numFmt: SCORE, value: (x) => x.row.statedTotal },
    { header: "总分（计算）", width: 11, numFmt: SCORE, value: (x) => x.row.computedTotal },
    { header: "等级（表中）", width: 11, value: (x) => x.row.statedGrade },
    { header: "等级（计算）", width: 11, value: (x) => x.row.computedGrade },
    { header: "错误", width: 7, numFmt: COUNT, value: (x) => x.row.errors },
    { header: "警告", width: 7, numFmt: COUNT, value: (x) => x.row.warnings },
    { header: "提示", width: 7, numFmt: COUNT, value: (x) => x.row.infos },
    { header: "复核结论", width: 10, value: (x) => x.row.verdict },
  ];
  if (sampled) cols.push({ header: "抽查", width: 7, numFmt: COUNT, value: (x) => sampled.get(x.row) ?? null });
  return cols;
}

interface ProblemLine {
  no: number;
  row: FormRow;
  p: FormRow["problems"][number];
}

const PROBLEM_COLUMNS: Column<ProblemLine>[] = [
  { header: "汇总序号", width: 9, numFmt: COUNT, value: (x) => x.no },
  { header: "文件", width: 36, value: (x) => x.row.file },
  { header: "工作表", width: 24, value: (x) => x.row.sheet },
  { header: "单元格", width: 8, value: (x) => x.p.cell },
  { header: "严重程度", width: 9, value: (x) => SEVERITY_LABEL[x.p.severity] },
  { header: "问题代码", width: 24, value: (x) => x.p.code || null },
  { header: "问题", width: 20, value: (x) => x.p.title },
  { header: "说明", width: 60, wrap: true, value: (x) => x.p.message },
  { header: "整改建议", width: 50, wrap: true, value: (x) => x.p.advice },
];

type Picked = SpotCheck["picked"][number];

function sampleColumns(no: Map<FormRow, number>): Column<Picked>[] {
  return [
    { header: "抽查序号", width: 9, numFmt: COUNT, value: (x) => x.order },
    { header: "汇总序号", width: 9, numFmt: COUNT, value: (x) => no.get(x.row) ?? null },
    { header: "文件", width: 36, value: (x) => x.row.file },
    { header: "工作表", width: 24, value: (x) => x.row.sheet },
    { header: "单位", width: 24, value: (x) => x.row.unit },
    { header: "项目", width: 24, value: (x) => x.row.project },
    { header: "预算数（万元）", width: 14, numFmt: AMOUNT, value: (x) => x.row.budget },
    { header: "错误", width: 7, numFmt: COUNT, value: (x) => x.row.errors },
    { header: "警告", width: 7, numFmt: COUNT, value: (x) => x.row.warnings },
    { header: "抽中理由", width: 70, wrap: true, value: (x) => x.reason },
  ];
}

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDE6F0" } };

/** Column letters for a 1-based column number (AA after Z). */
function letters(n: number): string {
  let s = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Where the sheets go: ExcelJS's streaming writer (the CLI, to a file) or its in-memory workbook (the web page). */
type SheetSink = Pick<ExcelJS.Workbook, "addWorksheet">;

/** One sheet: header row frozen and filtered, then the items, each committed as it is written (streaming). */
function writeSheet<T>(wb: SheetSink, name: string, columns: Column<T>[], items: T[], after: string[] = []): void {
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", xSplit: 0, ySplit: 1, topLeftCell: "A2", activeCell: "A2" }] });
  ws.columns = columns.map((c) => ({ width: c.width }));
  ws.autoFilter = `A1:${letters(columns.length)}${items.length + 1}`;
  const header = ws.addRow(columns.map((c) => c.header));
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: "middle", wrapText: true };
  });
  header.commit();
  for (const item of items) {
    const row = ws.addRow(columns.map((c) => c.value(item)));
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      if (c.numFmt) cell.numFmt = c.numFmt;
      if (c.wrap) cell.alignment = { vertical: "top", wrapText: true };
    });
    row.commit();
  }
  if (after.length) {
    ws.addRow([]).commit();
    for (const line of after) ws.addRow([line]).commit();
  }
  // A streamed sheet is finished here; an in-memory one has nothing to commit.
  (ws as unknown as { commit?: () => void }).commit?.();
}

/** The summary's sheets and the workbook's properties (the program, its version and the rules' year). */
function fillSummary(wb: SheetSink & { creator: string; lastModifiedBy: string; description: string }, rows: FormRow[], spot: SpotCheck | null): void {
  const no = new Map(rows.map((r, i) => [r, i + 1]));
  const sampled = spot ? new Map(spot.picked.map((p) => [p.row, p.order])) : null;
  wb.creator = PROGRAM_NAME;
  wb.lastModifiedBy = PROGRAM_STAMP;
  wb.description = `由${PROGRAM_STAMP}生成。`;
  writeSheet(wb, "汇总", summaryColumns(sampled), rows.map((row, i) => ({ row, no: i + 1 })));
  writeSheet(
    wb,
    "问题清单",
    PROBLEM_COLUMNS,
    rows.flatMap((row, i) => row.problems.map((p) => ({ no: i + 1, row, p }))),
  );
  if (spot)
    writeSheet(wb, "抽查", sampleColumns(no), spot.picked, [
      `随机种子：${spot.seed}。用 jxzp check --sample ${spot.requested} --seed ${spot.seed} 校验同一批文件，得到同样的名单。`,
      "抽中权重 = 问题系数（有错误 4，只有警告 2，其余 1）× 预算系数（按预算数在本批的名次，1 至 3，最大的为 3）。",
    ]);
}

/** The summary workbook as bytes, built in memory: what the web page downloads (same sheets as the CLI's file). */
export async function summaryWorkbookBytes(rows: FormRow[], spot: SpotCheck | null): Promise<Uint8Array> {
  const { Workbook } = await loadExcelJS();
  const wb = new Workbook();
  fillSummary(wb, rows, spot);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/**
 * Writes the summary workbook: 汇总 (one row per form, worst first), 问题清单 (one row per
 * problem, in the same order, ready to send back to units) and, with a 抽查 list, 抽查. Written
 * to a temporary file beside the target and renamed, so a failed run leaves no half a workbook.
 */
export async function writeSummaryWorkbook(file: string, rows: FormRow[], spot: SpotCheck | null): Promise<void> {
  const part = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.part`);
  const { stream } = await loadExcelJS();
  const wb = new stream.xlsx.WorkbookWriter({ filename: part, useStyles: true, useSharedStrings: true });
  try {
    fillSummary(wb as unknown as Parameters<typeof fillSummary>[0], rows, spot);
    await wb.commit();
    fs.renameSync(part, file);
  } catch (e) {
    fs.rmSync(part, { force: true });
    throw e;
  }
}
