/**
 * Before the engine accuses a form of a sum that does not add up, it must be sure it read the
 * whole table. Where figures it could not place would explain the difference, it says that it
 * could not read part of the form instead.
 */
import Decimal from "decimal.js";
import { readAmount } from "../values/amount";
import { toA1 } from "../grid/address";
import type { UnreadFigure } from "../read/form";

/** Subset sums are tried over at most this many figures (2^n is not walked; cents are). */
const MAX_FIGURES = 40;
const MAX_CENTS = 1_000_000;

/** The unread figures, some of which add up to `gap` (in absolute value), or [] when none do. */
export function explainingFigures(unread: UnreadFigure[], gap: Decimal): UnreadFigure[] {
  const target = gap.abs().times(100);
  if (!target.isInteger() || target.isZero() || target.gt(MAX_CENTS) || unread.length === 0) return [];
  const goal = target.toNumber();
  const items = unread.slice(0, MAX_FIGURES).flatMap((u) => {
    const a = readAmount(u.text);
    if (a.kind !== "number") return [];
    const cents = a.value.abs().times(100);
    return cents.isInteger() && cents.gt(0) && cents.lte(MAX_CENTS) ? [{ u, cents: cents.toNumber() }] : [];
  });
  // Reachable sums in cents, with the figure that first reached each, to name the figures.
  const from = new Map<number, { prev: number; i: number }>([[0, { prev: -1, i: -1 }]]);
  items.forEach((it, i) => {
    for (const s of [...from.keys()]) {
      const n = s + it.cents;
      if (n <= goal && !from.has(n)) from.set(n, { prev: s, i });
    }
  });
  if (!from.has(goal)) return [];
  const out: UnreadFigure[] = [];
  for (let s = goal; s > 0; ) {
    const step = from.get(s)!;
    out.push(items[step.i].u);
    s = step.prev;
  }
  return out.reverse();
}

export function cellList(figures: UnreadFigure[], limit = 8): string {
  const names = figures.slice(0, limit).map((u) => toA1(u.at.row, u.at.col));
  return figures.length > limit ? `${names.join("、")} 等 ${figures.length} 处` : names.join("、");
}
