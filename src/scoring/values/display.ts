/**
 * How figures and cell texts appear in a message a person reads: never in exponent notation,
 * never as NaN or undefined, long texts cut with an ellipsis, absurd magnitudes named.
 */
import Decimal from "decimal.js";

/** The longest cell text a message quotes whole. */
export const QUOTE_LIMIT = 40;

/** Above this, or this close to 0, a figure is not one a form could mean. */
const HUGE = new Decimal("1e12");
const TINY = new Decimal("1e-8");

// Control characters (tabs and line breaks read as spaces) would break the message's line.
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** A cell's text as a message quotes it: one line, at most QUOTE_LIMIT characters, then "…". */
export function clip(text: string, limit = QUOTE_LIMIT): string {
  const one = text.replace(CONTROL, " ").replace(/\s+/g, " ").trim();
  const chars = Array.from(one);
  return chars.length > limit ? `${chars.slice(0, limit).join("")}…` : one;
}

/** A decimal in plain digits, or the words for a magnitude no form means. */
export function plain(d: Decimal): string {
  // Nearly every figure is of a sane size: its exponent says so without a comparison that allocates.
  if (d.e > -8 && d.e < 12) return d.toFixed();
  if (!d.isFinite()) return "无效数值";
  const abs = d.abs();
  if (abs.gt(HUGE)) return d.isNegative() ? "一个小得不合常理的负数" : "一个大得不合常理的数";
  if (!abs.isZero() && abs.lt(TINY)) return "一个接近 0 的极小数";
  return d.toFixed();
}

/** Whether a figure is one a form could mean (not 1e308, not 1e-320). */
export function isSaneMagnitude(d: Decimal): boolean {
  // The exponent alone settles nearly every figure without a comparison that allocates.
  if (d.e > -8 && d.e < 12) return true;
  if (d.isZero()) return true;
  if (!d.isFinite()) return false;
  const abs = d.abs();
  return abs.lte(HUGE) && (abs.isZero() || abs.gte(TINY));
}

/** A cell's number as text in plain digits (1e+21 → 1000000000000000000000), never exponent notation. */
export function plainNumber(n: number): string {
  if (!Number.isFinite(n)) return "无效数值";
  const s = String(n);
  return /e/i.test(s) ? new Decimal(n).toFixed() : s;
}
