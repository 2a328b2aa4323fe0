import Decimal from "decimal.js";
import { pct } from "../../scoring/values/decimal";
import type { CellValue } from "../../scoring/grid/grid";

/** A figure from a report as shown: "—" when the core has none. */
export const figure = (v: number | null | undefined): string => (v === null || v === undefined ? "—" : String(v));

/** A rate from a report (a ratio) as a percentage with 2 decimals, formatted by the core. */
export const percent = (v: number | null | undefined): string => (v === null || v === undefined ? "—" : pct(new Decimal(v)));

/** A cell's content as text for a table; empty shows as “（空）”. */
export const cellText = (v: CellValue | undefined): string => (v === null || v === undefined || v === "" ? "（空）" : String(v));
