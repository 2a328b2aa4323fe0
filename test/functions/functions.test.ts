import { ZH_CN } from "../../src/functions/names";
import { errorOf, loadEntryPoints } from "./entry";
import { removeCustomFunctions } from "./runtime-stub";

const JUDGEMENT = "需人工判定：达成 / 部分达成 / 未达成";
let rt: ReturnType<typeof loadEntryPoints>;

beforeAll(() => {
  rt = loadEntryPoints();
});
afterAll(removeCustomFunctions);

const call = (id: string, ...args: unknown[]) => rt.call(id, ...args);

function expectValueError(v: unknown, ...fragments: string[]) {
  const e = errorOf(v);
  expect(e).not.toBeNull();
  expect(e?.code).toBe("#VALUE!");
  for (const f of fragments) expect(e?.message).toContain(f);
  expect(e?.message).toMatch(/[\u4e00-\u9fff]/);
}

describe("registration", () => {
  test("every id of the table is associated with a function", () => {
    expect([...rt.registry.keys()].sort()).toEqual(Object.keys(ZH_CN).sort());
  });

  test("loading outside Excel (no CustomFunctions) does not throw", () => {
    removeCustomFunctions();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(() => jest.isolateModules(() => require("../../src/functions/functions"))).not.toThrow();
    rt = loadEntryPoints();
  });
});

describe("worked examples of the README", () => {
  test("=JXZP.执行率(2060,2059.18) → 0.99960194… (99.96%)", () => {
    const r = call("EXECRATE", 2060, 2059.18) as number;
    expect(r).toBeCloseTo(0.999601941747573, 14);
    expect((r * 100).toFixed(2)).toBe("99.96");
  });

  test('=JXZP.指标得分(12.9,20400,"19745人") → 12.49', () => {
    expect(call("SCORE", 12.9, 20400, "19745人")).toBe(12.49);
  });

  test("=JXZP.执行率得分(20,2060,2059.18) → 19.99", () => {
    expect(call("EXECSCORE", 20, 2060, 2059.18)).toBe(19.99);
  });

  test('=JXZP.完成率("160000人","153428人") → 0.958925', () => {
    expect(call("COMPLETION", "160000人", "153428人")).toBeCloseTo(0.958925, 6);
  });

  test("=JXZP.评定等级(99.99) → 优; 89.99 → 良; 90 → 优 (the bound belongs to the upper band)", () => {
    expect(call("GRADE", 99.99)).toBe("优");
    expect(call("GRADE", 89.99)).toBe("良");
    expect(call("GRADE", 90)).toBe("优");
    expect(call("GRADE", 60)).toBe("中");
    expect(call("GRADE", 59.99)).toBe("差");
  });

  test('=JXZP.读取数值("≥24万人") → 24, "95%以上" → 95, "１００％" → 100', () => {
    expect(call("READVALUE", "≥24万人")).toBe(24);
    expect(call("READVALUE", "95%以上")).toBe(95);
    expect(call("READVALUE", "１００％")).toBe(100);
    expect(call("READVALUE", "2059.18")).toBe(2059.18);
  });
});

describe("arguments as staff write them", () => {
  test("figures as text, with units and full-width digits", () => {
    expect(call("EXECRATE", "２０６０", "2059.18万元")).toBeCloseTo(0.9996019, 6);
    expect(call("EXECSCORE", "２０分", "2060", "2059.18")).toBe(19.99);
    expect(call("SCORE", "２", "240000 万元", "233443.2 万元")).toBe(1.95);
    expect(call("SCORE", 10, "≥９５％", "９０％")).toBe(9.47);
  });

  test("budget and spent in different money units are put on one scale", () => {
    expect(call("EXECRATE", "2060万元", "20591800元")).toBeCloseTo(0.9996019, 6);
  });

  test("a percent cell (0.97) against a percent string (95%) reads as 97 %", () => {
    expect(call("SCORE", 10, "≥95%", 0.97)).toBe(10);
    expect(call("SCORE", 10, "≥95%", 0.9)).toBe(9.47);
    expect(call("COMPLETION", "95%", 0.9)).toBeCloseTo(0.947368, 6);
  });

  test("a percent cell passed as a formatted number object keeps its scale", () => {
    const pct = { type: "Double", basicValue: 0.9, numberFormat: "0.00%" };
    expect(call("SCORE", 10, "≥95%", pct)).toBe(9.47);
    expect(call("READVALUE", pct)).toBe(90);
  });

  test("an actual written as the target claims it: full marks", () => {
    expect(call("SCORE", 11, "≥24万人", "≥24万人")).toBe(11);
  });

  test("negative indicators: ratio by default, deviation when asked", () => {
    expect(call("SCORE", 10, "≤500万元", "400万元")).toBe(10);
    expect(call("SCORE", 10, "≤500万元", "625万元")).toBe(8);
    expect(call("SCORE", 10, "≤500万元", "625万元", "", "偏离")).toBe(7.5);
    expect(call("SCORE", 10, "500", "625", "反向")).toBe(8);
    expect(call("COMPLETION", "≤500万元", "625万元")).toBe(0.8);
  });

  test("qualitative indicators: met gives full marks, otherwise #N/A asks for a judgement", () => {
    expect(call("SCORE", 10, "逐步推开", "逐步推开")).toBe(10);
    expect(call("SCORE", 10, "2021年底前", "已完成")).toBe(10);
    const e = errorOf(call("SCORE", 10, "显著提升", "市级优秀窗口单位"));
    expect(e).toEqual({ code: "#N/A", message: JUDGEMENT });
    expect(errorOf(call("SCORE", 10, "100%", "基本完成", "定性"))?.code).toBe("#N/A");
    expect(errorOf(call("COMPLETION", "显著提升", "市级优秀窗口单位"))).toEqual({ code: "#N/A", message: JUDGEMENT });
    expect(errorOf(call("COMPLETION", "2021年底前", "已完成"))?.code).toBe("#N/A");
  });

  test("the other grade scheme", () => {
    expect(call("GRADE", 94, "好较好一般差")).toBe("较好");
    expect(call("GRADE", 95, "好/较好/一般/差")).toBe("好");
    expect(call("GRADE", 94, "标准")).toBe("优");
  });
});

describe("a form waiting for its figures", () => {
  test("every figure blank gives an empty result, not 0 and not an error", () => {
    expect(call("EXECRATE", null, null)).toBe("");
    expect(call("EXECSCORE", null, "", undefined)).toBe("");
    expect(call("SCORE", null, null, null)).toBe("");
    expect(call("SCORE", "", "  ", null, "反向")).toBe("");
    expect(call("COMPLETION", null, "—")).toBe("");
    expect(call("GRADE", null)).toBe("");
    expect(call("READVALUE", null)).toBe("");
  });

  test("some blank gives #VALUE! naming the missing argument", () => {
    expectValueError(call("EXECRATE", 2060, null), "缺少", "「执行数」");
    expectValueError(call("EXECSCORE", null, 2060, 2059.18), "「分值」");
    expectValueError(call("SCORE", 10, "≥95%", null), "「实际完成值」");
    const both = errorOf(call("SCORE", 10, null, null));
    expect(both?.message).toContain("「年度指标值」");
    expect(both?.message).toContain("「实际完成值」");
    expectValueError(call("COMPLETION", null, "90%"), "「年度指标值」");
  });
});

describe("bad input gives a Chinese #VALUE!, never an exception, NaN or a silent 0", () => {
  test("text where a number is needed", () => {
    expectValueError(call("EXECRATE", "两千", 2059.18), "「预算数」", "应为数字", "两千");
    expectValueError(call("EXECSCORE", "满分", 2060, 2059.18), "「分值」", "满分");
    expectValueError(call("SCORE", "十", "≥95%", "97%"), "「分值」");
    expectValueError(call("GRADE", "优秀"), "「总分」");
    expectValueError(call("READVALUE", "稳步提高"), "稳步提高");
    expectValueError(call("SCORE", 10, "≥95%", "稳步提高"), "「实际完成值」");
  });

  test("budget 0", () => {
    expectValueError(call("EXECRATE", 0, 10), "「预算数」为 0");
    expectValueError(call("EXECSCORE", 10, "0", 10), "「预算数」为 0");
  });

  test("negative figures, out-of-range totals, unknown choices", () => {
    expectValueError(call("EXECRATE", 2060, -1), "「执行数」", "负数");
    expectValueError(call("SCORE", -2, "≥95%", "97%"), "「分值」", "负数");
    expectValueError(call("GRADE", 100.5), "0 到 100");
    expectValueError(call("SCORE", 10, "≥95%", "97%", "向上"), "「方向」", "正向 / 反向 / 定性");
    expectValueError(call("SCORE", 10, "≤5", "6", "", "扣分"), "「反向口径」", "比例 / 偏离");
    expectValueError(call("GRADE", 90, "甲乙丙丁"), "「等级方案」", "标准");
  });

  test("units that cannot be compared", () => {
    expectValueError(call("SCORE", 10, "≥100人", "90万元"), "单位「人」", "单位「万元」");
    expectValueError(call("EXECRATE", "100万元", "90人"), "单位");
  });

  test("a range where one cell is expected; a one-cell range is fine", () => {
    expectValueError(call("SCORE", [[1], [2]], "≥95%", "97%"), "区域");
    expect(call("SCORE", [[10]], [["≥95%"]], [["97%"]])).toBe(10);
  });

  test("-0 is 0, not a negative figure; a huge number is quoted in plain digits, never 1e+308", () => {
    expect(call("EXECRATE", 100, -0)).toBe(0);
    expect(call("EXECSCORE", 10, "100", "-0")).toBe(0);
    const huge = errorOf(call("SCORE", 10, "≥95%", "97%", 1e308))?.message ?? "";
    expect(huge).toContain("「100000000000000000000000…」");
    expect(huge).not.toMatch(/e\+/);
  });

  test("text named like an object's property (constructor, __proto__) is just unknown text", () => {
    for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"]) {
      expectValueError(call("SCORE", 10, "≥95%", "97%", name), "「方向」", name);
      expectValueError(call("SCORE", 10, "≤5", "6", "反向", name), "「反向口径」", name);
      expectValueError(call("GRADE", 90, name), "「等级方案」", name);
      expectValueError(call("EXECRATE", name, 1), "「预算数」", name);
    }
  });

  test("scientific notation kept as text reads as the number it is", () => {
    expect(call("SCORE", 2, "≥4.1E+04", "4.2E+03")).toBe(0.2);
    expect(call("READVALUE", "4.1E+04人")).toBe(41000);
  });

  test("an error cell passed as a data type", () => {
    expectValueError(call("READVALUE", { type: "Error", basicValue: "#DIV/0!" }), "错误值");
  });

  test("no input makes a function throw or return NaN", () => {
    const odd: unknown[] = [null, undefined, "", " ", 0, -0, 1e308, -1e308, NaN, Infinity, true, false, "—", "abc", "１００％", [[1, 2]], [], {}, { basicValue: {} }, "≥", "%", "2021年底前"];
    for (const id of Object.keys(ZH_CN)) {
      for (const a of odd)
        for (const b of odd.slice(0, 8)) {
          let r: unknown;
          expect(() => (r = call(id, a, b, b))).not.toThrow();
          if (typeof r === "number") expect(Number.isFinite(r)).toBe(true);
          else if (typeof r !== "string") {
            // Every error is one the formula chose, not the guard's catch of an exception.
            expect(errorOf(r)?.message).toMatch(/^(?!计算出错)[\s\S]*[\u4e00-\u9fff]/);
          }
        }
    }
  });
});
