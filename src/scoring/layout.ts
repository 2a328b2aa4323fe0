import type { RangeRef } from "./address";
import { level1Family, Role, roleOf } from "./columns";
import type { Sheet } from "./grid";
import { headerKey, squash, statedPoints } from "./text";

export type FormKind = "project" | "department" | "transfer" | "completion" | "unknown";

/** The roles a fund block's columns may have. */
export type FundRole = "budgetStart" | "budget" | "spent" | "rate" | "weight" | "score";

export interface Pos {
  row: number;
  col: number;
}

export interface FundRow {
  row: number;
  label: string;
  isTotal: boolean;
  cells: Partial<Record<FundRole, Pos>>;
}

export interface FundBlock {
  /** Where the block's title or first header is, for findings about the block as a whole. */
  anchor: Pos;
  rows: FundRow[];
  /** Points stated in the block's title (`（20分）`). */
  statedPoints: number | null;
  /** The amounts' unit from the title: 万元 or 元. */
  unit: string;
}

export type ItemKind = "indicator" | "execution" | "management";

export interface GridRow {
  row: number;
  kind: ItemKind;
  level1: string;
  level2: string;
  /** Where each value of the row is (absent when the form has no such column). */
  cells: Partial<Record<Role, Pos>>;
}

export interface LevelGap {
  /** The column of the level (level1 or level2) and the rows of one run of blank, unmerged cells. */
  level: "level1" | "level2";
  col: number;
  fromRow: number;
  toRow: number;
}

export interface Level1Label {
  family: string;
  text: string;
  pos: Pos;
  points: number | null;
}

export interface IndicatorGrid {
  headerRow: number;
  columns: Partial<Record<Role, number>>;
  rows: GridRow[];
  gaps: LevelGap[];
  level1Labels: Level1Label[];
  /** Points stated in the grid's section title (`年度绩效目标（80分）`). */
  sectionPoints: number | null;
  lastRow: number;
}

export interface TotalRow {
  row: number;
  label: Pos;
  score: Pos | null;
  weight: Pos | null;
}

export interface GradeCell {
  /** Where the grade is (or would be) written. */
  pos: Pos;
  /** The grade's label is in the same cell (`等级：优`). */
  inline: boolean;
}

export interface Layout {
  kind: FormKind;
  title: string;
  fund: FundBlock | null;
  grid: IndicatorGrid | null;
  total: TotalRow | null;
  grade: GradeCell | null;
}

const FUND_ROLES: FundRole[] = ["budgetStart", "budget", "spent", "rate", "weight", "score"];
const GRID_ROLES: Role[] = [
  "level1", "level2", "level3", "target", "actual", "weight", "score", "completion", "deviation", "comparator", "unit", "direction",
];

function rowRoles(sheet: Sheet, row: number, allowed: Role[]): Map<Role, number> {
  const found = new Map<Role, number>();
  for (let c = sheet.left; c <= sheet.right; c++) {
    const t = sheet.text(row, c);
    if (!t || t.length > 30) continue;
    const role = roleOf(t);
    if (role && allowed.includes(role) && !found.has(role)) found.set(role, c);
  }
  return found;
}

/** The merged section title left of a header (`绩效指标` over A10:A35), if any. */
function sectionMerge(sheet: Sheet, row: number, firstCol: number): RangeRef | null {
  for (let c = sheet.left; c < firstCol; c++) {
    const m = sheet.mergeAt(row, c);
    if (m && m.bottom > m.top && m.top <= row && sheet.text(m.top, m.left)) return m;
  }
  return null;
}

function isNumeric(sheet: Sheet, p: Pos): boolean {
  const v = sheet.value(p.row, p.col);
  if (typeof v === "number") return true;
  return typeof v === "string" && /^\s*[-+]?[\d０-９,，.．]+\s*$/.test(v) && /\d|[０-９]/.test(v);
}

function firstFilledRight(sheet: Sheet, row: number, col: number, span = 3): Pos | null {
  let c = sheet.nextColumn(row, col);
  for (let i = 0; i < span && c <= sheet.right; i++) {
    if (sheet.rawText(row, c)) return { row, col: c };
    c = sheet.nextColumn(row, c);
  }
  return null;
}

function unitOf(text: string): string {
  const t = squash(text);
  if (t.includes("万元")) return "万元";
  if (t.includes("(元)") || t.includes("单位:元")) return "元";
  return "";
}

function findFundBlock(sheet: Sheet, stopRow: number): FundBlock | null {
  for (let r = sheet.top; r <= Math.min(sheet.bottom, stopRow); r++) {
    const roles = rowRoles(sheet, r, FUND_ROLES);
    const budget = roles.get("budget") ?? roles.get("budgetStart");
    const spent = roles.get("spent");
    if (budget === undefined || spent === undefined) continue;
    const budgetValue = firstFilledRight(sheet, r, budget, 1);
    if (budgetValue && isNumeric(sheet, budgetValue)) return labelFundBlock(sheet, r, roles);
    return headerFundBlock(sheet, r, roles);
  }
  return null;
}

function titleAround(sheet: Sheet, row: number, firstCol: number): { text: string; pos: Pos } {
  const m = sectionMerge(sheet, row, firstCol);
  if (m) return { text: sheet.text(m.top, m.left), pos: { row: m.top, col: m.left } };
  for (let c = sheet.left; c < firstCol; c++) {
    const t = sheet.shownText(row, c);
    if (t) return { text: t, pos: { row, col: c } };
  }
  return { text: "", pos: { row, col: firstCol } };
}

/** Columns named in one header row, amounts in the rows below (seeds 000, 002). */
function headerFundBlock(sheet: Sheet, header: number, roles: Map<Role, number>): FundBlock {
  const cols = [...roles.values()];
  const firstCol = Math.min(...cols);
  const title = titleAround(sheet, header, firstCol);
  const merge = sectionMerge(sheet, header, firstCol);
  const last = merge ? merge.bottom : Math.min(sheet.bottom, header + 6);
  const labelCol = (r: number): string => {
    for (let c = title.pos.col + (merge ? 1 : 0); c < firstCol; c++) {
      const t = sheet.shownText(r, c);
      if (t) return t;
    }
    return "";
  };
  const cells = (r: number): Partial<Record<FundRole, Pos>> => {
    const out: Partial<Record<FundRole, Pos>> = {};
    for (const [role, col] of roles) out[role as FundRole] = { row: r, col };
    return out;
  };
  const rows: FundRow[] = [];
  for (let r = header + 1; r <= last; r++) {
    const label = labelCol(r);
    const hasAmount = [roles.get("budget"), roles.get("spent")].some(
      (c) => c !== undefined && sheet.rawText(r, c) !== "" && sheet.mergeAt(r, c)?.top !== header,
    );
    if (!label && !hasAmount) continue;
    if (label && roleOf(label) !== null) continue;
    rows.push({ row: r, label, isTotal: false, cells: cells(r) });
  }
  const total =
    rows.find((x) => /合计|总额|总计|小计/.test(squash(x.label)) && !/其中/.test(x.label)) ??
    rows.find((x) => roles.get("budget") !== undefined && isNumeric(sheet, { row: x.row, col: roles.get("budget")! })) ??
    rows[0];
  if (total) total.isTotal = true;
  const headerTexts = [title.text, ...cols.map((c) => sheet.text(header, c))];
  const points = headerTexts.map(statedPoints).find((p) => p !== null) ?? null;
  return {
    anchor: title.text ? title.pos : { row: header, col: firstCol },
    rows,
    statedPoints: points,
    unit: unitOf(title.text) || headerTexts.map(unitOf).find(Boolean) || "",
  };
}

/** `预算数：` with its amount to its right, on one row (seed 004). */
function labelFundBlock(sheet: Sheet, row: number, roles: Map<Role, number>): FundBlock {
  const cells: Partial<Record<FundRole, Pos>> = {};
  for (const [role, col] of roles) {
    const p = firstFilledRight(sheet, row, col, 1);
    if (p) cells[role as FundRole] = p;
    else cells[role as FundRole] = { row, col: sheet.nextColumn(row, col) };
  }
  const firstCol = Math.min(...roles.values());
  const title = titleAround(sheet, row, firstCol);
  return {
    anchor: title.text ? title.pos : { row, col: firstCol },
    rows: [{ row, label: title.text, isTotal: true, cells }],
    statedPoints: statedPoints(title.text),
    unit: unitOf(title.text),
  };
}

function findGridHeader(sheet: Sheet): { row: number; roles: Map<Role, number> } | null {
  for (let r = sheet.top; r <= sheet.bottom; r++) {
    const roles = rowRoles(sheet, r, GRID_ROLES);
    const levels = ["level1", "level2", "level3"].filter((x) => roles.has(x as Role)).length;
    const values = ["target", "actual"].filter((x) => roles.has(x as Role)).length;
    if ((values === 2 && levels >= 1) || (levels >= 2 && values >= 1) || (levels === 3 && roles.has("score")))
      return { row: r, roles };
  }
  return null;
}

/** A header may span two rows: 年度指标值 over 指标性质 / 指标值 / 度量单位. */
function subHeader(sheet: Sheet, header: number, roles: Map<Role, number>): number {
  const below = header + 1;
  if (below > sheet.bottom) return header;
  const sub = rowRoles(sheet, below, ["comparator", "unit", "direction", "target", "actual", "weight", "score"]);
  const sits = [...sub.values()].some((c) => {
    const m = sheet.mergeAt(header, c);
    return m !== null && m.top === header && m.right > m.left;
  });
  if (!sits && !sub.has("comparator") && !sub.has("unit")) return header;
  for (const [role, col] of sub) roles.set(role, col);
  return below;
}

function isTotalLabel(t: string): boolean {
  if (!t.includes("总") && !t.includes("合")) return false;
  const k = headerKey(t);
  return /^(总分|合计|总计|得分合计|自评总分)/.test(k) && k.length <= 12;
}

function findGrid(sheet: Sheet): IndicatorGrid | null {
  const head = findGridHeader(sheet);
  if (!head) return null;
  const columns = head.roles;
  const dataStart = subHeader(sheet, head.row, columns) + 1;
  const firstCol = Math.min(...columns.values());
  const merge = sectionMerge(sheet, head.row, firstCol);
  const section = merge ? sheet.text(merge.top, merge.left) : "";
  const rows: GridRow[] = [];
  const gaps: LevelGap[] = [];
  const level1Labels: Level1Label[] = [];
  const level1Col = columns.get("level1");
  const level2Col = columns.get("level2");
  // Looked up once: the loop below runs for every row of every sheet.
  const valueCols = (["level3", "target", "actual", "weight", "score"] as Role[])
    .map((role) => columns.get(role))
    .filter((c): c is number => c !== undefined);
  const roleCols = [...columns];
  const level3Col = columns.get("level3");
  const limit = merge ? merge.bottom : sheet.bottom;
  let lastRow = dataStart - 1;
  let blankRun = 0;
  const carried: Record<"level1" | "level2", string> = { level1: "", level2: "" };
  const open: Partial<Record<"level1" | "level2", LevelGap>> = {};

  const levelAt = (level: "level1" | "level2", col: number | undefined, r: number, isItem: boolean): string => {
    if (col === undefined) return "";
    const own = sheet.text(r, col);
    const m = sheet.mergeAt(r, col);
    if (own || (m && (m.top !== r || m.left !== col))) {
      open[level] = undefined;
      const text = own || sheet.text(m!.top, m!.left);
      if (text) carried[level] = text;
      if (level === "level1" && own)
        level1Labels.push({ family: level1Family(own), text: own, pos: { row: r, col }, points: statedPoints(own) });
      return text;
    }
    if (m && m.top === r && m.left === col && !own) {
      // A merged area whose own text is blank: it groups rows but names nothing.
      if (isItem) noteGap(level, col, r);
      return carried[level];
    }
    if (isItem) noteGap(level, col, r);
    return carried[level];
  };
  const noteGap = (level: "level1" | "level2", col: number, r: number) => {
    const g = open[level];
    if (g && g.toRow === r - 1) g.toRow = r;
    else {
      const gap = { level, col, fromRow: r, toRow: r };
      gaps.push(gap);
      open[level] = gap;
    }
  };

  for (let r = dataStart; r <= limit; r++) {
    let anyText = false;
    let totalRow = false;
    for (let c = sheet.left; c <= sheet.right && !totalRow; c++) {
      const t = sheet.text(r, c);
      if (!t) continue;
      anyText = true;
      totalRow = isTotalLabel(t);
    }
    if (totalRow) break;
    let isItem = false;
    for (let i = 0; i < valueCols.length && !isItem; i++) isItem = sheet.text(r, valueCols[i]) !== "";
    const l1 = levelAt("level1", level1Col, r, isItem);
    const l2 = levelAt("level2", level2Col, r, isItem);
    if (!anyText) {
      blankRun++;
      if (!merge && blankRun >= 2) break;
      continue;
    }
    blankRun = 0;
    lastRow = r;
    if (!isItem) continue;
    const cells: Partial<Record<Role, Pos>> = {};
    for (let i = 0; i < roleCols.length; i++) cells[roleCols[i][0]] = { row: r, col: roleCols[i][1] };
    const name = level3Col !== undefined ? headerKey(sheet.text(r, level3Col)) : "";
    const family = level1Family(l1);
    let kind: ItemKind = "indicator";
    if (family === "资金管理指标") kind = "management";
    else if (family === "预算执行指标" || (name === "预算执行率" && family !== "产出指标" && family !== "效益指标")) kind = "execution";
    rows.push({ row: r, kind, level1: l1, level2: l2, cells });
  }
  return {
    headerRow: head.row,
    columns: Object.fromEntries(columns) as Partial<Record<Role, number>>,
    rows,
    gaps,
    level1Labels,
    sectionPoints: statedPoints(section),
    lastRow,
  };
}

function findTotal(sheet: Sheet, grid: IndicatorGrid | null, from: number): TotalRow | null {
  for (let r = from; r <= sheet.bottom; r++) {
    for (let c = sheet.left; c <= sheet.right; c++) {
      const t = sheet.rawText(r, c);
      if (!t || !isTotalLabel(t)) continue;
      const scoreCol = grid?.columns.score;
      const weightCol = grid?.columns.weight;
      let score: Pos | null = scoreCol !== undefined ? { row: r, col: scoreCol } : null;
      if (!score) {
        for (let cc = sheet.right; cc > c; cc--)
          if (isNumeric(sheet, { row: r, col: cc })) {
            score = { row: r, col: cc };
            break;
          }
      }
      return { row: r, label: { row: r, col: c }, score, weight: weightCol !== undefined ? { row: r, col: weightCol } : null };
    }
  }
  return null;
}

function findGrade(sheet: Sheet, from: number): GradeCell | null {
  for (let r = from; r <= sheet.bottom; r++) {
    for (let c = sheet.left; c <= sheet.right; c++) {
      const raw = sheet.text(r, c);
      if (!raw.includes("等级")) continue;
      const t = squash(raw);
      const m = /^(?:自评)?等级[:：]?(.*)$/.exec(t.replace(/：/g, ":"));
      if (!m || m[1].length > 4) continue;
      // `等级：优` or `等级：` (to be completed in place); a bare `等级` label has its value to the right.
      if (m[1] || /[:：]$/.test(t)) return { pos: { row: r, col: c }, inline: true };
      const right = sheet.nextColumn(r, c);
      if (right <= sheet.right + 1) return { pos: { row: r, col: right }, inline: false };
      return { pos: { row: r, col: c }, inline: true };
    }
  }
  return null;
}

function titleOf(sheet: Sheet): string {
  const parts: string[] = [];
  for (let r = sheet.top; r <= Math.min(sheet.bottom, sheet.top + 2); r++)
    for (let c = sheet.left; c <= sheet.right; c++) {
      const t = sheet.text(r, c);
      if (t && /表|自评|绩效/.test(t) && t.length <= 60) parts.push(t);
    }
  return parts.join(" ");
}

/** Finds the blocks of a 自评表 on one sheet and says which kind of form it is (spec §1). */
export function findLayout(sheet: Sheet): Layout {
  const grid = findGrid(sheet);
  const fund = findFundBlock(sheet, grid ? grid.headerRow : sheet.bottom);
  const title = titleOf(sheet);
  const after = grid ? grid.lastRow + 1 : fund ? fund.rows[fund.rows.length - 1]?.row ?? sheet.top : sheet.top;
  const total = grid || fund ? findTotal(sheet, grid, after) : null;
  const grade = grid || fund ? findGrade(sheet, grid ? grid.headerRow : sheet.top) : null;
  let kind: FormKind = "unknown";
  if (grid || fund) {
    const t = squash(title);
    const fundTitle = fund ? squash(sheet.text(fund.anchor.row, fund.anchor.col)) : "";
    if (grid && grid.columns.weight === undefined && grid.columns.score === undefined) kind = "completion";
    else if (t.includes("转移支付") || grid?.rows.some((x) => x.kind === "management")) kind = "transfer";
    else if (t.includes("部门整体") || fundTitle.startsWith("资金情况")) kind = "department";
    else kind = "project";
  }
  return { kind, title, fund, grid, total, grade };
}
