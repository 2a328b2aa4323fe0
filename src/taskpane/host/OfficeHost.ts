import type { CellValue } from "../../scoring/grid/grid";
import { CellContent, contentInput, contentOf } from "./cell-content";
import { buildFillRecord, cellsToCheck, FillRecord, locate, trackedRefs, trackName, undoPlan } from "./fill-record";
import { finalizePlan } from "./finalize-plan";
import { channelTag, formulaChannel, formulaFor, formulaProperty, type FormulaChannel } from "./formula-channel";
import { HostError, sheetMissing, sheetProtected, toHostError } from "./host-error";
import { calculatedValues, DEFAULT_CALC_WAIT, type CalcWait } from "./office-calc";
import { officeCapabilities } from "./office-capabilities";
import { addOfficeMarks, clearOfficeMarks, markedOfficeSheets } from "./office-marks";
import { readWorkbook } from "./office-read";
import { openUndoStore } from "./office-undo-store";
import { applySheetBuild } from "../office/template";
import { MAX_FILLS } from "./undo-xml";
import { buildTemplate } from "../../scoring/templates/build";
import type { TemplateKind } from "../../scoring/templates/definitions";
import type { TemplateOptions } from "../../scoring/templates/options";
import { checkedTemplate } from "./template-request";
import type { CellMark, FillRequest, FinalizeResult, HostCapabilities, InsertedSheet, ReadScope, UndoResult, WorkbookHost, WorkbookRead } from "./WorkbookHost";

/** Runs a batch and turns whatever Excel throws into a Chinese HostError. */
async function run<T>(batch: (context: Excel.RequestContext) => Promise<T>, options?: Excel.RunOptions): Promise<T> {
  try {
    return await (options ? Excel.run(options, batch) : Excel.run(batch));
  } catch (e) {
    throw toHostError(e);
  }
}

/** Whether this Excel has an ExcelApi requirement set (Office.context.requirements.isSetSupported). */
export function excelApiSupported(version: string): boolean {
  try {
    return typeof Office !== "undefined" && Boolean(Office.context?.requirements?.isSetSupported("ExcelApi", version));
  } catch {
    return false;
  }
}

function displayLanguage(): string {
  try {
    return typeof Office !== "undefined" ? (Office.context?.displayLanguage ?? "") : "";
  } catch {
    return "";
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

/** How formulas go into this Excel: from its display language and, where it can say (ExcelApi 1.11), its decimal separator. */
async function channelOf(context: Excel.RequestContext, supports: (v: string) => boolean): Promise<FormulaChannel> {
  let decimal: string | null = null;
  if (supports("1.11")) {
    const nf = context.workbook.application.cultureInfo.numberFormat;
    nf.load("numberDecimalSeparator");
    await context.sync();
    decimal = nf.numberDecimalSeparator;
  }
  return formulaChannel(displayLanguage(), decimal);
}

/** Loads what each cell holds now, in one sync, its formula as `channel` writes it. */
async function contentsOf(context: Excel.RequestContext, sheet: Excel.Worksheet, cells: string[], channel: FormulaChannel): Promise<Map<string, CellContent>> {
  const prop = formulaProperty(channel);
  const ranges = cells.map((c) => {
    const r = sheet.getRange(c);
    r.load(["values", prop]);
    return [c, r] as const;
  });
  await context.sync();
  return new Map(ranges.map(([c, r]) => [c, contentOf(r.values[0][0], r[prop][0][0])]));
}

/** Queues cell contents: formulas through the channel's property, constants through Range.formulas (text kept as text). */
function queueContents(sheet: Excel.Worksheet, cells: { cell: string; content: CellContent }[], channel: FormulaChannel): void {
  const prop = formulaProperty(channel);
  for (const { cell, content } of cells) {
    const r = sheet.getRange(cell);
    if (content.formula !== null) r[prop] = [[content.formula]];
    else r.formulas = [[contentInput(content)]];
  }
}

/** The channel a record's formulas were written in (records from before issue 16 used Range.formulas). */
function recordChannel(record: FillRecord): FormulaChannel {
  const m = /^local:(.+)$/.exec(record.channel ?? "");
  return m ? { kind: "local", locale: m[1] === "en-US" ? "en-US" : "zh-CN", language: m[1] } : { kind: "invariant", locale: "en-US" };
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

/** The fill's hidden name as Excel shows it now (localized on desktop, #2834), or null (no name, or an Excel that cannot say). */
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

const stored = (r: FillRecord): FillRecord => {
  const copy = { ...r };
  delete copy.notes;
  return copy;
};

export interface OfficeHostOptions {
  calcWait?: CalcWait;
  /** Cells per read round trip (office-read); tests make it small. */
  cellBudget?: number;
}

/** The pane's workbook inside Excel, through Office.js. */
export class OfficeHost implements WorkbookHost {
  readonly kind = "office" as const;

  constructor(private readonly options: OfficeHostOptions = {}) {}

  private get calcWait(): CalcWait {
    return this.options.calcWait ?? DEFAULT_CALC_WAIT;
  }

  capabilities(): HostCapabilities {
    return officeCapabilities(excelApiSupported);
  }

  read(scope: ReadScope): Promise<WorkbookRead> {
    return run((context) => readWorkbook(context, scope, { supports: excelApiSupported, calcWait: this.calcWait, cellBudget: this.options.cellBudget }));
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
      return addOfficeMarks(context, sheetName, marks, excelApiSupported("1.9"));
    });
  }

  clearMarks(sheets?: string[]): Promise<number> {
    return run((context) => clearOfficeMarks(context, sheets));
  }

  markedSheets(): Promise<string[]> {
    return run((context) => markedOfficeSheets(context));
  }

  /**
   * Writes a fill plan in one batch. Where Excel supports it (ExcelApi 1.20) the batch is one step
   * of Excel's own undo too; Excel answers UndoNotSupported when a batch cannot be grouped
   * (excel-add-ins-undo-capabilities.md: "Your add-in should gracefully handle this error"), and
   * then the fill is written ungrouped.
   */
  async fill(request: FillRequest): Promise<FillRecord> {
    if (!excelApiSupported("1.20")) return this.fillOnce(request);
    try {
      return await this.fillOnce(request, { mergeUndoGroup: true });
    } catch (e) {
      if (e instanceof HostError && e.code === "UndoNotSupported") return this.fillOnce(request);
      throw e;
    }
  }

  private fillOnce(request: FillRequest, options?: Excel.RunOptions): Promise<FillRecord> {
    return run(async (context) => {
      const notes: string[] = [];
      const wanted = request.useFormulas && request.writes.some((w) => w.formula);
      let channel: FormulaChannel = wanted ? await channelOf(context, excelApiSupported) : { kind: "invariant", locale: "en-US" };
      if (channel.kind === "none") {
        notes.push(`未写入公式：${channel.reason}；已改为写入数值。`);
        channel = { kind: "invariant", locale: "en-US" };
      }
      const useFormulas = wanted && notes.length === 0;
      const store = await openUndoStore(context);
      const sheet = await existingSheet(context, request.sheet, "未写入任何内容");
      const cells = request.writes.map((w) => w.cell);
      const before = await contentsOf(context, sheet, cells, channel);
      const built = buildFillRecord(request.sheet, request.writes, useFormulas, before);
      let record: FillRecord = {
        ...built,
        channel: channelTag(channel),
        cells: built.cells.map((c) => (c.after.formula ? { ...c, after: { ...c.after, formula: formulaFor(channel, c.after.formula) } } : c)),
      };
      // The snapshot and the writes go in one batch: either both reach the file or the rollback runs.
      store.queueWrite([...store.fills, stored(record)]);
      queueContents(
        sheet,
        record.cells.map((c) => ({ cell: c.cell, content: c.after })),
        channel,
      );
      try {
        await context.sync();
      } catch (e) {
        await this.rollback(record, store.fills, channel);
        const err = toHostError(e);
        // Refused grouping is not a failure of the fill: the caller writes again ungrouped.
        if (err.code === "UndoNotSupported") throw err;
        throw new HostError(`${err.message}填写未完成，已恢复原有内容，未写入任何单元格。`, "FillFailed");
      }
      if (useFormulas) record = await this.proveFormulas(context, sheet, record, store.fills, notes);
      const all = [...store.fills, record];
      await trackFill(context, record, all.slice(0, Math.max(0, all.length - MAX_FILLS)));
      return notes.length ? { ...record, notes } : record;
    }, options);
  }

  /**
   * Reads the written formulas back once Excel has calculated them (#BUSY! means "not yet"). Any
   * that shows #NAME? means this Excel did not take the JXZP names as written (issue #891): every
   * formula of the fill is replaced by its value, the record says so, and the pane tells the person.
   */
  private async proveFormulas(context: Excel.RequestContext, sheet: Excel.Worksheet, record: FillRecord, earlier: FillRecord[], notes: string[]): Promise<FillRecord> {
    const formulaCells = record.cells.filter((c) => c.after.formula !== null).map((c) => c.cell);
    const shown = await calculatedValues(context, record.sheet, formulaCells, this.calcWait);
    const failed = formulaCells.filter((c) => String(shown.get(c) ?? "").trim().toUpperCase() === "#NAME?");
    const busy = formulaCells.filter((c) => shown.get(c) === "#BUSY!");
    if (busy.length > 0) notes.push(`单元格 ${busy.join("、")} 的公式仍在计算（显示 #BUSY!），稍后会显示结果；这不是错误。`);
    if (failed.length === 0) return record;
    const values = new Map<string, CellValue>(record.cells.map((c) => [c.cell, c.after.value]));
    const fixed: FillRecord = {
      ...record,
      useFormulas: false,
      cells: record.cells.map((c) => (c.after.formula !== null ? { ...c, after: { formula: null, value: values.get(c.cell) ?? null } } : c)),
    };
    const store = await openUndoStore(context);
    store.queueWrite([...earlier, stored(fixed)]);
    queueContents(
      sheet,
      fixed.cells.filter((c) => formulaCells.includes(c.cell)).map((c) => ({ cell: c.cell, content: c.after })),
      recordChannel(record),
    );
    await context.sync();
    notes.push(
      `此 Excel 没有识别加载项写入的函数名（单元格 ${failed.join("、")} 显示 #NAME?，常见于非中文、非英文的 Excel），已把本次填写的 ${formulaCells.length} 个公式改为数值。得分与方案相同；需要公式时可在单元格中手工输入 JXZP 函数。`,
    );
    return fixed;
  }

  /** Puts every cell of a failed fill back (Excel may have applied part of the batch) and the old snapshot list. */
  private async rollback(record: FillRecord, fills: FillRecord[], channel: FormulaChannel): Promise<void> {
    try {
      await Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem(record.sheet);
        queueContents(
          sheet,
          record.cells.map((c) => ({ cell: c.cell, content: c.before })),
          channel,
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
      const channel = recordChannel(record);
      const sheet = await existingSheet(context, record.sheet, "无法撤销填写");
      const tracked = await trackedFormula(context, record);
      const located = locate(record, tracked.formula);
      // Compared in the representation the fill wrote: formulasLocal for a local record, formulas otherwise.
      const now = await contentsOf(context, sheet, cellsToCheck(record, located), channel);
      const plan = undoPlan(record, now, located);
      queueContents(
        sheet,
        plan.restore.map((c) => ({ cell: c.cell, content: c.before })),
        channel,
      );
      store.queueWrite(store.fills.slice(0, -1));
      tracked.item?.delete();
      await context.sync();
      return { sheet: record.sheet, restored: plan.restore.map((c) => c.cell), keptChanged: plan.keep };
    });
  }

  insertTemplate(kind: TemplateKind, options: TemplateOptions): Promise<InsertedSheet> {
    const build = buildTemplate(checkedTemplate(kind, options), options);
    return run(async (context) => {
      const channel = await channelOf(context, excelApiSupported);
      return applySheetBuild(context, build, { supports: excelApiSupported, channel, calcWait: this.calcWait });
    });
  }

  finalize(): Promise<FinalizeResult> {
    return run(async (context) => {
      const read = await readWorkbook(context, "workbook", { supports: excelApiSupported, calcWait: this.calcWait, cellBudget: this.options.cellBudget });
      const plan = finalizePlan(read.grids);
      const bySheet = new Map<string, string[]>();
      for (const c of plan.convert) {
        // The value as a constant; a text that looks like a number keeps its apostrophe.
        context.workbook.worksheets.getItem(c.sheet).getRange(c.cell).formulas = [[contentInput({ formula: null, value: c.value })]];
        bySheet.set(c.sheet, [...(bySheet.get(c.sheet) ?? []), c.cell]);
      }
      if (plan.convert.length > 0) await context.sync();
      const marksRemoved = excelApiSupported("1.6") ? await clearOfficeMarks(context) : 0;
      let undoRecordsRemoved = 0;
      if (excelApiSupported("1.5")) {
        const store = await openUndoStore(context);
        undoRecordsRemoved = store.fills.length;
        if (undoRecordsRemoved > 0) store.queueWrite([]);
      }
      let namesRemoved = 0;
      if (excelApiSupported("1.4")) {
        const names = context.workbook.names;
        names.load("items/name");
        await context.sync();
        for (const n of names.items)
          if (n.name.startsWith("_jxzp_fill_")) {
            n.delete();
            namesRemoved++;
          }
      }
      await context.sync();
      return { converted: [...bySheet].map(([sheet, cells]) => ({ sheet, cells })), kept: plan.keep, marksRemoved, undoRecordsRemoved, namesRemoved };
    });
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
