/** A1 addresses. Rows and columns are 0-based everywhere in the core; only text is 1-based. */
import { formulaTokens, refText, type FormulaToken, type RefEnd } from "../formula/tokens";
import { BoundedCache } from "../lookup/memo";

export interface CellRef {
  row: number;
  col: number;
}

export interface RangeRef {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const LETTERS: string[] = [];

export function columnLetters(col: number): string {
  // Reports name seven cells a row; the letters of a column never change.
  const hit = LETTERS[col];
  if (hit !== undefined) return hit;
  const s = lettersOf(col);
  if (col >= 0 && col < 16384) LETTERS[col] = s;
  return s;
}

function lettersOf(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

// Reports name seven cells a row on every sheet, and sheets share their places: each name is made once.
const NAMES: string[][] = [];

export function toA1(row: number, col: number): string {
  if (row < 0 || col < 0 || row >= 10000 || col >= 256) return `${columnLetters(col)}${row + 1}`;
  const line = (NAMES[row] ??= []);
  return (line[col] ??= `${columnLetters(col)}${row + 1}`);
}

export function rangeToA1(r: RangeRef): string {
  const a = toA1(r.top, r.left);
  return r.top === r.bottom && r.left === r.right ? a : `${a}:${toA1(r.bottom, r.right)}`;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

/** A column's letters as its 0-based index: `A` → 0, `AB` → 27 (either case). */
export function columnIndex(letters: string): number {
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col - 1;
}

/** Parses `B7` or `$B$7`; null when the text is not a cell address (row 0 is none). */
export function parseA1(text: string): CellRef | null {
  const m = CELL.exec(text.trim());
  if (!m) return null;
  const row = Number(m[2]);
  return row >= 1 ? { row: row - 1, col: columnIndex(m[1]) } : null;
}

// Every sheet of a workbook repeats the same merges; a range is not changed by its readers.
const RANGES = new BoundedCache<string, RangeRef | null>();

/** Parses `A1:G1`, `Sheet1!A1:G1` or a single cell; null when unreadable. */
export function parseRange(text: string): RangeRef | null {
  return RANGES.get(text, parseRangeText);
}

function parseRangeText(text: string): RangeRef | null {
  const bare = text.includes("!") ? text.slice(text.lastIndexOf("!") + 1) : text;
  const [a, b] = bare.split(":");
  const p = parseA1(a);
  const q = b === undefined ? p : parseA1(b);
  if (!p || !q) return null;
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

/** One area of an address list: its sheet (null when unqualified) and its cells without `$` (`H4`, `H11:H35`). */
export interface AddressArea {
  sheet: string | null;
  ref: string;
}

const plainEnd = (e: RefEnd): RefEnd => ({ ...e, absCol: false, absRow: false });

/** An area's tokens as cells, or null: one reference to cells (not whole rows or columns), nothing else. */
function areaOf(tokens: FormulaToken[]): AddressArea | null {
  const parts = tokens.filter((t) => t.kind !== "space" && !(t.kind === "op" && t.text === "="));
  const t = parts[0];
  if (parts.length !== 1 || t.kind !== "ref") return null;
  if (t.from.col === null || t.from.row === null || (t.to && (t.to.col === null || t.to.row === null))) return null;
  return { sheet: t.qualifier?.sheet ?? null, ref: refText(plainEnd(t.from), t.to && plainEnd(t.to)) };
}

/**
 * The areas of an address list, in order, read by the formula tokenizer: `Sheet1!A1:B2, 'My, sheet'!C3`
 * (a range's address), `='表'!$H$4;'表'!$H$11:$H$35` (a defined name's formula; desktop Excel gives it
 * in the display language, where the separator may be `;`: OfficeDev/office-js #2834). A comma
 * inside a quoted sheet name is part of its token, never a separator. An area that is not cells
 * (`#REF!`, `H:H`, a name) is null; an empty text has no areas.
 */
export function addressAreas(text: string): (AddressArea | null)[] {
  if (text.replace(/^=/, "").trim() === "") return [];
  const out: (AddressArea | null)[] = [];
  let area: FormulaToken[] = [];
  for (const t of formulaTokens(text)) {
    if (t.kind === "op" && (t.text === "," || t.text === ";")) {
      out.push(areaOf(area));
      area = [];
    } else area.push(t);
  }
  out.push(areaOf(area));
  return out;
}
