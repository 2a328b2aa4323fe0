import { parseA1 } from "../../scoring/grid/address";
import { CellContent, contentInput } from "./cell-content";
import { buildFillRecord, cellsToCheck, FillRecord, locate, trackedRefs, trackName, undoPlan } from "./fill-record";
import { HostError, sheetMissing, sheetProtected } from "./host-error";
import type { MemorySheet, MemoryWorkbook } from "./memory-workbook";
import { fillsFromXml, fillsToXml, MAX_FILLS, UNDO_NAMESPACE } from "./undo-xml";
import { buildTemplate } from "../../scoring/templates/build";
import type { TemplateKind } from "../../scoring/templates/definitions";
import type { TemplateOptions } from "../../scoring/templates/options";
import { addSheetBuild } from "./memory-template";
import { checkedTemplate } from "./template-request";
import { finalizePlan } from "./finalize-plan";
import type { CellMark, FillRequest, FinalizeResult, InsertedSheet, ReadScope, UndoResult, WorkbookHost, WorkbookRead } from "./WorkbookHost";

/** Lets the browser paint between steps, as the round trips to Excel do. */
const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** The pane's workbook in preview.html: an in-memory workbook with Excel's rules for what can be written. */
export class MemoryHost implements WorkbookHost {
  readonly kind = "memory" as const;

  constructor(readonly workbook: MemoryWorkbook) {}

  private sheetFor(name: string, doing: string): MemorySheet {
    const s = this.workbook.sheet(name);
    if (!s) throw sheetMissing(name, doing);
    if (s.protected) throw sheetProtected(name, doing);
    return s;
  }

  async read(scope: ReadScope): Promise<WorkbookRead> {
    await (this.workbook.readDelayMs > 0 ? new Promise((r) => setTimeout(r, this.workbook.readDelayMs)) : tick());
    const wb = this.workbook;
    const active = wb.sheet(wb.activeSheet) ?? wb.sheets[0];
    if (!active) throw new HostError("工作簿中没有工作表。", "ItemNotFound");
    const chosen = scope === "active" ? [active] : wb.sheets;
    return { grids: chosen.map((s) => wb.grid(s)), activeSheet: active.name };
  }

  async select(sheetName: string, cell: string): Promise<void> {
    await tick();
    const s = this.workbook.sheet(sheetName);
    if (!s) throw sheetMissing(sheetName, "无法定位单元格");
    if (!parseA1(cell)) throw new HostError(`“${cell}”不是有效的单元格地址。`, "InvalidArgument");
    this.workbook.activeSheet = sheetName;
    this.workbook.selection = { sheet: sheetName, cell };
    this.workbook.emit("view");
  }

  async mark(sheetName: string, marks: CellMark[]): Promise<number> {
    await tick();
    const s = this.sheetFor(sheetName, "未能标记");
    s.marks.clear();
    for (const m of marks) s.marks.set(m.cell, m.severity);
    this.workbook.emit("view");
    return s.marks.size;
  }

  async clearMarks(sheets?: string[]): Promise<number> {
    await tick();
    let n = 0;
    for (const s of this.workbook.sheets) {
      if (sheets && !sheets.includes(s.name)) continue;
      n += s.marks.size;
      s.marks.clear();
    }
    this.workbook.emit("view");
    return n;
  }

  async markedSheets(): Promise<string[]> {
    await tick();
    return this.workbook.sheets.filter((s) => s.marks.size > 0).map((s) => s.name);
  }

  private fills(): FillRecord[] {
    return fillsFromXml(this.workbook.parts.get(UNDO_NAMESPACE));
  }

  private saveFills(fills: FillRecord[]): void {
    // A fill that can no longer be undone takes its hidden name with it.
    const kept = new Set(fills.slice(-MAX_FILLS).map(trackName));
    for (const name of [...this.workbook.names.keys()]) if (name.startsWith("_jxzp_fill_") && !kept.has(name)) this.workbook.names.delete(name);
    if (fills.length === 0) this.workbook.parts.delete(UNDO_NAMESPACE);
    else this.workbook.parts.set(UNDO_NAMESPACE, fillsToXml(fills));
  }

  private putAll(s: MemorySheet, cells: { cell: string; content: CellContent }[], failHalfWay: boolean): void {
    cells.forEach(({ cell, content }, i) => {
      if (failHalfWay && i === Math.floor(cells.length / 2)) throw Object.assign(new Error("GeneralException"), { code: "GeneralException" });
      this.workbook.put(s, cell, contentInput(content), content.value);
    });
  }

  async fill(request: FillRequest): Promise<FillRecord> {
    await tick();
    const s = this.sheetFor(request.sheet, "未写入任何内容");
    const before = new Map(request.writes.map((w) => [w.cell, this.workbook.content(s, w.cell)]));
    const record = buildFillRecord(request.sheet, request.writes, request.useFormulas, before);
    const fills = this.fills();
    const fail = this.workbook.failNextWrite;
    this.workbook.failNextWrite = false;
    try {
      this.putAll(
        s,
        record.cells.map((c) => ({ cell: c.cell, content: c.after })),
        fail,
      );
      const tracked = trackedRefs(record);
      if (tracked) this.workbook.names.set(trackName(record), tracked);
      this.saveFills([...fills, record]);
    } catch {
      // Same promise as in Excel: a failed batch leaves every cell as it was.
      this.putAll(
        s,
        record.cells.map((c) => ({ cell: c.cell, content: c.before })),
        false,
      );
      this.saveFills(fills);
      this.workbook.recalc();
      this.workbook.emit("content");
      throw new HostError("Excel 处理请求时出错，操作未完成。填写未完成，已恢复原有内容，未写入任何单元格。", "FillFailed");
    }
    this.workbook.recalc();
    this.workbook.reveal(s.name, record.cells.map((c) => c.cell));
    this.workbook.emit("content");
    return record;
  }

  async lastFill(): Promise<FillRecord | null> {
    const fills = this.fills();
    return fills[fills.length - 1] ?? null;
  }

  async undoFill(): Promise<UndoResult> {
    await tick();
    const fills = this.fills();
    const record = fills[fills.length - 1];
    if (!record) throw new HostError("没有可撤销的填写。", "NothingToUndo");
    const s = this.sheetFor(record.sheet, "无法撤销填写");
    const located = locate(record, this.workbook.names.get(trackName(record)));
    const now = new Map(cellsToCheck(record, located).map((cell) => [cell, this.workbook.content(s, cell)]));
    const plan = undoPlan(record, now, located);
    this.putAll(
      s,
      plan.restore.map((c) => ({ cell: c.cell, content: c.before })),
      false,
    );
    this.saveFills(fills.slice(0, -1));
    this.workbook.recalc();
    if (plan.restore.length) this.workbook.reveal(s.name, plan.restore.map((c) => c.cell));
    this.workbook.emit("content");
    return { sheet: record.sheet, restored: plan.restore.map((c) => c.cell), keptChanged: plan.keep };
  }

  async insertTemplate(kind: TemplateKind, options: TemplateOptions): Promise<InsertedSheet> {
    await tick();
    const name = addSheetBuild(this.workbook, buildTemplate(checkedTemplate(kind, options), options));
    return { name, skipped: [] };
  }

  /** 定稿: the same plan as in Excel (finalize-plan.ts), applied to the in-memory workbook. */
  async finalize(): Promise<FinalizeResult> {
    await tick();
    const wb = this.workbook;
    const plan = finalizePlan(wb.sheets.map((s) => wb.grid(s)));
    const bySheet = new Map<string, string[]>();
    for (const c of plan.convert) {
      const s = wb.sheet(c.sheet);
      if (!s) continue;
      if (s.protected) throw sheetProtected(c.sheet, "未能定稿");
      wb.put(s, c.cell, contentInput({ formula: null, value: c.value }));
      bySheet.set(c.sheet, [...(bySheet.get(c.sheet) ?? []), c.cell]);
    }
    let marksRemoved = 0;
    for (const s of wb.sheets) {
      marksRemoved += s.marks.size;
      s.marks.clear();
    }
    const undoRecordsRemoved = this.fills().length;
    wb.parts.delete(UNDO_NAMESPACE);
    let namesRemoved = 0;
    for (const name of [...wb.names.keys()])
      if (name.startsWith("_jxzp_fill_")) {
        wb.names.delete(name);
        namesRemoved++;
      }
    wb.recalc();
    wb.emit("content");
    return { converted: [...bySheet].map(([sheet, cells]) => ({ sheet, cells })), kept: plan.keep, marksRemoved, undoRecordsRemoved, namesRemoved };
  }

  async onChange(listener: () => void): Promise<() => void> {
    return this.workbook.subscribe((kind) => {
      if (kind === "content") listener();
    });
  }
}
