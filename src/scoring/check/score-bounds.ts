/** R7 for stated scores: every score lies in [0, w]. */
import type Decimal from "decimal.js";
import { plain } from "../values/display";
import { cmp, D } from "../values/decimal";
import type { Pos } from "../read/form";
import type { Checker } from "./checker";

/** Whether a stated score lies in [0, w] (w unknown: only ≥ 0). */
export function withinBounds(stated: Decimal, weight: Decimal | null): boolean {
  return cmp(stated, D.ZERO) >= 0 && (weight === null || cmp(stated, weight) <= 0);
}

export function checkScoreBounds(ck: Checker, at: Pos, stated: Decimal, weight: Decimal | null, what: string) {
  if (cmp(stated, D.ZERO) < 0) ck.add("SCORE_NEGATIVE", at, `${what} ${plain(stated)} 小于 0，得分应在 0 到分值之间。`);
  else if (weight !== null && cmp(stated, weight) > 0) ck.add("SCORE_ABOVE_WEIGHT", at, `${what} ${plain(stated)} 超过分值 ${plain(weight)}，得分不能高于分值。`);
}
