import type { Finding } from "./findings";
import type { FormKind, ItemKind } from "../read/form";
import type { Direction } from "../values/direction";

/** The execution figures of a form (R1, R2). Amounts as written (万元 or 元). */
export interface ExecutionReport {
  budget: number | null;
  spent: number | null;
  /** 执行数 ÷ 预算数, 6 decimals. */
  rate: number | null;
  weight: number | null;
  score: number | null;
  statedRate: number | null;
  statedScore: number | null;
  unit: string;
  cells: { budget: string | null; spent: string | null; rate: string | null; score: string | null; weight: string | null };
}

/** A tier a person picks for a qualitative row the rule cannot decide (R6). */
export interface Tier {
  label: "达成" | "部分达成" | "未达成";
  min: number;
  /** Upper bound; inclusive only for 达成. */
  max: number;
  suggested: number;
}

export type RowStatus = "scored" | "judgement" | "unit-mismatch" | "blank" | "unparseable" | "stated";

export interface IndicatorReport {
  /** 1-based row number, as Excel shows it. */
  row: number;
  kind: ItemKind;
  level1: string;
  level2: string;
  name: string;
  target: string | null;
  actual: string | null;
  weight: number | null;
  statedScore: number | null;
  /** The rule's score; null where the rule cannot decide or the weight is unknown. */
  score: number | null;
  status: RowStatus;
  met: boolean | null;
  direction: Direction | null;
  /** B ÷ A (A ÷ B for a negative indicator), 6 decimals. */
  completionRate: number | null;
  tiers: Tier[] | null;
  cells: {
    name: string | null;
    target: string | null;
    actual: string | null;
    weight: string | null;
    score: string | null;
    deviation: string | null;
    completion: string | null;
  };
}

/** Points by level 1, for the pane's chart: weight against score. */
export interface LevelSummary {
  level1: string;
  weight: number | null;
  score: number | null;
}

/**
 * Which form of its sheet a report is. Departments stack every project's form one under another
 * on one sheet; each is read, scored and reported on its own. Most sheets hold one.
 */
export interface FormPlace {
  /** 1-based, top to bottom. */
  index: number;
  /** How many forms the sheet holds (1 also for a sheet with none: its one report says so). */
  count: number;
  /** The rows the form spans, 1-based as Excel shows them: its title to the row before the next form's. */
  firstRow: number;
  lastRow: number;
}

/** `第2张表（共3张，第41–80行）` for a form of a stacked sheet; "" for a sheet's only form. */
export function formPlaceLabel(place: FormPlace): string {
  return place.count > 1 ? `第${place.index}张表（共${place.count}张，第${place.firstRow}–${place.lastRow}行）` : "";
}

/** The sheet's name, and which form of it where it stacks several: `汇总 第2张表（共3张，第41–80行）`. */
export function formSheetLabel(r: { sheet: string; place: FormPlace }): string {
  const place = formPlaceLabel(r.place);
  return place ? `${r.sheet} ${place}` : r.sheet;
}

/** One form's result (one per sheet, or one per form where a sheet stacks several). */
export interface SheetReport {
  sheet: string;
  /** Which form of the sheet this is, and its rows. */
  place: FormPlace;
  kind: FormKind;
  /** Why the sheet was taken for its kind (title, header names, blocks), in Chinese. */
  kindReason: string;
  profile: string;
  title: string;
  /** 项目名称 (or 转移支付名称) as the form states it, "" where it has none. */
  project: string;
  /** 实施单位 / 单位名称 / 部门名称. */
  unit: string;
  /** 主管部门. */
  department: string;
  /** The form has 分值 / 得分 and the profile scores: totals and grades mean something. */
  scored: boolean;
  execution: ExecutionReport | null;
  indicators: IndicatorReport[];
  total: {
    stated: number | null;
    computed: number | null;
    statedSum: number | null;
    weightSum: number | null;
    cell: string | null;
    /** Why there is no computed total where the form has scores (an impossible stated score …). */
    note: string | null;
    /** The most the form can score (its weights, or its labels' points); null where it does not say. */
    max: number | null;
  };
  grade: { stated: string | null; computed: string | null; cell: string | null; inline: boolean };
  levels: LevelSummary[];
  findings: Finding[];
}
