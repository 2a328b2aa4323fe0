import Decimal from "decimal.js";
import { evaluateOneForm } from "./one-form";
import { gradeOf, readGrade } from "../../src/scoring/rules/grade";
import type { CellValue, Grid } from "../../src/scoring/grid/grid";
import { readMeasure } from "../../src/scoring/values/measure";
import { ALTERNATE_GRADES, STANDARD_GRADES } from "../../src/scoring/rules/profiles";
import type { SheetReport } from "../../src/scoring/findings/sheet-report";
import {
  align,
  completionRate,
  executionRate,
  executionScore,
  scoreIndicator,
  Verdict,
} from "../../src/scoring/rules/rules";
import type { Direction, NegativeMode } from "../../src/scoring/values/direction";
import { edit, fixtureGrid } from "./fixture-grid";

const d = (x: string | number) => new Decimal(x);

/** Scores a row the way the evaluator does: both cells read by the reader, then R3–R7. */
function score(target: CellValue, actual: CellValue, weight: number | string | null, mode: NegativeMode = "ratio", direction?: Direction): Verdict {
  return scoreIndicator({
    weight: weight === null ? null : d(weight),
    target: readMeasure(target),
    actual: readMeasure(actual),
    negativeMode: mode,
    direction,
  });
}

/** [score as a decimal string or null, met] of a scored verdict; fails on any other status. */
function scored(v: Verdict): [string | null, boolean] {
  expect(v.status).toBe("scored");
  if (v.status !== "scored") return ["not scored", false];
  return [v.score === null ? null : v.score.toFixed(2), v.met];
}

describe("R1 执行率 = 全年执行数 ÷ 全年预算数", () => {
  test.each<[string | null, string | null, string | null]>([
    ["2060", "2059.18", "0.999602"], // seed 000
    ["1329", "1329", "1.000000"], // seed 002
    ["150", "48.44", "0.322933"], // seed 004
    ["560", "490.97", "0.876732"], // seed 004
    ["100", "120", "1.200000"], // r > 1 is reported, not hidden
    ["100", "0", "0.000000"],
    ["0", "10", null], // BUDGET_MISSING: no rate
    [null, "10", null],
    ["100", null, null],
  ])("预算 %p, 执行 %p → %p", (budget, spent, rate) => {
    const r = executionRate(budget === null ? null : d(budget), spent === null ? null : d(spent));
    expect(r === null ? null : r.toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toFixed(6)).toBe(rate);
  });
});

describe("R2 执行率得分 = w × min(r, 1), 2 decimals, within [0, w]", () => {
  test.each<[string, string, string]>([
    ["20", "0.999602", "19.99"], // seed 000: the 20-point variant
    ["10", "1", "10.00"], // r = 1
    ["10", "0.99995", "10.00"], // half-up at the 3rd decimal: 9.9995 → 10.00
    ["10", "0.99994", "10.00"], // ROUND(9.9994, 2) = 10.00
    ["10", "0.9994", "9.99"], // ROUND(9.994, 2) = 9.99
    ["10", "0.9995", "10.00"], // 9.995 → 10.00 (half-up, not banker's)
    ["10", "1.2", "10.00"], // r > 1: w, and EXEC_OVER_BUDGET in the evaluator
    ["10", "3", "10.00"],
    ["10", "0.322933", "3.23"], // seed 004 rate under a 10-point weight
    ["10", "0", "0.00"],
    ["10", "-0.5", "0.00"], // a negative rate (refund larger than spending) scores 0
    ["0", "1", "0.00"],
    ["3.335", "1", "3.33"], // a weight with 3 decimals is never passed by rounding up
  ])("w %s, r %s → %s", (w, r, s) => {
    const got = executionScore(d(w), d(r));
    expect(got.toFixed(2)).toBe(s);
    expect(got.lte(Decimal.max(d(w), 0))).toBe(true);
  });
});

describe("R3 positive (≥, >, none): B ≥ A → w; else w × B ÷ A; A = 0 → w; negative B counts as 0", () => {
  test.each<[string, CellValue, CellValue, number | string, string, boolean]>([
    ["B = A", "≥24万人", "24万人", 11, "11.00", true],
    ["B = A, both with ≥ (seed 000)", "≥24万人", "≥24万人", 11, "11.00", true],
    ["B just below A", "≥5 次", "4.99 次", 7, "6.99", false],
    ["B just below A rounds to w but is not met", "100%", "99.99%", 5, "5.00", false],
    ["B = 1.2A", "≥5 次", "6 次", 7, "7.00", true],
    ["B far above A", "≥5 次", "500 次", 7, "7.00", true],
    ["B = 0", "≥95%", "0%", 10, "0.00", false],
    ["negative B counts as 0", "≥95%", "-5%", 10, "0.00", false],
    ["A = 0, B = 0", "≥0次", "0次", 4, "4.00", true],
    ["A = 0, B > 0", "0", "3", 4, "4.00", true],
    ["A = 0, negative B counts as 0 ≥ 0", "≥0%", "-5%", 4, "4.00", true],
    ["> is scored as ≥ (R3 covers both)", "＞90%", "90%", 5, "5.00", true],
    ["no comparator is positive", "41000 万元", "41257.25 万元", 2, "2.00", true],
    ["seed 002 H11: 2 × 233443.2 ÷ 240000", "240000 万元", "233443.2 万元", 2, "1.95", false],
    ["seed 002 H12: 2 × 202880.86 ÷ 210000", "210000 万元", "202880.86 万元", 2, "1.93", false],
    ["seed 004: 160000人 against 153428人", "160000人", "153428人", 10, "9.59", false],
    ["half-up: 7 × 0.99935 = 6.99545 → 7.00", "100%", "99.935%", 7, "7.00", false],
    ["half-up below: 3 × 0.995 = 2.985 → 2.99", "100%", "99.5%", 3, "2.99", false],
    ["a target below 0 is compared as written: −4 % meets ≥ −5 %", "≥-5%", "-4%", 5, "5.00", true],
    ["a target below 0 is compared as written: −10 % misses ≥ −5 %", "≥-5%", "-10%", 5, "0.00", false],
  ])("%s: %p vs %p (w %p) → %s", (_what, target, actual, w, s, met) => {
    expect(scored(score(target, actual, w))).toEqual([s, met]);
  });

  test("B = 1.2A gives a completion rate of exactly 1.2 (OVER_COMPLETION's bound)", () => {
    const v = score("≥5 次", "6 次", 7);
    expect(v.status === "scored" && v.completion?.toString()).toBe("1.2");
  });
});

describe("R4 equal (=): as R3 when A > 0; A = 0: B ≤ 0 → w, else 0", () => {
  test.each<[string, CellValue, CellValue, string, boolean]>([
    ["B = A", "=100%", "100%", "5.00", true],
    ["B below A", "=100%", "90%", "4.50", false],
    ["B above A (as R3)", "=100%", "110%", "5.00", true],
    ["negative B with A > 0", "=100%", "-10%", "0.00", false],
    ["A = 0, B = 0", "=0", "0", "5.00", true],
    ["A = 0, B > 0", "=0", "1", "0.00", false],
    ["A = 0, B just above 0", "=0", "0.01", "0.00", false],
    ["A = 0, negative B", "=0", "-1", "5.00", true],
    ["A = 0 written with a full-width ＝", "＝0", "0", "5.00", true],
    ["A = 0 written with a full-width ＝, B > 0", "＝0", "2", "0.00", false],
  ])("%s: %p vs %p → %s", (_what, target, actual, s, met) => {
    expect(scored(score(target, actual, 5))).toEqual([s, met]);
  });

  test("an = target from the row's 指标性质 column is scored by R4", () => {
    const v = scoreIndicator({
      weight: d(5),
      target: readMeasure(0, { comparator: "=" }),
      actual: readMeasure(2),
      negativeMode: "ratio",
    });
    expect(scored(v)).toEqual(["0.00", false]);
    expect(v.status === "scored" && v.direction).toBe("equal");
  });
});

describe("R5 negative (≤, <): B ≤ A → w; else ratio w × A ÷ B or deviation w × max(0, 1 − (B − A) ÷ A)", () => {
  test.each<[string, CellValue, CellValue, NegativeMode, string, boolean]>([
    ["B = A", "≤30 分钟", "30 分钟", "ratio", "7.00", true],
    ["B = A (deviation)", "≤30 分钟", "30 分钟", "deviation", "7.00", true],
    ["B below A", "≤30 分钟", "12 分钟", "ratio", "7.00", true],
    ["B just above A", "≤30 分钟", "30.3 分钟", "ratio", "6.93", false],
    ["B just above A (deviation)", "≤30 分钟", "30.3 分钟", "deviation", "6.93", false],
    ["B = 4/3 A: 7 × 30 ÷ 40", "≤30 分钟", "40 分钟", "ratio", "5.25", false],
    ["B = 4/3 A: 7 × (1 − 10 ÷ 30)", "≤30 分钟", "40 分钟", "deviation", "4.67", false],
    ["B = 1.2A", "≤30 分钟", "36 分钟", "ratio", "5.83", false],
    ["B = 1.2A (deviation)", "≤30 分钟", "36 分钟", "deviation", "5.60", false],
    ["B = 2A: ratio halves", "≤30 分钟", "60 分钟", "ratio", "3.50", false],
    ["B = 2A: deviation reaches 0", "≤30 分钟", "60 分钟", "deviation", "0.00", false],
    ["B = 3A: deviation stays at 0", "≤30 分钟", "90 分钟", "deviation", "0.00", false],
    ["B = 3A: ratio", "≤30 分钟", "90 分钟", "ratio", "2.33", false],
    ["< with B = A is met (R5 says B ≤ A)", "<5%", "5%", "ratio", "7.00", true],
    ["低于 with a figure is negative", "发生率低于5%", "10%", "ratio", "3.50", false],
    ["以内 is negative", "1%以内", "0.5%", "ratio", "7.00", true],
    ["negative B", "≤5%", "-1%", "ratio", "7.00", true],
    ["A = 0, B = 0", "≤0", "0", "ratio", "7.00", true],
    ["A = 0, B > 0 (ratio)", "≤0", "1", "ratio", "0.00", false],
    ["A = 0, B > 0 (deviation)", "≤0", "1", "deviation", "0.00", false],
    ["A below 0 met as written: −3 % ≤ −2 %", "≤-2%", "-3%", "ratio", "7.00", true],
    ["A below 0 missed: −1 % > −2 %", "≤-2%", "-1%", "deviation", "0.00", false],
    ["units convert: 0.5 小时 ≤ 30 分钟", "≤30 分钟", "0.5 小时", "ratio", "7.00", true],
  ])("%s: %p vs %p (%s) → %s", (_what, target, actual, mode, s, met) => {
    expect(scored(score(target, actual, 7, mode))).toEqual([s, met]);
  });

  test("the completion rate of a negative indicator is A ÷ B", () => {
    const v = score("≤30 分钟", "40 分钟", 7);
    expect(v.status === "scored" && v.completion?.toString()).toBe("0.75");
  });
});

describe("R6 qualitative: the same text or a completion word → w; otherwise a person decides", () => {
  test.each<[string, CellValue, CellValue]>([
    ["same text (seed 002)", "逐步推开", "逐步推开"],
    ["same text with a comparator word (seed 002)", "低于去年同期", "低于去年同期"],
    ["same date (seed 000)", "2021年底前", "2021年底前"],
    ["same year (seed 002)", "2021 年", "2021 年"],
    ["punctuation and width do not count", "及时、准确", "及时，准确。"],
    ["white space does not count", "提高办事效能", "提高 办事\n效能"],
    ["已完成 (seed 004)", "全覆盖检查", "已完成"],
    ["完成", "按工作计划", "完成"],
    ["已落实 (seed 002)", "人员三集中三到位", "已落实"],
    ["达到", "普遍知晓", "达到"],
    ["达成", "普遍知晓", "达成"],
    ["是", "是否按时上线", "是"],
    ["TRUE reads as 是", "是否按时上线", true],
    ["100%", "持续提高，有效保障", "100%"],
    ["１００％", "持续提高，有效保障", "１００％"],
  ])("%s: %p vs %p → w", (_what, target, actual) => {
    expect(scored(score(target, actual, 6))).toEqual(["6.00", true]);
  });

  test.each<[string, CellValue, CellValue]>([
    ["another text (seed 002 中央补助)", "显著提升", "市级优秀窗口单位"],
    ["a weaker word", "普遍知晓", "基本知晓"],
    ["未完成 is not 完成", "稳步提高", "未完成"],
    ["基本完成 is not 完成", "稳步提高", "基本完成"],
    ["a date against another date", "2021年底前", "2022年3月"],
    ["a figure that is not 100%", "持续提高，有效保障", "95%"],
    ["FALSE reads as 否", "是否按时上线", false],
  ])("%s: %p vs %p → JUDGEMENT_NEEDED", (_what, target, actual) => {
    expect(score(target, actual, 6).status).toBe("judgement");
  });

  test("a quantity target with a completion word is met; with another word it cannot be read", () => {
    expect(scored(score("≥24万人", "已完成", 11))).toEqual(["11.00", true]);
    expect(score("≥24万人", "基本完成", 11)).toEqual({ status: "unparseable", which: "actual" });
  });

  test("the 方向 argument can force a quantity row to be judged as qualitative", () => {
    expect(score("≥95%", "显著提升", 5, "ratio", "qualitative").status).toBe("judgement");
    expect(scored(score("≥95%", "≥95%", 5, "ratio", "qualitative"))).toEqual(["5.00", true]);
  });

  test("blank cells wait: no verdict, no score", () => {
    expect(score("", "100%", 5)).toEqual({ status: "blank", missing: "target" });
    expect(score("—", "100%", 5)).toEqual({ status: "blank", missing: "target" });
    expect(score("100%", null, 5)).toEqual({ status: "blank", missing: "actual" });
    expect(score("100%", "/", 5)).toEqual({ status: "blank", missing: "actual" });
  });
});

describe("§2.3 deadlines are not quantities: on or before the deadline → w; later, not met (a person picks); no date → a judgement", () => {
  test.each<[CellValue, string]>([
    ["9月前", "9"],
    ["11月前", "11"],
    ["6月底前", "6"],
    ["12月31日前", "12"],
    ["2023年10月前", "10"],
    ["年底前", "12"],
    ["于9月底前完成补贴发放", "9"],
    ["截至10月", "10"],
    ["第三季度末前", "9"],
    ["按时", ""],
    ["及时", ""],
  ])("%p reads as a deadline, not a quantity", (text, month) => {
    const m = readMeasure(text);
    expect(m.kind).toBe("qualitative");
    if (m.kind !== "qualitative") return;
    expect(m.deadline).toBeDefined();
    expect(m.deadline!.by === null ? "" : String(m.deadline!.by.month)).toBe(month);
  });

  test("a month before 前 inside a longer text is when, not how many: 9月前完成3个村 counts 3 个", () => {
    const m = readMeasure("9月前完成3个村");
    expect(m.kind === "quantity" && [m.value.toString(), m.unit]).toEqual(["3", "个"]);
    // Durations are quantities still (spec §2.3).
    expect(readMeasure("≥6个月").kind).toBe("quantity");
    expect(readMeasure("10个工作日内").kind).toBe("quantity");
  });

  test.each<[string, CellValue, CellValue]>([
    ["the issue's rows: 9月前, done in 7月", "9月前", "7月"],
    ["the issue's rows: 11月前, done in 10月", "11月前", "10月"],
    ["the same month is on time", "9月前", "9月"],
    ["月底前, done that month", "6月底前", "6月"],
    ["a day deadline against a month: compared at the month", "9月15日前", "9月"],
    ["a day deadline, an earlier day", "9月15日前", "9月10日"],
    ["a year and a month", "2023年10月前", "2023年9月"],
    ["a year and a month, the actual without its year", "2023年10月前", "7月"],
    ["年底前, done in 12月", "年底前", "12月"],
    ["a date cell as the reader shows it", "12月31日前", "2023-12-20"],
    ["an actual that says when in words", "于9月底前完成补贴发放", "已于8月完成"],
    ["a quarter", "第三季度末前", "8月"],
    ["按时 met by 按时完成", "按时", "按时完成"],
    ["a dated deadline met by 提前完成", "9月前", "提前完成"],
    ["a completion word", "9月前", "已完成"],
    ["the same text", "及时", "及时"],
  ])("%s: %p vs %p → w", (_what, target, actual) => {
    expect(scored(score(target, actual, 5))).toEqual(["5.00", true]);
  });

  test.each<[string, CellValue, CellValue]>([
    ["a month later", "9月前", "10月"],
    ["月底前, done the month after", "6月底前", "7月"],
    ["a day later", "9月15日前", "9月20日"],
    ["a year later", "2023年10月前", "2024年3月"],
    ["the next year", "年底前", "次年3月"],
    ["a dated deadline, a dated actual a year on", "2021年底前", "2022年3月"],
  ])("late, %s: %p vs %p → not met, a person picks the tier", (_what, target, actual) => {
    expect(score(target, actual, 5)).toEqual({ status: "judgement", why: "late" });
  });

  test("an actual that is no date is a judgement; so is a dated actual against 按时", () => {
    expect(score("9月前", "未完成", 5)).toEqual({ status: "judgement", why: "not-a-date" });
    expect(score("9月前", "基本完成", 5)).toEqual({ status: "judgement", why: "not-a-date" });
    expect(score("按时", "10月", 5)).toEqual({ status: "judgement", why: "no-deadline-date" });
  });

  test("a date cell's serial number, as a JXZP function receives it, is its date", () => {
    // 45108 is 2023-07-01; 45231 is 2023-11-01.
    expect(scored(score("9月前", 45108, 5))).toEqual(["5.00", true]);
    expect(score("9月前", 45231, 5)).toEqual({ status: "judgement", why: "late" });
  });
});

describe("§2.5 an actual written as a target claims it (ACTUAL_NOT_VALUE)", () => {
  test.each<[CellValue, CellValue, boolean, boolean]>([
    ["≥24万人", "≥24万人", true, true],
    ["95%以上", "95%以上", true, true],
    ["≤30 分钟", "≤30 分钟", true, true],
    ["≥24万人", "≥20万人", true, false], // the claim does not hold: scored by its figure
    ["≥24万人", "24.5万人", false, true],
    ["100%", "100%", false, true],
    ["=100%", "=100%", false, true], // = states the figure, it does not claim a bound
  ])("%p vs %p → claimed %p, met %p", (target, actual, claimed, met) => {
    const v = score(target, actual, 5);
    expect(v.status === "scored" && [v.claimed, v.met]).toEqual([claimed, met]);
  });
});

describe("R7 every score lies in [0, w] with 2 decimals", () => {
  test.each<[CellValue, CellValue, number | string, string]>([
    ["≥5 次", "1000 次", 7, "7.00"],
    ["≥5 次", "-1000 次", 7, "0.00"],
    ["≤30 分钟", "0.0001 分钟", 7, "7.00"],
    ["≥5 次", "6 次", 0, "0.00"],
    ["≥5 次", "6 次", -3, "0.00"], // a negative weight is treated as 0 (the evaluator reports it)
    ["100%", "100%", "3.335", "3.33"], // rounding never lifts a score above its weight
    ["100%", "99.9%", "3.335", "3.33"],
    ["≥3", "1", "0.015", "0.01"],
  ])("%p vs %p (w %p) → %s", (target, actual, w, s) => {
    const [got] = scored(score(target, actual, w));
    expect(got).toBe(s);
  });

  test("a row without a weight keeps its verdict but has no points", () => {
    const v = score("≥24万人", "20万人", null);
    expect(v.status === "scored" && [v.score, v.met]).toEqual([null, false]);
  });
});

describe("§2.4 unit families", () => {
  test.each<[string, CellValue, CellValue, string, boolean]>([
    ["万元 against 元", "240000 万元", "2334432000 元", "1.95", false],
    ["元 against 万元", "13599000元", "1359.9万元", "2.00", true],
    ["亿元 against 万元", "1.2亿元", "12000万元", "2.00", true],
    ["千元 against 元", "3千元", "2400元", "1.60", false],
    ["万人 against 人", "≥24万人", "240000人", "2.00", true],
    ["人 against 万人 (seed 004)", "160000人", "15.3428万人", "1.92", false],
    ["万人次 against 人次", "≥2万人次", "19000人次", "1.90", false],
    ["小时 against 分钟", "≤2 小时", "150 分钟", "1.60", false],
    ["个月 against 月", "≥6 个月", "6月", "2.00", true],
  ])("%s: %p vs %p → %s", (_what, target, actual, s, met) => {
    const v = score(target, actual, 2);
    expect(scored(v)).toEqual([s, met]);
    expect(v.status === "scored" && v.aligned?.unitIssue).toBe("none");
  });

  test.each<[CellValue, CellValue]>([
    ["≥24万人", "24万元"],
    ["≥6 个月", "180 天"],
    ["≥5 次", "5 人"],
    ["≤30 分钟", "30 天"],
  ])("different families give no score: %p vs %p", (target, actual) => {
    const v = score(target, actual, 2);
    expect(v.status).toBe("unit-mismatch");
  });

  test.each<[CellValue, CellValue, string, boolean]>([
    ["3.50", "3.7%", "2.00", true], // spec §2.4: 目标值 3.50 against 业绩值 3.7%, compared as written
    ["3.50", "3.2%", "1.83", false],
    ["95%", "90", "1.89", false],
    ["24", "20万人", "1.67", false],
  ])("a unit on one side only: %p vs %p compared as written → %s", (target, actual, s, met) => {
    const v = score(target, actual, 2);
    expect(scored(v)).toEqual([s, met]);
    expect(v.status === "scored" && v.aligned?.unitIssue).toBe("one-side");
  });

  test("the figure in the target's unit is picked from an actual with several", () => {
    const v = score("≥15万人", "2021年实际参保15.34万人，报销标准更改为32元/人，合计490.97万元", 5);
    expect(scored(v)).toEqual(["5.00", true]);
    const money = score("560万元", "2021年实际参保15.34万人，报销标准更改为32元/人，合计490.97万元", 5);
    expect(scored(money)).toEqual(["4.38", false]);
  });
});

describe("§2.6 a bare ratio against a percentage: 0.97 is 97 % (a percentage cell whose format was lost)", () => {
  test.each<[CellValue, CellValue, string, boolean, string, string]>([
    ["≥95%", 0.97, "2.00", true, "95", "97"],
    ["≥95%", "0.97", "2.00", true, "95", "97"],
    ["≥95%", 0.9, "1.89", false, "95", "90"],
    ["100%", 1, "2.00", true, "100", "100"],
    ["≥95%", 1.5, "2.00", true, "95", "150"], // the bound itself (1.5) is still a ratio
    ["≥95%", 1.6, "0.03", false, "95", "1.6"], // above 1.5 it is a per cent figure without its %
    [0.95, "97%", "2.00", true, "95", "97"],
  ])("%p vs %p → %s", (target, actual, s, met, a, b) => {
    const v = score(target, actual, 2);
    expect(scored(v)).toEqual([s, met]);
    if (v.status !== "scored") return;
    expect([v.aligned!.a.toString(), v.aligned!.b.toString()]).toEqual([a, b]);
  });

  test("a percentage cell read with its format needs no alignment", () => {
    const actual = readMeasure(0.97, { percent: true });
    expect(actual.kind).toBe("quantity");
    if (actual.kind !== "quantity") return;
    const al = align({ value: d(95), unit: "%" }, actual.figures[0]);
    expect([al.a.toString(), al.b.toString(), al.unitIssue]).toEqual(["95", "97", "none"]);
  });
});

describe("completionRate", () => {
  test.each<[string, string, Direction, string | null]>([
    ["240000", "233443.2", "positive", "0.97268"],
    ["5", "6", "positive", "1.2"],
    ["30", "40", "negative", "0.75"],
    ["0", "3", "positive", null],
    ["30", "0", "negative", null],
    ["100", "100", "equal", "1"],
  ])("A %s, B %s (%s) → %p", (a, b, dir, rate) => {
    const r = completionRate(d(a), d(b), dir);
    expect(r === null ? null : r.toString()).toBe(rate);
  });
});

describe("R9 grade: ≥ 90 优, ≥ 80 良, ≥ 60 中, else 差; bounds belong to the upper band", () => {
  test.each<[string, string]>([
    ["100", "优"],
    ["90", "优"],
    ["90.00", "优"],
    ["89.99", "良"],
    ["80", "良"],
    ["79.99", "中"],
    ["60", "中"],
    ["59.99", "差"],
    ["0", "差"],
    ["-5", "差"],
  ])("%s → %s", (total, grade) => expect(gradeOf(d(total), STANDARD_GRADES)).toBe(grade));

  test.each<[string, string]>([
    ["100", "好"],
    ["95", "好"],
    ["94.99", "较好"],
    ["85", "较好"],
    ["84.99", "一般"],
    ["60", "一般"],
    ["59.99", "差"],
  ])("the 好/较好/一般/差 profile at 95/85/60: %s → %s", (total, grade) => expect(gradeOf(d(total), ALTERNATE_GRADES)).toBe(grade));

  test.each<[string, string | null]>([
    ["优", "优"],
    ["等级：优", "优"],
    ["等级: 优", "优"],
    ["等级:良", "良"],
    ["良好", "良"],
    ["优秀", "优"],
    ["中等", "中"],
    ["较差", "差"],
    ["差", "差"],
    ["良。", "良"],
    ["自评等级：中", "中"],
    ["A", null],
    ["", null],
    ["等级：", null],
    ["很好", null],
  ])("readGrade %p → %p", (text, grade) => expect(readGrade(text, STANDARD_GRADES)).toBe(grade));

  test.each<[string, string | null]>([
    ["好", "好"],
    ["较好", "较好"],
    ["等级：一般", "一般"],
    ["差", "差"],
  ])("readGrade with the 好/较好 labels: %p → %p", (text, grade) => expect(readGrade(text, ALTERNATE_GRADES)).toBe(grade));
});

// R8 and R10 are the evaluator's: checked on a real form (株洲 中央补助医疗服务与保障能力提升, seed 002),
// edited the way a preparer edits it. Rows 14–28 hold the indicators, H = 得分, row 29 the total,
// I29 `等级：优`. As shipped: execution 10, weights 90, every stated score full, total 100.
const SHEET = "中央补助医疗服务与保障能力提升";
let form: Grid;
beforeAll(async () => {
  form = await fixtureGrid("zhuzhou-2021-department.xlsx", SHEET);
});

const codes = (r: SheetReport, code: string) => r.findings.filter((f) => f.code === code).map((f) => `${f.severity} ${f.cell}`);
const row = (r: SheetReport, n: number) => r.indicators.find((i) => i.row === n)!;

describe("R8 total = execution score + Σ scores (the rule's where it decides, the stated where not)", () => {
  test("the form as shipped: computed 100, grade 优, no TOTAL_MISMATCH", () => {
    const r = evaluateOneForm(form);
    expect([r.total.computed, r.total.stated, r.grade.computed]).toEqual([100, 100, "优"]);
    expect(codes(r, "TOTAL_MISMATCH")).toEqual([]);
    expect(row(r, 23).status).toBe("judgement"); // 显著提升 against 市级优秀窗口单位
  });

  test("the rule's score replaces a stated one it disagrees with: 4 次 against ≥5 次 (w 7) counts 5.6", () => {
    const r = evaluateOneForm(edit(form, { F14: "4 次" }));
    expect(row(r, 14).score).toBe(5.6);
    expect(r.total.computed).toBe(98.6);
    expect(r.total.statedSum).toBe(100);
    expect(codes(r, "SCORE_RULE_MISMATCH")).toEqual(["warning H14"]);
    expect(codes(r, "TOTAL_MISMATCH")).toEqual([]); // the stated total still equals Σ stated scores
  });

  test("where the rule cannot decide, the stated score counts: 7 on the judgement row gives 97", () => {
    const r = evaluateOneForm(edit(form, { H23: 7 }));
    expect(row(r, 23).score).toBeNull();
    expect(r.total.computed).toBe(97);
    expect(codes(r, "TOTAL_MISMATCH")).toEqual(["error H29"]); // stated 100 ≠ Σ stated 97
    expect(codes(r, "DEVIATION_MISSING")).toEqual(["error I23"]);
  });

  test("a blank execution score still counts in the computed total, not in Σ stated", () => {
    const r = evaluateOneForm(edit(form, { H7: null }));
    expect(r.total.computed).toBe(100);
    expect(r.total.statedSum).toBe(90);
    expect(codes(r, "SCORE_MISSING")).toEqual(["error H7"]);
    expect(codes(r, "TOTAL_MISMATCH")).toEqual(["error H29"]);
  });

  test("a total of exactly 90 is 优; 89.99 is 良, and a stated 优 beside it is GRADE_MISMATCH", () => {
    const at90 = evaluateOneForm(edit(form, { H23: 0, H29: 90, I23: "未达成" }));
    expect([at90.total.computed, at90.grade.computed, at90.grade.stated]).toEqual([90, "优", "优"]);
    expect(codes(at90, "GRADE_MISMATCH")).toEqual([]);
    expect(codes(at90, "TOTAL_MISMATCH")).toEqual([]);
    // 94.81% of ≥95% on the 5-point row 28: 5 × 94.81 ÷ 95 = 4.99.
    const below = evaluateOneForm(edit(form, { H23: 0, F28: "94.81%", H28: 4.99, H29: 89.99, I23: "未达成", I28: "个别投诉" }));
    expect([below.total.computed, below.grade.computed]).toEqual([89.99, "良"]);
    expect(codes(below, "GRADE_MISMATCH")).toEqual(["error I29"]);
  });

  // 0 次 on the 7-point rows 14 and 15 and 4 on the judgement row: 100 − 7 − 7 − 6 = 80.
  const eighty = { F14: "0 次", F15: "0 次", H14: 0, H15: 0, H23: 4, H29: 80, I14: "未开展", I15: "未开展", I23: "部分达成", I29: "等级：良" };
  // Rows 16 and 17 at 0 too, the judgement row at 0 and 51% of ≥85% (5 × 51 ÷ 85 = 3) on row 27: 60.
  const sixty = {
    ...eighty, F16: "0 次", F17: "0%", H16: 0, H17: 0, H23: 0, F27: "51%", H27: 3, H29: 60,
    I16: "未开展", I17: "未验收", I23: "未达成", I27: "宣传不足", I29: "等级：中",
  };
  const lessOne = { F28: "94.81%", H28: 4.99, I28: "个别投诉" };

  test.each<[string, Record<string, CellValue>, number, string]>([
    ["exactly 80", eighty, 80, "良"],
    ["79.99", { ...eighty, ...lessOne, H29: 79.99 }, 79.99, "中"],
    ["exactly 60", sixty, 60, "中"],
    ["59.99", { ...sixty, ...lessOne, H29: 59.99 }, 59.99, "差"],
  ])("a total of %s", (_what, changes, total, grade) => {
    const r = evaluateOneForm(edit(form, changes));
    expect([r.total.computed, r.total.statedSum, r.grade.computed]).toEqual([total, total, grade]);
    // The stated grade agrees at the bound and disagrees just below it.
    expect(codes(r, "GRADE_MISMATCH")).toEqual(total === 80 || total === 60 ? [] : ["error I29"]);
  });
});

describe("R5 modes through a profile: the 运行维护响应时间 row (≤30 分钟, w 7) at 40 分钟", () => {
  test("ratio (default) 7 × 30 ÷ 40 = 5.25; deviation 7 × (1 − 10 ÷ 30) = 4.67", () => {
    const late = edit(form, { F20: "40 分钟", I20: "系统升级" });
    expect(row(evaluateOneForm(late), 20).score).toBe(5.25);
    expect(row(evaluateOneForm(late, { profile: "deviation" }), 20).score).toBe(4.67);
    expect(codes(evaluateOneForm(late), "SCORE_RULE_MISMATCH")).toEqual(["warning H20"]);
  });
});

describe("R10 transfer 资金管理: stated scores within [0, w], deductions in steps of 0.5", () => {
  // The 效益指标 block (rows 22–26, merged B22:B26) relabelled 资金管理指标 makes its rows 资金管理 items.
  const transfer = () => edit(form, { B22: "资金管理指标" });

  test("the relabelled form is a transfer form whose 资金管理 rows keep their stated scores", () => {
    const r = evaluateOneForm(transfer());
    expect(r.kind).toBe("transfer");
    expect(row(r, 22).kind).toBe("management");
    expect(row(r, 22).status).toBe("stated");
    expect(r.total.computed).toBe(100);
  });

  test.each<[CellValue, string[], number]>([
    [10, [], 100],
    [9.5, [], 99.5], // one violation found
    [8, [], 98], // four violations
    [9.7, ["info H22"], 99.7], // 0.3 is not a multiple of 0.5
    [9.75, ["info H22"], 99.75],
  ])("H22 = %p → MANAGEMENT_DEDUCTION_STEP %p, computed total %p", (s, found, total) => {
    const r = evaluateOneForm(edit(transfer(), { H22: s, H29: total, I22: s === 10 ? null : "发现问题" }));
    expect(codes(r, "MANAGEMENT_DEDUCTION_STEP")).toEqual(found);
    expect(codes(r, "SCORE_RULE_MISMATCH")).toEqual([]);
    expect(r.total.computed).toBe(total);
  });

  test("a stated score above the weight or below 0 is an error, not a deduction note", () => {
    const over = evaluateOneForm(edit(transfer(), { H22: 10.5 }));
    expect(codes(over, "SCORE_ABOVE_WEIGHT")).toEqual(["error H22"]);
    expect(codes(over, "SCORE_RULE_MISMATCH")).toEqual([]);
    const negative = evaluateOneForm(edit(transfer(), { H22: -0.5 }));
    expect(codes(negative, "SCORE_NEGATIVE")).toEqual(["error H22"]);
    expect(codes(negative, "SCORE_RULE_MISMATCH")).toEqual([]);
  });
});
