import Decimal from "decimal.js";
import { rateAgrees, readAmount, readStatedRate } from "../../src/scoring/values/amount";
import type { CellValue } from "../../src/scoring/grid/grid";
import { looksLikeValue, Measure, MeasureContext, readComparator, readMeasure } from "../../src/scoring/values/measure";

/**
 * What a cell must read as: a quantity [comparator, number, unit, comparator written?],
 * "qualitative" or "blank". Numbers are compared as decimal strings, never as floats.
 */
type Expect = ["q", string, string, string, boolean] | "qualitative" | "blank";
type Row = [source: string, value: CellValue, ctx: MeasureContext | null, expected: Expect];

const q = (cmp: string, n: string, unit: string, written = true): Expect => ["q", cmp, n, unit, written];
const QUAL = "qualitative" as const;

// Targets and actuals as the seed forms write them (seeds/000 黄石, 002 株洲, 004 攀枝花),
// each row naming where it comes from. The reader reads them as spec §2 says.
const SEEDS: Row[] = [
  // 000 黄石 医保配套资金 (project form)
  ["000 数量指标", "≥24万人", null, q("≥", "24", "万人")],
  ["000 数量指标", "≥200人次", null, q("≥", "200", "人次")],
  ["000 数量指标", "≥260人次", null, q("≥", "260", "人次")],
  ["000 时效指标", "2021年底前", null, QUAL],
  ["000 质量指标", "100%", null, q("≥", "100", "%", false)],
  ["000 满意度", "≥90%", null, q("≥", "90", "%")],
  ["000 执行率 (text)", "99.96%", null, q("≥", "99.96", "%", false)],
  ["000 执行数", "2059.18", null, q("≥", "2059.18", "", false)],
  ["000 改进措施", "参保率稳定在95%以上", null, q("≥", "95", "%")],
  // 002 株洲 部门整体 and 项目 forms
  ["002 收入", "240000 万元", null, q("≥", "240000", "万元", false)],
  ["002 收入", "233443.2 万元", null, q("≥", "233443.2", "万元", false)],
  ["002 支出", "210000 万元", null, q("≥", "210000", "万元", false)],
  ["002 支出", "202880.86 万元", null, q("≥", "202880.86", "万元", false)],
  ["002 收入", "41000 万元", null, q("≥", "41000", "万元", false)],
  ["002 收入", "41257.25 万元", null, q("≥", "41257.25", "万元", false)],
  ["002 支出", "36463.26 万元", null, q("≥", "36463.26", "万元", false)],
  ["002 参保人数", "≥102 万人", null, q("≥", "102", "万人")],
  ["002 可支付月数", "≥6 个月", null, q("≥", "6", "个月")],
  ["002 可支付月数", "≥6个月", null, q("≥", "6", "个月")],
  ["002 激活率", "≥40%", null, q("≥", "40", "%")],
  ["002 报销比例", "≥65%", null, q("≥", "65", "%")],
  ["002 支付比例", "≥65.2%", null, q("≥", "65.2", "%")],
  ["002 支付比例 actual", "67.3%", null, q("≥", "67.3", "%", false)],
  ["002 报销比例", "≥50%", null, q("≥", "50", "%")],
  ["002 征缴率", "95%以上", null, q("≥", "95", "%")],
  ["002 满意度", "≥95%", null, q("≥", "95", "%")],
  ["002 满意度", "≥85%", null, q("≥", "85", "%")],
  ["002 满意度", "≥80%", null, q("≥", "80", "%")],
  ["002 参保率", "≥87%", null, q("≥", "87", "%")],
  ["002 覆盖率", "≥60%", null, q("≥", "60", "%")],
  ["002 培训会", "≥5 次", null, q("≥", "5", "次")],
  ["002 培训会 actual", "6 次", null, q("≥", "6", "次", false)],
  ["002 培训会", "≥2 次", null, q("≥", "2", "次")],
  ["002 响应时间", "≤30 分钟", null, q("≤", "30", "分钟")],
  ["002 购置数量", "1 辆", null, q("≥", "1", "辆", false)],
  ["002 购车价格", "23.29 万元", null, q("≥", "23.29", "万元", false)],
  ["002 使用年限 (a duration)", "≥8 年", null, q("≥", "8", "年")],
  ["002 补贴人数", "1 人", null, q("≥", "1", "人", false)],
  ["002 征缴收入", "402万元", null, q("≥", "402", "万元", false)],
  ["002 购买时间 (a year)", "2021 年", null, QUAL],
  ["002 质量指标", "逐步推开", null, QUAL],
  ["002 经济效益", "稳步提高", null, QUAL],
  ["002 社会效益", "提高办事效能", null, QUAL],
  ["002 社会效益", "提升数据共享", null, QUAL],
  ["002 因病致贫率 (a word, no figure)", "低于去年同期", null, QUAL],
  ["002 覆盖率 (a word, no figure)", "高于去年同期", null, QUAL],
  ["002 知晓度", "普遍知晓", null, QUAL],
  ["002 门诊统筹", "普遍开展", null, QUAL],
  ["002 基金安全", "切实保障医疗保障基金安全,对欺诈骗保行为予以基金追回。", null, QUAL],
  ["002 工作信息", "及时、准确", null, QUAL],
  ["002 三集中三到位", "已落实", null, QUAL],
  ["002 服务能力", "显著提升", null, QUAL],
  ["002 服务能力 actual", "市级优秀窗口单位", null, QUAL],
  ["002 使用效益", "全面提高", null, QUAL],
  ["002 降幅 (text)", "平均降幅达 55.71%", null, q("≥", "55.71", "%", false)],
  ["002 结余 (text)", "累计结余 49.13 亿元", null, q("≥", "49.13", "亿元", false)],
  ["002 截至 (a date)", "截至 2021 年 11 月底", null, QUAL],
  ["002 价格 (text, 左右)", "1.3 万元左右", null, q("≥", "1.3", "万元", false)],
  // 004 攀枝花 completion forms and their reports
  ["004 数量指标", "全覆盖检查", null, QUAL],
  ["004 actual", "已完成", null, QUAL],
  ["004 时效指标", "2021年1-12月", null, QUAL],
  ["004 时效指标", "按工作计划", null, QUAL],
  ["004 成本指标", "0.75万元", null, q("≥", "0.75", "万元", false)],
  ["004 成本指标 actual", "0.68万元", null, q("≥", "0.68", "万元", false)],
  ["004 满意度", "满意度≥90%", null, q("≥", "90", "%")],
  ["004 满意度", "抽样调查满意度达到90%以上。", null, q("≥", "90", "%")],
  ["004 满意度 (no unit)", "满意率≥95", null, q("≥", "95", "")],
  ["004 满意度", "满意率≥90%", null, q("≥", "90", "%")],
  ["004 满意度 (sentence)", "群众满意度≥90%。", null, q("≥", "90", "%")],
  ["004 覆盖率 (sentence)", "监管覆盖率95%以上", null, q("≥", "95", "%")],
  ["004 建档立卡", "8900人", null, q("≥", "8900", "人", false)],
  ["004 村卫生室", "58家", null, q("≥", "58", "家", false)],
  ["004 网络租聘费用", "7.2万元", null, q("≥", "7.2", "万元", false)],
  ["004 参保人员", "160000人", null, q("≥", "160000", "人", false)],
  ["004 参保人员 actual", "153428人", null, q("≥", "153428", "人", false)],
  ["004 特殊群体 actual", "562人", null, q("≥", "562", "人", false)],
  ["004 报销 (leading space)", " 60万元", null, q("≥", "60", "万元", false)],
  ["004 报销 actual", "31.88万元", null, q("≥", "31.88", "万元", false)],
  ["004 成本", "86.78万元", null, q("≥", "86.78", "万元", false)],
  ["004 成本 actual", "86.7万元", null, q("≥", "86.7", "万元", false)],
  ["004 软件维护费", "0.08万元", null, q("≥", "0.08", "万元", false)],
  ["004 软件维护 (figure inside text)", "1套软件维护", null, q("≥", "1", "套", false)],
  ["004 成本 (text, first figure)", "预计参保16万人，合计35元 /人*16万", null, q("≥", "16", "万人", false)],
  ["004 actual (year cut, then figure)", "2021年实际参保15.34万人，报销标准更改为32元/人，合计490.97万元", null, q("≥", "15.34", "万人", false)],
  ["004 标准", "300元/人", null, q("≥", "300", "元/人", false)],
  ["004 报告 (text)", "确保建档立卡贫困人口100%参保", null, q("≥", "100", "%", false)],
  ["004 报告 (text)", "资金到位率100%", null, q("≥", "100", "%", false)],
  ["004 报告 (sentence)", "完成预算90.67%。", null, q("≥", "90.67", "%", false)],
  ["004 数量指标 (year, no figure)", "按2021年度实有人数救助", null, QUAL],
  ["004 数量指标 (year, no figure)", "2021年实际人数", null, QUAL],
  ["004 数量指标 (year, no figure)", "2021年实际报销数", null, QUAL],
  ["004 报告 (a date)", "于2021年12月31日前完成了该项目", null, QUAL],
  ["004 质量指标", "持续提高，有效保障", null, QUAL],
  ["004 质量指标", "做好日常监管工作，保障工作正常开展", null, QUAL],
  ["004 质量指标", "软件正常", null, QUAL],
  ["004 时效", "1年", null, q("≥", "1", "年", false)],
];

// The same figures written the other ways staff type them (spec §2.1, §2.2).
const VARIANTS: Row[] = [
  ["≧ for ≥", "≧18.2万人", null, q("≥", "18.2", "万人")],
  ["≦ and full-width digits", "≦３０分钟", null, q("≤", "30", "分钟")],
  [">= for ≥", ">=95%", null, q("≥", "95", "%")],
  ["<= for ≤", "<=30分钟", null, q("≤", "30", "分钟")],
  ["full-width >", "＞90%", null, q(">", "90", "%")],
  ["full-width <", "＜5%", null, q("<", "5", "%")],
  ["═ for =", "═100%", null, q("=", "100", "%")],
  ["full-width digits and point", "１３５９．９万元", null, q("≥", "1359.9", "万元", false)],
  ["plain", "1359.9万元", null, q("≥", "1359.9", "万元", false)],
  ["thousands separator", "1,359.9万元", null, q("≥", "1359.9", "万元", false)],
  ["full-width thousands separator", "１，３５９．９万元", null, q("≥", "1359.9", "万元", false)],
  ["two thousands separators", "1,234,567.89元", null, q("≥", "1234567.89", "元", false)],
  ["bare thousands", "9,431", null, q("≥", "9431", "", false)],
  ["full-width %", "１００％", null, q("≥", "100", "%", false)],
  ["spaces and a line break", "≥ 24\n万人", null, q("≥", "24", "万人")],
  ["不低于", "不低于95%", null, q("≥", "95", "%")],
  ["不少于", "不少于2次", null, q("≥", "2", "次")],
  ["至少", "至少3次", null, q("≥", "3", "次")],
  ["及以上", "90%及以上", null, q("≥", "90", "%")],
  ["大于", "大于90%", null, q(">", "90", "%")],
  ["超过", "超过90%", null, q(">", "90", "%")],
  ["大于等于 is ≥, not >", "大于等于90%", null, q("≥", "90", "%")],
  ["小于等于 is ≤, not <", "小于等于5%", null, q("≤", "5", "%")],
  ["不超过 (longest word wins over 超过)", "不超过30分钟", null, q("≤", "30", "分钟")],
  ["以内", "投诉率控制在1%以内", null, q("≤", "1", "%")],
  ["以下", "5%以下", null, q("≤", "5", "%")],
  ["低于 with a figure", "发生率低于5%", null, q("<", "5", "%")],
  ["小于", "小于1%", null, q("<", "1", "%")],
  ["负数", "-5%", null, q("≥", "-5", "%", false)],
  ["≥ a negative figure", "≥-5%", null, q("≥", "-5", "%")],
  ["= 0", "=0", null, q("=", "0", "")],
  ["亿元", "1.2亿元", null, q("≥", "1.2", "亿元", false)],
  ["万人次 before 万人", "2万人次", null, q("≥", "2", "万人次", false)],
  ["个工作日", "≤10个工作日", null, q("≤", "10", "个工作日")],
  ["内 after the unit", "10个工作日内", null, q("≤", "10", "个工作日")],
  ["内 after the unit", "30分钟内办结", null, q("≤", "30", "分钟")],
  ["内 not after a figure", "政策范围内报销比例65%", null, q("≥", "65", "%", false)],
  ["a date with dashes", "2021-12-31", null, QUAL],
  ["a date with points", "2021.12.31", null, QUAL],
  ["a month end", "12月底前", null, QUAL],
  ["a month range without a year", "1-12月", null, QUAL],
  ["a year alone", "2023年", null, QUAL],
  ["a fiscal year", "2021年度", null, QUAL],
  ["placeholder —", "—", null, "blank"],
  ["placeholder -", "-", null, "blank"],
  ["placeholder /", "/", null, "blank"],
  ["placeholder ……", "……", null, "blank"],
  ["placeholder 指标2:", "指标2:", null, "blank"],
  ["empty", "", null, "blank"],
  ["spaces", "   ", null, "blank"],
  ["full-width space", "\u3000", null, "blank"],
  ["null", null, null, "blank"],
  ["TRUE", true, null, QUAL],
];

// Number cells, and the row's own 指标性质 / 度量单位 columns (spec §2.6, §1).
const CELLS: Row[] = [
  ["0.9996 formatted as a percentage", 0.9996, { percent: true }, q("≥", "99.96", "%", false)],
  ["1 formatted as a percentage", 1, { percent: true }, q("≥", "100", "%", false)],
  ["0.6 formatted as a percentage", 0.6, { percent: true }, q("≥", "60", "%", false)],
  ["0.9996 in a General cell", 0.9996, null, q("≥", "0.9996", "", false)],
  ["1329 in a General cell", 1329, null, q("≥", "1329", "", false)],
  ["24 with 指标性质 ≥ and 度量单位 万人", 24, { comparator: "≥", unit: "万人" }, q("≥", "24", "万人")],
  ["30 with 指标性质 ≤ and 度量单位 分钟", 30, { comparator: "≤", unit: "分钟" }, q("≤", "30", "分钟")],
  ["'30' text with 指标性质 ≤ and 度量单位 分钟", "30", { comparator: "≤", unit: "分钟" }, q("≤", "30", "分钟")],
  ["95 with 度量单位 ％ (full-width)", 95, { unit: "％" }, q("≥", "95", "%", false)],
  ["'95' text with 度量单位 ％ (full-width)", "95", { unit: "％" }, q("≥", "95", "%", false)],
  ["the cell's own comparator wins over 指标性质", "≤30", { comparator: "≥" }, q("≤", "30", "")],
  ["the cell's own unit wins over 度量单位", "30 分钟", { unit: "小时" }, q("≥", "30", "分钟", false)],
  ["a percentage cell with 度量单位 % too", 0.95, { percent: true, unit: "%" }, q("≥", "95", "%", false)],
  ["指标性质 = on a number cell", 0, { comparator: "=" }, q("=", "0", "")],
  ["NaN from a host is not a figure", NaN, null, QUAL],
  ["Infinity from a host is not a figure", Infinity, null, QUAL],
  // Numbers exported from other systems as text keep scientific notation (attack case 25).
  ["scientific notation as text", "4.1E+04", null, q("≥", "41000", "", false)],
  ["scientific notation with a unit", "4.2e3人", null, q("≥", "4200", "人", false)],
  ["scientific notation after ≥", "≥1.5E+02万元", null, q("≥", "150", "万元")],
  ["a negative exponent", "2.5E-01", null, q("≥", "0.25", "", false)],
];

function check(m: Measure, expected: Expect) {
  if (expected === "blank" || expected === "qualitative") {
    expect(m.kind).toBe(expected);
    return;
  }
  expect(m.kind).toBe("quantity");
  if (m.kind !== "quantity") return;
  const [, cmp, n, unit, written] = expected;
  expect({ comparator: m.comparator, value: m.value.toString(), unit: m.unit, written: m.comparatorWritten }).toEqual({
    comparator: cmp,
    value: n,
    unit,
    written,
  });
  expect(m.figures[0].value.toString()).toBe(n);
}

test("the seed table has at least 60 strings from the seed documents", () => {
  expect(SEEDS.length).toBeGreaterThanOrEqual(60);
  expect(SEEDS.length + VARIANTS.length + CELLS.length).toBeGreaterThanOrEqual(150);
});

describe("readMeasure on seed strings", () => {
  test.each(SEEDS)("%s: %p", (_source, value, ctx, expected) => check(readMeasure(value, ctx ?? {}), expected));
});

describe("readMeasure on written variants", () => {
  test.each(VARIANTS)("%s: %p", (_source, value, ctx, expected) => check(readMeasure(value, ctx ?? {}), expected));
});

describe("readMeasure on number cells and row columns", () => {
  test.each(CELLS)("%s: %p", (_source, value, ctx, expected) => check(readMeasure(value, ctx ?? {}), expected));
});

test("。 ending a sentence is not a decimal point: 人。6*2000 has no figure 0.6 (seed 004)", () => {
  const m = readMeasure("实际支付6人上半年门诊费2000元/人。6*2000=12000元，共计2.2万元");
  expect(m.kind).toBe("quantity");
  if (m.kind !== "quantity") return;
  expect([m.value.toString(), m.unit]).toEqual(["6", "人"]);
  const figures = m.figures.map((f) => f.value.toString() + f.unit);
  expect(figures).toEqual(["6人", "2000元/人", "6", "2000", "12000元", "2.2万元"]);
});

test("。 between digits is a decimal point typed in Chinese punctuation mode", () => {
  const m = readMeasure("99。96%");
  expect(m.kind === "quantity" && m.value.toString()).toBe("99.96");
});

test("every figure of a text is kept, the one in the target's unit can be picked later", () => {
  const m = readMeasure("2021年实际参保15.34万人，报销标准更改为32元/人，合计490.97万元");
  expect(m.kind === "quantity" && m.figures.map((f) => f.value.toString() + f.unit)).toEqual(["15.34万人", "32元/人", "490.97万元"]);
});

describe("looksLikeValue (NAME_LOOKS_LIKE_VALUE)", () => {
  test.each<[CellValue, boolean]>([
    ["0.75万元", true], // seed 004: the 三级指标 cell of 医保基金监管市级专项经费
    ["≥24万人", true],
    ["95%以上", true],
    ["≥ 90%", true],
    ["１００％", true],
    ["不少于2次", true],
    ["-5%", true],
    ["≥95%。", true],
    [0.75, true],
    ["居民医保市级财政补助人数", false],
    ["2021年市本级职工基本医疗收入", false],
    ["2021 年城乡居民市本级收入", false],
    ["参保对象满意度(%)", false],
    ["满意度≥90%", false],
    ["1套软件维护", false],
    ["2021年底前", false],
    ["城乡医疗救助资金", false],
    ["预算执行率", false],
    ["", false],
    [null, false],
    [true, false],
  ])("%p → %p", (v, expected) => expect(looksLikeValue(v)).toBe(expected));
});

describe("readComparator (a 指标性质 cell)", () => {
  test.each<[CellValue, string | null]>([
    ["正向", "≥"],
    ["反向", "≤"],
    ["≥", "≥"],
    ["≧", "≥"],
    [">=", "≥"],
    ["＞", ">"],
    [">", ">"],
    ["≤", "≤"],
    ["≦", "≤"],
    ["<=", "≤"],
    ["<", "<"],
    ["=", "="],
    ["＝", "="],
    ["═", "="],
    [" ≥ ", "≥"],
    ["大于等于", "≥"],
    ["不小于", "≥"],
    ["不低于", "≥"],
    ["以上", "≥"],
    ["大于", ">"],
    ["超过", ">"],
    ["小于等于", "≤"],
    ["不大于", "≤"],
    ["不超过", "≤"],
    ["以内", "≤"],
    ["小于", "<"],
    ["低于", "<"],
    ["等于", "="],
    ["定性", null],
    ["", null],
    [null, null],
    [5, null],
  ])("%p → %p", (v, expected) => expect(readComparator(v)).toBe(expected));
});

describe("readAmount (weights, scores, budgets)", () => {
  test.each<[CellValue, string | null]>([
    [2059.18, "2059.18"],
    ["2059.18", "2059.18"],
    ["1,329", "1329"],
    ["1,234,567.89", "1234567.89"],
    ["１００", "100"],
    ["１，３２９", "1329"],
    ["2 分", "2"],
    ["约100", "100"],
    ["合计98", "98"],
    ["5万元", "5"],
    ["-1", "-1"],
    ["+3", "3"],
    [".5", "0.5"],
    [0, "0"],
    ["4.1E+04", "41000"],
    ["1E+02分", "100"],
  ])("%p reads as %s", (v, n) => {
    const a = readAmount(v);
    expect(a.kind).toBe("number");
    expect(a.kind === "number" && a.value.toString()).toBe(n);
  });
  test.each<[CellValue, "blank" | "unreadable"]>([
    [null, "blank"],
    ["", "blank"],
    ["  ", "blank"],
    ["—", "blank"],
    ["/", "blank"],
    ["五分", "unreadable"],
    ["1.2.3", "unreadable"],
    ["≥5", "unreadable"],
    [true, "unreadable"],
    [NaN, "unreadable"],
    [Infinity, "unreadable"],
    [-Infinity, "unreadable"],
  ])("%p is %s", (v, kind) => expect(readAmount(v).kind).toBe(kind));
});

describe("readStatedRate (a stated 执行率 or 完成率)", () => {
  test.each<[CellValue, string | null, string, number]>([
    ["100%", null, "1", 2],
    ["00%", null, "0", 2],
    ["99%", null, "0.99", 2],
    ["99.96%", null, "0.9996", 4],
    ["100.00%", null, "1", 4],
    ["99.90%", null, "0.999", 4],
    ["９９．９６％", null, "0.9996", 4],
    ["99.96 %", null, "0.9996", 4],
    ["0.9996", null, "0.9996", 4],
    ["99.96", null, "0.9996", 4],
    [0.9996, "0.00%", "0.9996", 4],
    [1, "0%", "1", 2],
    [0.5, "0.0%", "0.5", 3],
    [99.96, '0.00"%"', "0.9996", 4], // a quoted % is a literal: the cell holds 99.96
    [0.9996, null, "0.9996", 4],
    [0.9996, "General", "0.9996", 4],
    [99.96, null, "0.9996", 4],
    [1, null, "1", 0],
  ])("%p (format %p) is %s to %p places", (v, format, ratio, places) => {
    const s = readStatedRate(v, format);
    expect(s).not.toBeNull();
    expect(s).not.toBe("unreadable");
    if (s === null || s === "unreadable") return;
    expect([s.ratio.toString(), s.places]).toEqual([ratio, places]);
  });
  test("a percentage cell shows its text the way Excel displays it", () => {
    const s = readStatedRate(0.9996, "0.00%");
    expect(s !== null && s !== "unreadable" && s.text).toBe("99.96%");
  });
  test.each<[CellValue, null | "unreadable"]>([
    [null, null],
    ["", null],
    ["—", null],
    ["约99%", "unreadable"],
    ["九成", "unreadable"],
    [true, "unreadable"],
    [NaN, "unreadable"],
    [Infinity, "unreadable"],
  ])("%p is %p", (v, expected) => expect(readStatedRate(v, null)).toBe(expected));
});

describe("rateAgrees (EXEC_RATE_MISMATCH at the stated precision)", () => {
  const stated = (v: CellValue, format: string | null = null) => {
    const s = readStatedRate(v, format);
    if (s === null || s === "unreadable") throw new Error(`unreadable ${String(v)}`);
    return s;
  };
  test.each<[string, CellValue, string | null, boolean]>([
    ["1", "00%", null, false], // spec §4: 00% for 100 % does not agree
    ["1", "100%", null, true],
    ["0.991", "99%", null, true], // spec §4: 99% for 99.10 % agrees
    ["0.991", "98%", null, false],
    ["0.999602", 0.9996, "0.00%", true], // seed 000: 2059.18 ÷ 2060 in a 0.00% cell
    ["0.999602", "99.96%", null, true],
    ["0.999602", "99.95%", null, false],
    ["0.999602", "100%", null, true],
    ["0.9996", "100.00%", null, false], // written to 2 decimals of a per cent: 99.96 % is not 100.00 %
    ["0.9996", "99.9%", null, true], // a truncated figure is accepted as well as a rounded one
    ["0.322933", "32.29%", null, true], // seed 004: 48.44 ÷ 150
    ["0.322933", "32.3%", null, true],
    ["0.322933", "32.30%", null, false],
    ["0.876732", "87.67%", null, true], // seed 004: 490.97 ÷ 560
    ["0.876732", "87.68%", null, false],
  ])("computed %s against %p (%p) → %p", (computed, v, format, agrees) => {
    expect(rateAgrees(new Decimal(computed), stated(v, format))).toBe(agrees);
  });
});

test("a rate stated by a formula in a General cell agrees with the same division (seed 000: =E10/D10)", () => {
  const computed = new Decimal("2059.18").dividedBy("2060");
  const s = readStatedRate(2059.18 / 2060, null);
  expect(s !== null && s !== "unreadable" && rateAgrees(computed, s)).toBe(true);
  const off = readStatedRate(2059.18 / 2060 + 1e-9, null);
  expect(off !== null && off !== "unreadable" && rateAgrees(computed, off)).toBe(false);
});
