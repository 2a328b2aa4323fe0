/**
 * A shared formula's text for another cell of its range: `<f t="shared" si="0" ref="H11:H12">G11*1</f>`
 * in H11 reads `G12*1` in H12. Relative references move by the offset, `$` parts stay, text in
 * string literals and quoted sheet names is left alone, function names are not references.
 */
import { columnIndex, columnLetters } from "../scoring/grid/address";

const MAX_ROW = 1048576;
const MAX_COL = 16384;
const CELL = /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)$/;
const COLUMN = /^(\$?)([A-Za-z]{1,3})$/;
const ROW = /^(\$?)(\d+)$/;

/** 1-based, as the bounds below are written. */
const columnNumber = (letters: string): number => columnIndex(letters) + 1;

/** A name character: letters, digits and the marks Excel allows in names and sheet names. */
function isNameChar(ch: string): boolean {
  return /[A-Za-z0-9_.$\\]/.test(ch) || ch.charCodeAt(0) > 0x7f;
}

function shiftCell(token: string, dr: number, dc: number): string | null {
  const m = CELL.exec(token);
  if (!m) return null;
  let col = columnNumber(m[2]);
  let row = Number(m[4]);
  if (col > MAX_COL || row < 1 || row > MAX_ROW) return null;
  if (!m[1]) col += dc;
  if (!m[3]) row += dr;
  if (col < 1 || col > MAX_COL || row < 1 || row > MAX_ROW) return "#REF!";
  return `${m[1]}${columnLetters(col - 1)}${m[3]}${row}`;
}

function shiftColumn(token: string, dc: number): string | null {
  const m = COLUMN.exec(token);
  if (!m || columnNumber(m[2]) > MAX_COL) return null;
  const col = m[1] ? columnNumber(m[2]) : columnNumber(m[2]) + dc;
  return col < 1 || col > MAX_COL ? "#REF!" : `${m[1]}${columnLetters(col - 1)}`;
}

function shiftRow(token: string, dr: number): string | null {
  const m = ROW.exec(token);
  if (!m) return null;
  const row = m[1] ? Number(m[2]) : Number(m[2]) + dr;
  return row < 1 || row > MAX_ROW ? "#REF!" : `${m[1]}${row}`;
}

/** Reads a run of name characters from `i`. */
function nameAt(f: string, i: number): number {
  let j = i;
  while (j < f.length && isNameChar(f[j])) j++;
  return j;
}

/** The text of `formula` moved by `dr` rows and `dc` columns. */
export function shiftFormula(formula: string, dr: number, dc: number): string {
  if (dr === 0 && dc === 0) return formula;
  let out = "";
  let i = 0;
  const n = formula.length;
  while (i < n) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      // A string literal or a quoted sheet name, with its doubled quotes.
      let j = i + 1;
      while (j < n) {
        if (formula[j] === ch) {
          if (formula[j + 1] === ch) j += 2;
          else break;
        } else j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === "[") {
      // A structured or external reference: its contents are names, not cells.
      let depth = 0;
      let j = i;
      for (; j < n; j++) {
        if (formula[j] === "[") depth++;
        else if (formula[j] === "]" && --depth === 0) break;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (!isNameChar(ch)) {
      out += ch;
      i++;
      continue;
    }
    const j = nameAt(formula, i);
    const token = formula.slice(i, j);
    const next = formula[j];
    const prev = i > 0 ? formula[i - 1] : "";
    if (next === "!" || next === "(" || (/^[0-9.]/.test(token) && prev !== ":" && next !== ":")) {
      // A sheet name, a function, or a number (a bare row number only beside a colon).
      out += token;
      i = j;
      continue;
    }
    const ranged = prev === ":" || next === ":";
    const shifted = shiftCell(token, dr, dc) ?? (ranged ? (shiftColumn(token, dc) ?? shiftRow(token, dr)) : null);
    out += shifted ?? token;
    i = j;
  }
  return out;
}
