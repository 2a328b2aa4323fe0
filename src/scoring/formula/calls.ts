import { formulaTokens, tokenizeFormula, type FormulaToken } from "./tokens";

/**
 * The functions a formula calls, read through the one tokenizer: a call is a name followed (after
 * any spaces) by `(`. Text in strings (`"JXZP.SCORE("`), sheet names (`'JXZP.表'!A1`) and longer
 * names that merely contain the namespace (`_jxzp_fill_1`, `MYJXZP.X`) is never a call.
 */

type NameToken = Extract<FormulaToken, { kind: "name" }>;

/** `JXZP.SCORE` → `SCORE`, `jxzp.指标得分` → `指标得分`; null for any other name. */
export function jxzpFunctionName(name: string): string | null {
  const m = /^JXZP\.([\p{L}\p{N}_.]+)$/iu.exec(name);
  return m ? m[1] : null;
}

/**
 * A name of a JXZP function in any spelling a workbook holds: `JXZP.SCORE`, `JXZP.指标得分`, or
 * as a file stores an add-in's function, `_xldudf_JXZP_SCORE` (either case).
 */
const isJxzpName = (name: string): boolean => /^(?:_xldudf_)?JXZP[._]/i.test(name);

/**
 * Whether a formula names a JXZP function outside its strings and sheet names. A name counts
 * without its `(`: a message quotes a formula's first 40 characters, which may end at the name.
 */
export function callsJxzp(formula: string | null | undefined): boolean {
  // Most formulas never mention the namespace: they are not tokenized at all.
  if (typeof formula !== "string" || !/jxzp/i.test(formula)) return false;
  for (const t of formulaTokens(formula)) if (t.kind === "name" && isJxzpName(t.name)) return true;
  return false;
}

/** The name tokens of a formula that are called: each followed, after any spaces, by `(`. */
function calledNames(tokens: FormulaToken[]): Set<NameToken> {
  const called = new Set<NameToken>();
  let pending: NameToken | null = null;
  for (const t of tokens) {
    if (t.kind === "space") continue;
    if (pending && t.kind === "op" && t.text === "(") called.add(pending);
    pending = t.kind === "name" ? t : null;
  }
  return called;
}

/** The names of the functions a formula calls, in order, as written (without a sheet qualifier). */
export function functionCalls(formula: string): string[] {
  return [...calledNames(tokenizeFormula(formula))].map((t) => t.name);
}

/**
 * The formula with the name of each function it calls replaced by `rename`'s answer (null: left
 * as written); a qualifier before the name stays. Everything else is the formula's own text.
 */
export function renameCalls(formula: string, rename: (name: string) => string | null): string {
  const tokens = tokenizeFormula(formula);
  const called = calledNames(tokens);
  let out = "";
  for (const t of tokens) {
    const renamed = t.kind === "name" && called.has(t) ? rename(t.name) : null;
    out += renamed === null ? t.text : (t.kind === "name" ? (t.qualifier?.text ?? "") : "") + renamed;
  }
  return out;
}
