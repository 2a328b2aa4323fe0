/**
 * Issue 11: odd but possible cells. Whatever a grid holds, the computed figures stay within the
 * rules (every score in [0, w], the total null or within the weights) and every message reads
 * like a person wrote it: no exponent notation, no NaN / Infinity / undefined, short.
 */
import Decimal from "decimal.js";
import fc from "fast-check";
import { evaluateOneForm } from "./one-form";
import type { CellValue, Grid } from "../../src/scoring/grid/grid";
import type { SheetReport } from "../../src/scoring/findings/sheet-report";
import { fixtureGrid } from "./fixture-grid";

/** No message is longer than this many characters (quotes are cut at 40, cell lists at 8 cells). */
const MESSAGE_LIMIT = 400;

const ODD: CellValue[] = [
  1e308,
  -1e308,
  1e-320,
  5e-324,
  1.7976931348623157e308,
  -0,
  1e21,
  123456789012345680000,
  0.1 + 0.2,
  44197,
  true,
  false,
  "#DIV/0!",
  "#N/A",
  "#NAME?",
  "#VALUE!",
  "≥" + "9".repeat(400) + "万人",
  "9".repeat(400),
  "0." + "0".repeat(400) + "1",
  "１２３４５６７８９０１２３４５６７８９０%",
  "１２３４５６７８９０１２３４５６７８９０",
  "很长".repeat(3000),
  "城乡\u0007居民\u0001基本\u001b医疗",
  "\u202e202880.86 万元",
  "100%\u0000",
  "",
  "　",
  "—",
  "指标2:",
  "……",
  "100分",
  "优",
  "等级：良",
  "2021-01-01",
  "≥95%",
  "95%以上",
  "2天以内",
  "已完成",
];
const FORMATS = [null, "0.00%", "yyyy-mm-dd", "m/d/yy", '0.00"%"', "General", "#,##0.00"];
const FORMULAS = [null, null, null, "=SUM(1,2)", "=JXZP.SCORE(G11,E11,F11)", "=_xldudf_JXZP_SCORE(G11,E11,F11)"];

function expectReadable(r: SheetReport) {
  for (const f of r.findings) {
    expect({ code: f.code, exp: /\de[+-]?\d/i.test(f.message) }).toEqual({ code: f.code, exp: false });
    expect(f.message).not.toMatch(/NaN|Infinity|undefined|null|\[object/);
    expect(f.message.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    // eslint-disable-next-line no-control-regex -- no control character may reach a message
    expect(f.message).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  }
  for (const i of r.indicators) {
    if (i.score === null) continue;
    expect(i.score).toBeGreaterThanOrEqual(0);
    expect(i.weight).not.toBeNull();
    expect(i.score).toBeLessThanOrEqual(i.weight!);
  }
  const e = r.execution;
  if (e && e.score !== null) {
    expect(e.score).toBeGreaterThanOrEqual(0);
    expect(e.score).toBeLessThanOrEqual(e.weight!);
  }
  const t = r.total.computed;
  if (t !== null) {
    expect(Number.isFinite(t)).toBe(true);
    expect(t).toBeGreaterThanOrEqual(0);
    // Within the weights where every row has one (their sum is the form's full marks).
    if (r.indicators.every((i) => i.weight !== null) && (!e || e.weight !== null)) {
      const weights = [e?.weight ?? 0, ...r.indicators.map((i) => i.weight ?? 0)].reduce((s, w) => s.plus(w), new Decimal(0));
      expect(t).toBeLessThanOrEqual(weights.toNumber());
    }
    if (r.total.max !== null) expect(t).toBeLessThanOrEqual(r.total.max);
  }
}

let sheets: Grid[];
beforeAll(async () => {
  sheets = await Promise.all([
    fixtureGrid("zhuzhou-2021-department.xlsx", "部门整体支出绩效自评表"),
    fixtureGrid("zhuzhou-2021-department.xlsx", "中央补助医疗服务与保障能力提升"),
    fixtureGrid("huangshi-2021-project.xlsx", "项目自评表"),
    fixtureGrid("panzhihua-2021-completion.xlsx", "城乡医疗救助资金"),
  ]);
});

test("any odd cells anywhere in real forms: figures within the rules, messages a person can read", () => {
  const change = fc.record({
    row: fc.nat(38),
    col: fc.nat(9),
    value: fc.constantFrom(...ODD),
    format: fc.constantFrom(...FORMATS),
    formula: fc.constantFrom(...FORMULAS),
  });
  let checked = 0;
  fc.assert(
    fc.property(fc.nat(3), fc.array(change, { minLength: 1, maxLength: 12 }), (which, changes) => {
      const g = sheets[which];
      const values = g.values.map((r) => [...r]);
      const numberFormats = (g.numberFormats ?? []).map((r) => [...r]);
      const formulas: (string | null)[][] = values.map((r) => r.map(() => null));
      for (const c of changes) {
        for (const rows of [values, numberFormats, formulas] as unknown[][][]) while (rows.length <= c.row) rows.push([]);
        // A formula with no saved value is a null value beside its formula.
        values[c.row][c.col] = c.formula && c.value === "" ? null : c.value;
        numberFormats[c.row][c.col] = c.format;
        formulas[c.row][c.col] = c.formula;
      }
      const r = evaluateOneForm({ ...g, values, numberFormats, formulas });
      if (r.kind !== "unknown") checked++;
      expectReadable(r);
    }),
    { numRuns: 400 },
  );
  expect(checked).toBeGreaterThan(300);
});

test("a stated execution score of 1e308 on a row whose budget is unreadable gives no total, and says why", () => {
  const g = sheets[0];
  const values = g.values.map((r) => [...r]);
  values[3][3] = "约一千万"; // D4: budget unreadable
  values[3][7] = 1e308; // H4
  const r = evaluateOneForm({ ...g, values });
  expect(r.total.computed).toBeNull();
  expect(r.total.note).toMatch(/总分无法计算/);
  expect(r.grade.computed).toBeNull();
  expect(r.findings.find((f) => f.cell === "H4")!.message).toMatch(/大得不合常理/);
  expectReadable(r);
});

test("a date in an actual is compared as a date, never as its serial number", () => {
  const g = sheets[1];
  const values = g.values.map((r) => [...r]);
  const numberFormats = (g.numberFormats ?? []).map((r) => [...r]);
  values[13][5] = 44197; // F14, target ≥5 次
  numberFormats[13][5] = "yyyy-mm-dd";
  const r = evaluateOneForm({ ...g, values, numberFormats });
  const row = r.indicators.find((i) => i.row === 14)!;
  expect(row.actual).toBe("2021-01-01");
  expect(row.score).toBeNull();
  expect(r.findings.find((f) => f.cell === "F14")!.message).toContain("2021-01-01");
  expect(JSON.stringify(r.findings)).not.toContain("44197");
});
