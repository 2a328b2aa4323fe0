/// <reference types="custom-functions-runtime" />
/**
 * The JXZP custom functions as Excel calls them. Each is a thin shell: the formula in
 * ./formulas.ts reads the arguments and asks the scoring core; this file only turns a failure
 * into the error value Excel shows (#VALUE! or #N/A with a Chinese message). The JSDoc below
 * is the source of functions.json (ids and English names); functions.zh-CN.json is derived
 * from it at build time with the names in ./names.zh-CN.json.
 */
import * as formulas from "./formulas";
import { isFailure, type Outcome } from "./outcome";

type Result = number | string | CustomFunctions.Error;

function toExcel(o: Outcome): number | string | CustomFunctions.Error {
  if (!isFailure(o)) return o;
  const code = o.failure === "judgement" ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
  return new CustomFunctions.Error(code, o.message);
}

/** Runs a formula; an unexpected exception still becomes a Chinese #VALUE!, never a crash in the cell. */
function run(f: () => Outcome): Result {
  try {
    return toExcel(f());
  } catch (e) {
    return toExcel({ failure: "invalid", message: `计算出错：${e instanceof Error ? e.message : String(e)}` });
  }
}

/**
 * 执行率 = 执行数 ÷ 预算数，结果为比率，请设为百分比格式（Execution rate = spent ÷ budget, as a ratio; format the cell as %）。
 * @customfunction EXECRATE EXECRATE
 * @param budget 预算数：数字或文字，如 2060、2060万元（Budget）
 * @param spent 执行数：数字或文字，如 2059.18（Amount spent）
 * @returns 执行率（比率）
 */
export function execRate(budget: unknown, spent: unknown): number | string | CustomFunctions.Error {
  return run(() => formulas.execRate(budget, spent));
}

/**
 * 执行率得分 = 分值 × min(执行率, 1)，保留 2 位小数（Execution score = weight × min(rate, 1), 2 decimals）。
 * @customfunction EXECSCORE EXECSCORE
 * @param weight 分值，一般为 10 或 20（Weight of the execution item）
 * @param budget 预算数（Budget）
 * @param spent 执行数（Amount spent）
 * @returns 执行率得分
 */
export function execScore(weight: unknown, budget: unknown, spent: unknown): number | string | CustomFunctions.Error {
  return run(() => formulas.execScore(weight, budget, spent));
}

/**
 * 指标得分：按评分规则计算一项绩效指标的得分，保留 2 位小数；定性指标未明确达成时返回 #N/A 需人工判定（Indicator score by the scoring rules）。
 * @customfunction SCORE SCORE
 * @param weight 分值（Weight）
 * @param target 年度指标值，如 ≥24万人、95%以上（Annual target）
 * @param actual 实际完成值，如 19745人、97%（Actual value）
 * @param direction 可选：正向 / 反向 / 定性，省略时按指标值的符号判断（Optional: positive / negative / qualitative）
 * @param negativeMode 可选，反向指标的算法：比例（默认）/ 偏离（Optional for negative indicators: ratio / deviation）
 * @returns 指标得分
 */
export function score(
  weight: unknown,
  target: unknown,
  actual: unknown,
  direction?: unknown,
  negativeMode?: unknown,
): number | string | CustomFunctions.Error {
  return run(() => formulas.score(weight, target, actual, direction, negativeMode));
}

/**
 * 完成率 = 实际完成值 ÷ 年度指标值（反向指标为 年度指标值 ÷ 实际完成值），结果为比率（Completion rate, as a ratio）。
 * @customfunction COMPLETION COMPLETION
 * @param target 年度指标值（Annual target）
 * @param actual 实际完成值（Actual value）
 * @param direction 可选：正向 / 反向 / 定性（Optional: positive / negative / qualitative）
 * @returns 完成率（比率）
 */
export function completion(target: unknown, actual: unknown, direction?: unknown): number | string | CustomFunctions.Error {
  return run(() => formulas.completion(target, actual, direction));
}

/**
 * 评定等级：≥90 优、≥80 良、≥60 中、其余差，或所选等级方案（Grade of a total score）。
 * @customfunction GRADE GRADE
 * @param total 总分，0 到 100（Total score）
 * @param scheme 可选：标准（优/良/中/差）或 好较好一般差（Optional grade scheme）
 * @returns 等级
 */
export function grade(total: unknown, scheme?: unknown): number | string | CustomFunctions.Error {
  return run(() => formulas.grade(total, scheme));
}

/**
 * 读取数值：读出指标文字中的数字，如 ≥24万人 → 24、95%以上 → 95（The number in a target text, as the engine reads it）。
 * @customfunction READVALUE READVALUE
 * @param text 指标值文字或单元格（Target or actual text）
 * @returns 读出的数字
 */
export function readValue(text: unknown): number | string | CustomFunctions.Error {
  return run(() => formulas.readValue(text));
}

/** The entry points by id, as Excel looks them up. Ids never change once released: workbooks store them. */
export const ENTRY_POINTS = {
  EXECRATE: execRate,
  EXECSCORE: execScore,
  SCORE: score,
  COMPLETION: completion,
  GRADE: grade,
  READVALUE: readValue,
};

// The shared runtime (taskpane.html) defines CustomFunctions; a page opened outside Excel does not.
if (typeof CustomFunctions !== "undefined") CustomFunctions.associate(ENTRY_POINTS);
