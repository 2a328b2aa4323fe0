import Decimal from "decimal.js";
import { parseA1, toA1 } from "../grid/address";
import type { Profile } from "../rules/profiles";
import { DIRECTIONS, TEMPLATES, type FundColumnRole, type GridColumnRole, type Level1Def, type TemplateDef, type TemplateKind } from "./definitions";
import { gradeWords } from "./grade-note";
import { completionCall, execRateCall, execScoreCall, gradeCall, scoreCall, waitingFor } from "../fill/jxzp-formula";
import { profileFor, rowsFor, textOption, yearText, type TemplateOptions } from "./options";
import type { CellContent, FundRowMap, ListValidation, RowMap, SheetBuild, TemplateMap } from "./sheet-build";
import { refList, SheetWriter } from "./sheet-writer";
import { TEMPLATE_STYLES } from "./styles";
import { levelPoints, splitPoints } from "./weights";

/** Everything the sections of one build share. */
interface Build {
  def: TemplateDef;
  profile: Profile;
  options: TemplateOptions;
  w: SheetWriter;
  /** The last column (0-based). */
  last: number;
  execWeight: Decimal;
}

type Cell = { row: number; col: number };

function writeHeader(b: Build): Record<string, string> {
  const { w, options } = b;
  const header: Record<string, string> = {};
  for (const line of b.def.header) {
    for (const f of line) {
      w.text(w.row, f.labelCols[0], f.label, "head", f.labelCols[1]);
      const value = f.source === "project" ? textOption(options.project) : f.source === "unit" ? textOption(options.unit) : "";
      header[f.label] = w.text(w.row, f.valueCols[0], value, "left", f.valueCols[1]);
    }
    w.height(w.row, 22);
    w.row++;
  }
  return header;
}

/** The fund block: its title on the left, a header row, the total row (execution weight and score) and its 其中 rows. */
function writeFund(b: Build): FundRowMap[] {
  const { w, def } = b;
  const fund = def.fund;
  const top = w.row;
  const bottom = top + fund.rows.length;
  w.text(top, 0, `${fund.title}${fund.showPoints ? `（${b.execWeight.toString()}分）` : ""}`, "head", 0, bottom);
  w.text(top, fund.labelCols[0], "", "head", fund.labelCols[1]);
  for (const c of fund.columns) w.text(top, c.cols[0], c.header, "head", c.cols[1]);
  w.height(top, 22);
  const out = fund.rows.map((label, i) => {
    const r = top + 1 + i;
    const isTotal = i === 0;
    const at = (role: FundColumnRole) => {
      const c = fund.columns.find((x) => x.role === role);
      return c ? toA1(r, c.cols[0]) : null;
    };
    const budget = at("budget")!;
    const spent = at("spent")!;
    w.text(r, fund.labelCols[0], label, isTotal ? "head" : "left", fund.labelCols[1]);
    for (const c of fund.columns) {
      const [from, to] = c.cols;
      if (c.role === "budgetStart" || c.role === "budget" || c.role === "spent") w.put(r, from, null, "amount", to);
      // Only the total row's rate is computed: the 其中 rows often have a budget and no 执行数 of their own.
      else if (c.role === "rate") w.put(r, from, isTotal ? { formula: `=${execRateCall(budget, spent)}` } : null, "percent", to);
      else if (c.role === "weight") w.put(r, from, { value: isTotal ? b.execWeight.toNumber() : "—" }, "body", to);
      else if (isTotal) w.put(r, from, { formula: waitingFor([budget, spent], execScoreCall(at("weight")!, budget, spent)) }, "score", to);
      else w.put(r, from, { value: "—" }, "body", to);
    }
    w.height(r, 20);
    return { label, isTotal, budgetStart: at("budgetStart"), budget, spent, rate: at("rate")!, weight: isTotal ? at("weight") : null, score: isTotal ? at("score") : null };
  });
  w.row = bottom + 1;
  return out;
}

/** 年度总体目标: what was planned, what was done. */
function writeGoals(b: Build): TemplateMap["goals"] {
  const { w, def, last } = b;
  const top = w.row;
  w.text(top, 0, def.goals.title, "head", 0, top + 1);
  w.text(top, 1, def.goals.expected, "head", 4);
  w.text(top, 5, def.goals.actual, "head", last);
  const expected = w.put(top + 1, 1, null, "left", 4);
  const actual = w.put(top + 1, 5, null, "left", last);
  w.height(top + 1, 64);
  w.row = top + 2;
  return { expected, actual };
}

interface GridResult {
  rows: RowMap[];
  /** Score cells that hold formulas (what the total waits for) and weight cells. */
  formulaScores: Cell[];
  weights: Cell[];
}

/** The rows one level 1 gets: fixed items (资金管理), or blank rows per level 2. */
function groupsOf(l1: Level1Def, options: TemplateOptions): { level2: string; items: { name: string; target: string }[]; blank: number }[] {
  const groups: { level2: string; items: { name: string; target: string }[]; blank: number }[] = [];
  for (const it of l1.items ?? []) {
    let g = groups.find((x) => x.level2 === it.level2);
    if (!g) groups.push((g = { level2: it.level2, items: [], blank: 0 }));
    g.items.push({ name: it.name, target: it.target });
  }
  if (l1.items) return groups;
  for (const l2 of l1.level2) groups.push({ level2: l2.name, items: [], blank: l1.kind === "execution" ? 1 : rowsFor(l2.name, options.rowsPerLevel2, l2.rows) });
  // A level 1 needs a row to carry its points.
  if (groups.length && groups.every((g) => g.blank === 0)) groups[0].blank = 1;
  return groups;
}

/** One indicator row: its cells by role, filled as the row's kind needs. */
function writeRow(b: Build, r: number, l1: Level1Def, l1Label: string, level2: string, fixed: { name: string; target: string } | null, weight: Decimal | undefined, fundTotal: FundRowMap, out: GridResult) {
  const { w, def } = b;
  const colOf = (role: GridColumnRole) => def.grid.columns.find((c) => c.role === role)?.col;
  const at = (role: GridColumnRole) => {
    const c = colOf(role);
    return c === undefined ? null : toA1(r, c);
  };
  const map: RowMap = {
    kind: l1.kind,
    level1: l1Label,
    level2,
    name: at("level3")!,
    target: at("target")!,
    actual: at("actual")!,
    weight: at("weight"),
    score: at("score"),
    completion: at("completion"),
    direction: at("direction"),
    deviation: at("deviation")!,
  };
  out.rows.push(map);
  const exec = l1.kind === "execution";
  w.put(r, colOf("level3")!, fixed ? { value: fixed.name } : exec ? { value: "预算执行率" } : null, "left");
  w.put(r, colOf("target")!, fixed ? { value: fixed.target } : exec ? { value: "100%" } : null, "body");
  // The execution item's actual is the fund block's rate.
  w.put(r, colOf("actual")!, exec ? { formula: `=${fundTotal.rate}` } : null, exec ? "percent" : "body");
  if (map.weight && weight) {
    w.put(r, colOf("weight")!, { value: weight.toNumber() }, "body");
    out.weights.push({ row: r, col: colOf("weight")! });
  }
  if (map.score && weight) {
    let content: CellContent;
    if (exec) content = { formula: waitingFor([fundTotal.budget, fundTotal.spent], execScoreCall(map.weight!, fundTotal.budget, fundTotal.spent)) };
    // R10: a 资金管理 item starts at full marks; the person deducts 0.5 per problem found.
    else if (l1.kind === "management") content = { value: weight.toNumber() };
    else content = { formula: waitingFor([map.target, map.actual], scoreCall({ weight: map.weight!, target: map.target, actual: map.actual, direction: map.direction }, b.profile)) };
    w.put(r, colOf("score")!, content, "score");
    if (l1.kind !== "management") out.formulaScores.push({ row: r, col: colOf("score")! });
  }
  if (map.direction) w.put(r, colOf("direction")!, null, "body");
  // A qualitative indicator has no 完成率 (#N/A from the function): the printed form shows —.
  if (map.completion) w.put(r, colOf("completion")!, { formula: `=IFNA(${completionCall(map.target, map.actual, map.direction)},"—")` }, "percent");
  w.put(r, colOf("deviation")!, null, "left");
  w.height(r, 30);
}

/** The indicator grid: its header, then each level 1 merged over its rows, each level 2 over its own. */
function writeGrid(b: Build, fundTotal: FundRowMap): GridResult {
  const { w, def } = b;
  const header = w.row;
  const level1Col = def.grid.columns.find((c) => c.role === "level1")!.col;
  const level2Col = def.grid.columns.find((c) => c.role === "level2")!.col;
  for (const c of def.grid.columns) w.text(header, c.col, c.header, "head");
  w.height(header, 30);
  const out: GridResult = { rows: [], formulaScores: [], weights: [] };
  const points = levelPoints(def, b.profile);
  let r = header + 1;
  for (const l1 of def.grid.level1) {
    const l1Points = points.get(l1);
    const l1Label = l1Points !== undefined ? `${l1.name}（${l1Points.toString()}分）` : l1.name;
    const groups = groupsOf(l1, b.options);
    const weights = l1Points !== undefined ? splitPoints(l1Points, groups.reduce((s, g) => s + g.items.length + g.blank, 0)) : [];
    const l1Top = r;
    let k = 0;
    for (const g of groups) {
      const l2Top = r;
      const count = g.items.length + g.blank;
      if (count === 0) {
        // A level 2 with no indicator this year stays on the form, as on the real ones.
        for (const c of def.grid.columns) if (c.col > level2Col) w.put(r, c.col, null, "body");
        w.height(r, 20);
        r++;
      }
      for (let i = 0; i < count; i++, r++, k++) writeRow(b, r, l1, l1Label, g.level2, g.items[i] ?? null, weights[k], fundTotal, out);
      w.text(l2Top, level2Col, g.level2, "body", level2Col, r - 1);
    }
    w.text(l1Top, level1Col, l1Label, "head", level1Col, r - 1);
  }
  const points100 = def.grid.showPoints ? `（${new Decimal(100).minus(b.execWeight).toString()}分）` : "";
  w.text(header, 0, `${def.grid.section}${points100}`, "head", 0, r - 1);
  w.row = r;
  return out;
}

/** 总分 (blank until something is scored) and 等级 under it. */
function writeTotals(b: Build, fundTotal: FundRowMap, grid: GridResult): { total: TemplateMap["total"]; grade: string | null } {
  const { w, def, last } = b;
  if (!def.scored) return { total: null, grade: null };
  const weightCol = def.grid.columns.find((c) => c.role === "weight")!.col;
  const scoreCol = def.grid.columns.find((c) => c.role === "score")!.col;
  const fundWeight = fundTotal.weight ? [parseA1(fundTotal.weight)!] : [];
  const fundScore = fundTotal.score ? [parseA1(fundTotal.score)!] : [];
  const allScores = grid.rows.filter((x) => x.score).map((x) => parseA1(x.score!)!);
  const r = w.row;
  w.text(r, 0, "总分", "head", weightCol - 1);
  const weight = w.put(r, weightCol, { formula: `=SUM(${refList([...fundWeight, ...grid.weights])})` }, "body");
  const score = w.put(r, scoreCol, { formula: `=IF(COUNT(${refList([...fundScore, ...grid.formulaScores])})=0,"",SUM(${refList([...fundScore, ...allScores])}))` }, "score");
  w.put(r, scoreCol + 1, null, "body", last);
  w.height(r, 24);
  w.text(r + 1, 0, "等级", "head", weightCol - 1);
  // The functions take a profile's name for its label set (好/较好/一般/差).
  const grade = w.put(r + 1, weightCol, { formula: `=${gradeCall(score, b.profile)}` }, "head", last);
  w.height(r + 1, 24);
  w.row = r + 2;
  return { total: { weight, score }, grade };
}

function directionList(rows: RowMap[]): ListValidation[] {
  const cells = rows.map((r) => r.direction).filter((x): x is string => x !== null);
  if (!cells.length) return [];
  return [
    {
      range: `${cells[0]}:${cells[cells.length - 1]}`,
      items: DIRECTIONS,
      allowBlank: true,
      prompt: "选择指标方向：正向（越大越好）、反向（越小越好）或定性；留空时按指标值中的“≥”“≤”判断。",
      error: "请从列表中选择：正向、反向或定性。",
    },
  ];
}

/** Builds a blank form of a kind as a host-neutral SheetBuild. Pure: the same options give the same sheet. */
export function buildTemplate(kind: TemplateKind, options: TemplateOptions = {}): SheetBuild {
  const def = TEMPLATES[kind] ?? TEMPLATES.project;
  const profile = profileFor(def, options.profile);
  const w = new SheetWriter();
  const b: Build = { def, profile, options, w, last: def.columnWidths.length - 1, execWeight: new Decimal(profile.executionWeight) };

  const year = yearText(options.year);
  w.text(0, 0, `${year ? `${year}年度` : ""}${def.title}`, "title", b.last);
  w.height(0, 32);
  w.row = 1;
  const header = writeHeader(b);
  const frozenRows = w.row;
  const fund = writeFund(b);
  const goals = writeGoals(b);
  const gridHeaderRow = w.row + 1;
  const grid = writeGrid(b, fund[0]);
  const { total, grade } = writeTotals(b, fund[0], grid);
  const lines = def.note.map((l) => l.replace("{grades}", gradeWords(profile.grades)));
  const note = w.text(w.row, 0, lines.join("\n"), "note", b.last);
  w.height(w.row, 14 * lines.length + 6);

  return {
    kind: def.kind,
    name: def.sheetName,
    cells: w.cells,
    merges: w.merges,
    columnWidths: [...def.columnWidths],
    rowHeights: w.heights,
    styles: TEMPLATE_STYLES,
    areas: w.areas,
    frozenRows,
    print: {
      paper: "A4",
      orientation: "landscape",
      fitToWidth: 1,
      fitToHeight: 0,
      horizontallyCentered: true,
      margins: { top: 1.5, bottom: 1.5, left: 1.2, right: 1.2, header: 0.8, footer: 0.8 },
      repeatRows: `${gridHeaderRow}:${gridHeaderRow}`,
    },
    validations: directionList(grid.rows),
    extent: `A1:${toA1(w.row, b.last)}`,
    map: { title: "A1", header, fund, goals, gridHeaderRow, rows: grid.rows, total, grade, note },
  };
}
