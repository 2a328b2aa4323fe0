import Decimal from "decimal.js";
import { decimalOf } from "./decimal";
import { plainNumber } from "./display";
import type { CellValue } from "../grid/grid";
import { FIGURE } from "./figure";
import { squash, isPlaceholder } from "./text";
import { leadingUnit } from "./units";
import { BoundedCache } from "../lookup/memo";
import { readDeadline, type Deadline } from "./deadline";

/** How a target is to be met (spec §2.2). */
export type Comparator = "≥" | ">" | "≤" | "<" | "=";

export interface Quantity {
  value: Decimal;
  unit: string;
}

export type Measure =
  | { kind: "blank"; text: string }
  | {
      kind: "quantity";
      text: string;
      comparator: Comparator;
      /** The comparator was written in the cell (or its row's 指标性质), not assumed. */
      comparatorWritten: boolean;
      value: Decimal;
      unit: string;
      /** Every figure in the text, the first being `value`/`unit`. */
      figures: Quantity[];
    }
  | {
      kind: "qualitative";
      text: string;
      key: string;
      /** A deadline (`9月前`, `年底前`, `按时`): not a quantity, met by an actual on or before it (spec §2.3). */
      deadline?: Deadline;
    };

/** What the cell's row or format says about the value beside it. */
export interface MeasureContext {
  /** The cell is formatted as a percentage: a number 0.9996 means 99.96 %. */
  percent?: boolean;
  /** The row's own comparator column (指标性质). */
  comparator?: Comparator | null;
  /** The row's own unit column (度量单位). */
  unit?: string | null;
}

/** Words that state a comparator, longest first so that 不超过 wins over 超过. */
const COMPARATOR_WORDS: [string, Comparator][] = (
  [
    ["大于等于", "≥"], ["大于或等于", "≥"], ["小于等于", "≤"], ["小于或等于", "≤"],
    ["及以上", "≥"], ["以上", "≥"], ["不低于", "≥"], ["不少于", "≥"], ["至少", "≥"], ["不小于", "≥"],
    ["大于", ">"], ["高于", ">"], ["多于", ">"], ["超过", ">"],
    ["以下", "≤"], ["以内", "≤"], ["不超过", "≤"], ["不高于", "≤"], ["不多于", "≤"], ["至多", "≤"], ["不大于", "≤"],
    ["小于", "<"], ["低于", "<"], ["少于", "<"],
  ] as [string, Comparator][]
).sort((a, b) => b[0].length - a[0].length);

const SYMBOL_COMPARATORS = new Set(["≥", ">", "≤", "<", "="]);

/** Calendar years and dates are not quantities (spec §2.3): they are cut out before figures are read. */
const DATE_PATTERNS = [
  /(?<![\d.])\d{4}(?:[-/]\d{1,2}(?:[-/]\d{1,2})?|\.\d{1,2}\.\d{1,2})(?![\d.])(?:日)?/g,
  /(?<![\d.])(?:19|20)\d{2}年度?(?:\d{1,2}(?:[-~至]\d{1,2})?月份?)?(?:\d{1,2}日)?/g,
  /\d{1,2}月\d{1,2}日/g,
  /\d{1,2}月(?:底|末|初|中旬|上旬|下旬|份)/g,
  // `9月前` in a longer text (`9月前完成3个村`): the month is when, not how many.
  /\d{1,2}月(?:\d{1,2}日)?(?:之|以)?前/g,
  /(?<![\d.])\d{1,2}[-~至]\d{1,2}月份?/g,
];

const NUMBER = new RegExp(FIGURE, "g");
const MAYBE_DATE = /[年月]|\d[-/.]\d/;

/** Half-width, no white space, no thousands separators. */
export function normalizeMeasureText(s: string): string {
  // 。 ends a sentence (`…元/人。6*2000`); only between digits is it a decimal point typed in Chinese punctuation mode.
  return squash(s.replace(/(?<!\d)。|。(?!\d)/g, "；")).replace(/(\d),(?=\d{3}(?!\d))/g, "$1");
}

function comparatorFromWords(t: string): Comparator | null {
  for (const [w, c] of COMPARATOR_WORDS) if (t.includes(w)) return c;
  return null;
}

/** Reads a comparator written on its own (a 指标性质 cell): `≥`, `大于等于`, `不低于` … */
export function readComparator(v: CellValue): Comparator | null {
  if (v === null || typeof v !== "string") return null;
  const t = normalizeMeasureText(v);
  if (!t) return null;
  if (SYMBOL_COMPARATORS.has(t[0])) return t[0] as Comparator;
  if (/^(大于等于|不小于)/.test(t)) return "≥";
  if (/^(小于等于|不大于)/.test(t)) return "≤";
  if (/^(等于)/.test(t)) return "=";
  // 指标性质 is sometimes written as the direction itself.
  if (/^(正向|越大越好)/.test(t)) return "≥";
  if (/^(反向|越小越好)/.test(t)) return "≤";
  return comparatorFromWords(t);
}

function figuresOf(t: string): { figures: Quantity[]; firstAt: number; firstLength: number } {
  let cut = t;
  // Only text that could hold a date pays for the date patterns.
  if (MAYBE_DATE.test(t)) for (const p of DATE_PATTERNS) cut = cut.replace(p, (m) => "§".repeat(m.length));
  const figures: Quantity[] = [];
  let firstAt = -1;
  let firstLength = 0;
  for (const m of cut.matchAll(NUMBER)) {
    const at = m.index ?? 0;
    const unit = leadingUnit(cut.slice(at + m[0].length));
    if (firstAt < 0) {
      firstAt = at;
      firstLength = m[0].length + unit.length;
    }
    figures.push({ value: new Decimal(m[0]), unit });
  }
  return { figures, firstAt, firstLength };
}

/**
 * Reads a target or an actual as staff write it (spec §2): `≥24万人`, `95%以上`, `１００％`,
 * `2021年底前`, a number cell (a percentage cell holds 0.9996 for 99.96 %). Never throws.
 */
export function readMeasure(v: CellValue, ctx: MeasureContext = {}): Measure {
  if (typeof v === "number" && !ctx.percent && !ctx.comparator && !ctx.unit) return NUMBERS.get(v, (n) => readMeasureUncached(n));
  if (typeof v !== "string") return readMeasureUncached(v, ctx);
  // Forms repeat the same targets (`≥90%`, `100%`) on every sheet; a measure is immutable.
  // Most cells have no row context: they are cached by their text alone.
  if (!ctx.percent && !ctx.comparator && !ctx.unit) return PLAIN.get(v, (t) => readMeasureUncached(t));
  const key = `${ctx.percent ? 1 : 0}\u0001${ctx.comparator ?? ""}\u0001${ctx.unit ?? ""}\u0001${v}`;
  return MEASURES.get(key, () => readMeasureUncached(v, ctx));
}

const PLAIN = new BoundedCache<string, Measure>();
const NUMBERS = new BoundedCache<number, Measure>();
const MEASURES = new BoundedCache<string, Measure>();

/** readMeasure without its memo: what one reading costs (the bench's readings per second). */
export function readMeasureUncached(v: CellValue, ctx: MeasureContext = {}): Measure {
  if (v === null || v === "") return { kind: "blank", text: "" };
  if (typeof v === "boolean") {
    const text = v ? "是" : "否";
    return { kind: "qualitative", text, key: text };
  }
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return { kind: "qualitative", text: plainNumber(v), key: plainNumber(v) };
    const value = ctx.percent ? decimalOf(v).times(100) : decimalOf(v);
    const unit = ctx.percent ? "%" : ctx.unit ? normalizeMeasureText(ctx.unit) : "";
    return {
      kind: "quantity",
      text: plainNumber(v),
      comparator: ctx.comparator ?? "≥",
      comparatorWritten: Boolean(ctx.comparator),
      value,
      unit,
      figures: [{ value, unit }],
    };
  }
  const text = String(v).trim();
  if (!text || isPlaceholder(text)) return { kind: "blank", text };
  const t = normalizeMeasureText(text);
  // `9月前`, `2023年10月底前`, `按时`: a point in the calendar, never the quantity 9 月.
  const deadline = readDeadline(t);
  if (deadline) return { kind: "qualitative", text, key: qualitativeKey(text), deadline };
  const { figures, firstAt, firstLength } = figuresOf(t);
  if (figures.length === 0) return { kind: "qualitative", text, key: qualitativeKey(text) };
  const before = firstAt > 0 ? t[firstAt - 1] : "";
  let comparator: Comparator | null = SYMBOL_COMPARATORS.has(before) ? (before as Comparator) : null;
  if (!comparator && (before === "+" || before === "-") && firstAt >= 2 && SYMBOL_COMPARATORS.has(t[firstAt - 2]))
    comparator = t[firstAt - 2] as Comparator;
  // `10个工作日内`, `30分钟内`: 内 right after the figure's unit bounds it from above.
  if (!comparator && t[firstAt + firstLength] === "内") comparator = "≤";
  comparator ??= comparatorFromWords(t);
  const written = comparator !== null || Boolean(ctx.comparator);
  comparator ??= ctx.comparator ?? "≥";
  const first = figures[0];
  const negative = before === "-" && (firstAt < 2 || !/\d/.test(t[firstAt - 2]));
  const value = negative && !first.value.isZero() ? first.value.negated() : first.value;
  const unit = first.unit || (ctx.unit ? normalizeMeasureText(ctx.unit) : "");
  figures[0] = { value, unit };
  return { kind: "quantity", text, comparator, comparatorWritten: written, value, unit, figures };
}

/** The form two qualitative values are compared in: no spaces, no punctuation, half-width. */
export function qualitativeKey(s: string): string {
  return squash(s).replace(/[，,。.、；;：:！!？?“”"'‘’()（）]/g, "");
}

/**
 * A 三级指标 name that reads as a figure and nothing else (`0.75万元`): the columns are
 * likely shifted (NAME_LOOKS_LIKE_VALUE).
 */
export function looksLikeValue(v: CellValue): boolean {
  if (typeof v === "number") return true;
  if (typeof v !== "string") return false;
  // Names recur on every sheet: the whole answer is cached, the digit test included.
  return LOOKS.get(v, (t) => /[\d０-９]/.test(t) && looksLikeValueText(t));
}

const LOOKS = new BoundedCache<string, boolean>();

function looksLikeValueText(v: string): boolean {
  const t = normalizeMeasureText(v);
  if (!t) return false;
  const { figures, firstAt, firstLength } = figuresOf(t);
  if (figures.length !== 1) return false;
  const rest = t.slice(0, firstAt) + t.slice(firstAt + firstLength);
  // A sign and a closing full stop (`-5%`, `≥95%。`) do not make a figure a name.
  const noComparator = rest.replace(/[≥>≤<=+-]/g, "").replace(/[.;,、]+$/, "");
  return COMPARATOR_WORDS.reduce((s, [w]) => s.split(w).join(""), noComparator) === "";
}

/** The text of a measure as it would be shown back to a person. */
export function describeMeasure(m: Measure): string {
  return m.kind === "blank" ? "（空）" : m.text;
}
