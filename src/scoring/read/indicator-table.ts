/**
 * The indicator table (一级 / 二级 / 三级指标, 年度指标值, 实际完成值, 分值, 得分, 偏差原因…): every
 * row below its header while the table goes on. Blank and placeholder rows (`指标2:`, `……`) are
 * empty cells, not the end: the table ends at its total, a note, the next block's header, or a
 * run of empty rows no level merge spans.
 */
import { familyOfLevel2, KNOWN_FAMILIES, level1Family, Role } from "./columns";
import type { Sheet } from "../grid/grid";
import { readDirection } from "../values/direction";
import { headerKey } from "../values/text";
import { toA1 } from "../grid/address";
import { titleLeftOf } from "./block-title";
import { cellInSpan, figureAt, measureAt, rateAt, textAt } from "./cell-read";
import type { Claims } from "./claims";
import type { IndicatorRow, IndicatorTable, ItemKind, Level1Group, LevelGap, Pos } from "./form";
import type { BandFinder, HeaderBand, Span } from "./header-band";
import { pointsOf } from "./points";
import { isFormTitle } from "./form-start";
import { isNoteLabel, isTotalLabel } from "./row-labels";

/** Empty rows that end a table where no level merge spans them. */
const END_AFTER_EMPTY = 3;

interface LevelState {
  text: string;
  /** The level-1 group the rows below belong to. */
  group: Level1Group | null;
  open: LevelGap | null;
}

function newGroup(text: string, at: Pos | null, idAt: Pos): Level1Group {
  return { id: toA1(idAt.row, idAt.col), text, key: headerKey(text), family: level1Family(text), at, points: pointsOf(text) };
}

/** Where the table ends: the row of its total, a note, or the next block. */
export interface TableEnd {
  /** The first row after the table's last row. */
  next: number;
  /** The total row, when that is what ended it. */
  totalRow: number | null;
}

export function readIndicatorTable(
  sheet: Sheet,
  band: HeaderBand,
  stop: number,
  claims: Claims,
  finder: BandFinder,
): { table: IndicatorTable; end: TableEnd } {
  const spans = band.roles;
  const col = (r: Role) => spans.get(r)?.first;
  const firstCol = Math.min(...[...spans.values()].map((s) => s.first));
  const section = titleLeftOf(sheet, band.top, firstCol);
  claims.addArea(band.top, sheet.left, band.bottom, sheet.right);
  if (section) claims.add({ row: section.row, col: section.col });
  const sectionBottom = section?.merge?.bottom ?? band.bottom;
  const l1Col = col("level1");
  const l2Col = col("level2");
  const leftMost = Math.min(firstCol, section?.col ?? firstCol);
  const rows: IndicatorRow[] = [];
  const gaps: LevelGap[] = [];
  const groups: Level1Group[] = [];
  const level1: LevelState = { text: "", group: null, open: null };
  const level2: LevelState = { text: "", group: null, open: null };
  let empty = 0;
  let lastRow = band.bottom;
  let totalRow: number | null = null;
  let next = stop;

  const spansRow = (r: number): boolean => {
    for (const c of [section?.col, l1Col, l2Col]) {
      if (c === undefined) continue;
      const m = sheet.mergeAt(r, c);
      if (m && m.top < r) return true;
    }
    return false;
  };

  const noteGap = (state: LevelState, level: "level1" | "level2", c: number, r: number) => {
    const g = state.open;
    if (g && g.toRow === r - 1) g.toRow = r;
    else {
      state.open = { level, col: c, fromRow: r, toRow: r, assumed: state.text };
      gaps.push(state.open);
    }
  };

  /** A level cell: its own label, a merge's label, or (blank, unmerged) the label above with a gap. */
  const levelAt = (state: LevelState, level: "level1" | "level2", c: number | undefined, r: number, isItem: boolean) => {
    if (c === undefined) return;
    const m = sheet.mergeAt(r, c);
    const top = m ? sheet.at(m.top, m.left) : sheet.at(r, c);
    const own = sheet.text(top.row, top.col);
    const startsHere = top.row === r;
    if (own) {
      state.open = null;
      if (startsHere) {
        claims.add(top);
        state.text = own;
        if (level === "level1") groups.push((state.group = newGroup(own, top, top)));
      }
      return;
    }
    if (m && !startsHere) return; // a blank merged area groups rows under the label it continues
    if (m && level === "level1") {
      // A blank merged label still groups its rows apart from the level above.
      groups.push((state.group = newGroup("", null, top)));
      state.text = "";
      state.open = null;
      return;
    }
    if (level === "level1" && !state.group) groups.push((state.group = newGroup("", null, { row: r, col: c })));
    if (isItem) noteGap(state, level, c, r);
  };

  const span = (role: Role) => spans.get(role);
  const ROW_SPANS = {
    level3: span("level3"),
    target: span("target"),
    actual: span("actual"),
    weight: span("weight"),
    score: span("score"),
    completion: span("completion"),
    deviation: span("deviation"),
    comparator: span("comparator"),
    unit: span("unit"),
    direction: span("direction"),
  };
  const noteCols = col("level3") ?? firstCol;
  for (let r = band.bottom + 1; r < stop; r++) {
    let note = false;
    let total = false;
    let anyText = false;
    let figures = false;
    let cellsWithText = 0;
    let lastText = "";
    // A merged area's value is in its top-left cell only: the other cells read as empty.
    for (let c = sheet.left; c <= sheet.right; c++) {
      const v = sheet.value(r, c);
      if (v === null) continue;
      anyText = true;
      // A number is a figure, never a label.
      if (typeof v === "number") {
        figures = true;
        continue;
      }
      const t = sheet.text(r, c);
      if (!t) continue;
      cellsWithText++;
      lastText = t;
      if (isTotalLabel(t)) total = true;
      else if (c <= noteCols && isNoteLabel(t)) note = true;
    }
    // A row with no figure may be the next block's header (or this header repeated after a page break).
    if (!figures && !total && !note && anyText && finder.at(r)) {
      next = r;
      break;
    }
    if (total) {
      totalRow = r;
      next = r;
      break;
    }
    // A form's title alone on its row: the next form of a sheet that stacks several (this one has no total).
    if (note || (!figures && cellsWithText === 1 && isFormTitle(lastText))) {
      next = r;
      break;
    }
    const cells = rowCells(sheet, r, ROW_SPANS);
    // One cell merged across the name, target and actual columns is a remark row (`本年度无此项`), not an item.
    const n = cells.level3;
    const t = cells.target;
    const merged = n && t && n.row === t.row && n.col === t.col;
    const has = (p: Pos | null) => p !== null && sheet.text(p.row, p.col) !== "";
    const isItem = !merged && (has(cells.level3) || has(cells.target) || has(cells.actual) || has(cells.weight) || has(cells.score) || has(cells.completion));
    if (!anyText) {
      if (!spansRow(r) && r > sectionBottom && ++empty >= END_AFTER_EMPTY) break;
      continue;
    }
    empty = 0;
    lastRow = r;
    levelAt(level1, "level1", l1Col, r, isItem);
    levelAt(level2, "level2", l2Col, r, isItem);
    if (merged) claims.add(n);
    if (!isItem) continue;
    if (!level1.group) groups.push((level1.group = newGroup("", null, { row: r, col: leftMost })));
    rows.push(readRow(sheet, r, cells, level1.group, level2.text, claims));
  }
  for (const g of groups) inferFamily(g, rows);
  // Still in the table at the sheet's last written row, with no total: the form may be cut off.
  // (Not a form stacked above another: the rows below it are the next form's.)
  let open = totalRow === null && next >= stop && stop > sheet.bottom && sheet.bottom >= sheet.sheetBottom;
  for (let r = lastRow + 1; open && r <= sheet.bottom; r++) for (let c = sheet.left; c <= sheet.right && open; c++) if (sheet.value(r, c) !== null) open = false;
  const sectionPoints = section ? pointsOf(section.text) : null;
  return {
    table: {
      headerRow: band.top,
      columns: Object.fromEntries([...spans].map(([r, s]) => [r, s.first])),
      rows,
      level1: groups.filter((g) => rows.some((r) => r.level1 === g) || g.text),
      gaps,
      sectionPoints,
      hasWeights: spans.has("weight"),
      hasScores: spans.has("score"),
      firstRow: band.bottom + 1,
      lastRow,
      open,
    },
    end: { next: totalRow ?? Math.min(next, lastRow + 1), totalRow },
  };
}

/** A level 1 whose label names no family (`（50分）`) takes it from its level 2s (数量指标 → 产出). */
function inferFamily(g: Level1Group, rows: IndicatorRow[]) {
  if (KNOWN_FAMILIES.includes(g.family)) return;
  for (const r of rows) {
    if (r.level1 !== g) continue;
    const f = familyOfLevel2(r.level2);
    if (f) {
      g.family = f;
      return;
    }
  }
}

function kindOf(family: string, name: string): ItemKind {
  if (family === "资金管理指标") return "management";
  if (family === "预算执行指标") return "execution";
  if (headerKey(name) === "预算执行率" && family !== "产出指标" && family !== "效益指标") return "execution";
  return "indicator";
}

/** The cells of one row, by the role of their column (null where the table has no such column). */
interface RowCells {
  level3: Pos | null;
  target: Pos | null;
  actual: Pos | null;
  weight: Pos | null;
  score: Pos | null;
  completion: Pos | null;
  deviation: Pos | null;
  comparator: Pos | null;
  unit: Pos | null;
  direction: Pos | null;
}

type RowSpans = { [K in keyof RowCells]: Span | undefined };

function rowCells(sheet: Sheet, r: number, s: RowSpans): RowCells {
  // A value merged down over rows (one target, note or unit for several indicators) is each row's.
  return {
    level3: cellInSpan(sheet, r, s.level3),
    target: cellInSpan(sheet, r, s.target, true),
    actual: cellInSpan(sheet, r, s.actual, true),
    weight: cellInSpan(sheet, r, s.weight),
    score: cellInSpan(sheet, r, s.score),
    completion: cellInSpan(sheet, r, s.completion),
    deviation: cellInSpan(sheet, r, s.deviation, true),
    comparator: cellInSpan(sheet, r, s.comparator, true),
    unit: cellInSpan(sheet, r, s.unit, true),
    direction: cellInSpan(sheet, r, s.direction, true),
  };
}

function readRow(sheet: Sheet, r: number, c: RowCells, group: Level1Group, level2: string, claims: Claims): IndicatorRow {
  claims.add(c.level3);
  claims.add(c.target);
  claims.add(c.actual);
  claims.add(c.weight);
  claims.add(c.score);
  claims.add(c.completion);
  claims.add(c.deviation);
  claims.add(c.comparator);
  claims.add(c.unit);
  claims.add(c.direction);
  const nameValue = c.level3 ? sheet.value(c.level3.row, c.level3.col) : null;
  const dirText = c.direction ? sheet.text(c.direction.row, c.direction.col) : "";
  return {
    row: r,
    // The family is settled once every row of the group is read: the kind is fixed after.
    kind: "indicator",
    level1: group,
    level2,
    level2Key: headerKey(level2),
    name: textAt(sheet, c.level3),
    nameValue,
    target: measureAt(sheet, c.target, c),
    // The 度量单位 column is the indicator's unit: a bare actual (735) is in it too; the comparator is the target's alone.
    actual: measureAt(sheet, c.actual, c, false),
    direction: c.direction ? { at: c.direction, direction: dirText ? readDirection(dirText) : null, text: dirText } : null,
    comparatorAt: c.comparator,
    unitAt: c.unit,
    weight: figureAt(sheet, c.weight),
    score: figureAt(sheet, c.score),
    completion: rateAt(sheet, c.completion),
    deviation: c.deviation ? textAt(sheet, c.deviation) : null,
  };
}

/** Row kinds follow the level-1 family, known once the whole table is read. */
export function settleKinds(table: IndicatorTable) {
  for (const r of table.rows) r.kind = kindOf(r.level1.family, r.name.text);
}
