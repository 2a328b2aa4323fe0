import * as path from "path";
import type ExcelJS from "exceljs";
import { readWorkbookFile } from "../../src/readers/xlsx-file";
import { parseA1, toA1 } from "../../src/scoring/grid/address";
import { level1Family } from "../../src/scoring/read/columns";
import { evaluateOneForm } from "../scoring/one-form";
import { Sheet, type CellValue, type Grid } from "../../src/scoring/grid/grid";
import { readForm } from "../../src/scoring/read/read-form";
import type { SheetReport } from "../../src/scoring/findings/sheet-report";
import { headerKey } from "../../src/scoring/values/text";
import { TEMPLATES, type TemplateKind } from "../../src/scoring/templates/definitions";
import type { SheetBuild } from "../../src/scoring/templates/sheet-build";

/**
 * The figures of a fixture form, read with the core's own reader, and how to type them into a
 * template: which template level 2 each indicator row goes under, and how many rows each needs.
 */

export interface FixtureCell {
  value: CellValue;
  format: string | null;
}

export interface FixtureRow {
  family: string;
  level2: string;
  name: FixtureCell;
  target: FixtureCell;
  actual: FixtureCell;
  weight: number | null;
  deviation: FixtureCell;
}

export interface FixtureForm {
  grid: Grid;
  report: SheetReport;
  fund: { label: string; budgetStart: FixtureCell | null; budget: FixtureCell; spent: FixtureCell }[];
  rows: FixtureRow[];
}

export async function fixtureGrid(file: string, sheet: string): Promise<Grid> {
  const grids = await readWorkbookFile(path.join(__dirname, "..", "fixtures", file));
  const g = grids.find((x) => x.sheet === sheet);
  if (!g) throw new Error(`no sheet ${sheet} in ${file}`);
  return g;
}

function cellAt(grid: Grid, a1: string | null): FixtureCell {
  if (!a1) return { value: null, format: null };
  const p = parseA1(a1)!;
  const s = new Sheet(grid);
  const m = s.mergeAt(p.row, p.col);
  const at = m ? { row: m.top, col: m.left } : p;
  return { value: s.value(at.row, at.col), format: s.format(at.row, at.col) };
}

/** Where a fixture's level 2 goes on a template: the same name (指标 or not), or the only level 2 of its level 1. */
function templateLevel2(kind: TemplateKind, family: string, level2: string): string {
  const l1 = TEMPLATES[kind].grid.level1.find((l) => l.family === family);
  if (!l1) throw new Error(`${kind} has no level 1 ${family}`);
  const bare = (s: string) => headerKey(s).replace(/指标$/, "");
  const same = l1.level2.find((l) => bare(l.name) === bare(level2));
  if (same) return same.name;
  if (l1.level2.length === 1) return l1.level2[0].name;
  throw new Error(`${kind}: no level 2 for ${family}/${level2}`);
}

/**
 * Reads a fixture form. `regroup` moves rows (by 1-based row number) to another level 1 /
 * level 2 where the fixture leaves them blank (huangshi rows 16–18), `families` renames a
 * fixture's level 1 (panzhihua's 完成指标 is the output block).
 */
export async function readFixtureForm(
  file: string,
  sheet: string,
  kind: TemplateKind,
  opts: { regroup?: Record<number, [string, string]>; families?: Record<string, string> } = {},
): Promise<FixtureForm> {
  const grid = await fixtureGrid(file, sheet);
  const report = evaluateOneForm(grid);
  const form = readForm(grid);
  const at = (p: { row: number; col: number } | null) => (p ? cellAt(grid, toA1(p.row, p.col)) : null);
  const fund = (form.fund?.rows ?? []).map((r) => ({
    label: r.isTotal ? "total" : headerKey(r.label),
    budgetStart: at(r.budgetStart.at),
    budget: at(r.budget.at ?? r.budgetStart.at)!,
    spent: at(r.spent.at)!,
  }));
  const rows = report.indicators
    .filter((r) => r.kind === "indicator")
    .map((r) => {
      const moved = opts.regroup?.[r.row];
      const fam = moved ? moved[0] : (opts.families?.[level1Family(r.level1)] ?? level1Family(r.level1));
      return {
        family: fam,
        level2: templateLevel2(kind, fam, moved ? moved[1] : r.level2),
        name: cellAt(grid, r.cells.name),
        target: cellAt(grid, r.cells.target),
        actual: cellAt(grid, r.cells.actual),
        weight: r.weight,
        deviation: cellAt(grid, r.cells.deviation),
      };
    });
  return { grid, report, fund, rows };
}

/** Indicator rows by template level 2, for `rowsPerLevel2`; level 2s the fixture leaves empty get 0. */
export function rowsPerLevel2(kind: TemplateKind, form: FixtureForm): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l1 of TEMPLATES[kind].grid.level1) for (const l2 of l1.level2) out[l2.name] = 0;
  for (const r of form.rows) out[r.level2] = (out[r.level2] ?? 0) + 1;
  return out;
}

function put(ws: ExcelJS.Worksheet, a1: string | null, cell: FixtureCell | null) {
  if (!a1 || !cell || cell.value === null) return;
  const c = ws.getCell(a1);
  c.value = cell.value as ExcelJS.CellValue;
  if (cell.format && cell.format.includes("%")) c.numFmt = cell.format;
}

/**
 * Types the fixture's figures into a template sheet the way a person would: amounts, indicator
 * names, targets, actuals, deviation notes, and the weights where `weights` is asked for.
 * Scores, rates, total and grade are left to the template's formulas.
 */
export function fillTemplate(ws: ExcelJS.Worksheet, build: SheetBuild, form: FixtureForm, opts: { weights: boolean }) {
  const total = build.map.fund.find((f) => f.isTotal)!;
  for (const f of form.fund) {
    const target = f.label === "total" ? total : build.map.fund.find((t) => !t.isTotal && headerKey(t.label).includes(f.label.replace(/^其中[:：]?/, "").slice(0, 4)));
    if (!target) continue;
    put(ws, target.budgetStart, f.budgetStart);
    put(ws, target.budget, f.budget);
    put(ws, target.spent, f.spent);
  }
  const queues = new Map<string, FixtureRow[]>();
  for (const r of form.rows) queues.set(r.level2, [...(queues.get(r.level2) ?? []), r]);
  for (const row of build.map.rows.filter((r) => r.kind === "indicator")) {
    const r = queues.get(row.level2)?.shift();
    if (!r) throw new Error(`template row ${row.name} (${row.level2}) has no fixture row`);
    put(ws, row.name, r.name);
    put(ws, row.target, r.target);
    put(ws, row.actual, r.actual);
    put(ws, row.deviation, r.deviation);
    if (opts.weights && row.weight && r.weight !== null) ws.getCell(row.weight).value = r.weight;
  }
  const left = [...queues.values()].flat();
  if (left.length) throw new Error(`${left.length} fixture rows found no template row`);
}
