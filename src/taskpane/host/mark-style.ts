import type { Severity } from "../../scoring/findings/findings";
import { formulaTokens } from "../../scoring/formula/tokens";

/** Fill colours of the marks, by severity (light, so the person's text stays readable). */
export const MARK_COLOR: Record<Severity, string> = {
  error: "#FDE7E9",
  warning: "#FFF4CE",
  info: "#DEECF9",
};

/**
 * The marker in a mark's rule formula. Conditional formats carry no name, so the add-in
 * recognises its own by this text: ISTEXT of a constant is always TRUE, so the rule always applies.
 */
export const MARK_TAG = "JXZP-MARK";

export const markFormula = (severity: Severity): string => `=ISTEXT("${MARK_TAG}-${severity}")`;

/** A rule formula of the add-in's: the tag is in one of its strings (never merely in a sheet's name or elsewhere), whatever language Excel shows the function in. */
export function isMarkFormula(formula: string | null | undefined): boolean {
  if (typeof formula !== "string" || !formula.includes(MARK_TAG)) return false;
  for (const t of formulaTokens(formula)) if (t.kind === "string" && t.value.startsWith(MARK_TAG)) return true;
  return false;
}
