/** Finding codes of spec §4 with their severities. */
export const SEVERITY = {
  LAYOUT_UNRECOGNIZED: "info",
  NO_SCORE_COLUMNS: "info",
  BUDGET_MISSING: "error",
  EXEC_RATE_MISMATCH: "error",
  EXEC_SCORE_MISMATCH: "warning",
  EXEC_OVER_BUDGET: "warning",
  SCORE_MISSING: "error",
  SCORE_ABOVE_WEIGHT: "error",
  SCORE_NEGATIVE: "error",
  SCORE_RULE_MISMATCH: "warning",
  COMPLETION_RATE_MISMATCH: "warning",
  WEIGHT_SUM: "error",
  LEVEL1_WEIGHT: "error",
  TOTAL_MISMATCH: "error",
  GRADE_MISMATCH: "error",
  DEVIATION_MISSING: "error",
  OVER_COMPLETION: "warning",
  UNIT_MISMATCH: "warning",
  VALUE_UNPARSEABLE: "warning",
  ACTUAL_NOT_VALUE: "info",
  LEVEL_MISSING: "warning",
  NAME_LOOKS_LIKE_VALUE: "warning",
  JUDGEMENT_NEEDED: "info",
} as const;

export type FindingCode = keyof typeof SEVERITY;
export type Severity = "error" | "warning" | "info";

export const SEVERITY_LABEL: Record<Severity, string> = { error: "错误", warning: "警告", info: "提示" };
export const SEVERITY_ORDER: Severity[] = ["error", "warning", "info"];

export interface Finding {
  severity: Severity;
  code: FindingCode;
  /** A1 address on the finding's sheet, or null when it concerns the whole table. */
  cell: string | null;
  message: string;
}

export function finding(code: FindingCode, cell: string | null, message: string, severity?: Severity): Finding {
  return { severity: severity ?? SEVERITY[code], code, cell, message };
}
