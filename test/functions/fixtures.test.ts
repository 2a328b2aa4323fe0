import * as path from "path";
import { readWorkbookFile } from "../../src/readers/xlsx-file";
import { parseA1 } from "../../src/scoring/grid/address";
import { evaluateOneForm } from "../scoring/one-form";
import type { Grid } from "../../src/scoring/grid/grid";
import type { SheetReport } from "../../src/scoring/findings/sheet-report";
import { errorOf, loadEntryPoints } from "./entry";
import { removeCustomFunctions } from "./runtime-stub";

/**
 * The functions on the figures of the fixture workbooks, with the cells passed as Excel
 * passes them (the value a cell holds). Named figures come from EXPECTED.md; every other
 * scored row must give what the engine gives for the same row.
 */
const FIXTURES = path.join(__dirname, "..", "fixtures");
let rt: ReturnType<typeof loadEntryPoints>;
const books: Record<string, { grid: Grid; report: SheetReport }[]> = {};

beforeAll(async () => {
  rt = loadEntryPoints();
  for (const name of ["huangshi-2021-project", "zhuzhou-2021-department", "panzhihua-2021-completion", "shapes/department-deadlines"]) {
    const grids = await readWorkbookFile(path.join(FIXTURES, `${name}.xlsx`));
    books[name] = grids.map((grid) => ({ grid, report: evaluateOneForm(grid) }));
  }
});
afterAll(removeCustomFunctions);

function sheet(book: string, name?: string) {
  const s = name ? books[book].find((x) => x.grid.sheet === name) : books[book][0];
  if (!s) throw new Error(`no sheet ${name} in ${book}`);
  return s;
}

/** The value of a cell as Excel hands it to a function (null for an empty cell). */
function cell(grid: Grid, a1: string): unknown {
  const p = parseA1(a1);
  if (!p) throw new Error(a1);
  return grid.values[p.row - grid.origin.row]?.[p.col - grid.origin.col] ?? null;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

describe("huangshi: 预算数 2060, 执行数 2059.18, 20 points", () => {
  test("EXECRATE → 99.96 %, EXECSCORE(20, …) → 19.99, GRADE(99.99) → 优", () => {
    const { grid } = sheet("huangshi-2021-project");
    const rate = rt.call("EXECRATE", cell(grid, "D10"), cell(grid, "E10")) as number;
    expect(round6(rate)).toBe(0.999602);
    expect((rate * 100).toFixed(2)).toBe("99.96");
    expect(rt.call("EXECSCORE", 20, cell(grid, "D10"), cell(grid, "E10"))).toBe(cell(grid, "G10"));
    expect(rt.call("GRADE", cell(grid, "G20"))).toBe("优");
  });

  test("actuals written as targets score full marks; 2021年底前 against itself is met", () => {
    const { grid } = sheet("huangshi-2021-project");
    expect(rt.call("SCORE", 11, cell(grid, "E12"), cell(grid, "F12"))).toBe(11);
    expect(rt.call("SCORE", 11, cell(grid, "E15"), cell(grid, "F15"))).toBe(11);
    expect(rt.call("READVALUE", cell(grid, "E12"))).toBe(24);
    expect(errorOf(rt.call("READVALUE", cell(grid, "E15")))?.code).toBe("#VALUE!");
  });
});

describe("zhuzhou department sheet", () => {
  const name = "部门整体支出绩效自评表";
  test("H11: 2, 240000 万元, 233443.2 万元 → 1.95; H12 → 1.93", () => {
    const { grid } = sheet("zhuzhou-2021-department", name);
    expect(rt.call("SCORE", cell(grid, "G11"), cell(grid, "E11"), cell(grid, "F11"))).toBe(1.95);
    expect(rt.call("SCORE", cell(grid, "G12"), cell(grid, "E12"), cell(grid, "F12"))).toBe(1.93);
    expect(round6(rt.call("COMPLETION", cell(grid, "E11"), cell(grid, "F11")) as number)).toBe(0.972680);
  });

  test("execution 1329 / 1329 at 10 points → 1 and 10; computed total 99.88 → 优, as I36 states", () => {
    const { grid, report } = sheet("zhuzhou-2021-department", name);
    expect(rt.call("EXECRATE", cell(grid, "D4"), cell(grid, "E4"))).toBe(1);
    expect(rt.call("EXECSCORE", cell(grid, "F4"), cell(grid, "D4"), cell(grid, "E4"))).toBe(10);
    expect(report.total.computed).toBe(99.88);
    expect(rt.call("GRADE", report.total.computed)).toBe("优");
    expect(rt.call("GRADE", cell(grid, "H36"))).toBe("优");
    expect(String(cell(grid, "I36"))).toContain(rt.call("GRADE", cell(grid, "H36")) as string);
  });
});

describe("zhuzhou project sheets", () => {
  test("城乡居民基本医疗保险: ≥60% against 100% → full 3 points, completion 166.67 %", () => {
    const { grid } = sheet("zhuzhou-2021-department", "城乡居民基本医疗保险");
    expect(rt.call("SCORE", cell(grid, "G18"), cell(grid, "E18"), cell(grid, "F18"))).toBe(3);
    expect(round6(rt.call("COMPLETION", cell(grid, "E18"), cell(grid, "F18")) as number)).toBe(1.666667);
  });

  test("中央补助…: 显著提升 against 市级优秀窗口单位 needs a person's judgement (#N/A)", () => {
    const { grid } = sheet("zhuzhou-2021-department", "中央补助医疗服务与保障能力提升");
    const e = errorOf(rt.call("SCORE", cell(grid, "G23"), cell(grid, "E23"), cell(grid, "F23")));
    expect(e).toEqual({ code: "#N/A", message: "需人工判定：达成 / 部分达成 / 未达成" });
    expect(rt.call("SCORE", cell(grid, "G20"), cell(grid, "E20"), cell(grid, "F20"))).toBe(7); // ≤30 分钟 met
  });
});

describe("panzhihua completion forms", () => {
  test("execution rates 32.29 %, 87.67 %, 90.67 %; 160000人 against 153428人 → 95.89 %", () => {
    const rates = ["城乡医疗救助资金", "城乡居民基本医疗保障补助", "医保基金监管市级专项经费"].map((n) => {
      const { grid } = sheet("panzhihua-2021-completion", n);
      return ((rt.call("EXECRATE", cell(grid, "C4"), cell(grid, "E4")) as number) * 100).toFixed(2);
    });
    expect(rates).toEqual(["32.29", "87.67", "90.67"]);
    const { grid } = sheet("panzhihua-2021-completion", "城乡居民基本医疗保障补助");
    expect(((rt.call("COMPLETION", cell(grid, "E10"), cell(grid, "F10")) as number) * 100).toFixed(2)).toBe("95.89");
    expect(round6(rt.call("COMPLETION", "150万元", "48.44万元") as number)).toBe(0.322933);
  });
});

describe("deadlines (issue 18 §1, shapes/department-deadlines): the function reads them as the engine does", () => {
  test("9月前 done in 7月 and 11月前 done in 10月 → full 5 points each, as G13 and G14 state", () => {
    const { grid, report } = sheet("shapes/department-deadlines");
    expect(rt.call("SCORE", cell(grid, "F13"), cell(grid, "D13"), cell(grid, "E13"))).toBe(cell(grid, "G13"));
    expect(rt.call("SCORE", cell(grid, "F14"), cell(grid, "D14"), cell(grid, "E14"))).toBe(cell(grid, "G14"));
    expect(report.indicators.filter((i) => i.level2 === "时效指标").map((i) => [i.score, i.met])).toEqual([
      [5, true],
      [5, true],
    ]);
    expect(report.total.computed).toBe(70);
  });

  test("done after the deadline: #N/A asking a person to pick, saying why; a date cell's serial is its date", () => {
    const { grid } = sheet("shapes/department-deadlines");
    expect(errorOf(rt.call("SCORE", 5, cell(grid, "D13"), "10月"))).toEqual({ code: "#N/A", message: "需人工判定（实际完成时间晚于期限，未按时完成）：达成 / 部分达成 / 未达成" });
    expect(errorOf(rt.call("SCORE", 5, cell(grid, "D13"), "未完成"))?.message).toContain("实际完成值不是日期");
    // A date cell reaches a function as its serial number: 2023-07-01 is 45108.
    expect(rt.call("SCORE", 5, cell(grid, "D13"), 45108)).toBe(5);
  });
});

describe("every row of every fixture: the function gives what the engine gives", () => {
  test("EXECRATE / EXECSCORE on every fund block, SCORE / COMPLETION on every indicator row", () => {
    let checked = 0;
    for (const book of Object.values(books))
      for (const { grid, report } of book) {
        const ex = report.execution;
        if (ex && ex.cells.budget && ex.cells.spent) {
          const r = rt.call("EXECRATE", cell(grid, ex.cells.budget), cell(grid, ex.cells.spent));
          expect([report.sheet, round6(r as number)]).toEqual([report.sheet, ex.rate]);
          if (ex.cells.weight && ex.score !== null) {
            const s = rt.call("EXECSCORE", cell(grid, ex.cells.weight), cell(grid, ex.cells.budget), cell(grid, ex.cells.spent));
            expect([report.sheet, s]).toEqual([report.sheet, ex.score]);
          }
          checked++;
        }
        for (const ind of report.indicators) {
          const { target, actual, weight } = ind.cells;
          if (!target || !actual) continue;
          const where = `${report.sheet}!${target}`;
          if (weight && ind.weight !== null) {
            const s = rt.call("SCORE", cell(grid, weight), cell(grid, target), cell(grid, actual));
            if (ind.status === "scored") expect([where, s]).toEqual([where, ind.score]);
            else if (ind.status === "judgement") expect([where, errorOf(s)?.code]).toEqual([where, "#N/A"]);
            checked++;
          }
          if (ind.completionRate !== null) {
            const c = rt.call("COMPLETION", cell(grid, target), cell(grid, actual));
            expect([where, round6(c as number)]).toEqual([where, ind.completionRate]);
            checked++;
          }
        }
      }
    expect(checked).toBeGreaterThan(100);
  });
});
