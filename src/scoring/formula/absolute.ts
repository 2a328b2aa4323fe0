import { refText, tokenizeFormula, type RefEnd } from "./tokens";

/**
 * A reference with `$` before its rows (`A1:H40` → `A$1:H$40`, `11:11` → `$11:$11`) and, with
 * `cols`, before its columns: print areas and print titles are absolute. Text that is not one
 * reference (nor one with a sheet) is returned as it is.
 */
export function absoluteRef(ref: string, cols = false): string {
  const tokens = tokenizeFormula(ref);
  const t = tokens.length === 1 ? tokens[0] : null;
  if (t?.kind !== "ref") return ref;
  const fix = (e: RefEnd): RefEnd => ({ ...e, absRow: e.row !== null || e.absRow, absCol: (cols && e.col !== null) || e.absCol });
  return (t.qualifier?.text ?? "") + refText(fix(t.from), t.to && fix(t.to));
}
