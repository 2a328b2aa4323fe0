import Decimal from "decimal.js";
import * as jxzp from "../../functions/formulas";
import { isFailure, type Outcome } from "../../functions/outcome";
import { ZH_CN, type FunctionId } from "../../functions/names";
import { formulaTokens, type FormulaToken } from "../../scoring/formula/tokens";
import type { CellValue } from "../../scoring/grid/grid";
import type { FormulaEngine, MemorySheet, MemoryWorkbook } from "../host/memory-workbook";

/**
 * The preview's stand-in for Excel's calculation: just enough of the formula language for what
 * the add-in and its templates write (JXZP.* through the functions' own pure formulas, SUM, ROUND,
 * IF, IFERROR, MIN, MAX, arithmetic, comparison and &). Figures in decimal, as everywhere.
 * Only preview.html uses it; the add-in leaves calculation to Excel.
 */

type Value = CellValue | Value[];
type Ref = Extract<FormulaToken, { kind: "ref" }>;
type Token = { t: "num" | "str" | "name" | "op" | "err"; v: string } | { t: "ref"; v: string; ref: Ref };

const ERR = /^#[A-Z/0!?]+[!?A]?$/;
const isError = (v: unknown): boolean => typeof v === "string" && ERR.test(v);

// The operators this engine calculates; any other (`^`, `;`, `{`) makes the formula one it cannot.
const OPS = new Set(["<>", "<=", ">=", "-", "+", "*", "/", "&", "=", "<", ">", "(", ")", ",", "%"]);

/** The formula's tokens as the core's tokenizer reads them, without spaces; throws on what this engine does not calculate. */
function tokenize(src: string): Token[] {
  const out: Token[] = [];
  for (const t of formulaTokens(src)) {
    if (t.kind === "space") continue;
    if (t.kind === "string") out.push({ t: "str", v: t.value });
    else if (t.kind === "number") out.push({ t: "num", v: t.text });
    else if (t.kind === "ref") out.push({ t: "ref", v: t.text, ref: t });
    else if (t.kind === "error") out.push({ t: "err", v: t.value });
    else if (t.kind === "name" && !t.qualifier) out.push({ t: "name", v: t.name });
    else if (t.kind === "op" && OPS.has(t.text)) out.push({ t: "op", v: t.text });
    else throw new Error(`无法计算的 ${t.text}`);
  }
  return out;
}

/** JXZP function names, English and Chinese, to the functions' pure formulas. */
const JXZP: Record<string, (...args: unknown[]) => Outcome> = {};
const IMPLS: Record<FunctionId, (...args: unknown[]) => Outcome> = {
  EXECRATE: (a, b) => jxzp.execRate(a, b),
  EXECSCORE: (a, b, c) => jxzp.execScore(a, b, c),
  SCORE: (a, b, c, d, e) => jxzp.score(a, b, c, d, e),
  COMPLETION: (a, b, c) => jxzp.completion(a, b, c),
  GRADE: (a, b) => jxzp.grade(a, b),
  READVALUE: (a) => jxzp.readValue(a),
};
for (const id of Object.keys(IMPLS) as FunctionId[]) {
  JXZP[`JXZP.${id}`] = IMPLS[id];
  JXZP[`JXZP.${ZH_CN[id].name}`.toUpperCase()] = IMPLS[id];
  // As a saved .xlsx spells an add-in's function (see fileFormula).
  JXZP[`_XLDUDF_JXZP_${id}`] = IMPLS[id];
}

const flat = (vs: Value[]): CellValue[] => vs.flatMap((v) => (Array.isArray(v) ? flat(v) : [v]));

function num(v: Value): Decimal | string {
  if (Array.isArray(v)) return num(flat(v)[0] ?? null);
  if (v === null || v === "") return new Decimal(0);
  if (typeof v === "boolean") return new Decimal(v ? 1 : 0);
  if (typeof v === "number") return new Decimal(v);
  if (isError(v)) return v as string;
  try {
    return new Decimal(v.trim());
  } catch {
    return "#VALUE!";
  }
}

const out = (d: Decimal): number => d.toNumber();

/** Excel's order: an empty cell is 0 beside a number, "" beside text, FALSE beside a boolean; numbers < text < booleans. */
function excelCompare(a: CellValue, b: CellValue): number {
  const blankAs = (other: CellValue): CellValue => (typeof other === "string" ? "" : typeof other === "boolean" ? false : 0);
  const x = a === null ? blankAs(b) : a;
  const y = b === null ? blankAs(a) : b;
  const rank = (v: CellValue) => (typeof v === "number" ? 0 : typeof v === "string" ? 1 : 2);
  if (rank(x) !== rank(y)) return rank(x) - rank(y);
  if (typeof x === "number" && typeof y === "number") return new Decimal(x).cmp(y);
  if (typeof x === "string" && typeof y === "string") {
    const p = x.toLowerCase();
    const q = y.toLowerCase();
    return p === q ? 0 : p < q ? -1 : 1;
  }
  return Number(x) - Number(y);
}

/** A formula this engine does not know how to compute (a function it lacks, another sheet's cell …). */
class Unsupported extends Error {}

class Evaluator {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly sheet: MemorySheet,
    private readonly workbook: MemoryWorkbook | null,
    private readonly strict = false,
  ) {}

  run(): Value {
    const v = this.compare();
    if (this.pos < this.tokens.length) throw new Error("公式有多余的内容");
    return v;
  }

  private peek(v?: string): boolean {
    const t = this.tokens[this.pos];
    return Boolean(t) && t.t === "op" && (v === undefined || t.v === v);
  }

  private take(v: string): void {
    if (!this.peek(v)) throw new Error(`缺少 ${v}`);
    this.pos++;
  }

  private compare(): Value {
    let a = this.concat();
    while (this.peek() && ["=", "<>", "<", ">", "<=", ">="].includes(this.tokens[this.pos].v)) {
      const op = this.tokens[this.pos++].v;
      const x = flat([a])[0] ?? null;
      const y = flat([this.concat()])[0] ?? null;
      if (isError(x)) return x;
      if (isError(y)) return y;
      const c = excelCompare(x, y);
      a = op === "=" ? c === 0 : op === "<>" ? c !== 0 : op === "<" ? c < 0 : op === ">" ? c > 0 : op === "<=" ? c <= 0 : c >= 0;
    }
    return a;
  }

  private concat(): Value {
    let a = this.additive();
    while (this.peek("&")) {
      this.pos++;
      const b = this.additive();
      const first = flat([a])[0];
      const second = flat([b])[0];
      if (isError(first)) return first;
      if (isError(second)) return second;
      a = `${first ?? ""}${second ?? ""}`;
    }
    return a;
  }

  private additive(): Value {
    let a = this.term();
    while (this.peek("+") || this.peek("-")) {
      const op = this.tokens[this.pos++].v;
      const x = num(a);
      const y = num(this.term());
      if (typeof x === "string") return x;
      if (typeof y === "string") return y;
      a = out(op === "+" ? x.plus(y) : x.minus(y));
    }
    return a;
  }

  private term(): Value {
    let a = this.unary();
    while (this.peek("*") || this.peek("/")) {
      const op = this.tokens[this.pos++].v;
      const x = num(a);
      const y = num(this.unary());
      if (typeof x === "string") return x;
      if (typeof y === "string") return y;
      if (op === "/" && y.isZero()) return "#DIV/0!";
      a = out(op === "*" ? x.times(y) : x.div(y));
    }
    return a;
  }

  private unary(): Value {
    if (this.peek("-")) {
      this.pos++;
      const x = num(this.unary());
      return typeof x === "string" ? x : out(x.neg());
    }
    if (this.peek("+")) this.pos++;
    const v = this.primary();
    if (this.peek("%")) {
      this.pos++;
      const x = num(v);
      return typeof x === "string" ? x : out(x.div(100));
    }
    return v;
  }

  /** A reference's values: a cell's, or a range's (whole columns and rows over the sheet's cells), on its own sheet or another. */
  private cell(ref: Ref): Value {
    const q = ref.qualifier;
    if (q && (q.book !== null || q.lastSheet !== null)) return "#REF!";
    const sheet = q ? this.workbook?.sheet(q.sheet) : this.sheet;
    if (!sheet) return "#REF!";
    const { from, to } = ref;
    if (!to) return sheet.values[from.row!]?.[from.col!] ?? null;
    const width = sheet.values.reduce((m, r) => Math.max(m, r?.length ?? 0), 0);
    const top = Math.min(from.row ?? 0, to.row ?? 0);
    const bottom = from.row === null || to.row === null ? sheet.values.length - 1 : Math.max(from.row, to.row);
    const left = Math.min(from.col ?? 0, to.col ?? 0);
    const right = from.col === null || to.col === null ? width - 1 : Math.max(from.col, to.col);
    const rows: Value[] = [];
    for (let i = top; i <= bottom; i++) for (let j = left; j <= right; j++) rows.push(sheet.values[i]?.[j] ?? null);
    return rows;
  }

  private args(): Value[] {
    const list: Value[] = [];
    this.take("(");
    if (this.peek(")")) {
      this.pos++;
      return list;
    }
    for (;;) {
      list.push(this.peek(",") || this.peek(")") ? null : this.compare());
      if (this.peek(",")) {
        this.pos++;
        continue;
      }
      this.take(")");
      return list;
    }
  }

  private primary(): Value {
    const t = this.tokens[this.pos++];
    if (!t) throw new Error("公式不完整");
    if (t.t === "num") return Number(t.v);
    if (t.t === "str") return t.v;
    if (t.t === "ref") return this.cell(t.ref);
    if (t.t === "err") return t.v;
    if (t.t === "op" && t.v === "(") {
      const v = this.compare();
      this.take(")");
      return v;
    }
    if (t.t === "name") {
      const name = t.v.toUpperCase();
      if (name === "TRUE" || name === "FALSE") return name === "TRUE";
      return this.call(name, this.args());
    }
    throw new Error(`意外的 ${t.v}`);
  }

  private call(full: string, args: Value[]): Value {
    // Functions newer than Excel 2007 carry `_xlfn.` in a saved file.
    const name = full.startsWith("_XLFN.") ? full.slice(6) : full;
    const one = (v: Value): CellValue => flat([v])[0] ?? null;
    const jx = JXZP[name];
    if (jx) {
      const bad = args.map(one).find(isError);
      if (bad) return bad;
      const o = jx(...args.map((a) => one(a) ?? ""));
      return isFailure(o) ? (o.failure === "judgement" ? "#N/A" : "#VALUE!") : o;
    }
    switch (name) {
      case "SUM":
      case "MIN":
      case "MAX": {
        const nums: Decimal[] = [];
        for (const v of flat(args)) {
          if (isError(v)) return v;
          if (typeof v === "number") nums.push(new Decimal(v));
        }
        if (name === "SUM") return out(nums.reduce((s, d) => s.plus(d), new Decimal(0)));
        if (nums.length === 0) return 0;
        return out(name === "MIN" ? Decimal.min(...nums) : Decimal.max(...nums));
      }
      case "ROUND": {
        const x = num(args[0] ?? null);
        const n = num(args[1] ?? 0);
        if (typeof x === "string") return x;
        if (typeof n === "string") return n;
        return out(x.toDecimalPlaces(Math.max(0, n.toNumber()), Decimal.ROUND_HALF_UP));
      }
      case "IF": {
        const c = one(args[0] ?? null);
        if (isError(c)) return c;
        const yes = c !== null && c !== false && c !== 0 && c !== "";
        return yes ? (args[1] ?? true) : (args[2] ?? false);
      }
      case "AND":
      case "OR": {
        const vs = flat(args);
        const bad = vs.find(isError);
        if (bad) return bad;
        const truth = vs.filter((v) => v !== null).map((v) => v !== false && v !== 0 && v !== "");
        return name === "AND" ? truth.every(Boolean) : truth.some(Boolean);
      }
      case "COUNT":
        return flat(args).filter((v) => typeof v === "number").length;
      case "IFNA": {
        const v = one(args[0] ?? null);
        return v === "#N/A" ? (args[1] ?? "") : (args[0] ?? null);
      }
      case "IFERROR": {
        const v = one(args[0] ?? null);
        return isError(v) ? (args[1] ?? "") : (args[0] ?? null);
      }
      case "ISBLANK":
        return one(args[0] ?? null) === null;
      default:
        if (this.strict) throw new Unsupported(name);
        return "#NAME?";
    }
  }
}

/** Evaluates one formula against a sheet (and its workbook's other sheets); anything it cannot read shows as an Excel error value. */
export function evaluateFormula(formula: string, sheet: MemorySheet, workbook: MemoryWorkbook | null = null): CellValue {
  try {
    const v = new Evaluator(tokenize(formula.replace(/^=/, "")), sheet, workbook).run();
    const first = Array.isArray(v) ? (flat(v)[0] ?? null) : v;
    return first === "" ? null : first;
  } catch {
    return "#NAME?";
  }
}

/**
 * The web page's engine: a real workbook's formulas may use anything Excel has. What this engine
 * cannot compute keeps the result the file was saved with (undefined: leave the cell's value),
 * rather than turning into #NAME?; Excel recalculates the saved file when it is opened.
 */
export const cachedFallbackEngine: FormulaEngine = {
  evaluate(formula: string, sheet: MemorySheet, workbook: MemoryWorkbook): CellValue | undefined {
    try {
      const v = new Evaluator(tokenize(formula.replace(/^=/, "")), sheet, workbook, true).run();
      const first = Array.isArray(v) ? (flat(v)[0] ?? null) : v;
      return first === "" ? null : first;
    } catch {
      return undefined;
    }
  },
};

export const previewEngine: FormulaEngine = {
  evaluate(formula: string, sheet: MemorySheet, workbook: MemoryWorkbook): CellValue {
    return evaluateFormula(formula, sheet, workbook);
  },
};
