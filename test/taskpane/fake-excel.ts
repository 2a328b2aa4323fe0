/**
 * A small Excel for the Office adapter's tests, built from office-addin-mock objects: ranges,
 * sheets and their nested objects are OfficeMockObjects, so reading a property that was not
 * loaded, or not synced, gives the mock's error text and the test fails. Writes are queued and
 * applied at context.sync(), in order, as Office.js does; a sync can be told to fail half-way.
 * context.sync() calls are counted.
 */
import { OfficeMockObject } from "office-addin-mock";

// office-addin-mock needs only the OfficeApp enum from office-addin-manifest, whose other
// dependencies are ES modules jest cannot require: hand it the enum's own module.
jest.mock("office-addin-manifest", () => jest.requireActual("office-addin-manifest/lib/officeApp"));
import { parseA1, parseRange, toA1 } from "../../src/scoring/grid/address";
import type { CellValue, Grid } from "../../src/scoring/grid/grid";
import { parseInput } from "../../src/taskpane/host/memory-workbook";

export interface FakeCell {
  value: CellValue;
  formula?: string;
  format?: string;
}

export interface FakeCF {
  id: string;
  type: string;
  ranges: string;
  formula: string;
  color: string;
}

export interface FakeSheet {
  name: string;
  cells: Map<string, FakeCell>;
  merges: string[];
  protected: boolean;
  cfs: FakeCF[];
}

export interface FakePart {
  id: string;
  namespace: string;
  xml: string;
}

type Mock = OfficeMockObject & Record<string, unknown>;

const ERROR = (code: string, message: string) => Object.assign(new Error(message), { code, name: "RichApi.Error" });

export class FakeExcel {
  sheets: FakeSheet[] = [];
  active = "";
  parts: FakePart[] = [];
  /** Defined names: formula and visibility. */
  names = new Map<string, { formula: string; visible: boolean }>();
  selection: { sheet: string; cell: string } | null = null;
  syncs = 0;
  /** The next sync that carries writes fails after applying half of them. */
  failNextWrite = false;
  /** What happened, in order: `sync`, `activate 表`, `select 表!H4`. */
  log: string[] = [];
  /** Each used range asked for: the sheet, and the area it was limited to (null: the whole sheet). */
  usedRangeLoads: { sheet: string; within: string | null }[] = [];
  private ops: { write: boolean; run: () => void }[] = [];
  private mocks: Mock[] = [];
  private ranges: { mock: Mock; sheet: FakeSheet; cell: string; orig: { values: unknown; formulas: unknown } }[] = [];
  private nextId = 1;

  /** A sheet from a core grid (a fixture read by the CLI's reader), as Excel would hold it. */
  addGrid(grid: Grid): FakeSheet {
    const cells: Record<string, FakeCell> = {};
    grid.values.forEach((row, i) =>
      row.forEach((v, j) => {
        const format = grid.numberFormats?.[i]?.[j] ?? undefined;
        if (v !== null && v !== "") cells[toA1(grid.origin.row + i, grid.origin.col + j)] = { value: v, format };
      }),
    );
    return this.addSheet(grid.sheet, cells, grid.merges);
  }

  addSheet(name: string, cells: Record<string, CellValue | FakeCell>, merges: string[] = []): FakeSheet {
    const s: FakeSheet = { name, cells: new Map(), merges, protected: false, cfs: [] };
    for (const [a, v] of Object.entries(cells)) s.cells.set(a, typeof v === "object" && v !== null ? v : { value: v });
    this.sheets.push(s);
    if (!this.active) this.active = name;
    return s;
  }

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  /** What a cell holds as a test compares it: value and formula (null for a constant). */
  cell(sheet: string, a1: string): { value: CellValue; formula: string | null } {
    const c = this.sheet(sheet).cells.get(a1);
    return { value: c?.value ?? null, formula: c?.formula ?? null };
  }

  /** The options of each Excel.run (null when none were given). */
  runOptions: ({ mergeUndoGroup?: boolean } | null)[] = [];
  /** Excel refuses to group the next grouped batch's writes into one undo step. */
  refuseUndoGroup = false;
  private grouped = false;

  /** Excel.run(batch), Excel.run(options, batch) or Excel.run(context, batch). */
  run = async <T>(a: unknown, b?: unknown): Promise<T> => {
    const batch = (typeof a === "function" ? a : b) as (ctx: unknown) => Promise<T>;
    const options = typeof a === "object" && a !== null && "mergeUndoGroup" in a ? (a as { mergeUndoGroup?: boolean }) : null;
    if (typeof a !== "function") this.runOptions.push(options);
    else this.runOptions.push(null);
    this.grouped = Boolean(options?.mergeUndoGroup);
    try {
      return await batch(this.context());
    } finally {
      this.grouped = false;
    }
  };

  private track<T extends Mock>(m: T): T {
    this.mocks.push(m);
    return m;
  }

  private mock(data: Record<string, unknown>): Mock {
    return this.track(new OfficeMockObject(data) as Mock);
  }

  private queue(run: () => void, write = false): void {
    this.ops.push({ write, run });
  }

  async sync(): Promise<void> {
    this.syncs++;
    // Cell writes are assignments to range proxies: collect them as ops, in the order the proxies were made.
    for (const r of this.ranges) {
      const f = r.mock.formulas;
      const v = r.mock.values;
      const input = Array.isArray(f) && f !== r.orig.formulas ? f : Array.isArray(v) && v !== r.orig.values ? v : null;
      if (input) {
        r.orig = { values: v, formulas: f };
        const value = (input as unknown[][])[0][0] as string | number | boolean;
        const { sheet, cell } = r;
        this.queue(() => {
          if (sheet.protected) throw ERROR("AccessDenied", "The cell or chart you're trying to change is on a protected sheet.");
          if (!this.sheets.includes(sheet)) throw ERROR("ItemNotFound", "The requested resource doesn't exist.");
          const p = parseInput(value);
          if (p.formula !== null) sheet.cells.set(cell, { value: sheet.cells.get(cell)?.value ?? null, formula: p.formula });
          else if (p.value === null) sheet.cells.delete(cell);
          else sheet.cells.set(cell, { value: p.value });
        }, true);
      }
    }
    const ops = this.ops;
    this.ops = [];
    if (this.grouped && this.refuseUndoGroup && ops.some((o) => o.write)) {
      this.refuseUndoGroup = false;
      throw ERROR("UndoNotSupported", "The operation can't be grouped into one undo step.");
    }
    if (this.failNextWrite && ops.some((o) => o.write)) {
      this.failNextWrite = false;
      // Excel may apply part of a failing batch: apply the first half of the writes, then fail.
      const writes = ops.filter((o) => o.write);
      writes.slice(0, Math.floor(writes.length / 2)).forEach((o) => o.run());
      throw ERROR("GeneralException", "An internal error has occurred.");
    }
    for (const op of ops) op.run();
    this.log.push("sync");
    for (const m of this.mocks) await m.sync();
    await new Promise((r) => setTimeout(r, 0));
  }

  private rangeMock(sheet: FakeSheet, cell: string): Mock {
    const c = sheet.cells.get(cell);
    const values = [[c?.value ?? ""]];
    const formulas = [[c?.formula ?? c?.value ?? ""]];
    const m = this.mock({
      address: `${sheet.name}!${cell}`,
      values,
      formulas,
      numberFormat: [[c?.format ?? "General"]],
      // Excel's Range.getUsedRangeOrNullObject: the used part of this range only.
      getUsedRangeOrNullObject: () => this.usedRange(sheet, parseRange(cell) ?? undefined),
      select: () =>
        this.queue(() => {
          this.log.push(`select ${sheet.name}!${cell}`);
          this.selection = { sheet: sheet.name, cell };
        }),
    });
    this.ranges.push({ mock: m, sheet, cell, orig: { values, formulas } });
    return m;
  }

  private usedRange(sheet: FakeSheet, within?: { top: number; left: number; bottom: number; right: number }): Mock {
    this.usedRangeLoads.push({ sheet: sheet.name, within: within ? `${toA1(within.top, within.left)}:${toA1(within.bottom, within.right)}` : null });
    const refs = [...sheet.cells.keys()]
      .map((a) => parseA1(a)!)
      .filter((r) => !within || (r.row >= within.top && r.row <= within.bottom && r.col >= within.left && r.col <= within.right));
    if (refs.length === 0) return Object.assign(this.mock({ address: "", values: [], numberFormat: [], formulas: [] }), { isNullObject: true });
    const top = Math.min(...refs.map((r) => r.row));
    const left = Math.min(...refs.map((r) => r.col));
    const bottom = Math.max(...refs.map((r) => r.row));
    const right = Math.max(...refs.map((r) => r.col));
    const address = `${sheet.name}!${toA1(top, left)}:${toA1(bottom, right)}`;
    if ((bottom - top + 1) * (right - left + 1) > 5_000_000) {
      // Excel cannot send the values of so large a range; reading them here fails the test.
      const refused = "Error, the response payload size has exceeded the limit";
      return Object.assign(this.mock({ address, values: refused, numberFormat: refused, formulas: refused }), { isNullObject: false });
    }
    const values: unknown[][] = [];
    const formats: unknown[][] = [];
    const formulas: unknown[][] = [];
    for (let i = top; i <= bottom; i++) {
      values.push([]);
      formats.push([]);
      formulas.push([]);
      for (let j = left; j <= right; j++) {
        const c = sheet.cells.get(toA1(i, j));
        values[i - top].push(c?.value ?? "");
        formats[i - top].push(c?.format ?? "General");
        // As Excel reports range.formulas: the formula where there is one, else the constant.
        formulas[i - top].push(c?.formula ?? c?.value ?? "");
      }
    }
    return Object.assign(this.mock({ address, values, numberFormat: formats, formulas }), { isNullObject: false });
  }

  private cfCollection(sheet: FakeSheet, ranges: string): Mock {
    const items = () =>
      sheet.cfs.map((cf) =>
        this.mock({
          type: cf.type,
          custom: { rule: { formula: cf.formula }, format: { fill: { color: cf.color } } },
          delete: () => this.queue(() => (sheet.cfs = sheet.cfs.filter((x) => x !== cf)), true),
        }),
      );
    return this.collection(items, {
      add: (type: string) => {
        const cf = this.mock({ type, custom: { rule: { formula: "" }, format: { fill: { color: "" } } } }) as Mock & {
          custom: { rule: { formula: string }; format: { fill: { color: string } } };
        };
        this.queue(() => {
          if (sheet.protected) throw ERROR("AccessDenied", "The cell or chart you're trying to change is on a protected sheet.");
          sheet.cfs.push({ id: `cf${this.nextId++}`, type, ranges, formula: cf.custom.rule.formula, color: cf.custom.format.fill.color });
        }, true);
        return cf;
      },
    });
  }

  /**
   * A collection: `load("items/a,items/b")` then sync makes `items` readable, each item with a and b
   * loaded (office-addin-mock cannot navigate into arrays). Items are made at sync time, from the state then.
   */
  private collection(items: () => Mock[], extra: Record<string, unknown> = {}): Mock {
    let props: string[] | null = null;
    const col = this.mock({ ...extra }) as Mock & { items: unknown };
    col.items = "Error, property was not loaded";
    col.load = (arg: unknown) => {
      props = (typeof arg === "string" ? arg : "").split(",").map((x) => x.trim().replace(/^items\//, "")).filter(Boolean);
      return col;
    };
    col.sync = async () => {
      if (props === null) return;
      const list = items();
      if (props.length > 0) for (const m of list) m.load(props.join(","));
      col.items = list;
    };
    return col;
  }

  private sheetMock(sheet: FakeSheet | undefined, nameIfMissing = ""): Mock {
    if (!sheet) return Object.assign(this.mock({ name: nameIfMissing }), { isNullObject: true });
    const m = this.mock({
      name: sheet.name,
      protection: { protected: sheet.protected },
      activate: () =>
        this.queue(() => {
          this.log.push(`activate ${sheet.name}`);
          this.active = sheet.name;
        }),
      getRange: (address?: string) => {
        if (address) return this.rangeMock(sheet, address);
        const whole = this.mock({
          getMergedAreasOrNullObject: () =>
            sheet.merges.length === 0
              ? Object.assign(this.mock({ address: "" }), { isNullObject: true })
              : Object.assign(this.mock({ address: sheet.merges.map((x) => `${sheet.name}!${x}`).join(", ") }), { isNullObject: false }),
        });
        Object.assign(whole, { conditionalFormats: this.cfCollection(sheet, "A1:XFD1048576") });
        return whole;
      },
      getRanges: (address: string) => Object.assign(this.mock({}), { conditionalFormats: this.cfCollection(sheet, address) }),
      getUsedRangeOrNullObject: () => this.usedRange(sheet),
    });
    return Object.assign(m, { isNullObject: false });
  }

  private context(): Mock {
    const worksheets = this.collection(() => this.sheets.map((x) => this.sheetMock(x)), {
      getActiveWorksheet: () => this.sheetMock(this.sheet(this.active)),
      getItem: (name: string) => {
        const found = this.sheets.find((x) => x.name === name);
        if (!found)
          this.queue(() => {
            throw ERROR("ItemNotFound", "The requested resource doesn't exist.");
          });
        return this.sheetMock(found ?? { name, cells: new Map(), merges: [], protected: false, cfs: [] });
      },
      getItemOrNullObject: (name: string) => this.sheetMock(this.sheets.find((x) => x.name === name), name),
      onChanged: { add: () => ({ context: {}, remove: () => undefined }) },
    });
    const customXmlParts = this.mock({
      add: (xml: string) => {
        this.queue(() => this.parts.push({ id: `part${this.nextId++}`, namespace: /xmlns="([^"]+)"/.exec(xml)?.[1] ?? "", xml }), true);
      },
      getByNamespace: (ns: string) =>
        this.collection(() =>
          this.parts
            .filter((p) => p.namespace === ns)
            .map((p) =>
              this.mock({
                id: p.id,
                getXml: () => {
                  const result = { value: undefined as string | undefined };
                  this.queue(() => (result.value = p.xml));
                  return result;
                },
                setXml: (xml: string) => this.queue(() => (p.xml = xml), true),
                delete: () => this.queue(() => (this.parts = this.parts.filter((x) => x !== p)), true),
              }),
            ),
        ),
    });
    const nameMock = (name: string) => {
      const n = this.names.get(name);
      const m = this.mock({
        name,
        formula: n?.formula ?? "",
        visible: n?.visible ?? true,
        delete: () => this.queue(() => this.names.delete(name), true),
      });
      return Object.assign(m, { isNullObject: !n });
    };
    const names = this.mock({
      add: (name: string, formula: string) => {
        const item = this.mock({ name, formula, visible: true }) as Mock & { visible: boolean };
        this.queue(() => {
          if (this.names.has(name)) throw ERROR("ItemAlreadyExists", "The resource already exists.");
          this.names.set(name, { formula, visible: true });
        }, true);
        // The visibility set on the new item before the sync.
        this.queue(() => {
          const n = this.names.get(name);
          if (n) n.visible = Boolean(item.visible);
        });
        return item;
      },
      getItemOrNullObject: (name: string) => nameMock(name),
    });
    // Mocks are attached as they are: office-addin-mock would copy them field by field.
    const workbook = this.mock({});
    Object.assign(workbook, { worksheets, customXmlParts, names });
    // Not tracked: its sync is the fake's own.
    const ctx = new OfficeMockObject({ sync: () => this.sync() }) as Mock;
    Object.assign(ctx, { workbook });
    return ctx;
  }
}
