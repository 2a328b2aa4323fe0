/**
 * The rows' weights, counted scores and stated scores added up once per level 1. The weight
 * checks, the full marks, the totals and the pane's chart all read these sums: each row's
 * figures are added once, not once per stage.
 */
import type Decimal from "decimal.js";
import type { Level1Group } from "../read/form";
import type { RowResult } from "./indicators";

/** Level-1 groups with the same label (a label repeated after a page break) are one. */
export const groupKey = (g: Level1Group): string => g.key || g.id;

export interface GroupSum {
  key: string;
  /** The first of the group's labels (a repeated label's first half). */
  group: Level1Group;
  family: string;
  /** Σ weights of the rows that have one; null where none has. */
  weight: Decimal | null;
  /** Σ scores the total counts (the rule's, else the stated one). */
  used: Decimal | null;
  /** Σ stated scores. */
  stated: Decimal | null;
  /** Some row has no weight and yet counts a score: its bound is the label's points. */
  unweightedUsed: boolean;
  /** Some row has no weight at all. */
  unweighted: boolean;
  impossible: boolean;
  unreadWeight: boolean;
  unreadScore: boolean;
}

const plus = (a: Decimal | null, b: Decimal | null): Decimal | null => (b === null ? a : a === null ? b : a.plus(b));

export function sumByGroup(rows: { group: Level1Group; family: string; r: RowResult }[]): GroupSum[] {
  const byKey = new Map<string, GroupSum>();
  for (const { group, family, r } of rows) {
    const key = groupKey(group);
    let s = byKey.get(key);
    if (!s) {
      s = { key, group, family, weight: null, used: null, stated: null, unweightedUsed: false, unweighted: false, impossible: false, unreadWeight: false, unreadScore: false };
      byKey.set(key, s);
    }
    s.weight = plus(s.weight, r.weight);
    s.used = plus(s.used, r.used);
    s.stated = plus(s.stated, r.stated);
    // A breakdown (`其中…`) row is part of the row above it: no weight of its own is no gap.
    if (r.weight === null && !r.breakdown) {
      s.unweighted = true;
      if (r.used !== null) s.unweightedUsed = true;
    }
    s.impossible ||= r.impossible;
    s.unreadWeight ||= r.unreadWeight;
    s.unreadScore ||= r.unreadScore;
  }
  return [...byKey.values()];
}
