/**
 * What a formula gives back, before it is handed to Excel: a number, an empty result for a
 * form still waiting for its figures, or a failure that Excel shows as #VALUE! or #N/A with a
 * Chinese message. Kept free of the Office runtime so the formulas run anywhere.
 */
export type Failure = { failure: "invalid" | "judgement"; message: string };

export type Outcome = number | string | Failure;

/** The message a qualitative indicator gets when the rule cannot decide (spec R6). */
export const JUDGEMENT_MESSAGE = "需人工判定：达成 / 部分达成 / 未达成";

/** An empty result: Excel shows an empty-looking cell, not 0 and not an error. */
export const EMPTY = "";

export function invalid(message: string): Failure {
  return { failure: "invalid", message };
}

export function judgement(message: string = JUDGEMENT_MESSAGE): Failure {
  return { failure: "judgement", message };
}

export function isFailure(o: unknown): o is Failure {
  return typeof o === "object" && o !== null && "failure" in o;
}
