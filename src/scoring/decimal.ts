import Decimal from "decimal.js";

/** Excel's ROUND(x, 2): half away from zero, which is half-up for the non-negative scores here. */
export function round2(d: Decimal): Decimal {
  return d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

export function clamp(d: Decimal, lo: Decimal, hi: Decimal): Decimal {
  return Decimal.max(lo, Decimal.min(hi, d));
}

/** A decimal as a plain JS number for reports; null where no double can hold it (1e600). */
export function toNumber(d: Decimal | null): number | null {
  if (d === null) return null;
  const n = d.toNumber();
  return Number.isFinite(n) ? n : null;
}

/** A score or amount written the way a finance reviewer reads it: 19.99, 2, 99.88. */
export function fmt(d: Decimal | null): string {
  return d === null ? "（空）" : round2(d).toString();
}

/** A ratio as a percentage with 2 decimals: 0.999602 → 99.96%. */
export function pct(d: Decimal): string {
  if (d.abs().gt(1e9)) return `${d.times(100).toExponential(2)}%`;
  return `${d.times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)}%`;
}

const FROM_NUMBER = new Map<number, Decimal>();

/** The decimal of a cell's number. Forms repeat the same weights and scores; decimals are immutable. */
export function decimalOf(n: number): Decimal {
  let d = FROM_NUMBER.get(n);
  if (d === undefined) {
    if (FROM_NUMBER.size > 20000) FROM_NUMBER.clear();
    d = new Decimal(n);
    FROM_NUMBER.set(n, d);
  }
  return d;
}
