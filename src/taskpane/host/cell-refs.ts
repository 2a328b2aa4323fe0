import { addressAreas } from "../../scoring/grid/address";
import { formulaTokens, refText, tokenizeFormula, type FormulaToken, type RefEnd } from "../../scoring/formula/tokens";

/**
 * Cell references in formulas, as Excel moves them when rows or columns are inserted or deleted.
 * Used by the in-memory workbook (which stands in for Excel) and by the fill's undo, which keeps
 * the cells it wrote in a hidden defined name so that Excel itself moves them with the form.
 * Formula text is read by the core's one tokenizer (scoring/formula/tokens.ts).
 */

/** Rows or columns inserted (count > 0) or deleted (count < 0) at a 0-based index of one sheet. */
export interface SheetEdit {
  sheet: string;
  axis: "row" | "col";
  at: number;
  count: number;
}

type RefToken = Extract<FormulaToken, { kind: "ref" }>;

const refTokens = (formula: string): RefToken[] => [...formulaTokens(formula)].filter((t): t is RefToken => t.kind === "ref");

/** A cell or a range of cells (`H4`, `$H$4:H9`): what the fill's tracking names and reads back; not whole rows or columns. */
const isCellRef = (t: RefToken): boolean => t.from.col !== null && t.from.row !== null && (!t.to || (t.to.col !== null && t.to.row !== null));

export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** Two ends after the edit on its axis, or null when the edit deleted all of them. */
function endsAfterEdit(from: RefEnd, to: RefEnd | null, edit: Omit<SheetEdit, "sheet">): [RefEnd, RefEnd | null] | null {
  const key = edit.axis === "row" ? "row" : "col";
  const p = { ...from };
  const q = to ? { ...to } : null;
  // A whole column does not move when rows are inserted, nor a whole row with columns.
  if (p[key] === null || (q && q[key] === null)) return [p, q];
  const a = p[key]!;
  const b = q ? q[key]! : a;
  const { at, count } = edit;
  if (count > 0) {
    if (a >= at) p[key] = a + count;
    if (q && b >= at) q[key] = b + count;
    return [p, q];
  }
  const end = at - count;
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  if (lo >= at && hi < end) return null;
  const move = (v: number, top: boolean) => (v < at ? v : v >= end ? v + count : top ? at : at - 1);
  if (!q) p[key] = move(a, true);
  else {
    const topIsP = a <= b;
    p[key] = move(a, topIsP);
    q[key] = move(b, !topIsP);
  }
  return [p, q];
}

/** Parses `H4` or `$H$4:H9` (as the host's addresses and the fill's records hold them). */
function cellRange(ref: string): [RefEnd, RefEnd | null] {
  const tokens = tokenizeFormula(ref);
  const t = tokens[0];
  if (tokens.length !== 1 || t.kind !== "ref" || t.qualifier || !isCellRef(t)) throw new Error(`not a cell reference: ${ref}`);
  return [t.from, t.to];
}

/** A cell or range (`H14`, `H11:H35`) after rows or columns are inserted or deleted, or null when the edit deleted all of it. */
export function refAfterEdit(ref: string, edit: Omit<SheetEdit, "sheet">): string | null {
  const [p, q] = cellRange(ref);
  const moved = endsAfterEdit(p, q, edit);
  return moved ? refText(moved[0], moved[1]) : null;
}

/**
 * A formula written on `formulaSheet` after rows or columns of `edit.sheet` are inserted or
 * deleted: its references to that sheet move (whole rows and columns too), deleted ones read
 * #REF!; references into other workbooks and across several sheets are left as they are.
 */
export function formulaAfterEdit(formula: string, formulaSheet: string, edit: SheetEdit): string {
  let out = "";
  for (const t of formulaTokens(formula)) {
    const q = t.kind === "ref" ? t.qualifier : null;
    if (t.kind !== "ref" || (q && (q.book !== null || q.lastSheet !== null)) || (q ? q.sheet : formulaSheet) !== edit.sheet) {
      out += t.text;
      continue;
    }
    const moved = endsAfterEdit(t.from, t.to, edit);
    out += (q?.text ?? "") + (moved ? refText(moved[0], moved[1]) : "#REF!");
  }
  return out;
}

/**
 * Whether a formula has anything with `!` outside its strings: a sheet or workbook qualifier, or an
 * error literal (`#REF!`). The fill tracks only formulas whose references are all on its own sheet.
 */
export function reachesBeyondSheet(formula: string): boolean {
  for (const t of formulaTokens(formula)) if (t.kind !== "string" && t.text.includes("!")) return true;
  return false;
}

/** The cell references of a formula, in order, as written (without their sheet). */
export function formulaRefs(formula: string): string[] {
  return refTokens(formula)
    .filter(isCellRef)
    .map((t) => t.text.slice(t.qualifier?.text.length ?? 0));
}

/** The formula with its cell references, in order, replaced by `refs` (a null reads #REF!). */
export function withRefs(formula: string, refs: (string | null)[]): string {
  let out = "";
  let k = 0;
  for (const t of formulaTokens(formula)) {
    if (t.kind === "ref" && isCellRef(t)) out += (t.qualifier?.text ?? "") + (refs[k++] ?? "#REF!");
    else out += t.text;
  }
  return out;
}

const absolute = (e: RefEnd): RefEnd => ({ ...e, absCol: true, absRow: true });

/** A defined name's formula listing cells and ranges of one sheet: `='表'!$H$4,'表'!$H$11:$H$35`. */
export function namedRefs(sheet: string, refs: string[]): string {
  return `=${refs
    .map((r) => {
      const [p, q] = cellRange(r);
      return `${quoteSheet(sheet)}!${refText(absolute(p), q && absolute(q))}`;
    })
    .join(",")}`;
}

/** The areas of a defined name's formula, in order: each `{ sheet, ref }` with `$` removed, or null where Excel shows #REF!. */
export function readNamedRefs(formula: string): ({ sheet: string; ref: string } | null)[] {
  return addressAreas(formula).map((a) => a && { sheet: a.sheet ?? "", ref: a.ref });
}

/** A reference written with the `$` signs of another (so a formula's relative references stay relative). */
export function likeRef(ref: string, pattern: string): string {
  const pat = cellRange(pattern);
  const [p, q] = cellRange(ref);
  const like = (e: RefEnd, i: number): RefEnd => {
    const s = pat[Math.min(i, pat[1] ? 1 : 0)]!;
    return { ...e, absCol: s.absCol, absRow: s.absRow };
  };
  return refText(like(p, 0), q && like(q, 1));
}
