import type { FindingCode } from "../scoring/findings/findings";

/**
 * 整改建议: what the unit that filled the form must do about each kind of finding. Written for
 * the unit, not the reviewer: the 问题清单 goes back to them as it is. A Record over every code,
 * so a new code cannot reach the summary without advice.
 */
export const ADVICE: Record<FindingCode, string> = {
  LAYOUT_UNRECOGNIZED: "请使用规定的自评表样填报（含绩效指标表和预算执行情况栏）；本工作表若只是说明或附表，可不处理。",
  NO_SCORE_COLUMNS: "无需整改；本项目如应评分，请改用带分值和得分栏的自评表。",
  BUDGET_MISSING: "请填写全年预算数（不能为空或 0），再按 执行数 ÷ 预算数 重新计算执行率和执行率得分。",
  EXEC_RATE_MISMATCH: "请按 全年执行数 ÷ 全年预算数 重新计算执行率，保留两位小数（如 99.96%）后填入。",
  EXEC_SCORE_MISMATCH: "请按 分值 × 执行率（超过 100% 的按 100% 计）重新计算执行率得分。",
  EXEC_OVER_BUDGET: "请核实全年执行数和全年预算数；执行数确实超过预算的，请在报告中说明原因（如追加预算未调整）。",
  SCORE_MISSING: "请填写该项得分；执行率得分为 分值 × 执行率，指标得分按评分规则计算。",
  SCORE_ABOVE_WEIGHT: "得分不能超过该项分值，请按评分规则重新打分。",
  SCORE_NEGATIVE: "得分不能为负数，请按评分规则重新打分（最低 0 分）。",
  SCORE_RULE_MISMATCH: "请按评分规则（实际完成值 ÷ 年度指标值 × 分值）核实得分；确有特殊情况的，请在偏差原因栏说明扣分依据。",
  COMPLETION_RATE_MISMATCH: "请按 实际完成值 ÷ 年度指标值（反向指标为 年度指标值 ÷ 实际完成值）重新计算完成率。",
  WEIGHT_SUM: "请调整各项分值，使全部分值（含执行率分值）合计为 100 分。",
  LEVEL1_WEIGHT: "请调整该一级指标下各项分值，使其合计等于一级指标标注的分数。",
  TOTAL_MISMATCH: "请把总分改为各项得分之和（含执行率得分），并按总分重新确定等级。",
  GRADE_MISMATCH: "请按总分和规定的等级标准（一般为 90 分及以上优、80 分及以上良、60 分及以上中、60 分以下差）重新确定等级。",
  DEVIATION_MISSING: "未得满分的指标，请在“偏差原因分析及改进措施”栏写明未完成的原因和下一步改进措施。",
  OVER_COMPLETION: "实际完成值超过目标 20% 以上，请在偏差原因栏说明原因；目标定得偏低的，下一年度请据实调整目标。",
  UNIT_MISMATCH: "请统一年度指标值和实际完成值的计量单位（如都用“万人”或都用“%”）。",
  VALUE_UNPARSEABLE: "请在该单元格填写数字（可带单位，如“153428人”），不要只写文字说明。",
  ACTUAL_NOT_VALUE: "实际完成值请填写实际达到的数值（如“25.3万人”），不要照抄目标（如“≥24万人”）。",
  LEVEL_MISSING: "请补填一级、二级指标名称，或把同一指标的单元格合并。",
  NAME_LOOKS_LIKE_VALUE: "三级指标栏应填写指标名称，请检查该行各栏是否错位（数值填进了名称栏）。",
  JUDGEMENT_NEEDED: "定性指标请在实际完成值中写明是否达成（达成 / 部分达成 / 未达成）及依据，由审核人员判定得分。",
  MANAGEMENT_DEDUCTION_STEP: "资金管理各项每发现一个问题扣 0.5 分，请核实扣分是否为 0.5 的整数倍。",
  LEVEL1_PROFILE_SPLIT: "一级指标分值与通行分配不同；确有特殊情况的，请在自评报告中说明理由。",
  FIGURES_UNREAD: "部分数字未能识别，请核对相应单元格，填写规范的数字和单位。",
  FORM_PARTLY_READ: "表格未能完整读取，请按规定表样填写，不要自行增删栏目或改动合并单元格。",
  TARGET_NOT_MET: "该指标未达成，请在偏差原因栏说明原因和改进措施。",
  FORMULA_NO_VALUE: "该单元格的公式没有保存计算结果，请在 Excel 或 WPS 中打开、重新计算并保存后再报送。",
  JXZP_NOT_LOADED: "表中的绩效自评助手函数未计算，请在装有加载项的 Excel 中打开并保存，或直接填写数值。",
  NOT_CALCULATED: "该单元格在保存时还在计算，请在 Excel 中等计算完成、单元格显示结果后重新保存。",
  REPORT_TOTAL_MISMATCH: "自评报告正文中的自评得分与自评表不一致，请核对后统一，再重新报送。",
  REPORT_RATE_MISMATCH: "自评报告正文中的执行率与自评表不一致，请核对后统一。",
  REPORT_AMOUNT_MISMATCH: "自评报告正文中的预算或执行金额与自评表不一致，请核对后统一。",
  REPORT_GRADE_MISMATCH: "自评报告正文中的等级与自评表不一致，请核对后统一。",
  REPORT_CLAIM_ALL_MET: "报告称绩效目标已全部完成，但自评表中有未达成的指标：请修改报告表述，或核实指标完成情况。",
};

/** For a file that could not be read at all: the unit must send it again in a form that can. */
export const UNREADABLE_ADVICE = "请按提示处理后重新报送（如在 Excel 或 WPS 中另存为 .xlsx）。";

/** Advice for a code, with a plain fallback for codes a newer reader may add before this table knows them. */
export function adviceFor(code: string): string {
  return (ADVICE as Record<string, string>)[code] ?? "请按问题说明核实并修改。";
}
