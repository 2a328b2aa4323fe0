import Decimal from "decimal.js";
import { D, decimalOf } from "./decimal";
import { plainNumber } from "./display";
import { FIGURE } from "./figure";
import { BoundedCache } from "../lookup/memo";
import type { CellValue } from "../grid/grid";
import { normalizeMeasureText } from "./measure";
import { isPlaceholder } from "./text";

/** A figure that must be a number: an amount, a weight, a score, a stated total. */
export type Amount =
  | { kind: "blank" }
  | { kind: "number"; value: Decimal; text: string }
  | { kind: "unreadable"; text: string };

/** Reads `2059.18`, `1,329`, `2 分`, `１００`; anything else with no figure is unreadable. */
export function readAmount(v: CellValue): Amount {
  if (v === null || v === "") return { kind: "blank" };
  // Amounts are immutable: the same number in any cell reads the same.
  if (typeof v === "number") return NUMBER_AMOUNTS.get(v, numberAmount);
  if (typeof v === "boolean") return { kind: "unreadable", text: v ? "TRUE" : "FALSE" };
  // Every text cell of a form is asked whether it is a figure; the same texts recur on every sheet.
  return TEXT_AMOUNTS.get(v, readTextAmount);
}

const AMOUNT = new RegExp(String.raw`^([-+]?)(${FIGURE})(万元|元|分|万|%)?$`);
const TEXT_AMOUNTS = new BoundedCache<string, Amount>();
const NUMBER_AMOUNTS = new BoundedCache<number, Amount>();

function numberAmount(v: number): Amount {
  return Number.isFinite(v) ? { kind: "number", value: decimalOf(v), text: plainNumber(v) } : { kind: "unreadable", text: plainNumber(v) };
}

function readTextAmount(v: string): Amount {
  const text = v.trim();
  if (!text || isPlaceholder(text)) return { kind: "blank" };
  const t = normalizeMeasureText(text).replace(/^(约|共|计|合计)/, "");
  const m = AMOUNT.exec(t);
  if (!m) return { kind: "unreadable", text };
  let value = new Decimal(m[2]);
  if (m[1] === "-" && !value.isZero()) value = value.negated();
  return { kind: "number", value, text };
}

/** A number format that shows a percentage; a quoted % (`0.00"%"`) is a literal, not a scale. */
export function isPercentFormat(format: string | null): boolean {
  return Boolean(format) && format!.replace(/"[^"]*"/g, "").replace(/\\%/g, "").includes("%");
}

/** A stated rate with the precision it is written at: `99.96%` is 0.9996 to 4 decimals. */
export interface StatedRate {
  ratio: Decimal;
  /** Decimal places of `ratio` the person wrote. */
  places: number;
  text: string;
}

function formatPlaces(format: string | null): number | null {
  if (!format || /^general$/i.test(format)) return null;
  const section = format.split(";")[0];
  const m = /\.([0#]+)/.exec(section);
  return m ? m[1].length : 0;
}

function ownPlaces(d: Decimal): number {
  return d.decimalPlaces();
}

/**
 * Reads a stated 执行率 or 完成率 as a ratio: a percentage cell (0.9996 formatted `0.00%`),
 * a text `99.96%` or `00%`, or a bare number (0.9996, or 99.96 meaning per cent).
 * null when blank; "unreadable" when there is no figure.
 */
export function readStatedRate(v: CellValue, format: string | null): StatedRate | null | "unreadable" {
  if (v === null || v === "") return null;
  // Text rates (`100%`) repeat on every sheet; a number cell's reading depends on its format.
  if (typeof v === "string") return TEXT_RATES.get(v, (t) => readStatedRateOf(t, null));
  return readStatedRateOf(v, format);
}

const TEXT_RATES = new BoundedCache<string, StatedRate | null | "unreadable">();

function readStatedRateOf(v: CellValue, format: string | null): StatedRate | null | "unreadable" {
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return "unreadable";
    const d = new Decimal(v);
    const places = formatPlaces(format);
    // A quoted % (`0.00"%"`) is a literal: the cell holds 99.96, not 0.9996.
    if (isPercentFormat(format)) return { ratio: d, places: (places ?? 0) + 2, text: `${d.times(100).toFixed(places ?? 0)}%` };
    if (d.abs().gt(D.ONE_POINT_FIVE)) return { ratio: d.dividedBy(D.HUNDRED), places: (places ?? ownPlaces(d)) + 2, text: plainNumber(v) };
    return { ratio: d, places: places ?? ownPlaces(d), text: plainNumber(v) };
  }
  if (typeof v !== "string") return "unreadable";
  const text = v.trim();
  if (!text || isPlaceholder(text)) return null;
  const t = normalizeMeasureText(text);
  const m = /^(\d+(?:\.\d+)?|\.\d+)(%?)$/.exec(t);
  if (!m) return "unreadable";
  const d = new Decimal(m[1]);
  // The places as written: `100.00%` is to 4 places of the ratio, though the decimal drops its zeros.
  const written = (m[1].split(".")[1] ?? "").length;
  if (m[2] || d.gt(D.ONE_POINT_FIVE)) return { ratio: d.dividedBy(D.HUNDRED), places: written + 2, text };
  return { ratio: d, places: written, text };
}

/** Whether a computed ratio agrees with a stated one at the stated precision (rounded or truncated). */
export function rateAgrees(computed: Decimal, stated: StatedRate): boolean {
  const p = Math.min(stated.places, 12);
  // A formula's result in a General cell (0.9996019417475728) has more places than are compared.
  const s = stated.ratio.toDecimalPlaces(p, Decimal.ROUND_HALF_UP);
  return computed.toDecimalPlaces(p, Decimal.ROUND_HALF_UP).eq(s) || computed.toDecimalPlaces(p, Decimal.ROUND_DOWN).eq(s);
}
