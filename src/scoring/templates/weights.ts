import Decimal from "decimal.js";
import type { Profile } from "../rules/profiles";
import type { Level1Def, TemplateDef } from "./definitions";

/**
 * Default weights of a blank form (spec §3), in decimal: a level 1's points split over its
 * rows, and a profile's level-1 split fitted to what is left after the execution item.
 */

const UNITS = ["1", "0.5", "0.1", "0.01"].map((u) => new Decimal(u));

/**
 * `points` over `rows` rows in the coarsest step that fits (whole points where each row gets
 * at least one): 50 over 8 → 7, 7, 6, 6, 6, 6, 6, 6. The parts always sum to `points` exactly.
 */
export function splitPoints(points: Decimal.Value, rows: number): Decimal[] {
  const p = new Decimal(points);
  if (rows <= 0) return [];
  for (const unit of UNITS) {
    const steps = p.dividedBy(unit);
    if (!steps.isInteger() || steps.lt(rows)) continue;
    const base = steps.dividedToIntegerBy(rows);
    const extra = steps.minus(base.times(rows)).toNumber();
    return Array.from({ length: rows }, (_, i) => base.plus(i < extra ? 1 : 0).times(unit));
  }
  // Points finer than hundredths, or under a hundredth a row: the remainder goes to the first row.
  const base = p.dividedBy(rows).toDecimalPlaces(2, Decimal.ROUND_DOWN);
  return Array.from({ length: rows }, (_, i) => (i === 0 ? p.minus(base.times(rows - 1)) : base));
}

/**
 * Whole points in proportion to `shares`, summing to `total` (largest remainder, ties to the
 * earlier share): 80 in proportion 50 : 30 : 10 → 44, 27, 9 (the split of seed 000).
 */
export function proportionalPoints(total: Decimal.Value, shares: Decimal.Value[]): Decimal[] {
  const t = new Decimal(total);
  const s = shares.map((x) => new Decimal(x));
  const sum = s.reduce((a, b) => a.plus(b), new Decimal(0));
  if (s.length === 0) return [];
  if (sum.isZero()) return splitPoints(t, s.length);
  const exact = s.map((x) => t.times(x).dividedBy(sum));
  if (!t.isInteger()) {
    // Hundredths; what rounding loses or gains goes to the first share.
    const parts = exact.map((x) => x.toDecimalPlaces(2, Decimal.ROUND_DOWN));
    const rest = t.minus(parts.reduce((a, b) => a.plus(b), new Decimal(0)));
    parts[0] = parts[0].plus(rest);
    return parts;
  }
  const floors = exact.map((x) => x.floor());
  let left = t.minus(floors.reduce((a, b) => a.plus(b), new Decimal(0))).toNumber();
  const order = exact
    .map((x, i) => ({ i, frac: x.minus(x.floor()) }))
    .sort((a, b) => b.frac.comparedTo(a.frac) || a.i - b.i);
  const out = [...floors];
  for (const { i } of order) {
    if (left <= 0) break;
    out[i] = out[i].plus(1);
    left--;
  }
  return out;
}

/**
 * Level-1 points of a form under a profile: the profile's split where it names every scored
 * level 1 of the form and fits what the execution item leaves, else the form's own split in
 * proportion (exec20 on the project form: 44, 27, 9). The execution item gets the profile's weight.
 */
export function levelPoints(def: TemplateDef, profile: Profile): Map<Level1Def, Decimal> {
  const out = new Map<Level1Def, Decimal>();
  if (!def.scored) return out;
  const exec = new Decimal(profile.executionWeight);
  for (const l of def.grid.level1) if (l.kind === "execution") out.set(l, exec);
  const levels = def.grid.level1.filter((l) => l.kind !== "execution");
  const rest = new Decimal(100).minus(exec);
  const own = levels.map((l) => profile.level1[l.family]);
  const fits = own.every((p) => p !== undefined) && own.reduce((s, p) => s.plus(p!), new Decimal(0)).eq(rest);
  const points = fits ? own.map((p) => new Decimal(p!)) : proportionalPoints(rest, levels.map((l) => l.points));
  levels.forEach((l, i) => out.set(l, points[i]));
  return out;
}
