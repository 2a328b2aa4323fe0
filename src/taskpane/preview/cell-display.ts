import Decimal from "decimal.js";
import { isPercentFormat } from "../../scoring/values/amount";
import type { CellValue } from "../../scoring/grid/grid";

/** A cell as the preview grid shows it: percentages by their format's decimals, the rest as stored. */
export function displayValue(v: CellValue, format: string | null): string {
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "number" && isPercentFormat(format)) {
    const places = /0\.(0+)%/.exec(format!)?.[1].length ?? 0;
    return `${new Decimal(v).times(100).toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places)}%`;
  }
  if (typeof v === "number") return new Decimal(v).toDecimalPlaces(10).toString();
  return v;
}
