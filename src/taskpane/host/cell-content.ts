import { formulaTokens } from "../../scoring/formula/tokens";
import type { CellValue } from "../../scoring/grid/grid";

/** What one cell holds, enough to put it back exactly: its formula, or else its constant. */
export interface CellContent {
  /** The formula as Excel shows it (`=SUM(H4:H35)`), or null for a constant or an empty cell. */
  formula: string | null;
  /** The constant; for a formula cell its value when read (for display only). */
  value: CellValue;
}

/** A text Excel would not keep as text when typed: numbers, booleans, formulas, dates, percentages. */
function wouldConvert(text: string): boolean {
  const t = text.trim();
  if (t === "") return text !== "";
  if (/^[=+\-@']/.test(t)) return true;
  if (/^(true|false)$/i.test(t)) return true;
  if (/^[$¥￥]?\(?[\d.,]+\)?%?$/.test(t)) return true;
  return /^\d{1,4}[-/年.]\d{1,2}/.test(t);
}

/** A cell's content from what Office.js reports for `values` and `formulas`. */
export function contentOf(value: CellValue | undefined, formula: unknown): CellContent {
  if (typeof formula === "string" && formula.startsWith("=")) return { formula, value: value ?? null };
  const v = value === undefined || value === "" ? null : value;
  return { formula: null, value: v };
}

/** What to put into `range.formulas` so the cell holds this content again (text that looks like a number keeps its apostrophe). */
export function contentInput(c: CellContent): string | number | boolean {
  if (c.formula !== null) return c.formula;
  if (c.value === null) return "";
  if (typeof c.value === "string" && wouldConvert(c.value)) return `'${c.value}`;
  return c.value;
}

/** A formula as Excel may re-case or re-space it: spaces between tokens dropped, all but strings upper-cased (a string is the person's text, kept exactly). */
function normalizeFormula(f: string): string {
  let out = "";
  for (const t of formulaTokens(f)) if (t.kind !== "space") out += t.kind === "string" ? t.text : t.text.toUpperCase();
  return out;
}

export function sameValue(a: CellValue, b: CellValue): boolean {
  const x = a === "" ? null : a;
  const y = b === "" ? null : b;
  return x === y;
}

/** Same content: formulas compared as Excel may re-case or re-space them (never inside strings), constants exactly. */
export function sameContent(a: CellContent, b: CellContent): boolean {
  if (a.formula !== null || b.formula !== null)
    return a.formula !== null && b.formula !== null && normalizeFormula(a.formula) === normalizeFormula(b.formula);
  return sameValue(a.value, b.value);
}
