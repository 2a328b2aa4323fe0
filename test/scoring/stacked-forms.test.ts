/**
 * Several forms on one sheet (issue 18 §3): test/fixtures/stacked-forms.xlsx stacks real forms of
 * the fixtures one under another (make-stacked.js). Each stacked form must be read exactly as the
 * same form on a sheet of its own: same kind, figures, total, grade and findings, its cells moved
 * down by the rows above it; and the fill plan of each touches only its own cells.
 */
import * as path from "path";
import { readWorkbookFile } from "../../src/readers/xlsx-file";
import { evaluateSheet } from "../../src/scoring/evaluate";
import { planFill } from "../../src/scoring/fill/fill";
import { checkReportClaims, type ReportBlock } from "../../src/scoring/prose/report-claims";
import { formPlaceLabel, type SheetReport } from "../../src/scoring/findings/sheet-report";
import { parseA1, parseRange, rangeToA1, toA1 } from "../../src/scoring/grid/address";
import type { Grid } from "../../src/scoring/grid/grid";
import { evaluateOneForm } from "./one-form";

const FIX = path.join(__dirname, "..", "fixtures");

/** The forms each stacked sheet holds: the source, and the row (1-based) its first row went to. */
const STACKED: Record<string, { file: string; sheet: string; firstRow: number }[]> = {
  部门及项目自评表: [
    { file: "zhuzhou-2021-department.xlsx", sheet: "部门整体支出绩效自评表", firstRow: 1 },
    { file: "zhuzhou-2021-department.xlsx", sheet: "医保业务经办专项经费", firstRow: 40 },
    { file: "zhuzhou-2021-department.xlsx", sheet: "公务用车购置", firstRow: 79 },
  ],
  三个项目: [
    { file: "huangshi-2021-project.xlsx", sheet: "项目自评表", firstRow: 1 },
    { file: "real/jishan-2020-project.xlsx", sheet: "绩效自评表", firstRow: 24 },
    { file: "real/baoshan-2022-project.xlsx", sheet: "绩效自评表", firstRow: 44 },
  ],
};

const shift = (cell: string | null, by: number): string | null => {
  if (cell === null) return null;
  const p = parseA1(cell);
  return p ? toA1(p.row + by, p.col) : cell;
};

/** What must not change when a form moves down `by` rows: everything but its place, cells moved. */
function comparable(r: SheetReport, by: number) {
  return {
    kind: r.kind,
    kindReason: r.kindReason,
    profile: r.profile,
    title: r.title,
    project: r.project,
    unit: r.unit,
    department: r.department,
    execution: r.execution && { ...r.execution, cells: Object.fromEntries(Object.entries(r.execution.cells).map(([k, v]) => [k, shift(v, by)])) },
    indicators: r.indicators.map((i) => ({ ...i, row: i.row + by, cells: Object.fromEntries(Object.entries(i.cells).map(([k, v]) => [k, shift(v, by)])) })),
    total: { ...r.total, cell: shift(r.total.cell, by) },
    grade: { ...r.grade, cell: shift(r.grade.cell, by) },
    levels: r.levels,
    findings: r.findings.map((f) => `${f.severity} ${f.code}@${shift(f.cell, by)}`),
  };
}

let stacked: Grid[];
const alone = new Map<string, Grid>();

beforeAll(async () => {
  stacked = await readWorkbookFile(path.join(FIX, "stacked-forms.xlsx"));
  for (const forms of Object.values(STACKED))
    for (const f of forms) {
      const key = `${f.file}|${f.sheet}`;
      if (!alone.has(key)) alone.set(key, (await readWorkbookFile(path.join(FIX, f.file))).find((g) => g.sheet === f.sheet)!);
    }
});

describe.each(Object.entries(STACKED))("sheet %s", (name, forms) => {
  let reports: SheetReport[];
  let grid: Grid;
  beforeAll(() => {
    grid = stacked.find((g) => g.sheet === name)!;
    reports = evaluateSheet(grid);
  });

  test("is read as its forms, each with its place: in order, one after another, covering the sheet", () => {
    expect(reports).toHaveLength(forms.length);
    reports.forEach((r, i) => {
      expect(r.sheet).toBe(name);
      expect(r.place.index).toBe(i + 1);
      expect(r.place.count).toBe(forms.length);
      if (i > 0) expect(r.place.firstRow).toBe(reports[i - 1].place.lastRow + 1);
    });
    expect(reports[0].place.firstRow).toBe(1);
    expect(reports.at(-1)!.place.lastRow).toBe(grid.values.length);
    expect(formPlaceLabel(reports[1].place)).toBe(`第2张表（共${forms.length}张，第${reports[1].place.firstRow}–${reports[1].place.lastRow}行）`);
  });

  test.each(forms.map((f, i) => [i + 1, f.sheet, f] as const))("form %i (%s) is read as on its own sheet, cells moved down", (i, _sheet, f) => {
    const own = evaluateOneForm(alone.get(`${f.file}|${f.sheet}`)!);
    const r = reports[i - 1];
    // Each form starts at its title (or, for the first, at the sheet's top): the rows above it are the form above's.
    expect(r.place.firstRow).toBeLessThanOrEqual(f.firstRow + 1);
    expect(comparable(r, 0)).toEqual(comparable(own, f.firstRow - 1));
    // The form says something: a stacked sheet is not a sheet of empty forms.
    expect(r.kind).not.toBe("unknown");
    expect(r.total.computed).not.toBeNull();
  });

  test.each(forms.map((f, i) => [i + 1, f.sheet, f] as const))("form %i (%s): the fill plan is the form's own, cells moved down", (i, _sheet, f) => {
    const ownGrid = alone.get(`${f.file}|${f.sheet}`)!;
    const own = planFill(ownGrid, evaluateOneForm(ownGrid), { overwrite: true });
    const plan = planFill(grid, reports[i - 1], { overwrite: true });
    expect(plan.place).toEqual(reports[i - 1].place);
    const by = f.firstRow - 1;
    expect(plan.writes.map((w) => `${w.kind} ${w.cell} ${w.value}`)).toEqual(own.writes.map((w) => `${w.kind} ${shift(w.cell, by)} ${w.value}`));
    expect(plan.pending.map((p) => p.cell)).toEqual(own.pending.map((p) => shift(p.cell, by)));
    // Every write lies within the form's rows.
    for (const w of plan.writes) {
      const row = parseA1(w.cell)!.row + 1;
      expect(row).toBeGreaterThanOrEqual(plan.place.firstRow);
      expect(row).toBeLessThanOrEqual(plan.place.lastRow);
    }
  });
});

describe("a Word report's prose against a table that stacks forms", () => {
  test("a sentence naming the third form's project is checked against that form alone", () => {
    const reports = stacked.flatMap((g) => evaluateSheet(g));
    const blocks: ReportBlock[] = [
      { kind: "paragraph", text: "公务用车购置项目自评得分95分。" },
      { kind: "paragraph", text: "医保业务经办专项经费项目自评得分100分。" },
      ...stacked.map((_, index) => ({ kind: "table" as const, index })),
    ];
    const found = checkReportClaims(blocks, reports, stacked).map(({ form, finding }) => [reports[form].sheet, reports[form].place.index, finding.code]);
    // The third form states 100: 95 is wrong there; the second form's 100 agrees.
    expect(found).toEqual([["部门及项目自评表", 3, "REPORT_TOTAL_MISMATCH"]]);
  });
});

/** Real forms stacked in memory, as make-stacked.js stacks them in the workbook: values, formats and merges moved down. */
function stack(forms: Grid[], gap: number): { grid: Grid; firstRows: number[] } {
  const values: Grid["values"] = [];
  const numberFormats: (string | null)[][] = [];
  const merges: string[] = [];
  const firstRows: number[] = [];
  for (const g of forms) {
    const top = values.length;
    firstRows.push(top + 1);
    g.values.forEach((row, i) => {
      values.push([...row]);
      numberFormats.push([...(g.numberFormats?.[i] ?? [])]);
    });
    for (const m of g.merges) merges.push(m.replace(/(\d+)/g, (n) => String(Number(n) + top)));
    for (let i = 0; i < gap; i++) {
      values.push([]);
      numberFormats.push([]);
    }
  }
  return { grid: { sheet: "汇总", origin: { row: 0, col: 0 }, values, numberFormats, merges }, firstRows };
}

test("a form cut off before its total, stacked above another: it ends at the next form's title, which is read as a form of its own", async () => {
  const cut = (await readWorkbookFile(path.join(FIX, "real", "langfang-2019-project.xlsx")))[0];
  const next = alone.get("real/jishan-2020-project.xlsx|绩效自评表")!;
  const { grid, firstRows } = stack([cut, next], 1);
  const reports = evaluateSheet(grid);
  expect(reports.map((r) => [r.place.firstRow, r.kind])).toEqual([
    [1, "project"],
    [firstRows[1], "project"],
  ]);
  // The second form reads as on its own sheet.
  expect(comparable(reports[1], 0)).toEqual(comparable(evaluateOneForm(next), firstRows[1] - 1));
  // The first keeps its own rows: the next form's title and header are not indicators of it.
  const own = evaluateOneForm(cut);
  expect(reports[0].indicators.map((i) => i.row)).toEqual(own.indicators.map((i) => i.row));
  expect(reports[0].total.computed).toBe(own.total.computed);
  // Alone, the cut copy runs to the sheet's last row (FORM_PARTLY_READ may say it is cut); stacked, a form follows it.
  for (const f of reports[0].findings.filter((x) => x.code === "FORM_PARTLY_READ")) expect(f.message).not.toContain("工作表最后一行");
});

test("a stacked form with no title of its own starts at its header fields (项目名称 …)", () => {
  const first = alone.get("huangshi-2021-project.xlsx|项目自评表")!;
  const titled = alone.get("real/jishan-2020-project.xlsx|绩效自评表")!;
  // jishan without its two title rows: it opens with 项目名称.
  const merges = titled.merges
    .map((m) => parseRange(m)!)
    .filter((m) => m.top >= 2)
    .map((m) => rangeToA1({ ...m, top: m.top - 2, bottom: m.bottom - 2 }));
  const untitled: Grid = { ...titled, values: titled.values.slice(2), numberFormats: titled.numberFormats?.slice(2), merges };
  expect(untitled.values[0][0]).toBe("项目名称");
  const { grid, firstRows } = stack([first, untitled], 1);
  const reports = evaluateSheet(grid);
  expect(reports.map((r) => r.place.firstRow)).toEqual([1, firstRows[1]]);
  const own = evaluateOneForm(untitled);
  expect(reports[1].project).toBe("建档立卡个人缴费县级配套资金");
  expect(comparable(reports[1], 0)).toEqual(comparable(own, firstRows[1] - 1));
  expect(reports[1].total.computed).toBe(evaluateOneForm(titled).total.computed);
});
