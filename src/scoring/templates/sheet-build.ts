/**
 * SheetBuild: a host-neutral description of one sheet to create, so that one template
 * definition builds the sheet in Excel (Office.js), in the browser preview and in an
 * .xlsx file. It only describes; the hosts (src/taskpane/office/template.ts,
 * src/cli/template-xlsx.ts, the preview) apply it.
 *
 * Conventions: addresses are A1 text on the sheet itself (`B7`, `A1:I1`); rows and
 * columns in `rowHeights` / `columnWidths` are 1-based like A1 text. Formulas are written
 * with a leading `=` and the functions' invariant (English/id) names (`=JXZP.SCORE(G14,E14,F14)`),
 * which is what Office.js `range.formulas` takes. They use only references to cells of the
 * same sheet, number and "" literals, `=` between a cell and "", SUM, COUNT, IF, AND, IFNA
 * and the JXZP functions (test/templates/sheet-build.test.ts holds every template to that),
 * so a small evaluator (the browser preview's) can calculate them.
 */

/** A value typed into a cell, or a formula. Text never starts a formula: hosts must keep it text. */
export type CellContent = { value: string | number } | { formula: string };

export type HorizontalAlign = "left" | "center" | "right";
export type VerticalAlign = "top" | "middle" | "bottom";

export interface FontSpec {
  /** The font's name as Excel knows it (`宋体`). */
  name: string;
  /** Fonts to try where the first is missing, in order (CSS in the preview; informative elsewhere). */
  fallback: string[];
  /** Points. */
  size: number;
  bold: boolean;
}

/** How the cells of an area look. Every area sets every field, so hosts need no defaults. */
export interface CellStyle {
  font: FontSpec;
  horizontal: HorizontalAlign;
  vertical: VerticalAlign;
  wrap: boolean;
  /** Thin lines on every edge of every cell of the area (the printed form's grid). */
  border: boolean;
  /** Excel number format (`General`, `0.00`, `0.00%`). */
  numberFormat: string;
}

/** A style applied to a rectangular area; later areas win where they overlap. */
export interface StyledArea {
  range: string;
  style: string;
}

export interface PrintSetup {
  paper: "A4";
  orientation: "landscape" | "portrait";
  /** Fit to this many pages wide; `fitToHeight` 0 means as many pages tall as needed. */
  fitToWidth: number;
  fitToHeight: number;
  horizontallyCentered: boolean;
  /** Margins in centimetres. */
  margins: { top: number; bottom: number; left: number; right: number; header: number; footer: number };
  /** Rows repeated at the top of every printed page (`11:11`), or null. */
  repeatRows: string | null;
}

/** An in-cell drop-down list (data validation) over a range. */
export interface ListValidation {
  range: string;
  items: string[];
  /** Whether a blank cell is allowed. */
  allowBlank: boolean;
  prompt: string;
  error: string;
}

/** Where each figure of one indicator row is, for hosts and tests that type figures in. */
export interface RowMap {
  kind: "indicator" | "execution" | "management";
  level1: string;
  level2: string;
  name: string;
  target: string;
  actual: string;
  weight: string | null;
  score: string | null;
  completion: string | null;
  direction: string | null;
  deviation: string;
}

export interface FundRowMap {
  label: string;
  isTotal: boolean;
  budgetStart: string | null;
  budget: string;
  spent: string;
  /** 执行率: a formula on the total row; on the 其中 rows a cell the person may fill. */
  rate: string;
  weight: string | null;
  score: string | null;
}

/** The cells a person fills in and the cells the formulas fill, by meaning. */
export interface TemplateMap {
  title: string;
  /** Header fields by label (`项目名称` → `B2`). */
  header: Record<string, string>;
  fund: FundRowMap[];
  goals: { expected: string; actual: string };
  /** The indicator grid's header row (1-based). */
  gridHeaderRow: number;
  rows: RowMap[];
  total: { weight: string; score: string } | null;
  grade: string | null;
  note: string | null;
}

export interface SheetBuild {
  /** The template kind it was built from. */
  kind: string;
  /** The sheet's base name; hosts make it unique with `uniqueSheetName`. */
  name: string;
  /** Cell contents by A1 address; a merged area's content sits in its top-left cell. */
  cells: Record<string, CellContent>;
  merges: string[];
  /** Widths in Excel character units, column A first. */
  columnWidths: number[];
  /** Heights in points by 1-based row; rows not listed keep the host's default. */
  rowHeights: Record<number, number>;
  styles: Record<string, CellStyle>;
  areas: StyledArea[];
  /** Rows frozen at the top (0 for none). */
  frozenRows: number;
  print: PrintSetup;
  validations: ListValidation[];
  /** The used range (`A1:I40`). */
  extent: string;
  map: TemplateMap;
}
