import { formulaTokens, MAX_COLS, MAX_ROWS, refText, type RefEnd } from "./tokens";

/** An end moved by an offset where it is relative; null when it leaves the sheet. */
function moveEnd(e: RefEnd, rows: number, cols: number): RefEnd | null {
  const col = e.col === null || e.absCol ? e.col : e.col + cols;
  const row = e.row === null || e.absRow ? e.row : e.row + rows;
  if (col !== null && (col < 0 || col >= MAX_COLS)) return null;
  if (row !== null && (row < 0 || row >= MAX_ROWS)) return null;
  return { ...e, col, row };
}

/**
 * A formula's text as Excel writes it in the cell `rows` below and `cols` right of where it was
 * written — what copying it there, or a shared formula's other cells (`<f t="shared">`), hold:
 * relative references move, `$` parts stay, whole columns and rows move along their axis, text in
 * strings, names and structured references is left alone. A reference moved off the sheet is
 * `#REF!`. With `limit`, it stops once it has that many characters: the start of the text, for
 * a message that shows no more (a 40,000-character formula is not spelled out to show 40).
 */
export function copyFormulaBy(formula: string, rows: number, cols: number, limit = Infinity): string {
  if (rows === 0 && cols === 0) return formula;
  let out = "";
  for (const t of formulaTokens(formula)) {
    if (out.length >= limit) break;
    if (t.kind !== "ref") {
      out += t.text;
      continue;
    }
    const from = moveEnd(t.from, rows, cols);
    const to = t.to ? moveEnd(t.to, rows, cols) : null;
    const qualifier = t.qualifier?.text ?? "";
    out += qualifier + (from && (to || !t.to) ? refText(from, to) : "#REF!");
  }
  return out;
}
