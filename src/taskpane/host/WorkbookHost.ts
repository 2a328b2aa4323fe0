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

/** Whether this host can do a feature; when not, a Chinese sentence naming the version it needs. */
export type Capability = { ok: true; note?: string } | { ok: false; needs: string };

/** What the host at hand can do (an older Excel lacks some requirement sets; WPS and the web page differ). */
export interface HostCapabilities {
  validate: Capability;
  marks: Capability;
  fill: Capability;
  undo: Capability;
  templates: Capability;
  live: Capability;
  finalize: Capability;
  /** JXZP formulas calculate here (WPS before 12.1.0.20540 has no add-in functions: figures only). */
  formulas: Capability;
}

export const ALL_CAPABLE: HostCapabilities = {
  validate: { ok: true },
  marks: { ok: true },
  fill: { ok: true },
  undo: { ok: true },
  templates: { ok: true },
  live: { ok: true },
  finalize: { ok: true },
  formulas: { ok: true },
};

/** What 定稿 did: the workbook as it goes to the 财政局 and to 公开, without the add-in's traces. */
export interface FinalizeResult {
  /** Cells whose JXZP formula became its value, by sheet. */
  converted: { sheet: string; cells: string[] }[];
  /** JXZP cells left as formulas, and why (their result is an error value, or still being calculated). */
  kept: { sheet: string; cell: string; why: string }[];
  marksRemoved: number;
  undoRecordsRemoved: number;
  namesRemoved: number;
}

/** What inserting a template gave: the new sheet's name and what this host could not apply. */
export interface InsertedSheet {
  name: string;
  /** In Chinese: parts of the form this Excel cannot set up (older requirement sets). */
  skipped: string[];
}

/**
 * The workbook as the pane sees it. Three implementations: OfficeHost (Excel through Office.js),
 * WpsHost (WPS 表格 through its ET object model) and MemoryHost (an in-memory workbook for
 * preview.html). The pane uses nothing else. Every method rejects with a HostError whose message
 * is Chinese.
 */
export interface WorkbookHost {
  readonly kind: "office" | "memory" | "wps";
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
  /**
   * 定稿 (issue 16): every JXZP formula in the workbook becomes its value, and the add-in's marks,
   * undo records and hidden `_jxzp_fill_` names are removed, so the file carries no trace of the
   * add-in. Cells whose JXZP formula shows an error value are left and listed. The pane checks again after it.
   */
  finalize(): Promise<FinalizeResult>;
  /** What this host can do; absent means everything. */
  capabilities?(): HostCapabilities;
}
