/** Points a label states: `产出指标（50分）`, `资金管理情况（40分）`, `分值(40)`. */
import Decimal from "decimal.js";
import { BoundedCache } from "../lookup/memo";
import { squash } from "../values/text";

const POINTS = new BoundedCache<string, Decimal | null>();

export function pointsOf(text: string): Decimal | null {
  if (!text || !/[分\d]/.test(text)) return null;
  return POINTS.get(text, (s) => {
    const t = squash(s);
    const m = /\((\d+(?:\.\d+)?)分\)/.exec(t) ?? /^(?:分值|权重|满分)\((\d+(?:\.\d+)?)\)$/.exec(t) ?? /^\(?(\d+(?:\.\d+)?)分\)?$/.exec(t);
    return m ? new Decimal(m[1]) : null;
  });
}
