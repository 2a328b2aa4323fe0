/** A ratio for reports, 6 decimals half-up (0.999602); null where no double holds it. */
import Decimal from "decimal.js";

// Verdicts are shared between rows, and so are their rates: convert each once.
const SIX_PLACES = new WeakMap<Decimal, number | null>();

export function ratio6(d: Decimal | null): number | null {
  if (d === null) return null;
  const known = SIX_PLACES.get(d);
  if (known !== undefined) return known;
  const x = Number(d.toFixed(6, Decimal.ROUND_HALF_UP));
  const n = Number.isFinite(x) ? x : null;
  SIX_PLACES.set(d, n);
  return n;
}
