/**
 * Header bands: the one or two rows that name a block's columns. Columns are found by what
 * their headers say, over two rows and through merges (年度指标值 merged over 指标性质 / 指标值 /
 * 度量单位; 实际完成值 merged down both rows), never by where a form happens to put them.
 */
import { readAmount } from "../values/amount";
import { Role, roleOf, roleRank } from "./columns";
import type { Sheet } from "../grid/grid";

/** The columns a role covers in a header: data may sit in any of them. */
export interface Span {
  first: number;
  last: number;
}

export interface HeaderBand {
  top: number;
  bottom: number;
  roles: Map<Role, Span>;
  left: number;
  right: number;
  /** `预算数：` labels with their figures beside them, not columns with rows below. */
  labels?: boolean;
}

const LEVEL_ROLES: Role[] = ["level1", "level2", "level3"];
const VALUE_ROLES: Role[] = ["target", "actual", "weight", "score"];

/** Header cells are a few words; a sentence is a note, not a column name. */
const MAX_HEADER = 24;

/** The role a cell's own text names (not text shown from a merge above or to the left). */
function ownRole(sheet: Sheet, row: number, col: number): Role | null {
  const m = sheet.mergeAt(row, col);
  if (m && (m.top !== row || m.left !== col)) return null;
  const t = sheet.text(row, col);
  return t && t.length <= MAX_HEADER ? roleOf(t) : null;
}

/** The role of the text a cell shows, merged areas included. */
function shownRole(sheet: Sheet, row: number, col: number): Role | null {
  const t = sheet.shownText(row, col);
  return t && t.length <= MAX_HEADER ? roleOf(t) : null;
}

function hasFigure(sheet: Sheet, row: number): boolean {
  for (let c = sheet.left; c <= sheet.right; c++) {
    const v = sheet.value(row, c);
    if (typeof v === "number") return true;
    if (typeof v === "string" && v.length <= 16 && /\d/.test(v) && readAmount(v).kind === "number") return true;
  }
  return false;
}

function rolesOfRow(sheet: Sheet, row: number, own: boolean): Map<number, Role> {
  const out = new Map<number, Role>();
  for (let c = sheet.left; c <= sheet.right; c++) {
    const r = own ? ownRole(sheet, row, c) : shownRole(sheet, row, c);
    if (r) out.set(c, r);
  }
  return out;
}

/** Whether the row below a header row completes it (a two-row header). */
function completesHeader(sheet: Sheet, top: number, below: Map<number, Role>, above: Map<number, Role>): boolean {
  if (below.size === 0 || hasFigure(sheet, top + 1)) return false;
  const fresh = [...below].filter(([c, r]) => above.get(c) !== r);
  if (fresh.length === 0) return false;
  if (new Set(fresh.map(([, r]) => r)).size >= 2) return true;
  // One new name is enough where it sits under a header merged across columns.
  return fresh.some(([c]) => {
    const m = sheet.mergeAt(top, c);
    return m !== null && m.top === top && m.right > m.left;
  });
}

/** The roles a row's own cells name, each row read once per sheet (the scan asks for a row twice). */
type OwnRoles = (row: number) => Map<number, Role>;

function ownRolesOf(sheet: Sheet): OwnRoles {
  const rows = new Map<number, Map<number, Role>>();
  return (row) => {
    let m = rows.get(row);
    if (!m) rows.set(row, (m = rolesOfRow(sheet, row, true)));
    return m;
  };
}

function distinct(roles: Map<number, Role>): number {
  return roles.size < 2 ? roles.size : new Set(roles.values()).size;
}

/** The header band starting at a row, or null when the row names fewer than two columns. */
export function bandAt(sheet: Sheet, row: number, ownRoles: OwnRoles = ownRolesOf(sheet)): HeaderBand | null {
  const own = ownRoles(row);
  if (distinct(own) < 2 || hasFigure(sheet, row)) return null;
  const shown = rolesOfRow(sheet, row, false);
  const below = row + 1 <= sheet.bottom ? ownRoles(row + 1) : new Map<number, Role>();
  const two = completesHeader(sheet, row, below, shown);
  const byCol = new Map<number, Role>();
  for (let c = sheet.left; c <= sheet.right; c++) {
    // The lower row is the more specific name (指标值 under 年度指标值).
    const r = (two ? below.get(c) : undefined) ?? shown.get(c);
    if (r) byCol.set(c, r);
  }
  const roles = new Map<Role, Span>();
  const rank = new Map<Role, number>();
  for (const [c, r] of [...byCol].sort((a, b) => a[0] - b[0])) {
    const s = roles.get(r);
    const here = roleRank(sheet.shownText(two && below.has(c) ? row + 1 : row, c));
    if (!s || (s.last !== c - 1 && here > (rank.get(r) ?? 0))) {
      roles.set(r, { first: c, last: c });
      rank.set(r, here);
    }
    // Otherwise only the first run of columns counts: a second 得分 further right is another block's.
    else if (s.last === c - 1) s.last = c;
  }
  return { top: row, bottom: two ? row + 1 : row, roles, left: sheet.left, right: sheet.right };
}

export type BandKind = "fund" | "table" | "management" | null;

/** What a header band heads: a fund block, an indicator table or a 资金管理 block. */
export function bandKind(band: HeaderBand): BandKind {
  const has = (r: Role) => band.roles.has(r);
  if ((has("budget") || has("budgetStart")) && (has("spent") || has("rate"))) return "fund";
  if (has("spent") && has("rate")) return "fund";
  const levels = LEVEL_ROLES.filter(has).length;
  const values = VALUE_ROLES.filter(has).length;
  // 预期目标 / 实际完成情况 over the 总体目标 texts names two columns too: a table has more.
  if (levels >= 1 && values >= 1) return "table";
  if (has("target") && has("actual") && (has("weight") || has("score") || has("completion") || has("deviation"))) return "table";
  if (has("description") && (has("weight") || has("score") || has("problems"))) return "management";
  return null;
}

/**
 * `预算数：` | 150 | `执行数：` | 48.44 (seed 004): labels with their figures beside them on one
 * row. A header band of its own shape, figures and all.
 */
function labelBandAt(sheet: Sheet, row: number, own: Map<number, Role>): HeaderBand | null {
  const cols = new Map<Role, number>();
  for (const [c, r] of own) if (!cols.has(r)) cols.set(r, c);
  const budget = cols.get("budget") ?? cols.get("budgetStart");
  const spent = cols.get("spent");
  if (budget === undefined || spent === undefined) return null;
  const labelled = (c: number) => {
    if (/[:：]$/.test(sheet.text(row, c))) return true;
    const v = sheet.value(row, sheet.nextColumn(row, c));
    return typeof v === "number";
  };
  if (!labelled(budget) || !labelled(spent)) return null;
  const roles = new Map<Role, Span>();
  for (const [r, c] of cols) roles.set(r, { first: c, last: c });
  return { top: row, bottom: row, roles, left: sheet.left, right: sheet.right, labels: true };
}

export interface FoundBand {
  band: HeaderBand;
  kind: Exclude<BandKind, null>;
}

/**
 * Finds header bands as the reader walks down a sheet: a table's own rows are read once, by
 * the table, which asks here only about rows that could start a block (no figures in them).
 */
export class BandFinder {
  private readonly ownRoles: OwnRoles;
  constructor(private readonly sheet: Sheet) {
    this.ownRoles = ownRolesOf(sheet);
  }

  /** The band starting at a row, or null. */
  at(row: number): FoundBand | null {
    const own = this.ownRoles(row);
    // Most rows name no column at all: nothing more is asked of them.
    if (distinct(own) < 2) return null;
    const band = labelBandAt(this.sheet, row, own) ?? bandAt(this.sheet, row, this.ownRoles);
    const kind = band ? bandKind(band) : null;
    return band && kind ? { band, kind } : null;
  }

  /** The first band at or below a row. */
  next(from: number): FoundBand | null {
    for (let r = from; r <= this.sheet.bottom; r++) {
      const found = this.at(r);
      if (found) return found;
    }
    return null;
  }
}
