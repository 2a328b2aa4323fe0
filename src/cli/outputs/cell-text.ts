/**
 * Text as a workbook cell may hold it. Names and quoted cell texts come from the files checked and
 * may carry anything: a control character or U+FFFF makes the sheet's XML ill-formed (Excel then
 * refuses the whole summary), a 40,000-character sheet name is more than a cell holds, and text
 * that looks like Excel's own escape (`_x0041_`) would be read back as another character.
 */
import { printable } from "./printable";

/** The most characters Excel keeps in a cell. */
export const CELL_LIMIT = 32767;

// Excel reads `_xHHHH_` in a cell's XML as the character HHHH; its own underscore is `_x005F_`.
const LOOKS_ESCAPED = /_(x[0-9A-Fa-f]{4}_)/g;

/** A text cut to `limit` characters with "…" at the end, never between the halves of a surrogate pair. */
export function cut(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let end = limit - 1;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * A text for a cell: unsafe characters shown as escapes, at most CELL_LIMIT characters as Excel
 * counts them, and a text that looks like Excel's escape written so that it reads back as itself
 * (ExcelJS writes text as given).
 */
export function cellText(text: string): string {
  return cut(printable(text), CELL_LIMIT).replace(LOOKS_ESCAPED, "_x005F_$1");
}
