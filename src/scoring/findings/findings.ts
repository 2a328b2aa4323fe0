/**
 * Finding codes with their severities and short Chinese titles. A code's severity follows from
 * the code alone: a case that deserves another severity has a code of its own.
 */
export const SEVERITY = {
  // Spec §4.
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
  // Reading real forms: what the engine could not read is said, never turned into an accusation.
  MANAGEMENT_DEDUCTION_STEP: "info",
  LEVEL1_PROFILE_SPLIT: "info",
  FIGURES_UNREAD: "info",
  FORM_PARTLY_READ: "warning",
  TARGET_NOT_MET: "info",
  // Cells whose value the file does not hold.
  FORMULA_NO_VALUE: "warning",
  JXZP_NOT_LOADED: "warning",
  NOT_CALCULATED: "info",
  // A Word report's prose against its own table.
  REPORT_TOTAL_MISMATCH: "error",
  REPORT_RATE_MISMATCH: "error",
  REPORT_AMOUNT_MISMATCH: "error",
  REPORT_GRADE_MISMATCH: "error",
  REPORT_CLAIM_ALL_MET: "error",
} as const;

export type FindingCode = keyof typeof SEVERITY;
export type Severity = "error" | "warning" | "info";

/** What each code is about, in a few Chinese words: the pane's card title, the CLI's and the summary's label. */
export const FINDING_TITLE: Record<FindingCode, string> = {
  LAYOUT_UNRECOGNIZED: "未识别出自评表",
  NO_SCORE_COLUMNS: "不计分的表",
  BUDGET_MISSING: "缺少预算数",
  EXEC_RATE_MISMATCH: "执行率算错",
  EXEC_SCORE_MISMATCH: "执行率得分不符",
  EXEC_OVER_BUDGET: "执行数超过预算",
  SCORE_MISSING: "得分未填",
  SCORE_ABOVE_WEIGHT: "得分超过分值",
  SCORE_NEGATIVE: "得分为负数",
  SCORE_RULE_MISMATCH: "得分与规则不符",
  COMPLETION_RATE_MISMATCH: "完成率算错",
  WEIGHT_SUM: "分值合计不是 100",
  LEVEL1_WEIGHT: "一级指标分值不符",
  TOTAL_MISMATCH: "总分与各项之和不符",
  GRADE_MISMATCH: "等级与总分不符",
  DEVIATION_MISSING: "未说明偏差原因",
  OVER_COMPLETION: "大幅超额完成",
  UNIT_MISMATCH: "单位不一致",
  VALUE_UNPARSEABLE: "数值无法读取",
  ACTUAL_NOT_VALUE: "实际值写成了目标",
  LEVEL_MISSING: "指标层级为空",
  NAME_LOOKS_LIKE_VALUE: "指标名称像数值",
  JUDGEMENT_NEEDED: "需人工判定",
  MANAGEMENT_DEDUCTION_STEP: "扣分不是 0.5 的倍数",
  LEVEL1_PROFILE_SPLIT: "一级指标分值与方案不同",
  FIGURES_UNREAD: "有数字未能识别",
  FORM_PARTLY_READ: "表格未能完整读取",
  TARGET_NOT_MET: "指标未达成",
  FORMULA_NO_VALUE: "公式没有保存结果",
  JXZP_NOT_LOADED: "加载项函数未计算",
  NOT_CALCULATED: "尚未计算完成",
  REPORT_TOTAL_MISMATCH: "报告总分与表不符",
  REPORT_RATE_MISMATCH: "报告执行率与表不符",
  REPORT_AMOUNT_MISMATCH: "报告金额与表不符",
  REPORT_GRADE_MISMATCH: "报告等级与表不符",
  REPORT_CLAIM_ALL_MET: "报告称全部完成但有未达成",
};

export const SEVERITY_LABEL: Record<Severity, string> = { error: "错误", warning: "警告", info: "提示" };
export const SEVERITY_ORDER: Severity[] = ["error", "warning", "info"];

export interface Finding {
  severity: Severity;
  code: FindingCode;
  /** A1 address on the finding's sheet, or null when it concerns the whole table. */
  cell: string | null;
  message: string;
}

export function finding(code: FindingCode, cell: string | null, message: string): Finding {
  return { severity: SEVERITY[code], code, cell, message };
}
