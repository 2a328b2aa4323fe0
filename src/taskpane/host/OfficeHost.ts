import { CellContent, contentInput, contentOf } from "./cell-content";
import { buildFillRecord, cellsToCheck, FillRecord, locate, trackedRefs, trackName, undoPlan } from "./fill-record";
import { HostError, sheetMissing, sheetProtected, toHostError } from "./host-error";
import { addOfficeMarks, clearOfficeMarks, markedOfficeSheets } from "./office-marks";
import { readWorkbook } from "./office-read";
import { openUndoStore } from "./office-undo-store";
import { applySheetBuild } from "../office/template";
import { MAX_FILLS } from "./undo-xml";
import { buildTemplate } from "../../scoring/templates/build";
import type { TemplateKind } from "../../scoring/templates/definitions";
import type { TemplateOptions } from "../../scoring/templates/options";
import { checkedTemplate } from "./template-request";
import type { CellMark, FillRequest, FormulaSupport, InsertedSheet, ReadScope, UndoResult, WorkbookHost, WorkbookRead } from "./WorkbookHost";

/** Runs a batch and turns whatever Excel throws into a Chinese HostError. */
async function run<T>(batch: (context: Excel.RequestContext) => Promise<T>, options?: Excel.RunOptions): Promise<T> {
  try {
    return await (options ? Excel.run(options, batch) : Excel.run(batch));
  } catch (e) {
    throw toHostError(e);
  }
}

/** ExcelApi 1.20 lets a batch be one step of Excel's own undo (Ctrl+Z). */
function undoGroupsSupported(): boolean {
  try {
    return typeof Office !== "undefined" && Boolean(Office.context?.requirements?.isSetSupported("ExcelApi", "1.20"));
  } catch {
    return false;
  }
}

/** The sheet by name, or a HostError saying it is gone (deleted or renamed since). */
async function existingSheet(context: Excel.RequestContext, name: string, doing: string): Promise<Excel.Worksheet> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(name);
  sheet.load("name");
  await context.sync();
  if (sheet.isNullObject) throw sheetMissing(name, doing);
  sheet.protection.load("protected");
  await context.sync();
  if (sheet.protection.protected) throw sheetProtected(name, doing);
  return sheet;
}

/** Loads what each cell holds now, in one sync. */
async function contentsOf(context: Excel.RequestContext, sheet: Excel.Worksheet, cells: string[]): Promise<Map<string, CellContent>> {
  const ranges = cells.map((c) => {
    const r = sheet.getRange(c);
    r.load("values,formulas");
    return [c, r] as const;
  });
  await context.sync();
  return new Map(ranges.map(([c, r]) => [c, contentOf(r.values[0][0], r.formulas[0][0])]));
}

/**
 * Keeps the fill's cells in a hidden defined name, which Excel moves when rows or columns are
 * inserted or deleted, and drops the names of fills that can no longer be undone. Best effort,
 * after the fill is written: without the name an undo falls back to each row's anchor.
 */
async function trackFill(context: Excel.RequestContext, record: FillRecord, dropped: FillRecord[]): Promise<void> {
  try {
    const tracked = trackedRefs(record);
    if (tracked) {
      const item = context.workbook.names.add(trackName(record), tracked);
      item.visible = false;
    }
    const old = dropped.map((r) => context.workbook.names.getItemOrNullObject(trackName(r)));
    for (const o of old) o.load("name");
    await context.sync();
    for (const o of old) if (!o.isNullObject) o.delete();
    await context.sync();
  } catch {
    // An Excel without defined names in its API: the undo uses the anchors.
  }
}

/** The fill's hidden name as Excel shows it now, or null (no name, or an Excel that cannot say). */
async function trackedFormula(context: Excel.RequestContext, record: FillRecord): Promise<{ formula: string | null; item: Excel.NamedItem | null }> {
  try {
    const item = context.workbook.names.getItemOrNullObject(trackName(record));
    item.load("formula");
    await context.sync();
    return item.isNullObject ? { formula: null, item: null } : { formula: item.formula, item };
  } catch {
    return { formula: null, item: null };
  }
}

function queueContents(sheet: Excel.Worksheet, cells: { cell: string; content: CellContent }[]): void {
  for (const { cell, content } of cells) sheet.getRange(cell).formulas = [[contentInput(content)]];
}

/** The pane's workbook inside Excel, through Office.js. */
export class OfficeHost implements WorkbookHost {
  readonly kind = "office" as const;

  /** The functions share the pane\'s runtime: where the pane runs, they do. */
  formulaSupport(): FormulaSupport {
    return { available: true };
  }

  read(scope: ReadScope): Promise<WorkbookRead> {
    return run((context) => readWorkbook(context, scope));
  }

  select(sheetName: string, cell: string): Promise<void> {
    return run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      sheet.activate();
      // Selecting on a sheet that is not yet active is unreliable: activate first, sync, then select.
      await context.sync();
      sheet.getRange(cell).select();
      await context.sync();
    });
  }

  mark(sheetName: string, marks: CellMark[]): Promise<number> {
    return run(async (context) => {
      await existingSheet(context, sheetName, "未能标记");
      return addOfficeMarks(context, sheetName, marks);
    });
  }

  clearMarks(sheets?: string[]): Promise<number> {
    return run((context) => clearOfficeMarks(context, sheets));
  }

  markedSheets(): Promise<string[]> {
    return run((context) => markedOfficeSheets(context));
  }

  /**
   * Writes a fill plan in one batch. Where Excel supports it, the batch is one step of Excel's
   * own undo too; if Excel refuses to group it (an API without undo support), it is written ungrouped.
   */
  async fill(request: FillRequest): Promise<FillRecord> {
    if (!undoGroupsSupported()) return this.fillOnce(request);
    try {
      return await this.fillOnce(request, { mergeUndoGroup: true });
    } catch (e) {
      if (e instanceof HostError && e.code === "UndoNotSupported") return this.fillOnce(request);
      throw e;
    }
  }

  private fillOnce(request: FillRequest, options?: Excel.RunOptions): Promise<FillRecord> {
    return run(async (context) => {
      const store = await openUndoStore(context);
      const sheet = await existingSheet(context, request.sheet, "未写入任何内容");
      const before = await contentsOf(
        context,
        sheet,
        request.writes.map((w) => w.cell),
      );
      const record = buildFillRecord(request.sheet, request.writes, request.useFormulas, before);
      // The snapshot and the writes go in one batch: either both reach the file or the rollback runs.
      store.queueWrite([...store.fills, record]);
      queueContents(
        sheet,
        record.cells.map((c) => ({ cell: c.cell, content: c.after })),
      );
      try {
        await context.sync();
      } catch (e) {
        await this.rollback(record, store.fills);
        const err = toHostError(e);
        // Refused grouping is not a failure of the fill: the caller writes again ungrouped.
        if (err.code === "UndoNotSupported") throw err;
        throw new HostError(`${err.message}填写未完成，已恢复原有内容，未写入任何单元格。`, "FillFailed");
      }
      const all = [...store.fills, record];
      await trackFill(context, record, all.slice(0, Math.max(0, all.length - MAX_FILLS)));
      return record;
    }, options);
  }

  /** Puts every cell of a failed fill back (Excel may have applied part of the batch) and the old snapshot list. */
  private async rollback(record: FillRecord, fills: FillRecord[]): Promise<void> {
    try {
      await Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem(record.sheet);
        queueContents(
          sheet,
          record.cells.map((c) => ({ cell: c.cell, content: c.before })),
        );
        await context.sync();
        const store = await openUndoStore(context);
        store.queueWrite(fills);
        await context.sync();
      });
    } catch (e) {
      throw new HostError(
        `填写失败，且未能自动恢复单元格 ${record.cells.map((c) => c.cell).join("、")}：${toHostError(e).message}请用 Excel 的撤销（Ctrl+Z）检查这些单元格。`,
        "RollbackFailed",
      );
    }
  }

  lastFill(): Promise<FillRecord | null> {
    return run(async (context) => {
      const store = await openUndoStore(context);
      return store.fills[store.fills.length - 1] ?? null;
    });
  }

  undoFill(): Promise<UndoResult> {
    return run(async (context) => {
      const store = await openUndoStore(context);
      const record = store.fills[store.fills.length - 1];
      if (!record) throw new HostError("没有可撤销的填写。", "NothingToUndo");
      const sheet = await existingSheet(context, record.sheet, "无法撤销填写");
      const tracked = await trackedFormula(context, record);
      const located = locate(record, tracked.formula);
      const now = await contentsOf(context, sheet, cellsToCheck(record, located));
      const plan = undoPlan(record, now, located);
      queueContents(
        sheet,
        plan.restore.map((c) => ({ cell: c.cell, content: c.before })),
      );
      store.queueWrite(store.fills.slice(0, -1));
      tracked.item?.delete();
      await context.sync();
      return { sheet: record.sheet, restored: plan.restore.map((c) => c.cell), keptChanged: plan.keep };
    });
  }

  insertTemplate(kind: TemplateKind, options: TemplateOptions): Promise<InsertedSheet> {
    const build = buildTemplate(checkedTemplate(kind, options), options);
    return run((context) => applySheetBuild(context, build));
  }

  async onChange(listener: () => void): Promise<() => void> {
    let handler: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs> | null = null;
    await run(async (context) => {
      handler = context.workbook.worksheets.onChanged.add(async () => listener());
      await context.sync();
    });
    return () => {
      const h = handler as OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs> | null;
      if (!h) return;
      handler = null;
      void Excel.run(h.context, async (context) => {
        h.remove();
        await context.sync();
      }).catch(() => undefined);
    };
  }
}
