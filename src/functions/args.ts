import type Decimal from "decimal.js";
import { isPercentFormat, readAmount } from "../scoring/values/amount";
import { plainNumber } from "../scoring/values/display";
import type { CellValue } from "../scoring/grid/grid";
import { readMeasure, type Measure, type Quantity } from "../scoring/values/measure";
import { EMPTY, invalid, type Outcome } from "./outcome";

/**
 * Reading the arguments Excel passes to a function of parameter type `any`: a number (a
 * percentage cell arrives as 0.97), text as staff write it, a boolean, or null/undefined/""
 * for a blank cell or an omitted argument. A range arrives as an array of rows.
 */
export type Arg<T> = { kind: "blank" } | { kind: "ok"; value: T } | { kind: "bad"; message: string };

const BLANK = { kind: "blank" } as const;

/** The argument's text as a message quotes it, cut short so the message stays readable. */
export function quote(v: unknown): string {
  const s = (typeof v === "number" ? plainNumber(v) : String(v)).trim();
  return `「${s.length > 24 ? `${s.slice(0, 24)}…` : s}」`;
}

/** One cell's value and whether Excel says it is shown as a percentage. */
interface Cell {
  value: CellValue;
  percent: boolean;
}

/**
 * One cell's value, or why the argument is not one cell. With data types on (the metadata's
 * allowCustomDataForDataTypeAny), Excel may pass a value as an object such as
 * `{ type: "Double", basicValue: 0.97, numberFormat: "0%" }`: its format tells a percentage.
 */
function cellOf(v: unknown, label: string): Cell | { bad: string } {
  if (v === null || v === undefined) return { value: null, percent: false };
  if (typeof v === "string" || typeof v === "boolean") return { value: v, percent: false };
  if (typeof v === "number") return Number.isFinite(v) ? { value: v, percent: false } : { bad: `「${label}」不是有效数字` };
  if (Array.isArray(v)) {
    // A one-cell range is still one cell; anything larger is a mistake in the formula.
    if (v.length === 1 && Array.isArray(v[0]) && v[0].length === 1) return cellOf(v[0][0], label);
    return { bad: `「${label}」应为一个单元格或一个值，不能是区域` };
  }
  if (typeof v === "object" && "basicValue" in v) {
    const o = v as { type?: unknown; basicValue?: unknown; numberFormat?: unknown };
    if (o.type === "Error") return { bad: `「${label}」引用的单元格是错误值` };
    if (o.type === "Empty") return { value: null, percent: false };
    const basic = o.basicValue;
    if (typeof basic === "number" || typeof basic === "string" || typeof basic === "boolean") {
      const c = cellOf(basic, label);
      const percent = typeof basic === "number" && typeof o.numberFormat === "string" && isPercentFormat(o.numberFormat);
      return "bad" in c ? c : { value: c.value, percent };
    }
  }
  return { bad: `「${label}」应为数字或文字` };
}

function isBad(c: Cell | { bad: string }): c is { bad: string } {
  return "bad" in c;
}

/**
 * A sheet recalculates the same few weights and figures thousands of times. Readings of plain
 * cell values are immutable, so they are kept (bounded) by value: number cells then reach the
 * core's verdict cache as the same measure object, as text cells already do.
 */
const MEMO_LIMIT = 20000;

function memo<T>(cache: Map<string, T>, key: string, read: () => T): T {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  if (cache.size >= MEMO_LIMIT) cache.clear();
  const value = read();
  cache.set(key, value);
  return value;
}

const NUMBER_ARGS = new Map<string, Arg<Decimal>>();
const NUMBER_MEASURES = new Map<string, Measure>();

/** A plain number: a weight, a total. `20`, `20分`, `２０`, a number cell. */
export function numberArg(v: unknown, label: string, opts: { nonNegative?: boolean } = {}): Arg<Decimal> {
  if (typeof v === "number" || typeof v === "string")
    return memo(NUMBER_ARGS, `${typeof v}|${opts.nonNegative ? 1 : 0}|${label}|${v}`, () => readNumberArg(v, label, opts));
  return readNumberArg(v, label, opts);
}

function readNumberArg(v: unknown, label: string, opts: { nonNegative?: boolean }): Arg<Decimal> {
  const c = cellOf(v, label);
  if (isBad(c)) return { kind: "bad", message: c.bad };
  const a = readAmount(c.value);
  if (a.kind === "blank") return BLANK;
  if (a.kind === "unreadable") return { kind: "bad", message: `「${label}」应为数字，收到${quote(a.text)}` };
  if (opts.nonNegative && a.value.isNegative()) return { kind: "bad", message: `「${label}」不能为负数，收到${quote(a.text)}` };
  return { kind: "ok", value: a.value };
}

/** An amount that may carry its unit: `2060`, `2059.18万元`, `240000 万元`. */
export function amountArg(v: unknown, label: string): Arg<Quantity> {
  const c = cellOf(v, label);
  if (isBad(c)) return { kind: "bad", message: c.bad };
  const m = readMeasure(c.value);
  if (m.kind === "blank") return BLANK;
  if (m.kind === "qualitative") return { kind: "bad", message: `「${label}」应为数字，收到${quote(m.text)}` };
  if (m.comparatorWritten) return { kind: "bad", message: `「${label}」应为金额，不能带「${m.comparator}」，收到${quote(m.text)}` };
  if (m.value.isNegative()) return { kind: "bad", message: `「${label}」不能为负数，收到${quote(m.text)}` };
  return { kind: "ok", value: { value: m.value, unit: m.unit } };
}

/** A target or an actual, read exactly as the engine reads a cell of the form. */
export function measureArg(v: unknown, label: string): Arg<Measure> {
  const c = cellOf(v, label);
  if (isBad(c)) return { kind: "bad", message: c.bad };
  const value = c.value;
  const m =
    typeof value === "number"
      ? memo(NUMBER_MEASURES, `${c.percent ? 1 : 0}|${value}`, () => readMeasure(value, { percent: c.percent }))
      : readMeasure(value, { percent: c.percent });
  return m.kind === "blank" ? BLANK : { kind: "ok", value: m };
}

/** An optional choice written as text (方向, 反向口径, 等级方案); blank means the default. */
export function choiceArg(v: unknown, label: string): Arg<string> {
  const c = cellOf(v, label);
  if (isBad(c)) return { kind: "bad", message: c.bad };
  if (c.value === null) return BLANK;
  const s = (typeof c.value === "number" ? plainNumber(c.value) : String(c.value)).trim();
  return s ? { kind: "ok", value: s } : BLANK;
}

/**
 * The rule for figures that are not all there yet: every one blank gives an empty result
 * (a form waiting for its figures does not fill with errors); some blank gives #VALUE!
 * naming them; a figure that cannot be read gives #VALUE! saying why. null: all present.
 */
export function checkFigures(figures: [label: string, arg: Arg<unknown>][]): Outcome | null {
  const bad = figures.find(([, a]) => a.kind === "bad");
  if (bad && bad[1].kind === "bad") return invalid(bad[1].message);
  const missing = figures.filter(([, a]) => a.kind === "blank").map(([label]) => `「${label}」`);
  if (missing.length === figures.length) return EMPTY;
  if (missing.length > 0) return invalid(`缺少${missing.join("、")}：请填写后再计算`);
  return null;
}
