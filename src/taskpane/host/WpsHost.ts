import { parseA1, rangeToA1, type RangeRef } from "../../scoring/grid/address";
import { buildTemplate } from "../../scoring/templates/build";
import type { TemplateKind } from "../../scoring/templates/definitions";
import type { TemplateOptions } from "../../scoring/templates/options";
import { CellContent, contentInput, contentOf } from "./cell-content";
import { buildFillRecord, cellsToCheck, FillRecord, locate, trackedRefs, trackName, undoPlan } from "./fill-record";
import { HostError, sheetMissing, sheetProtected, toHostError } from "./host-error";
import { checkedTemplate } from "./template-request";
import { MAX_FILLS } from "./undo-xml";
import { etApplication, wpsRoot, type EtApplication, type EtWorksheet, type WpsAddinRoot } from "./wps-app";
import { cellValue, matrixOf } from "./wps-cells";
import { addWpsMarks, clearWpsMarks, markedWpsSheets } from "./wps-marks";
import { readWpsWorkbook } from "./wps-read";
import { insertWpsSheet } from "./wps-template";
import { readWpsFills, UNDO_SHEET, writeWpsFills } from "./wps-undo-store";
import { finalizePlan } from "./finalize-plan";
import { ALL_CAPABLE, type CellMark, type FillRequest, type FinalizeResult, type HostCapabilities, type InsertedSheet, type ReadScope, type UndoResult, type WorkbookHost, type WorkbookRead } from "./WorkbookHost";

/** The key under which main.js tells the pane whether WPS took the JXZP functions (PluginStorage is shared by the add-in's pages). */
export const FUNCTIONS_KEY = "jxzp.functions";

/** WPS 12.1.0.20540 is the first build with add-in custom functions (WPS 开放平台「加载项自定义函数」). */
export const NO_FUNCTIONS_NOTE =
  "此版本 WPS 不支持加载项自定义函数（需 WPS 12.1.0.20540 及以上版本），JXZP 公式无法计算：填写得分只写数值，插入模板时得分、总分、等级留空并在批注中注明公式。";

const ours = (name: string): boolean => name === UNDO_SHEET;

/** Lets the browser paint between steps: WPS's calls are synchronous and block the page while they run. */
const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Runs a step against WPS and turns whatever it throws into a Chinese HostError. */
async function run<T>(step: () => T): Promise<T> {
  await tick();
  try {
    return step();
  } catch (e) {
    throw toHostError(e);
  }
}

/** The smallest rectangle holding the cells. */
function boundsOf(cells: string[]): RangeRef | null {
  let r: RangeRef | null = null;
  for (const c of cells) {
    const p = parseA1(c);
    if (!p) continue;
    r = r
      ? { top: Math.min(r.top, p.row), left: Math.min(r.left, p.col), bottom: Math.max(r.bottom, p.row), right: Math.max(r.right, p.col) }
      : { top: p.row, left: p.col, bottom: p.row, right: p.col };
  }
  return r;
}

/** What the cells hold now, from one read of their bounding rectangle (Value2 and Formula: two calls). */
function contentsOf(ws: EtWorksheet, cells: string[]): Map<string, CellContent> {
  const out = new Map<string, CellContent>();
  const b = boundsOf(cells);
  if (!b) return out;
  const range = ws.Range(rangeToA1(b));
  const rows = b.bottom - b.top + 1;
  const cols = b.right - b.left + 1;
  const values = matrixOf(range.Value2, rows, cols);
  const formulas = matrixOf(range.Formula, rows, cols);
  for (const c of cells) {
    const p = parseA1(c);
    if (!p) continue;
    const i = p.row - b.top;
    const j = p.col - b.left;
    out.set(c, contentOf(cellValue(values[i]?.[j]), formulas[i]?.[j]));
  }
  return out;
}

function putAll(ws: EtWorksheet, cells: { cell: string; content: CellContent }[]): void {
  for (const { cell, content } of cells) ws.Range(cell).Formula = contentInput(content) as string;
}

/** The pane's workbook inside WPS 表格, over the ET object model of the page's `Application`. */
export class WpsHost implements WorkbookHost {
  readonly kind = "wps" as const;
  private readonly root: WpsAddinRoot | null;

  constructor(
    private readonly appOf: () => EtApplication | null = () => etApplication(wpsRoot()),
    root: WpsAddinRoot | null = wpsRoot(),
  ) {
    this.root = root;
  }

  private app(): EtApplication {
    const app = this.appOf();
    if (!app) throw new HostError("没有找到 WPS 表格的对象模型：请在 WPS 表格中通过“绩效自评”选项卡打开任务窗格。", "ItemNotFound");
    return app;
  }

  /** The sheet by name, or a Chinese error: gone (deleted or renamed since) or protected. */
  private sheet(app: EtApplication, name: string, doing: string, writing = true): EtWorksheet {
    let ws: EtWorksheet;
    try {
      ws = app.ActiveWorkbook.Worksheets.Item(name) as EtWorksheet;
    } catch {
      throw sheetMissing(name, doing);
    }
    if (!ws) throw sheetMissing(name, doing);
    if (writing && ws.ProtectContents) throw sheetProtected(name, doing);
    return ws;
  }

  /** Whether WPS calculates the JXZP functions: main.js says so through PluginStorage; a pane opened without it asks the API. */
  private functionsAvailable(): boolean {
    const said = this.root?.PluginStorage?.getItem(FUNCTIONS_KEY);
    return said === "ok" || (said === undefined || said === null ? typeof this.root?.AddCustomFunction === "function" : false);
  }

  capabilities(): HostCapabilities {
    return {
      ...ALL_CAPABLE,
      live: this.root?.ApiEvent ? { ok: true } : { ok: false, needs: "实时校验需要 WPS 加载项的事件接口（ApiEvent），此 WPS 没有。" },
      formulas: this.functionsAvailable() ? { ok: true } : { ok: false, needs: NO_FUNCTIONS_NOTE },
    };
  }

  read(scope: ReadScope): Promise<WorkbookRead> {
    return run(() => readWpsWorkbook(this.app(), scope, ours));
  }

  select(sheetName: string, cell: string): Promise<void> {
    return run(() => {
      const ws = this.sheet(this.app(), sheetName, "无法定位单元格", false);
      if (!parseA1(cell)) throw new HostError(`“${cell}”不是有效的单元格地址。`, "InvalidArgument");
      // Select works on the active sheet only (VBA "Range.Select"): activate first.
      ws.Activate();
      ws.Range(cell).Select();
    });
  }

  mark(sheetName: string, marks: CellMark[]): Promise<number> {
    return run(() => addWpsMarks(this.sheet(this.app(), sheetName, "未能标记"), marks));
  }

  clearMarks(sheets?: string[]): Promise<number> {
    return run(() => clearWpsMarks(this.app(), sheets, ours));
  }

  markedSheets(): Promise<string[]> {
    return run(() => markedWpsSheets(this.app(), ours));
  }

  /**
   * Writes a fill plan. WPS has no batch to roll back, so: the undo record is saved first, then
   * the cells are written one by one; if any write fails, every cell already written is put back
   * and the record is taken out again, and the error says so.
   */
  fill(request: FillRequest): Promise<FillRecord> {
    return run(() => {
      const app = this.app();
      const ws = this.sheet(app, request.sheet, "未写入任何内容");
      const useFormulas = request.useFormulas && this.functionsAvailable();
      const notes = request.useFormulas && !useFormulas ? ["未写入公式：此版本 WPS 不支持加载项自定义函数；已改为写入数值。"] : [];
      const before = contentsOf(
        ws,
        request.writes.map((w) => w.cell),
      );
      const record = buildFillRecord(request.sheet, request.writes, useFormulas, before);
      const fills = readWpsFills(app);
      writeWpsFills(app, [...fills, record]);
      const written: FillRecord["cells"] = [];
      try {
        for (const c of record.cells) {
          putAll(ws, [{ cell: c.cell, content: c.after }]);
          written.push(c);
        }
      } catch (e) {
        this.rollback(app, ws, written, fills);
        throw new HostError(`${toHostError(e).message}填写未完成，已恢复原有内容，未写入任何单元格。`, "FillFailed");
      }
      this.track(app, record, [...fills, record]);
      return notes.length ? { ...record, notes } : record;
    });
  }

  private rollback(app: EtApplication, ws: EtWorksheet, written: FillRecord["cells"], fills: FillRecord[]): void {
    try {
      putAll(
        ws,
        written.map((c) => ({ cell: c.cell, content: c.before })),
      );
      writeWpsFills(app, fills);
    } catch (e) {
      throw new HostError(
        `填写失败，且未能自动恢复单元格 ${written.map((c) => c.cell).join("、")}：${toHostError(e).message}请用 WPS 的撤销（Ctrl+Z）检查这些单元格。`,
        "RollbackFailed",
      );
    }
  }

  /**
   * Keeps the fill's cells in a hidden defined name (Names.Add with Visible False, VBA
   * "Names.Add"), which moves with inserted and deleted rows and columns as Excel's does, and
   * drops the names of fills that can no longer be undone. Best effort: without the name an undo
   * falls back to each row's anchor.
   */
  private track(app: EtApplication, record: FillRecord, all: FillRecord[]): void {
    try {
      const names = app.ActiveWorkbook.Names;
      const refs = trackedRefs(record);
      if (refs) names.Add(trackName(record), refs, false);
      for (const old of all.slice(0, Math.max(0, all.length - MAX_FILLS))) {
        try {
          names.Item(trackName(old)).Delete();
        } catch {
          // Already gone.
        }
      }
    } catch {
      // A WPS without defined names in its API: the undo uses the anchors.
    }
  }

  /** The fill's hidden name as WPS shows it now (RefersTo), or null. */
  private tracked(app: EtApplication, record: FillRecord): { formula: string | null; remove: () => void } {
    try {
      const item = app.ActiveWorkbook.Names.Item(trackName(record));
      const f: unknown = item.RefersTo;
      return { formula: typeof f === "string" ? f : null, remove: () => item.Delete() };
    } catch {
      return { formula: null, remove: () => undefined };
    }
  }

  lastFill(): Promise<FillRecord | null> {
    return run(() => {
      const fills = readWpsFills(this.app());
      return fills[fills.length - 1] ?? null;
    });
  }

  undoFill(): Promise<UndoResult> {
    return run(() => {
      const app = this.app();
      const fills = readWpsFills(app);
      const record = fills[fills.length - 1];
      if (!record) throw new HostError("没有可撤销的填写。", "NothingToUndo");
      const ws = this.sheet(app, record.sheet, "无法撤销填写");
      const tracked = this.tracked(app, record);
      const located = locate(record, tracked.formula);
      const now = contentsOf(ws, cellsToCheck(record, located));
      const plan = undoPlan(record, now, located);
      putAll(
        ws,
        plan.restore.map((c) => ({ cell: c.cell, content: c.before })),
      );
      writeWpsFills(app, fills.slice(0, -1));
      try {
        tracked.remove();
      } catch {
        // The name is only a helper; the cells are back.
      }
      return { sheet: record.sheet, restored: plan.restore.map((c) => c.cell), keptChanged: plan.keep };
    });
  }

  insertTemplate(kind: TemplateKind, options: TemplateOptions): Promise<InsertedSheet> {
    return run(() => insertWpsSheet(this.app(), buildTemplate(checkedTemplate(kind, options), options), this.functionsAvailable()));
  }

  /**
   * 定稿: the same plan as in Excel (finalize-plan.ts) from one read of every sheet; each JXZP cell
   * that shows a value gets that value, then the add-in's marks, the hidden undo sheet and the
   * hidden `_jxzp_fill_` names go.
   */
  finalize(): Promise<FinalizeResult> {
    return run(() => {
      const app = this.app();
      const plan = finalizePlan(readWpsWorkbook(app, "workbook", ours).grids);
      const bySheet = new Map<string, string[]>();
      for (const c of plan.convert) {
        const ws = this.sheet(app, c.sheet, "未能定稿");
        putAll(ws, [{ cell: c.cell, content: { formula: null, value: c.value } }]);
        bySheet.set(c.sheet, [...(bySheet.get(c.sheet) ?? []), c.cell]);
      }
      const marksRemoved = clearWpsMarks(app, undefined, ours);
      const undoRecordsRemoved = readWpsFills(app).length;
      writeWpsFills(app, []);
      let namesRemoved = 0;
      const names = app.ActiveWorkbook.Names;
      // Items are 1-based; from the end, so deleting does not shift the ones still to visit.
      for (let i = names.Count; i >= 1; i--) {
        const item = names.Item(i);
        if (String(item.Name).startsWith("_jxzp_fill_")) {
          item.Delete();
          namesRemoved++;
        }
      }
      return { converted: [...bySheet].map(([sheet, cells]) => ({ sheet, cells })), kept: plan.keep, marksRemoved, undoRecordsRemoved, namesRemoved };
    });
  }

  async onChange(listener: () => void): Promise<() => void> {
    const events = this.root?.ApiEvent;
    if (!events) return () => undefined;
    // SheetChange: et-jsapi-declare addon.et.d.ts EtApiEvent.
    const handler = () => listener();
    events.AddApiEventListener("SheetChange", handler);
    return () => events.RemoveApiEventListener("SheetChange", handler);
  }
}
