/**
 * The form model: one 自评表 as read from its sheet (a sheet may stack several). Every value is already read (a figure, a measure,
 * a stated rate, a text) and carries the cell it came from. Rules and checks take a `Form` and
 * never look at the grid again.
 */
import type Decimal from "decimal.js";
import type { CellRef } from "../grid/address";
import type { StatedRate } from "../values/amount";
import type { Measure } from "../values/measure";
import type { Direction } from "../values/direction";

export type FormKind = "project" | "department" | "transfer" | "completion" | "unknown";

/** A cell's place on its sheet, 0-based (the address module's CellRef: one name for one thing). */
export type Pos = CellRef;

/** Why a cell that should hold a figure does not give one. */
export type UnreadableWhy =
  /** Text with no figure in it (`约一百`). */
  | "text"
  /** An error value the host shows (`#DIV/0!`). */
  | "error-value"
  /** A formula whose result the file did not save. */
  | "formula-no-value"
  /** A JXZP formula the host could not calculate (`#NAME?`): the add-in is not loaded. */
  | "jxzp-not-loaded"
  /** A formula Excel is still calculating (`#BUSY!`): not yet a value, and not the person's mistake. */
  | "not-calculated"
  /** A date where a figure belongs. */
  | "date"
  /** TRUE / FALSE. */
  | "boolean";

/** A cell that must hold a number: a budget, an amount, a weight, a score, a total. */
export type Figure =
  | { kind: "blank"; at: Pos | null }
  | { kind: "number"; at: Pos; value: Decimal; text: string }
  | { kind: "unreadable"; at: Pos; text: string; why: UnreadableWhy };

/** A stated 执行率 or 完成率 with the precision it is written at. */
export type StatedRateCell =
  | { kind: "blank"; at: Pos | null }
  | { kind: "rate"; at: Pos; rate: StatedRate }
  | { kind: "unreadable"; at: Pos; text: string; why: UnreadableWhy };

/** A target or an actual as read (spec §2), with its cell. */
export interface MeasureCell {
  at: Pos | null;
  measure: Measure;
  /** The cell holds no value the rules can read (an error value, a formula with no saved result). */
  problem?: UnreadableWhy;
  /** What the cell shows where it has a problem. */
  text?: string;
}

/** Text of a cell (a name, a deviation note), placeholders read as "". */
export interface TextCell {
  at: Pos | null;
  text: string;
}

export interface FundRow {
  row: number;
  label: string;
  isTotal: boolean;
  budgetStart: Figure;
  budget: Figure;
  spent: Figure;
  rate: StatedRateCell;
  weight: Figure;
  score: Figure;
}

export interface FundBlock {
  /** Where the block's title or first header is, for findings about the block as a whole. */
  anchor: Pos;
  title: string;
  rows: FundRow[];
  /** Points stated in the block's title or headers (`（20分）`). */
  statedPoints: Decimal | null;
  /** The amounts' unit: 万元, 元, or "" where the form does not say. */
  unit: string;
  /** The block has a 得分 or 分值 column, or states points: the execution item is scored. */
  scored: boolean;
  /** Which header the block was read from, for the reader's account. */
  shape: "columns" | "labels";
}

/** A level-1 label and the rows it covers; rows under a blank level cell belong to the label above. */
export interface Level1Group {
  /** Stable identity: the label's cell (or the first row's cell where the form has none). */
  id: string;
  text: string;
  /** The label as matched: no spaces, no bracketed points (`产出指标（50分）` → 产出指标). */
  key: string;
  /** 产出指标 / 效益指标 / 满意度指标 / 预算执行指标 / 资金管理指标, or the label itself. */
  family: string;
  at: Pos | null;
  points: Decimal | null;
}

export type ItemKind = "indicator" | "execution" | "management";

export interface IndicatorRow {
  row: number;
  kind: ItemKind;
  level1: Level1Group;
  level2: string;
  /** The level-2 label as matched (headerKey). */
  level2Key: string;
  name: TextCell;
  /** The 三级指标 cell's own value, for NAME_LOOKS_LIKE_VALUE. */
  nameValue: string | number | boolean | null;
  target: MeasureCell;
  actual: MeasureCell;
  /** The row's 方向 column where the form has one. */
  direction: { at: Pos; direction: Direction | null; text: string } | null;
  /** The row's 指标性质 and 度量单位 cells, which complete the target (two-row headers). */
  comparatorAt: Pos | null;
  unitAt: Pos | null;
  weight: Figure;
  score: Figure;
  completion: StatedRateCell;
  deviation: TextCell | null;
}

/** A 资金管理 item of a transfer form (spec §3 R10): stated, not computed. */
export interface ManagementItem {
  row: number;
  name: TextCell;
  description: TextCell | null;
  weight: Figure;
  score: Figure;
  problems: TextCell | null;
}

export interface ManagementBlock {
  anchor: Pos;
  title: string;
  items: ManagementItem[];
  statedPoints: Decimal | null;
  /** Whether the block has 分值 / 得分 columns (the central 区域 form has only 情况说明). */
  scored: boolean;
}

/** One run of blank, unmerged level cells (LEVEL_MISSING). */
export interface LevelGap {
  level: "level1" | "level2";
  col: number;
  fromRow: number;
  toRow: number;
  /** The label the rows were given (from above), for the message. */
  assumed: string;
}

export interface IndicatorTable {
  headerRow: number;
  /** The columns found by name (role → column). */
  columns: Partial<Record<string, number>>;
  rows: IndicatorRow[];
  level1: Level1Group[];
  gaps: LevelGap[];
  /** Points stated in the table's section title (`年度绩效目标（80分）`). */
  sectionPoints: Decimal | null;
  hasWeights: boolean;
  hasScores: boolean;
  firstRow: number;
  lastRow: number;
  /** The table runs to the sheet's last written row with no total after it: it may be cut off. */
  open: boolean;
}

export interface TotalCells {
  label: Pos;
  score: Figure;
  weight: Figure;
}

export interface GradeCell {
  /** Where the grade is (or would be) written. */
  at: Pos;
  /** The grade's label is in the same cell (`等级：优`). */
  inline: boolean;
  /** The cell's text as written, "" when blank. */
  text: string;
}

export interface HeaderFields {
  title: string;
  project: string;
  unit: string;
  department: string;
}

/** A figure inside the table that no block claimed: the reader says so instead of guessing. */
export interface UnreadFigure {
  at: Pos;
  text: string;
}

export interface Form {
  sheet: string;
  kind: FormKind;
  /** Why the form was taken for its kind, in Chinese, for the report and its reader. */
  kindReason: string;
  /**
   * The rows the form was read from, absolute and 0-based: the whole sheet, or, where a sheet
   * stacks several forms, from its title to the row before the next form's.
   */
  rows: { top: number; bottom: number };
  header: HeaderFields;
  fund: FundBlock | null;
  management: ManagementBlock | null;
  table: IndicatorTable | null;
  total: TotalCells | null;
  grade: GradeCell | null;
  /** The form has 分值 / 得分 anywhere: it is scored. */
  scored: boolean;
  /** Some figure has been entered (an amount, an actual, a score other than a template default). */
  filled: boolean;
  unread: UnreadFigure[];
}
