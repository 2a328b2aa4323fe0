/**
 * A fake Excel for the Office adapter's tests, as strict as Microsoft's documentation. Every rule
 * it enforces names its source; where the documentation is silent the fake takes the stricter
 * reading and says so. Docs are OfficeDev/office-js-docs-pr (pr:) and office-js-docs-reference
 * (ref:) as of 2026-08; issues are OfficeDev/office-js.
 *
 *  1. Proxies and batches (pr: docs/develop/application-specific-api-model.md "sync()", "load()"):
 *     setting a property or calling a method only queues a command; commands run in order at
 *     context.sync(); a property can be read only after load() and a sync, else it throws
 *     PropertyNotLoaded (OfficeExtension.ErrorCodes.propertyNotLoaded).
 *  2. *OrNullObject (same page, "*OrNullObject methods and properties"): `isNullObject` is filled
 *     in by the sync; reading it before the sync throws PropertyNotLoaded.
 *  3. A failing command stops its batch: the commands before it stay applied, the ones after it
 *     never run, and sync() rejects with the error's code (pr: testing/application-specific-api-error-handling.md).
 *  4. 5 MB (pr: concepts/resource-limits-and-performance-optimization.md "Excel add-ins";
 *     docs/excel/performance.md "Payload size limit best practices"): Excel on the web refuses a
 *     request or a response over 5 MB — RequestPayloadSizeLimitExceeded /
 *     ResponsePayloadSizeLimitExceeded, "only in Office on the web". Sizes are measured as the JSON
 *     of what a batch sends and gets back; `requestSizes` and `responseSizes` keep them per sync.
 *  5. Five million cells per read, on all platforms (performance.md): the fake answers `values`
 *     of a larger range with null, as the note there says Excel sometimes does.
 *  6. getUsedRange(valuesOnly) (ref: excel.range.yml, excel.worksheet.yml): without valuesOnly a
 *     cell that only has formatting is "used"; with it only cells with a value (or a formula) are.
 *  7. getMergedAreasOrNullObject (ref: excel.range.yml): "if the merged areas count in this range
 *     is more than 512, then this method will fail to return the result". The error code is not
 *     documented; the fake fails the batch with GeneralException.
 *  8. Custom functions show #BUSY! while Excel waits for them (pr: excel/custom-functions-troubleshooting.md,
 *     custom-functions-get-started.md): a freshly written JXZP formula reads #BUSY! until
 *     `calcSyncs` further syncs have passed (Infinity: never within the test).
 *  9. #891 / #6614: a formula written through Range.formulas with the function ids shows #NAME?
 *     when Excel's display language loaded localized names. Which names Excel loaded follows the
 *     manifest (this repository's manifest.xml, read here): the override whose Locale equals the
 *     display language, else the DefaultValue (pr: develop/localization.md). A JXZP name not in
 *     those names shows #NAME?. Range.formulasLocal is "in the user's language and
 *     number-formatting locale" (ref: Excel.Range.formulasLocal): the loaded names, the locale's
 *     built-in names and list separator. Stricter than Excel: a formula naming an unknown JXZP
 *     function shows #NAME? even where IF would not evaluate that branch.
 * 10. onChanged fires for changes made by add-in code too (pr: excel/excel-add-ins-events.md
 *     "Event triggers"); WorksheetCollection.onChanged needs ExcelApi 1.9.
 * 11. NamedItem.formula comes back localized on desktop (#2834, open): on "windows" and "mac"
 *     the fake returns the name's formula in the display language's form (";" between areas in
 *     German), on "web" the invariant form.
 * 12. Requirement sets (ref: requirement-sets/excel/excel-api-requirement-sets.md and each API's
 *     "API set"): `apiVersion` is the highest ExcelApi this Excel has; a command from a later set
 *     fails its batch with ApiNotFound. Office.context.requirements.isSetSupported answers the same.
 * 13. Excel.run({ mergeUndoGroup: true }) needs ExcelApi 1.20; a grouped batch that uses an API
 *     without undo support fails with UndoNotSupported (pr: excel/excel-add-ins-undo-capabilities.md;
 *     the code is in application-specific-api-error-handling.md, "Excel-specific error codes").
 * 14. A write whose array does not match the range's size fails with InvalidArgument.
 */
import * as fs from "fs";
import * as path from "path";
import { parseA1, parseRange, toA1, type RangeRef } from "../../src/scoring/grid/address";
import type { CellValue, Grid } from "../../src/scoring/grid/grid";
import { parseInput, type MemorySheet } from "../../src/taskpane/host/memory-workbook";
import { evaluateFormula } from "../../src/taskpane/preview/formula-engine";
import { formulaAfterEdit, refAfterEdit, type SheetEdit } from "../../src/taskpane/host/cell-refs";
import { rangeMatrix } from "../../src/scoring/grid/range-matrix";

export interface FakeCell {
  value: CellValue;
  /** The formula in its invariant form, JXZP functions by id (`=JXZP.SCORE(F11,D11,E11)`). */
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

/** Formatting and layout written to a sheet, by the range address the code used. */
export interface FakeLayout {
  formats: Map<string, Record<string, unknown>>;
  validations: Map<string, Record<string, unknown>>;
  frozenRows: number | null;
  pageLayout: Record<string, unknown>;
}

export interface FakeSheet {
  name: string;
  cells: Map<string, FakeCell>;
  merges: string[];
  protected: boolean;
  cfs: FakeCF[];
  layout: FakeLayout;
  /** Cells whose formula names a JXZP function Excel did not resolve (shown as #NAME?). */
  unresolved: Set<string>;
  /** Cells waiting for a custom function: syncs left until their value replaces #BUSY!. */
  busy: Map<string, number>;
}

export interface FakePart {
  id: string;
  namespace: string;
  xml: string;
}

export type Platform = "web" | "windows" | "mac";

const LIMIT_BYTES = 5 * 1024 * 1024;
const READ_CELL_LIMIT = 5_000_000;
const MERGED_AREA_LIMIT = 512;
const BUSY = "#BUSY!";

/** APIs without undo support that this add-in could call (excel-add-ins-undo-capabilities.md, "Unsupported APIs"). */
const NO_UNDO = new Set(["Worksheet.delete", "Worksheet.name", "Worksheet.position", "Workbook.save"]);

export const richError = (code: string, message: string): Error => Object.assign(new Error(message), { code, name: "RichApi.Error" });
const notLoaded = (what: string): Error =>
  richError(
    "PropertyNotLoaded",
    `The property '${what}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );

// ---------------------------------------------------------------------------------------------
// Which JXZP names Excel loaded, and formulas in the display language (rule 9).

/** The repository: the folder above this file that holds manifest.xml (this file also runs compiled, from lib/, in npm run bench). */
function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "manifest.xml")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}
const ROOT = repoRoot();
const ZH_TABLE = JSON.parse(fs.readFileSync(path.join(ROOT, "src", "functions", "names.zh-CN.json"), "utf8")) as Record<string, { name: string }>;
const IDS = Object.keys(ZH_TABLE);

/**
 * The metadata file manifest.xml gives a display language: the exact override, else the default.
 * `match: "language"` models a client that also takes an override of the same language family
 * (en-GB → en-US): localization.md says the language name alone "isn't supported across all
 * combinations", so the add-in must not rely on either behaviour.
 */
export function manifestMetadataFile(displayLanguage: string, match: "exact" | "language" = "exact"): string {
  const xml = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
  const url = /<bt:Url id="Functions\.Metadata\.Url" DefaultValue="([^"]+)">([\s\S]*?)<\/bt:Url>|<bt:Url id="Functions\.Metadata\.Url" DefaultValue="([^"]+)"\s*\/>/.exec(xml);
  if (!url) throw new Error("manifest.xml has no Functions.Metadata.Url");
  const overrides = [...(url[2] ?? "").matchAll(/<bt:Override Locale="([^"]+)" Value="([^"]+)"/g)];
  const lang = displayLanguage.toLowerCase();
  const hit = overrides.find((o) => o[1].toLowerCase() === lang) ?? (match === "language" ? overrides.find((o) => o[1].toLowerCase().split("-")[0] === lang.split("-")[0]) : undefined);
  return (hit ? hit[2] : (url[1] ?? url[3])).replace(/^.*\//, "");
}

/** Function names (upper case) to ids, as the metadata file defines them. */
function namesOf(file: string): Map<string, string> {
  if (file === "functions.json") return new Map(IDS.map((id) => [id, id]));
  if (file === "functions.zh-CN.json") return new Map(IDS.map((id) => [ZH_TABLE[id].name.toUpperCase(), id]));
  throw new Error(`unknown metadata file ${file}`);
}

/** What formulasLocal looks like in a language: built-in names and the list separator. */
interface FormulaLocale {
  builtins: Record<string, string>;
  separator: string;
  decimal: string;
}
const GERMAN: FormulaLocale = { builtins: { IF: "WENN", AND: "UND", SUM: "SUMME", ROUND: "RUNDEN", IFERROR: "WENNFEHLER", MIN: "MIN", MAX: "MAX" }, separator: ";", decimal: "," };
const ENGLISH_LIKE: FormulaLocale = { builtins: {}, separator: ",", decimal: "." };
const formulaLocale = (lang: string): FormulaLocale => (/^de/i.test(lang) ? GERMAN : ENGLISH_LIKE);

/** Maps the code parts of a formula (outside "text"); `f` gets each part. */
function codeParts(formula: string, f: (code: string) => string): string {
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((p) => (p.startsWith('"') ? p : f(p)))
    .join("");
}

const JXZP_CALL = /JXZP\.([\p{L}\p{N}_.]+)(?=\s*\()/giu;

interface Stored {
  formula: string;
  unresolved: boolean;
}

// ---------------------------------------------------------------------------------------------
// The batch machinery (rules 1-4, 12, 13).

type Delivery = () => void;
interface Op {
  kind: "read" | "write" | "call";
  api: string;
  /** The ExcelApi version that brought this API. */
  since: string;
  bytes: number;
  /** Runs the command against the workbook; a read returns what the response carries. */
  run: () => { deliver: Delivery; payload: unknown } | void;
}

const versionAtLeast = (have: string, need: string): boolean => {
  const [a, b] = have.split(".").map(Number);
  const [c, d] = need.split(".").map(Number);
  return a > c || (a === c && b >= d);
};

function parseLoad(what: unknown): string[] {
  if (what === undefined) return [];
  if (Array.isArray(what)) return what.flatMap((w) => parseLoad(w));
  if (typeof what === "string")
    return what
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  if (typeof what === "object" && what !== null && "select" in what) return parseLoad((what as { select: unknown }).select);
  return [];
}

type Resolver = () => unknown;

/** A proxy object: loadable scalar properties, writable ones that queue commands. */
class ClientObject {
  private readonly loaded = new Map<string, unknown>();
  /** For an *OrNullObject result: true when it names nothing (its loaded properties are then null). */
  nullWhen: (() => boolean) | null = null;
  constructor(
    protected readonly ctx: Ctx,
    readonly kindName: string,
    private readonly props: Record<string, { get?: Resolver; set?: (v: unknown) => void; since?: string; api?: string }>,
  ) {
    for (const [name, p] of Object.entries(props))
      Object.defineProperty(this, name, {
        enumerable: true,
        get: () => {
          if (!this.loaded.has(name)) throw notLoaded(`${kindName}.${name}`);
          return this.loaded.get(name);
        },
        set: (v: unknown) => {
          if (!p.set) throw new TypeError(`${kindName}.${name} is read-only`);
          ctx.queue({ kind: "write", api: p.api ?? `${kindName}.${name}`, since: p.since ?? "1.1", bytes: 40 + Buffer.byteLength(JSON.stringify(v ?? null), "utf8"), run: () => p.set!(v) });
        },
      });
  }

  load(what?: unknown): this {
    const names = parseLoad(what);
    const chosen = names.length ? names : Object.keys(this.props).filter((n) => this.props[n].get);
    this.ctx.queue({
      kind: "read",
      api: `${this.kindName}.load`,
      since: chosen.reduce((v, n) => (this.props[n]?.since && versionAtLeast(this.props[n].since!, v) ? this.props[n].since! : v), "1.1"),
      bytes: 40 + chosen.join(",").length,
      run: () => {
        const got: Record<string, unknown> = {};
        const isNull = this.nullWhen?.() ?? false;
        for (const n of chosen) {
          const p = this.props[n];
          if (!p?.get) throw richError("InvalidArgument", `The property '${n}' cannot be loaded.`);
          got[n] = isNull ? null : p.get();
        }
        return { payload: got, deliver: () => Object.entries(got).forEach(([k, v]) => this.loaded.set(k, v)) };
      },
    });
    return this;
  }

  /** A property's value now, as a load in the running batch reads it. */
  resolve(name: string): unknown {
    const p = this.props[name];
    if (!p?.get) throw richError("InvalidArgument", `The property '${name}' cannot be loaded.`);
    return p.get();
  }

  /** Sets a property the sync delivered (null objects, collections' items). */
  fill(name: string, value: unknown): void {
    this.loaded.set(name, value);
  }
}

/** An *OrNullObject result: `isNullObject` arrives with the sync (rule 2). */
function nullable<T extends ClientObject>(ctx: Ctx, p: T, exists: () => boolean): T & { isNullObject: boolean } {
  let state: boolean | undefined;
  p.nullWhen = () => !exists();
  Object.defineProperty(p, "isNullObject", {
    get: () => {
      if (state === undefined) throw notLoaded(`${p.kindName}.isNullObject`);
      return state;
    },
  });
  ctx.queue({
    kind: "read",
    api: `${p.kindName}.isNullObject`,
    since: "1.1",
    bytes: 20,
    run: () => {
      const v = !exists();
      return { payload: { isNullObject: v }, deliver: () => (state = v) };
    },
  });
  return p as T & { isNullObject: boolean };
}

class Ctx {
  ops: Op[] = [];
  readonly workbook: Record<string, unknown>;
  constructor(
    readonly fake: FakeExcel,
    readonly grouped: boolean,
  ) {
    this.workbook = fake.workbookProxy(this);
  }

  queue(op: Op): void {
    this.ops.push(op);
  }

  async sync(): Promise<void> {
    const fake = this.fake;
    const ops = this.ops;
    this.ops = [];
    fake.syncs++;
    fake.log.push("sync");
    const request = ops.reduce((n, o) => n + o.bytes, 0);
    fake.requestSizes.push(request);
    await new Promise((r) => setTimeout(r, 0));
    if (fake.platform === "web" && request > LIMIT_BYTES) throw richError("RequestPayloadSizeLimitExceeded", "The request payload size has exceeded the limit.");
    const writes = ops.filter((o) => o.kind !== "read");
    if (this.grouped && writes.length > 0) {
      const noUndo = ops.find((o) => NO_UNDO.has(o.api));
      if (noUndo || fake.refuseUndoGroup) {
        fake.refuseUndoGroup = false;
        throw richError("UndoNotSupported", "The JavaScript API request failed due to lack of support for the undo operation.");
      }
    }
    const failAt = fake.failNextWrite && writes.length > 0 ? Math.floor(writes.length / 2) : -1;
    if (failAt >= 0) fake.failNextWrite = false;
    const deliveries: Delivery[] = [];
    const payloads: unknown[] = [];
    let written = 0;
    let failure: unknown = null;
    for (const op of ops) {
      try {
        if (!versionAtLeast(fake.apiVersion, op.since)) throw richError("ApiNotFound", `The API you are trying to use could not be found (${op.api}, ExcelApi ${op.since}).`);
        if (op.kind !== "read" && written === failAt) throw richError("GeneralException", "There was an internal error while processing the request.");
        const r = op.run();
        if (r) {
          deliveries.push(r.deliver);
          payloads.push(r.payload);
        }
        if (op.kind !== "read") written++;
      } catch (e) {
        failure = e;
        break;
      }
    }
    fake.afterBatch();
    if (failure) throw failure;
    const response = Buffer.byteLength(JSON.stringify(payloads), "utf8");
    fake.responseSizes.push(response);
    if (fake.platform === "web" && response > LIMIT_BYTES) {
      fake.refusedResponses++;
      throw richError("ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit.");
    }
    for (const d of deliveries) d();
  }
}

// ---------------------------------------------------------------------------------------------

const emptyLayout = (): FakeLayout => ({ formats: new Map(), validations: new Map(), frozenRows: null, pageLayout: {} });

const cellsOf = (r: RangeRef): number => (r.bottom - r.top + 1) * (r.right - r.left + 1);

const WHOLE: RangeRef = { top: 0, left: 0, bottom: 1048575, right: 16383 };

/** A1, A1:C3, H:H or 5:5 as a rectangle. */
function rectOf(address: string | undefined): RangeRef {
  if (!address) return WHOLE;
  const a = address.replace(/\$/g, "").replace(/^.*!/, "");
  const col = /^([A-Z]{1,3}):([A-Z]{1,3})$/.exec(a);
  if (col) {
    const l = parseA1(`${col[1]}1`)!.col;
    const r = parseA1(`${col[2]}1`)!.col;
    return { top: 0, bottom: 1048575, left: l, right: r };
  }
  const row = /^(\d+):(\d+)$/.exec(a);
  if (row) return { top: Number(row[1]) - 1, bottom: Number(row[2]) - 1, left: 0, right: 16383 };
  const r = parseRange(a);
  if (!r) throw richError("InvalidArgument", `The argument is invalid or missing or has an incorrect format (${address}).`);
  return r;
}

const rectText = (r: RangeRef): string => (r.top === r.bottom && r.left === r.right ? toA1(r.top, r.left) : `${toA1(r.top, r.left)}:${toA1(r.bottom, r.right)}`);
const overlaps = (a: RangeRef, b: RangeRef): boolean => a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;

/** Excel.run as Office.js types it: a batch, optionally after options or an earlier context. */
export interface RunFn {
  <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  <T>(options: Excel.RunOptions | object, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

export class FakeExcel {
  sheets: FakeSheet[] = [];
  active = "";
  parts: FakePart[] = [];
  /** Defined names: the invariant formula and visibility. */
  names = new Map<string, { formula: string; visible: boolean }>();
  selection: { sheet: string; cell: string } | null = null;

  /** Which Excel: web has the 5 MB limits; desktop returns NamedItem.formula localized (#2834). */
  platform: Platform = "web";
  /** Office.context.displayLanguage. */
  displayLanguage = "zh-CN";
  /** The highest ExcelApi requirement set this Excel supports. */
  apiVersion = "1.20";
  /** Syncs after writing a JXZP formula before its value replaces #BUSY! (Infinity: never). */
  calcSyncs = 1;
  /** How this Excel matches the manifest's overrides to its display language (see manifestMetadataFile). */
  overrideMatch: "exact" | "language" = "exact";

  syncs = 0;
  runs = 0;
  requestSizes: number[] = [];
  /** The JSON size in bytes of every response, delivered or refused. */
  responseSizes: number[] = [];
  /** Responses refused for being over 5 MB. */
  refusedResponses = 0;
  /** What happened, in order: `sync`, `activate 表`, `select 表!H4`. */
  log: string[] = [];
  /** Each used range asked for: the sheet, the area it was limited to (null: the whole sheet), valuesOnly. */
  usedRangeLoads: { sheet: string; within: string | null; valuesOnly: boolean }[] = [];
  /** The options of each Excel.run (null when none were given). */
  runOptions: ({ mergeUndoGroup?: boolean } | null)[] = [];
  /** onChanged events delivered: sheet and address. */
  changeEvents: { worksheetId: string; address: string }[] = [];

  /** The next batch with writes fails half-way, as Excel may (rule 3). */
  failNextWrite = false;
  /** The next grouped batch is refused with UndoNotSupported, as a host may for any API it cannot undo (rule 13). */
  refuseUndoGroup = false;

  private nextId = 1;
  private handlers: ((e: unknown) => Promise<void> | void)[] = [];
  private changed = new Map<string, Set<string>>();
  private writtenThisSync = new Set<string>();

  /** The Office global a pane sees in this Excel. */
  get office() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the Office global reads the fake's state as it is now
    const fake = this;
    return {
      context: {
        get displayLanguage() {
          return fake.displayLanguage;
        },
        requirements: { isSetSupported: (set: string, version?: string) => (set === "ExcelApi" ? versionAtLeast(fake.apiVersion, version ?? "1.1") : true) },
      },
    };
  }

  /** Puts Excel and Office on globalThis; returns the function that takes them away. */
  install(): () => void {
    const g = globalThis as unknown as { Excel?: unknown; Office?: unknown };
    g.Excel = { run: this.run };
    g.Office = this.office;
    return () => {
      delete g.Excel;
      delete g.Office;
    };
  }

  /** A sheet from a core grid (a fixture read by the CLI's reader), as Excel would hold it. */
  addGrid(grid: Grid): FakeSheet {
    const cells: Record<string, FakeCell> = {};
    grid.values.forEach((row, i) =>
      row.forEach((v, j) => {
        const format = grid.numberFormats?.[i]?.[j] ?? undefined;
        if (v !== null && v !== "") cells[toA1(grid.origin.row + i, grid.origin.col + j)] = format ? { value: v, format } : { value: v };
      }),
    );
    return this.addSheet(grid.sheet, cells, grid.merges);
  }

  addSheet(name: string, cells: Record<string, CellValue | FakeCell>, merges: string[] = []): FakeSheet {
    const s: FakeSheet = { name, cells: new Map(), merges: [...merges], protected: false, cfs: [], layout: emptyLayout(), unresolved: new Set(), busy: new Map() };
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

  /** The value Excel shows in a cell now: #BUSY! while waiting, #NAME? for an unresolved JXZP name. */
  shown(sheet: string, a1: string): CellValue {
    const s = this.sheet(sheet);
    if (s.busy.has(a1)) return BUSY;
    return s.cells.get(a1)?.value ?? null;
  }

  /**
   * Inserts (count > 0) or deletes (count < 0) rows or columns as Excel does: cells, merges,
   * formulas and defined names move; references to deleted cells read #REF!.
   */
  editSheet(sheetName: string, axis: "row" | "col", at: number, count: number): void {
    const s = this.sheet(sheetName);
    const edit: SheetEdit = { sheet: s.name, axis, at, count };
    const moved = new Map<string, FakeCell>();
    for (const [a, c] of s.cells) {
      const to = refAfterEdit(a, edit);
      if (to) moved.set(to, c);
    }
    s.cells = moved;
    s.merges = s.merges.flatMap((m) => {
      const r = refAfterEdit(m, edit);
      return r && r.includes(":") ? [r] : [];
    });
    for (const sh of this.sheets) for (const c of sh.cells.values()) if (c.formula) c.formula = formulaAfterEdit(c.formula, sh.name, edit);
    for (const n of this.names.values()) n.formula = formulaAfterEdit(n.formula, "", edit);
  }

  /** Excel.run(batch), Excel.run(options, batch) or Excel.run(context, batch). */
  run: RunFn = async <T>(a: unknown, b?: unknown): Promise<T> => {
    const batch = (typeof a === "function" ? a : b) as (ctx: unknown) => Promise<T>;
    const options = typeof a === "object" && a !== null && "mergeUndoGroup" in a ? (a as { mergeUndoGroup?: boolean }) : null;
    this.runs++;
    this.runOptions.push(typeof a === "function" ? null : options);
    if (options?.mergeUndoGroup && !versionAtLeast(this.apiVersion, "1.20")) throw richError("ApiNotFound", "RunOptions.mergeUndoGroup needs ExcelApi 1.20.");
    const ctx = a instanceof Ctx ? a : new Ctx(this, Boolean(options?.mergeUndoGroup));
    const result = await batch(ctx);
    // Excel.run syncs what is left queued before it resolves (application-specific-api-model.md).
    if (ctx.ops.length > 0) await ctx.sync();
    return result;
  };

  // -------------------------------------------------------------------------------------------
  // Formulas (rule 9) and calculation (rule 8).

  /** The functions metadata this Excel loaded (rule 9). */
  metadataFile(): string {
    return manifestMetadataFile(this.displayLanguage, this.overrideMatch);
  }

  private loadedNames(): Map<string, string> {
    return namesOf(this.metadataFile());
  }

  /** A formula as typed through `formulas` (invariant) or `formulasLocal`, as the fake stores it. */
  private toStored(text: string, via: "formulas" | "formulasLocal"): Stored {
    const names = this.loadedNames();
    const englishLoaded = this.metadataFile() === "functions.json";
    const loc = formulaLocale(this.displayLanguage);
    let unresolved = false;
    const formula = codeParts(text, (code) => {
      let c = code;
      if (via === "formulasLocal" && loc !== ENGLISH_LIKE) {
        if (/,/.test(c)) throw richError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
        for (const [en, local] of Object.entries(loc.builtins)) {
          if (en !== local && new RegExp(`(^|[^\\p{L}.])${en}(?=\\s*\\()`, "iu").test(c)) unresolved = true;
          c = c.replace(new RegExp(`(^|[^\\p{L}.])${local}(?=\\s*\\()`, "giu"), `$1${en}`);
        }
        c = c.split(loc.separator).join(",");
      }
      return c.replace(JXZP_CALL, (whole, name: string) => {
        const id = names.get(name.toUpperCase());
        // #891: through `formulas` only the English metadata's names (the ids) resolve.
        const ok = id !== undefined && (via === "formulasLocal" || englishLoaded);
        if (!ok) {
          unresolved = true;
          return whole;
        }
        return `JXZP.${id}`;
      });
    });
    return { formula, unresolved };
  }

  /** A stored formula as `formulasLocal` (or NamedItem.formula on desktop) shows it. */
  private toLocal(formula: string, unresolved: boolean): string {
    const loc = formulaLocale(this.displayLanguage);
    const byId = new Map([...this.loadedNames()].map(([name, id]) => [id, name]));
    const zh = this.metadataFile() === "functions.zh-CN.json";
    return codeParts(formula, (code) => {
      let c = unresolved ? code : code.replace(JXZP_CALL, (whole, id: string) => (byId.has(id) ? `JXZP.${zh ? ZH_TABLE[id].name : id}` : whole));
      if (loc !== ENGLISH_LIKE) {
        c = c.split(",").join(loc.separator);
        for (const [en, local] of Object.entries(loc.builtins)) c = c.replace(new RegExp(`(^|[^\\p{L}.])${en}(?=\\s*\\()`, "giu"), `$1${local}`);
      }
      return c;
    });
  }

  /** The sheet as the preview's formula engine reads it. */
  private memoryView(s: FakeSheet): MemorySheet {
    const values: CellValue[][] = [];
    for (const [a, c] of s.cells) {
      const p = parseA1(a);
      if (!p) continue;
      while (values.length <= p.row) values.push([]);
      values[p.row][p.col] = s.busy.has(a) ? BUSY : c.value;
    }
    return { name: s.name, values, formulas: [], numberFormats: [], merges: s.merges, marks: new Map(), protected: s.protected };
  }

  private computeCell(s: FakeSheet, a1: string): void {
    const c = s.cells.get(a1);
    if (!c?.formula) return;
    if (s.unresolved.has(a1)) {
      c.value = "#NAME?";
      return;
    }
    const v = evaluateFormula(c.formula, this.memoryView(s));
    c.value = v === null ? "" : v;
  }

  /** Calculates every formula now, as Excel does when a workbook opens (tests that set cells directly call it). */
  recalc(): void {
    this.afterBatch();
  }

  /** After a batch: fresh JXZP formulas wait (#BUSY!), others and those whose wait is over calculate; onChanged fires. */
  afterBatch(): void {
    for (const s of this.sheets)
      for (const [a, left] of s.busy) {
        if (this.writtenThisSync.has(`${s.name}!${a}`)) continue;
        if (left <= 1) s.busy.delete(a);
        else s.busy.set(a, left - 1);
      }
    this.writtenThisSync.clear();
    for (let pass = 0; pass < 3; pass++)
      for (const s of this.sheets) for (const [a, c] of s.cells) if (c.formula && !s.busy.has(a)) this.computeCell(s, a);
    const changed = this.changed;
    this.changed = new Map();
    for (const [sheet, cells] of changed) {
      const e = { type: "WorksheetChanged", worksheetId: sheet, address: [...cells].join(","), changeType: "RangeEdited", source: "Local" };
      this.changeEvents.push({ worksheetId: sheet, address: e.address });
      for (const h of this.handlers) setTimeout(() => void h(e), 0);
    }
  }

  /** Puts typed input into a cell, as range.formulas / formulasLocal / values = [[input]] would. */
  private put(s: FakeSheet, a1: string, input: unknown, via: "formulas" | "formulasLocal" | "values"): void {
    if (s.protected) throw richError("AccessDenied", "The cell or chart you're trying to change is on a protected sheet.");
    if (!this.sheets.includes(s)) throw richError("ItemNotFound", "The requested resource doesn't exist.");
    const had = s.cells.get(a1);
    const format = had?.format;
    const keepFormat = (c: FakeCell): FakeCell => (format ? { ...c, format } : c);
    s.unresolved.delete(a1);
    s.busy.delete(a1);
    this.noteChange(s, a1);
    if (input === null || input === undefined || input === "") {
      if (format) s.cells.set(a1, { value: null, format });
      else s.cells.delete(a1);
      return;
    }
    if (typeof input !== "string" && typeof input !== "number" && typeof input !== "boolean") throw richError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
    if (via === "values" && typeof input === "string" && input.startsWith("=")) {
      // values takes text; Excel still reads a leading = as a formula: treat as formulas.
      via = "formulas";
    }
    const p = parseInput(input);
    if (p.formula === null) {
      s.cells.set(a1, keepFormat({ value: p.value }));
      return;
    }
    const stored = this.toStored(p.formula, via === "formulasLocal" ? "formulasLocal" : "formulas");
    s.cells.set(a1, keepFormat({ value: null, formula: stored.formula }));
    if (stored.unresolved) s.unresolved.add(a1);
    else if (/JXZP\./i.test(stored.formula.replace(/"(?:[^"]|"")*"/g, ""))) {
      s.busy.set(a1, this.calcSyncs);
      this.writtenThisSync.add(`${s.name}!${a1}`);
    }
    this.computeCell(s, a1);
  }

  private noteChange(s: FakeSheet, a1: string): void {
    const set = this.changed.get(s.name) ?? new Set<string>();
    set.add(a1);
    this.changed.set(s.name, set);
  }

  // -------------------------------------------------------------------------------------------
  // Proxies.

  /** The workbook of a new request context. */
  workbookProxy(ctx: Ctx): Record<string, unknown> {
    return {
      worksheets: this.worksheetsProxy(ctx),
      customXmlParts: this.partsProxy(ctx),
      names: this.namesProxy(ctx),
      application: this.applicationProxy(ctx),
    };
  }

  private applicationProxy(ctx: Ctx): Record<string, unknown> {
    const numberFormat = new ClientObject(ctx, "NumberFormatInfo", {
      numberDecimalSeparator: { get: () => formulaLocale(this.displayLanguage).decimal, since: "1.11" },
      numberGroupSeparator: { get: () => (formulaLocale(this.displayLanguage).decimal === "," ? "." : ","), since: "1.11" },
    });
    const cultureInfo = Object.assign(new ClientObject(ctx, "CultureInfo", { name: { get: () => this.displayLanguage, since: "1.11" } }), { numberFormat });
    return { cultureInfo };
  }

  private collection(ctx: Ctx, kindName: string, items: () => ClientObject[], extra: Record<string, unknown> = {}, since = "1.1"): Record<string, unknown> {
    let loaded: ClientObject[] | null = null;
    const col: Record<string, unknown> = {
      ...extra,
      load: (what?: unknown) => {
        const props = parseLoad(what).map((p) => p.replace(/^items\//, ""));
        ctx.queue({
          kind: "read",
          api: `${kindName}.load`,
          since,
          bytes: 40,
          run: () => {
            const list = items();
            const payload = list.map(() => props);
            return {
              payload,
              deliver: () => {
                loaded = list;
              },
            };
          },
        });
        // The items' own properties are loaded in the same batch, after the list is made.
        if (props.length)
          ctx.queue({
            kind: "read",
            api: `${kindName}.items`,
            since,
            bytes: 0,
            run: () => {
              const list = items();
              const got = list.map((p) => {
                const r: Record<string, unknown> = {};
                for (const n of props) r[n] = p.resolve(n);
                return r;
              });
              return {
                payload: got,
                deliver: () => {
                  loaded = list;
                  list.forEach((p, i) => Object.entries(got[i]).forEach(([k, v]) => p.fill(k, v)));
                },
              };
            },
          });
        return col;
      },
    };
    Object.defineProperty(col, "items", {
      get: () => {
        if (loaded === null) throw notLoaded(`${kindName}.items`);
        return loaded;
      },
    });
    return col;
  }

  private worksheetsProxy(ctx: Ctx): Record<string, unknown> {
    return this.collection(ctx, "WorksheetCollection", () => this.sheets.map((s) => this.sheetProxy(ctx, () => s)), {
      getActiveWorksheet: () => {
        const name = this.active;
        return this.sheetProxy(ctx, () => this.sheet(name));
      },
      getItem: (name: string) =>
        this.sheetProxy(ctx, () => {
          const s = this.sheets.find((x) => x.name === name);
          if (!s) throw richError("ItemNotFound", "The requested resource doesn't exist.");
          return s;
        }),
      getItemOrNullObject: (name: string) => {
        const find = () => this.sheets.find((x) => x.name === name);
        const p = this.sheetProxy(ctx, () => {
          const s = find();
          if (!s) throw richError("ItemNotFound", "The requested resource doesn't exist.");
          return s;
        });
        return nullable(ctx, p, () => find() !== undefined);
      },
      add: (name: string) => {
        const make = { sheet: null as FakeSheet | null };
        ctx.queue({
          kind: "write",
          api: "WorksheetCollection.add",
          since: "1.1",
          bytes: 40 + name.length,
          run: () => {
            if (this.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) throw richError("ItemAlreadyExists", "The resource being created already exists.");
            make.sheet = this.addSheet(name, {});
          },
        });
        return this.sheetProxy(ctx, () => {
          if (!make.sheet || !this.sheets.includes(make.sheet)) throw richError("ItemNotFound", "The requested resource doesn't exist.");
          return make.sheet;
        });
      },
      onChanged: {
        add: (handler: (e: unknown) => Promise<void> | void) => {
          ctx.queue({ kind: "call", api: "WorksheetCollection.onChanged", since: "1.9", bytes: 40, run: () => void this.handlers.push(handler) });
          return {
            context: ctx,
            remove: () => ctx.queue({ kind: "call", api: "EventHandlerResult.remove", since: "1.9", bytes: 40, run: () => void (this.handlers = this.handlers.filter((h) => h !== handler)) }),
          };
        },
      },
    });
  }

  private sheetProxy(ctx: Ctx, ref: () => FakeSheet): ClientObject & Record<string, unknown> {
    const op = (api: string, since: string, run: () => void, kind: Op["kind"] = "write") => ctx.queue({ kind, api, since, bytes: 60, run });
    const p = new ClientObject(ctx, "Worksheet", {
      name: { get: () => ref().name },
      id: { get: () => ref().name },
    }) as ClientObject & Record<string, unknown>;
    Object.assign(p, {
      protection: new ClientObject(ctx, "WorksheetProtection", { protected: { get: () => ref().protected, since: "1.2" } }),
      activate: () =>
        op("Worksheet.activate", "1.1", () => {
          const s = ref();
          this.log.push(`activate ${s.name}`);
          this.active = s.name;
        }),
      delete: () =>
        op("Worksheet.delete", "1.1", () => {
          const s = ref();
          this.sheets = this.sheets.filter((x) => x !== s);
          if (this.active === s.name) this.active = this.sheets[0]?.name ?? "";
        }),
      getRange: (address?: string) => this.rangeProxy(ctx, ref, () => rectOf(address), address ?? "(sheet)"),
      getRanges: (address: string) => {
        // RangeAreas need ExcelApi 1.9: the call itself is checked.
        op("Worksheet.getRanges", "1.9", () => undefined, "call");
        return { conditionalFormats: this.cfProxy(ctx, ref, address.split(",").map((a) => a.trim()).join(","), "1.9") };
      },
      getUsedRangeOrNullObject: (valuesOnly?: boolean) => this.usedRangeProxy(ctx, ref, undefined, Boolean(valuesOnly)),
      freezePanes: {
        freezeRows: (n: number) => op("WorksheetFreezePanes.freezeRows", "1.7", () => void (ref().layout.frozenRows = n)),
      },
      pageLayout: this.pageLayoutProxy(ctx, ref),
    });
    return p;
  }

  private pageLayoutProxy(ctx: Ctx, ref: () => FakeSheet): Record<string, unknown> {
    const props = ["orientation", "paperSize", "centerHorizontally", "topMargin", "bottomMargin", "leftMargin", "rightMargin", "headerMargin", "footerMargin", "zoom"];
    const pl: Record<string, unknown> = {
      setPrintArea: (a: string) => ctx.queue({ kind: "write", api: "PageLayout.setPrintArea", since: "1.9", bytes: 60, run: () => void (ref().layout.pageLayout.printArea = a) }),
      setPrintTitleRows: (a: string) => ctx.queue({ kind: "write", api: "PageLayout.setPrintTitleRows", since: "1.9", bytes: 60, run: () => void (ref().layout.pageLayout.titleRows = a) }),
    };
    for (const name of props)
      Object.defineProperty(pl, name, {
        set: (v: unknown) => ctx.queue({ kind: "write", api: `PageLayout.${name}`, since: "1.9", bytes: 60, run: () => void (ref().layout.pageLayout[name] = v) }),
        get: () => {
          throw notLoaded(`PageLayout.${name}`);
        },
      });
    return pl;
  }

  /** A range proxy; `rect` is resolved when the batch reaches it (a used range is known only then). */
  private rangeProxy(ctx: Ctx, ref: () => FakeSheet, rect: () => RangeRef, key: string): ClientObject & Record<string, unknown> {
    const readable = (r: RangeRef) => cellsOf(r) <= READ_CELL_LIMIT;
    const write = (via: "formulas" | "formulasLocal" | "values") => (v: unknown) => {
      const s = ref();
      const r = rect();
      const rows = v as unknown[][];
      if (!Array.isArray(rows) || rows.length !== r.bottom - r.top + 1 || rows.some((x) => !Array.isArray(x) || x.length !== r.right - r.left + 1))
        throw richError("InvalidArgument", "The number of rows or columns in the input array doesn't match the size or dimensions of the range.");
      rows.forEach((line, i) => line.forEach((x, j) => this.put(s, toA1(r.top + i, r.left + j), x, via)));
    };
    const grid = <T>(at: (s: FakeSheet, a1: string) => T) => () => {
      const r = rect();
      if (!readable(r)) return null;
      const s = ref();
      return rangeMatrix(r, (row, col) => at(s, toA1(row, col)));
    };
    const p = new ClientObject(ctx, "Range", {
      address: { get: () => `${ref().name}!${rectText(rect())}` },
      rowCount: { get: () => rect().bottom - rect().top + 1 },
      columnCount: { get: () => rect().right - rect().left + 1 },
      cellCount: { get: () => cellsOf(rect()) },
      values: { get: grid((s, a) => (s.busy.has(a) ? BUSY : (s.cells.get(a)?.value ?? ""))), set: write("values") },
      formulas: {
        get: grid((s, a) => {
          const c = s.cells.get(a);
          return c?.formula ?? c?.value ?? "";
        }),
        set: write("formulas"),
      },
      formulasLocal: {
        get: grid((s, a) => {
          const c = s.cells.get(a);
          return c?.formula ? this.toLocal(c.formula, s.unresolved.has(a)) : (c?.value ?? "");
        }),
        set: write("formulasLocal"),
      },
      numberFormat: {
        get: grid((s, a) => s.cells.get(a)?.format ?? "General"),
        set: (v: unknown) => {
          const s = ref();
          const r = rect();
          (v as unknown[][]).forEach((line, i) =>
            line.forEach((f, j) => {
              const a1 = toA1(r.top + i, r.left + j);
              const c = s.cells.get(a1) ?? { value: null };
              s.cells.set(a1, { ...c, format: String(f) });
            }),
          );
        },
      },
    }) as ClientObject & Record<string, unknown>;
    const op = (api: string, since: string, run: () => void) => ctx.queue({ kind: "write", api, since, bytes: 60, run });
    const formatRecord = () => {
      const s = ref();
      const f = s.layout.formats.get(key) ?? {};
      s.layout.formats.set(key, f);
      return f;
    };
    const setter = (target: () => Record<string, unknown>, names: string[], api: string, since = "1.1") => {
      const o: Record<string, unknown> = {};
      for (const n of names) Object.defineProperty(o, n, { set: (v: unknown) => op(`${api}.${n}`, since, () => void (target()[n] = v)), get: () => target()[n] });
      return o;
    };
    const font = setter(
      () => {
        const f = formatRecord();
        return (f.font ??= {}) as Record<string, unknown>;
      },
      ["name", "size", "bold", "color"],
      "RangeFont",
    );
    const borders = {
      getItem: (edge: string) =>
        setter(
          () => {
            const f = formatRecord();
            const b = (f.borders ??= {}) as Record<string, Record<string, unknown>>;
            return (b[edge] ??= {});
          },
          ["style", "weight", "color"],
          "RangeBorder",
        ),
    };
    const format = Object.assign(setter(formatRecord, ["horizontalAlignment", "verticalAlignment", "wrapText", "columnWidth", "rowHeight"], "RangeFormat"), { font, borders });
    const dataValidation = setter(
      () => {
        const s = ref();
        const v = s.layout.validations.get(key) ?? {};
        s.layout.validations.set(key, v);
        return v;
      },
      ["ignoreBlanks", "rule", "prompt", "errorAlert"],
      "DataValidation",
      "1.8",
    );
    Object.assign(p, {
      format,
      dataValidation,
      conditionalFormats: this.cfProxy(ctx, ref, key === "(sheet)" ? "A1:XFD1048576" : key, "1.6"),
      getUsedRangeOrNullObject: (valuesOnly?: boolean) => this.usedRangeProxy(ctx, ref, rect, Boolean(valuesOnly)),
      getMergedAreasOrNullObject: () => this.mergedProxy(ctx, ref, rect),
      select: () =>
        op("Range.select", "1.1", () => {
          const s = ref();
          this.log.push(`select ${s.name}!${rectText(rect())}`);
          this.selection = { sheet: s.name, cell: rectText(rect()) };
        }),
      merge: (across: boolean) =>
        op("Range.merge", "1.2", () => {
          const s = ref();
          if (across) throw richError("InvalidArgument", "merge(true) is not modelled");
          s.merges.push(rectText(rect()));
        }),
    });
    return p;
  }

  /** getUsedRangeOrNullObject(valuesOnly) of a sheet or of a range within it (rule 6). */
  private usedRangeProxy(ctx: Ctx, ref: () => FakeSheet, within: (() => RangeRef) | undefined, valuesOnly: boolean): ClientObject {
    let found: RangeRef | null = null;
    ctx.queue({
      kind: "call",
      api: "Range.getUsedRangeOrNullObject",
      since: "1.4",
      bytes: 40,
      run: () => {
        const s = ref();
        const w = within ? within() : null;
        this.usedRangeLoads.push({ sheet: s.name, within: w && w !== WHOLE && cellsOf(w) < cellsOf(WHOLE) ? rectText(w) : null, valuesOnly });
        let top = Infinity;
        let left = Infinity;
        let bottom = -1;
        let right = -1;
        for (const [a, c] of s.cells) {
          const hasValue = (c.value !== null && c.value !== "") || Boolean(c.formula);
          if (valuesOnly ? !hasValue : !hasValue && !c.format) continue;
          const q = parseA1(a)!;
          if (w && (q.row < w.top || q.row > w.bottom || q.col < w.left || q.col > w.right)) continue;
          top = Math.min(top, q.row);
          left = Math.min(left, q.col);
          bottom = Math.max(bottom, q.row);
          right = Math.max(right, q.col);
        }
        found = bottom < 0 ? null : { top, left, bottom, right };
      },
    });
    const p = this.rangeProxy(
      ctx,
      ref,
      () => {
        if (!found) throw richError("ItemNotFound", "The requested resource doesn't exist.");
        return found;
      },
      "(used)",
    );
    return nullable(ctx, p, () => found !== null);
  }

  /** getMergedAreasOrNullObject over a rectangle: the merged areas that touch it, at most 512 (rule 7). */
  private mergedProxy(ctx: Ctx, ref: () => FakeSheet, rect: () => RangeRef): ClientObject {
    let areas: string[] = [];
    ctx.queue({
      kind: "call",
      api: "Range.getMergedAreasOrNullObject",
      since: "1.13",
      bytes: 40,
      run: () => {
        const r = rect();
        areas = ref().merges.filter((m) => overlaps(rectOf(m), r));
        if (areas.length > MERGED_AREA_LIMIT) throw richError("GeneralException", "There was an internal error while processing the request.");
      },
    });
    const p = new ClientObject(ctx, "RangeAreas", {
      address: { get: () => areas.map((m) => `${ref().name}!${m}`).join(",") },
      areaCount: { get: () => areas.length },
      cellCount: { get: () => areas.reduce((n, m) => n + cellsOf(rectOf(m)), 0) },
    });
    return nullable(ctx, p, () => areas.length > 0);
  }

  private cfProxy(ctx: Ctx, ref: () => FakeSheet, ranges: string, since: string): Record<string, unknown> {
    const itemProxy = (cf: FakeCF): ClientObject => {
      const rule = new ClientObject(ctx, "ConditionalRangeFormatRule", { formula: { get: () => cf.formula, since: "1.6" } });
      const p = new ClientObject(ctx, "ConditionalFormat", { type: { get: () => cf.type, since: "1.6" } });
      return Object.assign(p, {
        custom: { rule, format: { fill: {} } },
        delete: () =>
          ctx.queue({
            kind: "write",
            api: "ConditionalFormat.delete",
            since: "1.6",
            bytes: 40,
            run: () => {
              const s = ref();
              s.cfs = s.cfs.filter((x) => x !== cf);
            },
          }),
      });
    };
    return this.collection(ctx, "ConditionalFormatCollection", () => ref().cfs.filter((cf) => ranges === "A1:XFD1048576" || cf.ranges === ranges).map(itemProxy), {
      add: (type: string) => {
        const pending = { formula: "", color: "" };
        const rule: Record<string, unknown> = {};
        Object.defineProperty(rule, "formula", { set: (v: string) => (pending.formula = v) });
        const fill: Record<string, unknown> = {};
        Object.defineProperty(fill, "color", { set: (v: string) => (pending.color = v) });
        ctx.queue({
          kind: "write",
          api: "ConditionalFormatCollection.add",
          since,
          bytes: 60 + ranges.length,
          run: () => {
            const s = ref();
            if (s.protected) throw richError("AccessDenied", "The cell or chart you're trying to change is on a protected sheet.");
            // The rule and colour set on the new object before the sync are part of the same command.
            s.cfs.push({ id: `cf${this.nextId++}`, type, ranges, formula: pending.formula, color: pending.color });
          },
        });
        return { custom: { rule, format: { fill } } };
      },
    }, since);
  }

  private partsProxy(ctx: Ctx): Record<string, unknown> {
    const partProxy = (part: FakePart): ClientObject =>
      Object.assign(new ClientObject(ctx, "CustomXmlPart", { id: { get: () => part.id, since: "1.5" } }), {
        getXml: () => {
          const result: { value?: string } = {};
          let got: string | null = null;
          ctx.queue({
            kind: "read",
            api: "CustomXmlPart.getXml",
            since: "1.5",
            bytes: 40,
            run: () => {
              got = part.xml;
              return { payload: got, deliver: () => Object.defineProperty(result, "value", { value: got, configurable: true }) };
            },
          });
          Object.defineProperty(result, "value", {
            configurable: true,
            get: () => {
              throw notLoaded("ClientResult.value");
            },
          });
          return result;
        },
        setXml: (xml: string) => ctx.queue({ kind: "write", api: "CustomXmlPart.setXml", since: "1.5", bytes: 40 + xml.length, run: () => void (part.xml = xml) }),
        delete: () => ctx.queue({ kind: "write", api: "CustomXmlPart.delete", since: "1.5", bytes: 40, run: () => void (this.parts = this.parts.filter((x) => x !== part)) }),
      });
    return {
      add: (xml: string) =>
        ctx.queue({
          kind: "write",
          api: "CustomXmlPartCollection.add",
          since: "1.5",
          bytes: 40 + xml.length,
          run: () => void this.parts.push({ id: `part${this.nextId++}`, namespace: /xmlns="([^"]+)"/.exec(xml)?.[1] ?? "", xml }),
        }),
      getByNamespace: (ns: string) => this.collection(ctx, "CustomXmlPartScopedCollection", () => this.parts.filter((p) => p.namespace === ns).map(partProxy), {}, "1.5"),
    };
  }

  /** A defined name's formula as NamedItem.formula reports it on this platform (rule 11). */
  private namedFormula(formula: string): string {
    return this.platform === "web" ? formula : this.toLocal(formula, false);
  }

  private namesProxy(ctx: Ctx): Record<string, unknown> {
    const itemProxy = (name: string, exists: () => boolean): ClientObject => {
      const p = new ClientObject(ctx, "NamedItem", {
        name: { get: () => name, since: "1.1" },
        formula: {
          get: () => {
            const n = this.names.get(name);
            if (!n) throw richError("ItemNotFound", "The requested resource doesn't exist.");
            return this.namedFormula(n.formula);
          },
          since: "1.7",
        },
        visible: {
          get: () => this.names.get(name)?.visible,
          set: (v: unknown) => {
            const n = this.names.get(name);
            if (n) n.visible = Boolean(v);
          },
        },
      });
      return Object.assign(p, {
        delete: () =>
          ctx.queue({
            kind: "write",
            api: "NamedItem.delete",
            since: "1.4",
            bytes: 40,
            run: () => {
              if (!exists()) throw richError("ItemNotFound", "The requested resource doesn't exist.");
              this.names.delete(name);
            },
          }),
      });
    };
    return this.collection(ctx, "NamedItemCollection", () => [...this.names.keys()].map((n) => itemProxy(n, () => this.names.has(n))), {
      add: (name: string, reference: string) => {
        ctx.queue({
          kind: "write",
          api: "NamedItemCollection.add",
          since: "1.4",
          bytes: 40 + name.length + reference.length,
          run: () => {
            if (this.names.has(name)) throw richError("ItemAlreadyExists", "The resource being created already exists.");
            this.names.set(name, { formula: reference, visible: true });
          },
        });
        return itemProxy(name, () => this.names.has(name));
      },
      getItemOrNullObject: (name: string) => {
        ctx.queue({ kind: "call", api: "NamedItemCollection.getItemOrNullObject", since: "1.4", bytes: 40, run: () => undefined });
        return nullable(ctx, itemProxy(name, () => this.names.has(name)), () => this.names.has(name));
      },
    });
  }
}
