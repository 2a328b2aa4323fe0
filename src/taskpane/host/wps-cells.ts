import { parseRange, rangeToA1, type RangeRef } from "../../scoring/grid/address";
import type { CellValue } from "../../scoring/grid/grid";
import type { EtRange } from "./wps-app";

/**
 * What WPS hands back for cells, made into what the core reads. The ET object model is VBA's,
 * called from JavaScript; where WPS's own pages are silent, Microsoft's VBA reference for the
 * same member is the rule, and the code accepts every shape either could give.
 */

/** `Range.Address()` is a method in et-jsapi-declare (lib.et.d.ts: `Address(RowAbsolute?, …): string`); `$A$1:$B$2` by default, read by the core's address parser. */
export function addressOf(range: EtRange): RangeRef | null {
  const a = (range as unknown as { Address: unknown }).Address;
  const text = typeof a === "function" ? String((a as () => unknown).call(range)) : String(a ?? "");
  return parseRange(text);
}

/**
 * Value2 of an error cell: VBA gives a CVErr, which reaches script as its number
 * (Microsoft, "Cell error values": xlErrDiv0 2007 → -2146826281 …). Such a number is never a
 * figure on a form; it is read as the error text the core knows.
 */
const ERROR_CODES: Record<number, string> = {
  [-2146826288]: "#NULL!",
  [-2146826281]: "#DIV/0!",
  [-2146826273]: "#VALUE!",
  [-2146826265]: "#REF!",
  [-2146826259]: "#NAME?",
  [-2146826252]: "#NUM!",
  [-2146826246]: "#N/A",
};

/** One cell's Value2 as the core's value: empty is null whatever WPS uses for it (undefined, null, ""). */
export function cellValue(v: unknown): CellValue {
  if (v === undefined || v === null || v === "") return null;
  if (typeof v === "number") return ERROR_CODES[v] ?? v;
  if (typeof v === "string" || typeof v === "boolean") return v;
  // A date object (Value, not Value2) or anything else: its text, never an exception.
  return String(v);
}

/**
 * Value2 / Formula / NumberFormat of a range as rows of cells. A single cell gives a scalar
 * (VBA: a one-cell range's Value is the value itself); several give an array of rows
 * (WPS JS 宏: `Range("a2:m2").Value()[0]` is the first row — csdn m0_75063409/151687394).
 */
export function matrixOf(v: unknown, rows: number, cols: number): unknown[][] {
  if (!Array.isArray(v)) return [[v]];
  if (v.length > 0 && Array.isArray(v[0])) return v as unknown[][];
  // A flat list: one row, or one column, as the range is shaped.
  if (rows === 1) return [v];
  if (cols === 1) return v.map((x) => [x]);
  return [v];
}

/** "General" in any of the spellings WPS may report (NumberFormat / NumberFormatLocal in Chinese: G/通用格式). */
export function formatOf(v: unknown): string | null {
  if (typeof v !== "string") return null;
  const t = v.trim();
  if (t === "" || /^general$/i.test(t) || t === "G/通用格式" || t === "通用格式" || t === "常规") return null;
  return t;
}

export const a1 = (r: RangeRef): string => rangeToA1(r);

export const cellCount = (r: RangeRef): number => (r.bottom - r.top + 1) * (r.right - r.left + 1);
