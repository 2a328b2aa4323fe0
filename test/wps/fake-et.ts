/**
 * A fake WPS 表格 for the WPS adapter's tests and for the WPS page in the browser tests: the
 * global `Application`/`wps` object of an add-in page and the ET object model beneath it, over
 * the in-memory workbook the preview uses (cells, merges, number formats, defined names that move
 * with inserted rows, formulas calculated by the preview's engine).
 *
 * As strict as the documentation, each rule with its source:
 * - every property read, property write and method call is one synchronous call into WPS, counted
 *   (the add-in page and WPS are separate processes; WPS 开放平台「WPS 加载项开发说明」);
 * - members are those of et-jsapi-declare's lib.et.d.ts; one this fake does not model throws;
 * - Item indices are 1-based, 0 or a missing name throws (VBA "Sheets.Item", "Names.Item": run-time error 9);
 * - a one-cell range's Value2/Formula/NumberFormat is a scalar, a larger range's an array of rows
 *   (VBA "Range.Value2"; WPS JS 宏: `Range("a2:m2").Value()[0]` is the first row);
 * - an empty cell's Value2 is `emptyAs` (undefined by default; WPS's pages do not say — the host
 *   is tested against undefined, null and "");
 * - NumberFormat of cells that differ is null (airsheet.wps.cn DisplayFormat.NumberFormat; VBA);
 *   MergeCells is true when all cells are merged, false when none, null when mixed (VBA);
 *   MergeArea of a cell outside any merge is the cell itself (VBA "Range.MergeArea");
 * - writes to a protected sheet throw (VBA 1004); Select on a sheet that is not active throws
 *   (VBA "Range.Select"); AddComment on a cell that has a comment throws (VBA "Range.AddComment");
 *   Sheets.Add activates the new sheet and throws when the workbook's structure is protected;
 *   Worksheet.Delete with DisplayAlerts on shows a confirmation (counted in `alerts`).
 * Stricter than documented (so a mistake shows): a formula is set one cell at a time only.
 */
import { parseA1, parseRange, rangeToA1, toA1, type RangeRef } from "../../src/scoring/grid/address";
import { formulaText, type CellValue, type Grid } from "../../src/scoring/grid/grid";
import { MemoryWorkbook, type MemorySheet } from "../../src/taskpane/host/memory-workbook";
import { previewEngine } from "../../src/taskpane/preview/formula-engine";
import { rangeMatrix } from "../../src/scoring/grid/range-matrix";

export interface FakeEtOptions {
  /** What Value2 gives for an empty cell. */
  emptyAs?: undefined | null | "";
  /** Error cells' Value2 as VBA's CVErr numbers instead of their text. */
  errorsAsCodes?: boolean;
  /** How a General number format is spelled. */
  general?: string;
  /** Whether this WPS has add-in custom functions (12.1.0.20540 and later). */
  functions?: boolean;
}

export interface FakeFormatCondition {
  ranges: RangeRef[];
  type: number;
  formula: string;
  color: number | null;
}

interface SheetExtra {
  visible: number;
  fcs: FakeFormatCondition[];
  comments: Map<string, string>;
  /** The person's own fill colours (Interior.Color), which marks must never touch. */
  interior: Map<string, number>;
  /** Style writes of template insertion: `Font.Name A1:I1 宋体`. */
  styles: string[];
}

const ERROR_CODES: Record<string, number> = {
  "#NULL!": -2146826288,
  "#DIV/0!": -2146826281,
  "#VALUE!": -2146826273,
  "#REF!": -2146826265,
  "#NAME?": -2146826259,
  "#NUM!": -2146826252,
  "#N/A": -2146826246,
};

const wpsError = (message: string): Error => Object.assign(new Error(message), { name: "WpsError" });

const MAX_ROW = 1048575;
const MAX_COL = 16383;

/** `A1`, `A1:B2`, `A:A`, `3:3`, `A1,B2:C3` (areas), with or without `$`; throws like Range() does when unreadable. */
function parseAreas(text: string): RangeRef[] {
  const areas = String(text)
    .split(",")
    .map((t) => t.trim().replace(/\$/g, ""));
  return areas.map((t) => {
    const col = /^([A-Z]{1,3}):([A-Z]{1,3})$/i.exec(t);
    if (col) {
      const a = parseA1(`${col[1]}1`)!.col;
      const b = parseA1(`${col[2]}1`)!.col;
      return { top: 0, left: a, bottom: MAX_ROW, right: b };
    }
    const row = /^(\d+):(\d+)$/.exec(t);
    if (row) return { top: Number(row[1]) - 1, left: 0, bottom: Number(row[2]) - 1, right: MAX_COL };
    const r = parseRange(t);
    if (!r || (t.includes(":") ? !/^[A-Z]{1,3}\d+:[A-Z]{1,3}\d+$/i.test(t) : !/^[A-Z]{1,3}\d+$/i.test(t))) throw wpsError(`Range("${text}") 无效`);
    return r;
  });
}

const inside = (r: RangeRef, row: number, col: number) => row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
const abs = (r: RangeRef) =>
  r.top === r.bottom && r.left === r.right ? `$${toA1(r.top, r.left).replace(/(\d+)$/, "$$$1")}` : rangeToA1(r).replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");

export class FakeEt {
  /** Calls into WPS so far. */
  calls = 0;
  /** Confirmation dialogs WPS would have shown (Delete with DisplayAlerts on). */
  alerts = 0;
  readonly workbook: MemoryWorkbook;
  readonly extra = new Map<MemorySheet, SheetExtra>();
  readonly storage = new Map<string, unknown>();
  readonly functions = new Map<string, (...args: unknown[]) => unknown>();
  readonly functionMeta = new Map<string, unknown>();
  structureProtected = false;
  /** Throws at the n-th cell write from now (1 = the next one), as a WPS call may fail mid-way. */
  failAtWrite: number | null = null;
  displayAlerts = true;
  closed = false;
  window = { SplitRow: 0, SplitColumn: 0, FreezePanes: false };
  private readonly listeners = new Map<string, Set<(...a: unknown[]) => void>>();
  readonly root: Record<string, unknown>;
  /** Task panes made by CreateTaskPane: url, visibility, dock position (WPS.CustomTaskpane in index.d.ts). */
  readonly panes: { ID: number; url: string; Visible: boolean; DockPosition: number }[] = [];

  constructor(
    grids: Grid[],
    readonly options: FakeEtOptions = {},
  ) {
    this.workbook = MemoryWorkbook.fromGrids(grids);
    const functions = options.functions !== false;
    this.workbook.engine = {
      evaluate: (formula, sheet, wb) => (!functions && /JXZP\./i.test(formula) ? "#NAME?" : previewEngine.evaluate(formula, sheet, wb)),
    };
    this.workbook.recalc();
    this.root = this.makeRoot(functions);
    // What the person does in the sheet (typing, inserting rows) reaches the add-in as SheetChange.
    this.workbook.subscribe((kind) => kind === "content" && this.fire("SheetChange"));
  }

  /** Shows the add-in's rules as the preview's marks, so the grid beside the pane draws them. */
  private showMarks(s: MemorySheet): void {
    s.marks.clear();
    for (const fc of this.extraOf(s).fcs) {
      const m = /JXZP-MARK-(error|warning|info)/.exec(fc.formula);
      if (m) for (const r of fc.ranges) s.marks.set(rangeToA1(r), m[1] as "error" | "warning" | "info");
    }
    this.workbook.emit("view");
  }

  /** A fake from grids whose formulas are given by sheet and cell (as a file reader reads them). */
  static fromGrids(grids: Grid[], options: FakeEtOptions = {}): FakeEt {
    const fake = new FakeEt(grids, options);
    for (const g of grids) {
      const s = fake.workbook.sheet(g.sheet)!;
      g.formulas?.forEach((row, i) =>
        row.forEach((f, j) => {
          if (!f) return;
          const r = g.origin.row + i;
          const c = g.origin.col + j;
          while (s.formulas.length <= r) s.formulas.push([]);
          s.formulas[r][c] = formulaText(f);
        }),
      );
    }
    fake.workbook.recalc();
    return fake;
  }

  extraOf(s: MemorySheet): SheetExtra {
    let e = this.extra.get(s);
    if (!e) {
      e = { visible: -1, fcs: [], comments: new Map(), interior: new Map(), styles: [] };
      this.extra.set(s, e);
    }
    return e;
  }

  sheet(name: string): MemorySheet {
    const s = this.workbook.sheet(name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  /** What a cell holds: value and formula. */
  cell(sheet: string, a1: string): { value: CellValue; formula: string | null } {
    const c = this.workbook.content(this.sheet(sheet), a1);
    return { value: c.value, formula: c.formula };
  }

  /** The person types into a cell: WPS raises SheetChange (addon.et.d.ts EtApiEvent). */
  type(sheet: string, a1: string, input: string | number | boolean): void {
    this.workbook.type(sheet, a1, input);
  }

  /** The person inserts (count > 0) or deletes rows at a 0-based index. */
  editRows(sheet: string, at: number, count: number): void {
    this.workbook.editSheet(sheet, "row", at, count);
  }

  fire(event: string): void {
    for (const l of [...(this.listeners.get(event) ?? [])]) l();
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  /** Our marks on a sheet as [cell, colour] for each cell an add-in's rule covers. */
  formatConditions(sheet: string): FakeFormatCondition[] {
    return this.extraOf(this.sheet(sheet)).fcs;
  }

  /** A counted object: reading or writing a member the model lacks throws. */
  private obj<T extends object>(what: string, members: Record<string, PropertyDescriptor>): T {
    const target = Object.defineProperties({}, members);
    return new Proxy(target, {
      get: (t, key) => {
        if (typeof key === "symbol" || key === "then" || key === "toJSON") return undefined;
        if (!(key in t)) throw new Error(`fake WPS: ${what}.${key} is not modelled`);
        this.calls++;
        return Reflect.get(t, key);
      },
      set: (t, key, value) => {
        if (typeof key === "symbol" || !(key in t)) throw new Error(`fake WPS: ${what}.${String(key)} is not modelled`);
        this.calls++;
        return Reflect.set(t, key, value);
      },
      has: (t, key) => key in t,
    }) as T;
  }

  private writable(s: MemorySheet): void {
    if (s.protected) throw wpsError("单元格或图表受保护，无法更改（1004）");
    if (this.failAtWrite !== null) {
      this.failAtWrite--;
      if (this.failAtWrite <= 0) {
        this.failAtWrite = null;
        throw wpsError("WPS 内部错误");
      }
    }
  }

  private cellValueOut(v: CellValue | undefined): unknown {
    if (v === null || v === undefined) return this.options.emptyAs;
    if (typeof v === "string" && this.options.errorsAsCodes && v in ERROR_CODES) return ERROR_CODES[v];
    return v;
  }

  private formulaOut(s: MemorySheet, row: number, col: number): string {
    const f = s.formulas[row]?.[col];
    if (f) return f;
    const v = s.values[row]?.[col];
    if (v === null || v === undefined) return "";
    if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
    return String(v);
  }

  private formatAt(s: MemorySheet, row: number, col: number): string {
    return s.numberFormats[row]?.[col] ?? this.options.general ?? "General";
  }

  private mergeAt(s: MemorySheet, row: number, col: number): RangeRef | null {
    for (const m of s.merges) {
      const r = parseRange(m);
      if (r && inside(r, row, col)) return r;
    }
    return null;
  }

  private matrix<T>(r: RangeRef, at: (row: number, col: number) => T): T | T[][] {
    // ET gives one cell's value bare, a larger range's as rows.
    if (r.top === r.bottom && r.left === r.right) return at(r.top, r.left);
    return rangeMatrix(r, at);
  }

  private put(s: MemorySheet, row: number, col: number, input: unknown): void {
    this.writable(s);
    const a = toA1(row, col);
    // A text-formatted cell keeps what is written as text (VBA: NumberFormat "@").
    if (typeof input === "string" && s.numberFormats[row]?.[col] === "@") {
      while (s.values.length <= row) s.values.push([]);
      while (s.formulas.length <= row) s.formulas.push([]);
      s.values[row][col] = input === "" ? null : input;
      s.formulas[row][col] = null;
      return;
    }
    this.workbook.put(s, a, input as string | number | boolean);
  }

  range(s: MemorySheet, areas: RangeRef[]): Record<string, unknown> {
    const first = areas[0];
    const isCell = areas.length === 1 && first.top === first.bottom && first.left === first.right;
    const cells = (fn: (row: number, col: number) => void) => {
      for (const r of areas) for (let row = r.top; row <= Math.min(r.bottom, 20000); row++) for (let col = r.left; col <= Math.min(r.right, 300); col++) fn(row, col);
    };
    const style = (prop: string) => ({
      get: () => null,
      set: (v: unknown) => this.extraOf(s).styles.push(`${prop} ${areas.map(rangeToA1).join(",")} ${String(v)}`),
      enumerable: true,
    });
    const styled = (what: string, props: string[]) =>
      this.obj(
        what,
        Object.fromEntries(props.map((p) => [p, style(`${what}.${p}`)])),
      );
    const fcsOfRange = () =>
      this.obj("FormatConditions", {
        Count: { get: () => this.extraOf(s).fcs.length },
        Item: {
          value: (i: number) => {
            const fc = this.extraOf(s).fcs[i - 1];
            if (!Number.isInteger(i) || !fc) throw wpsError(`FormatConditions.Item(${i}) 下标越界`);
            return this.fcObj(s, fc);
          },
        },
        Add: {
          value: (type: number, _op: unknown, formula1: string) => {
            if (s.protected) throw wpsError("工作表受保护（1004）");
            const fc: FakeFormatCondition = { ranges: areas, type, formula: String(formula1), color: null };
            this.extraOf(s).fcs.push(fc);
            this.showMarks(s);
            return this.fcObj(s, fc);
          },
        },
      });
    return this.obj("Range", {
      Address: { value: () => areas.map(abs).join(",") },
      Count: { get: () => areas.reduce((n, r) => n + (r.bottom - r.top + 1) * (r.right - r.left + 1), 0) },
      Row: { get: () => first.top + 1 },
      Column: { get: () => first.left + 1 },
      Value2: {
        get: () => this.matrix(first, (row, col) => this.cellValueOut(s.values[row]?.[col])),
        set: (v: unknown) => {
          if (!isCell) throw new Error("fake WPS: Value2 is written one cell at a time here");
          this.put(s, first.top, first.left, v === undefined || v === null ? "" : v);
          this.workbook.recalc();
        },
      },
      Formula: {
        get: () => this.matrix(first, (row, col) => this.formulaOut(s, row, col)),
        set: (v: unknown) => {
          if (!isCell) throw new Error("fake WPS: Formula is written one cell at a time here");
          this.put(s, first.top, first.left, v === undefined || v === null ? "" : v);
          this.workbook.recalc();
        },
      },
      NumberFormat: {
        get: () => {
          if (isCell) return this.formatAt(s, first.top, first.left);
          let f: string | undefined;
          let mixed = false;
          cells((row, col) => {
            const x = this.formatAt(s, row, col);
            if (f === undefined) f = x;
            else if (x !== f) mixed = true;
          });
          return mixed ? null : f;
        },
        set: (v: string) => {
          cells((row, col) => {
            while (s.numberFormats.length <= row) s.numberFormats.push([]);
            s.numberFormats[row][col] = v === "General" ? null : v;
          });
        },
      },
      MergeCells: {
        get: () => {
          let any = false;
          let all = true;
          cells((row, col) => {
            if (this.mergeAt(s, row, col)) any = true;
            else all = false;
          });
          return all ? true : any ? null : false;
        },
      },
      MergeArea: {
        get: () => {
          if (!isCell) throw wpsError("MergeArea 只用于单个单元格");
          return this.range(s, [this.mergeAt(s, first.top, first.left) ?? first]);
        },
      },
      Merge: {
        value: () => {
          this.writable(s);
          s.merges.push(rangeToA1(first));
        },
      },
      Select: {
        value: () => {
          if (this.workbook.activeSheet !== s.name) throw wpsError("Range 类的 Select 方法无效：工作表未激活");
          this.workbook.selection = { sheet: s.name, cell: rangeToA1(first) };
          this.workbook.emit("view");
        },
      },
      ClearContents: {
        value: () => {
          cells((row, col) => {
            if (s.values[row]?.[col] !== undefined || s.formulas[row]?.[col]) {
              this.writable(s);
              if (s.values[row]) s.values[row][col] = null;
              if (s.formulas[row]) s.formulas[row][col] = null;
            }
          });
        },
      },
      AddComment: {
        value: (text: string) => {
          const key = rangeToA1(first);
          const comments = this.extraOf(s).comments;
          if (comments.has(key)) throw wpsError("此单元格已有批注");
          comments.set(key, String(text));
          return this.obj("Comment", { Text: { value: () => comments.get(key) } });
        },
      },
      Comment: { get: () => (this.extraOf(s).comments.has(rangeToA1(first)) ? this.obj("Comment", { Text: { value: () => this.extraOf(s).comments.get(rangeToA1(first)) } }) : null) },
      FormatConditions: { get: fcsOfRange },
      Interior: {
        get: () =>
          this.obj("Interior", {
            Color: {
              get: () => this.extraOf(s).interior.get(rangeToA1(first)) ?? 16777215,
              set: (v: number) => cells((row, col) => this.extraOf(s).interior.set(toA1(row, col), v)),
            },
          }),
      },
      Font: { get: () => styled("Font", ["Name", "Size", "Bold", "Color"]) },
      Borders: { get: () => styled("Borders", ["LineStyle", "Weight", "Color"]) },
      HorizontalAlignment: style("HorizontalAlignment"),
      VerticalAlignment: style("VerticalAlignment"),
      WrapText: style("WrapText"),
      ColumnWidth: style("ColumnWidth"),
      RowHeight: style("RowHeight"),
      Validation: {
        get: () =>
          this.obj("Validation", {
            Delete: { value: () => undefined },
            Add: { value: (...a: unknown[]) => this.extraOf(s).styles.push(`Validation.Add ${rangeToA1(first)} ${a.join("|")}`) },
            IgnoreBlank: style("Validation.IgnoreBlank"),
            InCellDropdown: style("Validation.InCellDropdown"),
            InputTitle: style("Validation.InputTitle"),
            InputMessage: style("Validation.InputMessage"),
            ErrorTitle: style("Validation.ErrorTitle"),
            ErrorMessage: style("Validation.ErrorMessage"),
          }),
      },
      Item: {
        value: (r: number, c = 1) => {
          if (!Number.isInteger(r) || !Number.isInteger(c) || r < 1 || c < 1) throw wpsError(`Item(${r}, ${c}) 下标越界`);
          return this.range(s, [{ top: first.top + r - 1, left: first.left + c - 1, bottom: first.top + r - 1, right: first.left + c - 1 }]);
        },
      },
    });
  }

  private fcObj(s: MemorySheet, fc: FakeFormatCondition): Record<string, unknown> {
    return this.obj("FormatCondition", {
      Type: { get: () => fc.type },
      Formula1: { get: () => fc.formula },
      AppliesTo: { get: () => this.range(s, fc.ranges) },
      Interior: { get: () => this.obj("Interior", { Color: { get: () => fc.color, set: (v: number) => (fc.color = v) } }) },
      Delete: {
        value: () => {
          const list = this.extraOf(s).fcs;
          const i = list.indexOf(fc);
          if (i >= 0) list.splice(i, 1);
          this.showMarks(s);
        },
      },
    });
  }

  private sheetObj(s: MemorySheet): Record<string, unknown> {
    const lines = (axis: "row" | "col") =>
      this.obj(axis === "row" ? "Rows" : "Columns", {
        Item: {
          value: (i: number) => {
            if (!Number.isInteger(i) || i < 1) throw wpsError(`Item(${i}) 下标越界`);
            return this.range(s, [axis === "row" ? { top: i - 1, left: 0, bottom: i - 1, right: MAX_COL } : { top: 0, left: i - 1, bottom: MAX_ROW, right: i - 1 }]);
          },
        },
      });
    return this.obj("Worksheet", {
      Name: {
        get: () => s.name,
        set: (v: string) => {
          if (this.workbook.sheets.some((x) => x !== s && x.name === v)) throw wpsError(`工作表名称“${v}”已存在`);
          if (this.workbook.activeSheet === s.name) this.workbook.activeSheet = v;
          s.name = v;
        },
      },
      Index: { get: () => this.workbook.sheets.indexOf(s) + 1 },
      Visible: { get: () => this.extraOf(s).visible, set: (v: number) => (this.extraOf(s).visible = v) },
      ProtectContents: { get: () => s.protected },
      Activate: {
        value: () => {
          if (this.extraOf(s).visible !== -1) throw wpsError("隐藏的工作表不能激活");
          this.workbook.activeSheet = s.name;
          this.workbook.emit("view");
        },
      },
      Delete: {
        value: () => {
          if (this.displayAlerts) this.alerts++;
          if (this.structureProtected) throw wpsError("工作簿结构受保护");
          this.workbook.sheets = this.workbook.sheets.filter((x) => x !== s);
          if (this.workbook.activeSheet === s.name) this.workbook.activeSheet = this.workbook.sheets[0]?.name ?? "";
        },
      },
      UsedRange: {
        get: () => {
          const { rows, cols } = this.workbook.extent(s);
          // An empty sheet's used range is A1 (VBA "Worksheet.UsedRange").
          return this.range(s, [{ top: 0, left: 0, bottom: Math.max(rows, 1) - 1, right: Math.max(cols, 1) - 1 }]);
        },
      },
      Range: { value: (a: string) => this.range(s, parseAreas(a)) },
      Cells: { get: () => this.range(s, [{ top: 0, left: 0, bottom: MAX_ROW, right: MAX_COL }]) },
      Columns: { get: () => lines("col") },
      Rows: { get: () => lines("row") },
      PageSetup: {
        get: () =>
          this.obj(
            "PageSetup",
            Object.fromEntries(
              [
                "Orientation",
                "PaperSize",
                "CenterHorizontally",
                "TopMargin",
                "BottomMargin",
                "LeftMargin",
                "RightMargin",
                "HeaderMargin",
                "FooterMargin",
                "PrintArea",
                "PrintTitleRows",
                "Zoom",
                "FitToPagesWide",
                "FitToPagesTall",
              ].map((p) => [p, { get: () => null, set: (v: unknown) => this.extraOf(s).styles.push(`PageSetup.${p} ${String(v)}`) }]),
            ),
          ),
      },
    });
  }

  private sheetsObj(): Record<string, unknown> {
    const wb = this.workbook;
    return this.obj("Sheets", {
      Count: { get: () => wb.sheets.length },
      Item: {
        value: (i: number | string) => {
          const s = typeof i === "number" ? (Number.isInteger(i) && i >= 1 ? wb.sheets[i - 1] : undefined) : wb.sheets.find((x) => x.name === i);
          if (!s) throw wpsError(`下标越界：Sheets.Item(${JSON.stringify(i)})`);
          return this.sheetObj(s);
        },
      },
      Add: {
        value: () => {
          if (this.structureProtected) throw wpsError("工作簿结构受保护，不能添加工作表");
          let n = wb.sheets.length + 1;
          while (wb.sheet(`Sheet${n}`)) n++;
          const s: MemorySheet = { name: `Sheet${n}`, values: [], formulas: [], numberFormats: [], merges: [], marks: new Map(), protected: false };
          wb.addSheet(s);
          wb.activeSheet = s.name;
          return this.sheetObj(s);
        },
      },
    });
  }

  private paneObj(pane: { ID: number; url: string; Visible: boolean; DockPosition: number }): Record<string, unknown> {
    return this.obj("CustomTaskpane", {
      ID: { get: () => pane.ID },
      Visible: { get: () => pane.Visible, set: (v: boolean) => (pane.Visible = v) },
      DockPosition: { get: () => pane.DockPosition, set: (v: number) => (pane.DockPosition = v) },
      Navigate: { value: (url: string) => (pane.url = url) },
    });
  }

  private makeRoot(functions: boolean): Record<string, unknown> {
    const wb = this.workbook;
    const names = () =>
      this.obj("Names", {
        Count: { get: () => wb.names.size },
        Add: {
          value: (name: string, refersTo: string) => {
            wb.names.set(name, refersTo);
            return nameObj(name);
          },
        },
        Item: {
          value: (key: string | number) => {
            const name = typeof key === "number" ? (Number.isInteger(key) && key >= 1 ? [...wb.names.keys()][key - 1] : undefined) : key;
            if (name === undefined || !wb.names.has(name)) throw wpsError(`名称“${key}”不存在`);
            return nameObj(name);
          },
        },
      });
    const nameObj = (name: string) =>
      this.obj("Name", {
        Name: { get: () => name },
        RefersTo: { get: () => wb.names.get(name) },
        Visible: { get: () => false, set: () => undefined },
        Delete: { value: () => wb.names.delete(name) },
      });
    const workbookObj = () =>
      this.obj("Workbook", {
        Name: { get: () => "工作簿.xlsx" },
        Worksheets: { get: () => this.sheetsObj() },
        Sheets: { get: () => this.sheetsObj() },
        Names: { get: names },
        ActiveSheet: { get: () => this.sheetObj(wb.sheet(wb.activeSheet)!) },
      });
    const members: Record<string, PropertyDescriptor> = {
      Workbooks: { get: () => this.obj("Workbooks", { Count: { get: () => (this.closed ? 0 : 1) } }) },
      ActiveWorkbook: { get: () => (this.closed ? null : workbookObj()) },
      ActiveSheet: { get: () => (this.closed ? null : this.sheetObj(wb.sheet(wb.activeSheet)!)) },
      ActiveWindow: {
        get: () =>
          this.obj("Window", {
            SplitRow: { get: () => this.window.SplitRow, set: (v: number) => (this.window.SplitRow = v) },
            SplitColumn: { get: () => this.window.SplitColumn, set: (v: number) => (this.window.SplitColumn = v) },
            FreezePanes: { get: () => this.window.FreezePanes, set: (v: boolean) => (this.window.FreezePanes = v) },
          }),
      },
      DisplayAlerts: { get: () => this.displayAlerts, set: (v: boolean) => (this.displayAlerts = v) },
      CreateTaskPane: {
        value: (url: string) => {
          const pane = { ID: 1000 + this.panes.length, url, Visible: false, DockPosition: 0 };
          this.panes.push(pane);
          return this.paneObj(pane);
        },
      },
      GetTaskPane: {
        value: (id: number) => {
          const pane = this.panes.find((p) => p.ID === id);
          if (!pane) throw wpsError(`任务窗格 ${id} 不存在`);
          return this.paneObj(pane);
        },
      },
      PluginStorage: {
        get: () =>
          this.obj("PluginStorage", {
            getItem: { value: (k: string) => this.storage.get(k) },
            setItem: { value: (k: string, v: unknown) => this.storage.set(k, v) },
          }),
      },
      ApiEvent: {
        get: () =>
          this.obj("ApiEvent", {
            AddApiEventListener: {
              value: (name: string, fn: () => void) => {
                if (!this.listeners.has(name)) this.listeners.set(name, new Set());
                this.listeners.get(name)!.add(fn);
              },
            },
            RemoveApiEventListener: { value: (name: string, fn?: () => void) => (fn ? this.listeners.get(name)?.delete(fn) : this.listeners.delete(name)) },
          }),
      },
    };
    // A WPS before 12.1.0.20540 has no such member: reading it gives undefined, as for any missing property.
    if (!functions) members.AddCustomFunction = { value: undefined };
    else
      members.AddCustomFunction = {
        value: (ns: string, name: string, fn: (...a: unknown[]) => unknown, meta?: unknown) => {
          this.functions.set(`${ns}.${name}`, fn);
          this.functionMeta.set(`${ns}.${name}`, meta);
        },
      };
    return this.obj("Application", members);
  }
}
