import Decimal from "decimal.js";
import { plain } from "./display";
import { BoundedCache } from "../lookup/memo";

/** Excel's ROUND(x, 2): half away from zero, which is half-up for the non-negative scores here. */
export function round2(d: Decimal): Decimal {
  return d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** The digits decimal.js keeps: sign, exponent and base-1e7 words (null for ±Infinity and NaN). */
interface Digits {
  s: number;
  e: number;
  d: number[] | null;
}

/**
 * x compared with y (−1, 0, 1), as Decimal#cmp but without the copy of y it makes first: the
 * engine compares a few figures per row on every sheet, and those copies were a fifth of its work.
 */
export function cmp(x: Decimal, y: Decimal): number {
  const a = x as unknown as Digits;
  const b = y as unknown as Digits;
  const xd = a.d;
  const yd = b.d;
  if (!xd || !yd || !a.s || !b.s) return x.cmp(y);
  if (!xd[0] || !yd[0]) return xd[0] ? a.s : yd[0] ? -b.s : 0;
  if (a.s !== b.s) return a.s;
  const flip = a.s < 0;
  if (a.e !== b.e) return (a.e > b.e) !== flip ? 1 : -1;
  const n = Math.min(xd.length, yd.length);
  for (let i = 0; i < n; i++) if (xd[i] !== yd[i]) return (xd[i] > yd[i]) !== flip ? 1 : -1;
  return xd.length === yd.length ? 0 : (xd.length > yd.length) !== flip ? 1 : -1;
}

export function clamp(d: Decimal, lo: Decimal, hi: Decimal): Decimal {
  // Comparisons, not Decimal.max/min: those copy every argument.
  if (cmp(d, lo) < 0) return lo;
  if (cmp(d, hi) > 0) return hi;
  return d;
}

/** The larger of two decimals, without copying either. */
export function maxOf(a: Decimal, b: Decimal): Decimal {
  return cmp(a, b) >= 0 ? a : b;
}

/** Constants for the figures the rules compare with, built once. */
export const D = {
  ZERO: new Decimal(0),
  ONE: new Decimal(1),
  ONE_POINT_FIVE: new Decimal("1.5"),
  HUNDRED: new Decimal(100),
  BILLION: new Decimal(1e9),
};

/** A decimal as a plain JS number for reports; null where no double can hold it (1e600). */
export function toNumber(d: Decimal | null): number | null {
  if (d === null) return null;
  // A decimal read from a cell's number converts back without a round trip through text.
  const known = NUMBER_OF.get(d);
  if (known !== undefined) return known;
  const n = d.toNumber();
  // Rule scores are shared between rows (verdicts are cached): convert each decimal once.
  if (Number.isFinite(n)) NUMBER_OF.set(d, n);
  return Number.isFinite(n) ? n : null;
}

/** A score or amount written the way a finance reviewer reads it: 19.99, 2, 99.88 (never 1e+21). */
export function fmt(d: Decimal | null): string {
  return d === null ? "（空）" : plain(round2(d));
}

/** A ratio as a percentage with 2 decimals: 0.999602 → 99.96%; an absurd ratio is named, not printed. */
export function pct(d: Decimal): string {
  if (d.abs().gt(D.BILLION)) return "一个大得不合常理的百分比";
  return `${d.times(D.HUNDRED).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)}%`;
}

const FROM_NUMBER = new BoundedCache<number, Decimal>();
const NUMBER_OF = new WeakMap<Decimal, number>();

/** The decimal of a cell's number. Forms repeat the same weights and scores; decimals are immutable. */
export function decimalOf(n: number): Decimal {
  // -0 (a host's or a formula's) is 0: a budget of -0 is not negative.
  return FROM_NUMBER.get(n === 0 ? 0 : n, (x) => {
    const d = new Decimal(x);
    NUMBER_OF.set(d, x);
    return d;
  });
}
