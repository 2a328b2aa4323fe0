import type { Severity } from "../../scoring/findings/findings";

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

export const isMarkFormula = (formula: string | null | undefined): boolean => typeof formula === "string" && formula.includes(MARK_TAG);
