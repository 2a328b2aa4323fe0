import type { CellWrite } from "../../scoring/fill/fill";
import type { Severity } from "../../scoring/findings/findings";
import type { Grid } from "../../scoring/grid/grid";
import type { TemplateKind } from "../../scoring/templates/definitions";
import type { TemplateOptions } from "../../scoring/templates/options";
import type { FillRecord } from "./fill-record";

/** Which sheets one validation reads. */
export type ReadScope = "active" | "workbook";

/** What a read hands the pane: the grids for the core and which sheet the person is on. */
export interface WorkbookRead {
  grids: Grid[];
  activeSheet: string;
  /** What was left unread, in Chinese (values beyond the area a form can occupy). */
  notes?: string[];
}

/** A cell to highlight with the severity of its worst finding. */
export interface CellMark {
  cell: string;
  severity: Severity;
}

export interface FillRequest {
  sheet: string;
  writes: CellWrite[];
  /** Write `write.formula` where the plan has one, instead of the figure. */
  useFormulas: boolean;
}

export interface UndoResult {
  sheet: string;
  restored: string[];
  /** Cells changed by someone since the fill: left as they are, so nothing typed is lost. */
  keptChanged: string[];
}

/** What inserting a template gave: the new sheet's name and what this host could not apply. */
export interface InsertedSheet {
  name: string;
  /** In Chinese: parts of the form this Excel cannot set up (older requirement sets). */
  skipped: string[];
}

/** Whether the host calculates the JXZP functions; when not, a Chinese note saying why and what the pane does instead. */
export type FormulaSupport = { available: true } | { available: false; note: string };

/**
 * The workbook as the pane sees it. Three implementations: OfficeHost (Excel through Office.js),
 * WpsHost (WPS 表格 through its ET object model) and MemoryHost (an in-memory workbook for
 * preview.html). The pane uses nothing else. Every method rejects with a HostError whose message
 * is Chinese.
 */
export interface WorkbookHost {
  readonly kind: "office" | "memory" | "wps";
  /** Whether JXZP formulas calculate here (WPS before 12.1.0.20540 has no add-in functions). */
  formulaSupport(): FormulaSupport;
  /** Values, number formats and merged areas of the active sheet or of every sheet. */
  read(scope: ReadScope): Promise<WorkbookRead>;
  /** Activates the sheet, then selects the cell. */
  select(sheet: string, cell: string): Promise<void>;
  /** Highlights cells without touching the person's own formatting. Returns how many cells. */
  mark(sheet: string, marks: CellMark[]): Promise<number>;
  /** Removes every highlight the add-in added, on the given sheets (every sheet when none given), and nothing else. */
  clearMarks(sheets?: string[]): Promise<number>;
  /** The sheets that carry the add-in's highlights. */
  markedSheets(): Promise<string[]>;
  /** Writes a fill plan in one batch, keeping a snapshot in the document for undo. Writes nothing on failure. */
  fill(request: FillRequest): Promise<FillRecord>;
  /** The latest fill that can still be undone, from the document. */
  lastFill(): Promise<FillRecord | null>;
  /** Restores the cells of the latest fill to what they held before it. */
  undoFill(): Promise<UndoResult>;
  /** Calls back when cells change; returns the unsubscribe function. */
  onChange(listener: () => void): Promise<() => void>;
  /** Inserts a blank official form as a new sheet, leaving every other sheet as it is (issue 5). */
  insertTemplate(kind: TemplateKind, options: TemplateOptions): Promise<InsertedSheet>;
}
