/** R6's tiers for a qualitative row a person decides: 达成 [0.8w, w], 部分达成 [0.6w, 0.8w), 未达成 [0, 0.6w). */
import Decimal from "decimal.js";
import { round2 } from "../decimal";
import { BoundedCache } from "../memo";
import type { Tier } from "../report";

const [P3, P6, P7, P8] = ["0.3", "0.6", "0.7", "0.8"].map((x) => new Decimal(x));

export function tiersFor(weight: Decimal): Tier[] {
  // Copies: a report's tiers are the caller's to keep.
  return TIERS.get(weight.toString(), () => tiersOf(weight)).map((t) => ({ ...t }));
}

const TIERS = new BoundedCache<string, Tier[]>(1000);

function tiersOf(weight: Decimal): Tier[] {
  const w = round2(weight);
  const p8 = round2(weight.times(P8));
  const p6 = round2(weight.times(P6));
  return [
    { label: "达成", min: p8.toNumber(), max: w.toNumber(), suggested: w.toNumber() },
    { label: "部分达成", min: p6.toNumber(), max: p8.toNumber(), suggested: round2(weight.times(P7)).toNumber() },
    { label: "未达成", min: 0, max: p6.toNumber(), suggested: round2(weight.times(P3)).toNumber() },
  ];
}
