/**
 * What every SheetBuild must hold, whatever the options: contents inside the sheet, sound
 * merges, formulas that only reach cells of their own sheet, weights that add up to the
 * points in the labels, print setup, and a name that never replaces an existing sheet.
 */
import Decimal from "decimal.js";
import fc from "fast-check";
import { parseA1, parseRange, toA1, type RangeRef } from "../../src/scoring/grid/address";
import { evaluateOneForm } from "../scoring/one-form";
import type { Grid } from "../../src/scoring/grid/grid";
import { headerKey, statedPoints } from "../../src/scoring/values/text";
import {
  buildTemplate,
  fillingHint,
  proportionalPoints,
  splitPoints,
  TEMPLATE_KINDS,
  templateProblems,
  TEMPLATES,
  uniqueSheetName,
  type SheetBuild,
  type TemplateKind,
  type TemplateOptions,
} from "../../src/scoring/templates";

const OPTION_SETS: TemplateOptions[] = [
  {},
  { year: 2025, unit: "某单位", project: "某项目" },
  { rowsPerLevel2: 0 },
  { rowsPerLevel2: 1 },
  { rowsPerLevel2: 12 },
  { rowsPerLevel2: { 数量指标: 5, 社会效益指标: 0 } },
  { profile: "deviation" },
  { profile: "grades4" },
  { profile: "exec20" },
];

const builds: [string, SheetBuild][] = [];
for (const kind of TEMPLATE_KINDS) for (const o of OPTION_SETS) builds.push([`${kind} ${JSON.stringify(o)}`, buildTemplate(kind, o)]);

const inside = (outer: RangeRef, r: RangeRef) => r.top >= outer.top && r.left >= outer.left && r.bottom <= outer.bottom && r.right <= outer.right;
const overlap = (a: RangeRef, b: RangeRef) => a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;

/** Cell references in a formula, outside its string literals. */
function refsOf(formula: string): string[] {
  const code = formula.replace(/"[^"]*"/g, '""');
  return [...code.matchAll(/(?<![A-Za-z0-9_.])(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)(?![A-Za-z0-9_(])/g)].map((m) => m[1]);
}

function functionsOf(formula: string): string[] {
  const code = formula.replace(/"[^"]*"/g, '""');
  return [...code.matchAll(/([A-Z][A-Z0-9_.]*)\(/g)].map((m) => m[1]);
}

const ALLOWED_FUNCTIONS = new Set(["SUM", "COUNT", "IF", "AND", "IFNA", "JXZP.EXECRATE", "JXZP.EXECSCORE", "JXZP.SCORE", "JXZP.COMPLETION", "JXZP.GRADE"]);

describe.each(builds)("SheetBuild %s", (_label, b) => {
  const extent = parseRange(b.extent)!;

  test("every cell, merge, style area and validation lies inside the extent", () => {
    for (const a1 of Object.keys(b.cells)) expect(inside(extent, parseRange(a1)!)).toBe(true);
    for (const m of b.merges) expect(inside(extent, parseRange(m)!)).toBe(true);
    for (const a of b.areas) expect(inside(extent, parseRange(a.range)!)).toBe(true);
    for (const v of b.validations) expect(inside(extent, parseRange(v.range)!)).toBe(true);
    expect(b.columnWidths).toHaveLength(extent.right + 1);
    for (const row of Object.keys(b.rowHeights).map(Number)) expect(row).toBeLessThanOrEqual(extent.bottom + 1);
  });

  test("merges are real areas that never overlap, and only their top-left cell holds content", () => {
    const ms = b.merges.map((m) => parseRange(m)!);
    for (const m of ms) expect(m.bottom > m.top || m.right > m.left).toBe(true);
    for (let i = 0; i < ms.length; i++) for (let j = i + 1; j < ms.length; j++) expect(overlap(ms[i], ms[j])).toBe(false);
    for (const a1 of Object.keys(b.cells)) {
      const p = parseA1(a1)!;
      const m = ms.find((x) => overlap(x, { top: p.row, left: p.col, bottom: p.row, right: p.col }));
      if (m) expect([m.top, m.left]).toEqual([p.row, p.col]);
    }
  });

  test("every formula references cells inside this sheet only, through known functions", () => {
    const formulas = Object.entries(b.cells).filter(([, c]) => "formula" in c) as [string, { formula: string }][];
    expect(formulas.length).toBeGreaterThan(0);
    for (const [, { formula }] of formulas) {
      expect(formula.startsWith("=")).toBe(true);
      expect(formula).not.toContain("!");
      for (const ref of refsOf(formula)) expect(inside(extent, parseRange(ref)!)).toBe(true);
      for (const f of functionsOf(formula)) expect(ALLOWED_FUNCTIONS.has(f)).toBe(true);
    }
  });

  test("each score formula reads its own row's weight, target and actual", () => {
    for (const r of b.map.rows.filter((x) => x.kind === "indicator" && x.score)) {
      const c = b.cells[r.score!];
      expect("formula" in c && c.formula).toContain(`JXZP.SCORE(${r.weight},${r.target},${r.actual}`);
    }
  });

  test("print setup: A4 landscape, one page wide, the grid header repeated; header rows frozen", () => {
    expect(b.print).toMatchObject({ paper: "A4", orientation: "landscape", fitToWidth: 1, fitToHeight: 0 });
    expect(b.print.repeatRows).toBe(`${b.map.gridHeaderRow}:${b.map.gridHeaderRow}`);
    expect(b.frozenRows).toBeGreaterThanOrEqual(2);
    expect(b.frozenRows).toBeLessThan(b.map.gridHeaderRow);
  });

  test("styles exist, fonts render Chinese, rates are percentages", () => {
    for (const a of b.areas) expect(b.styles[a.style]).toBeDefined();
    for (const s of Object.values(b.styles)) {
      expect(s.font.name).toBe("宋体");
      expect(s.font.fallback).toContain("SimSun");
    }
    // Areas painted in order, as hosts apply them: later ones win.
    const painted = new Map<string, string>();
    for (const a of b.areas) {
      const p = parseRange(a.range)!;
      for (let r = p.top; r <= p.bottom; r++) for (let c = p.left; c <= p.right; c++) painted.set(toA1(r, c), a.style);
    }
    const styleAt = (a1: string) => (painted.has(a1) ? b.styles[painted.get(a1)!] : null);
    const total = b.map.fund.find((f) => f.isTotal)!;
    expect(styleAt(total.rate)?.numberFormat).toBe("0.00%");
    for (const r of b.map.rows) if (r.completion) expect(styleAt(r.completion)?.numberFormat).toBe("0.00%");
    for (const a1 of Object.keys(b.cells)) expect(styleAt(a1)).not.toBeNull();
  });

  test("weights add up: each level 1 to the points in its label, all to 100", () => {
    if (!TEMPLATES[b.kind as TemplateKind].scored) {
      expect(b.map.rows.every((r) => r.weight === null && r.score === null)).toBe(true);
      return;
    }
    const value = (a1: string | null) => {
      const c = a1 ? b.cells[a1] : undefined;
      return c && "value" in c && typeof c.value === "number" ? new Decimal(c.value) : new Decimal(0);
    };
    const byLabel = new Map<string, Decimal>();
    for (const r of b.map.rows) byLabel.set(r.level1, (byLabel.get(r.level1) ?? new Decimal(0)).plus(value(r.weight)));
    for (const [label, sum] of byLabel) expect(sum.eq(statedPoints(label)!)).toBe(true);
    const exec = value(b.map.fund.find((f) => f.isTotal)!.weight);
    const all = [...byLabel.values()].reduce((s, x) => s.plus(x), exec);
    expect(all.toNumber()).toBe(100);
  });

  test("standard level names under the level-1 labels", () => {
    const l1 = new Set(b.map.rows.map((r) => headerKey(r.level1)));
    expect(l1.has("产出指标") && l1.has("效益指标") && l1.has("满意度指标")).toBe(true);
    expect(b.map.rows.some((r) => r.level2 === "服务对象满意度指标")).toBe(true);
  });
});

describe("what the options put on the form", () => {
  test("year, unit and project go into the title and header, and the build is pure", () => {
    const o = { year: 2025, unit: "株洲市医疗保障事务中心", project: "医保业务经办专项经费" };
    const b = buildTemplate("project", o);
    expect(b.cells.A1).toEqual({ value: "2025年度项目支出绩效自评表" });
    expect(b.cells[b.map.header["项目名称"]]).toEqual({ value: o.project });
    expect(b.cells[b.map.header["实施单位"]]).toEqual({ value: o.unit });
    expect(buildTemplate("project", o)).toEqual(b);
    expect(buildTemplate("department", o).cells[buildTemplate("department", o).map.header["部门名称"]]).toEqual({ value: o.unit });
  });

  test("text that looks like a formula stays a value", () => {
    const b = buildTemplate("project", { project: '=HYPERLINK("http://x","y")' });
    expect(b.cells[b.map.header["项目名称"]]).toEqual({ value: '=HYPERLINK("http://x","y")' });
  });

  test("rows per level 2: a number for all, by name, clamped; a level 1 always keeps one row", () => {
    const count = (b: SheetBuild, l2: string) => b.map.rows.filter((r) => r.level2 === l2).length;
    expect(count(buildTemplate("project", { rowsPerLevel2: 4 }), "质量指标")).toBe(4);
    const byName = buildTemplate("project", { rowsPerLevel2: { 质量指标: 6 } });
    expect(count(byName, "质量指标")).toBe(6);
    expect(count(byName, "数量指标")).toBe(TEMPLATES.project.grid.level1[0].level2[0].rows);
    expect(count(buildTemplate("project", { rowsPerLevel2: 1000 }), "数量指标")).toBe(30);
    expect(count(buildTemplate("project", { rowsPerLevel2: -3 }), "数量指标")).toBe(1);
    expect(buildTemplate("project", { rowsPerLevel2: 0 }).map.rows).toHaveLength(3);
  });

  test("the profile decides the execution weight, the split and the grades", () => {
    const p20 = buildTemplate("project20");
    expect(p20.cells[p20.map.fund[0].weight!]).toEqual({ value: 20 });
    expect(p20.cells.A4).toEqual({ value: "预算执行情况（万元）（20分）" });
    expect([...new Set(p20.map.rows.map((r) => r.level1))]).toEqual(["产出指标（44分）", "效益指标（27分）", "满意度指标（9分）"]);
    const g4 = buildTemplate("project", { profile: "grades4" });
    expect(g4.cells[g4.map.grade!]).toEqual({ formula: `=JXZP.GRADE(${g4.map.total!.score},"好较好一般差")` });
    const note = g4.cells[g4.map.note!];
    expect("value" in note ? String(note.value) : "").toContain("95分（含）以上为好");
    const dev = buildTemplate("project", { profile: "deviation" });
    const r = dev.map.rows[0];
    expect(dev.cells[r.score!]).toEqual({ formula: `=IF(AND(${r.target}="",${r.actual}=""),"",JXZP.SCORE(${r.weight},${r.target},${r.actual},,"偏离"))` });
    const tr = buildTemplate("transfer");
    expect([...new Set(tr.map.rows.map((x) => x.level1))]).toEqual(["资金投入（10分）", "资金管理（40分）", "产出指标（30分）", "效益指标（15分）", "满意度指标（5分）"]);
    expect(tr.map.rows.filter((x) => x.kind === "management").map((x) => tr.cells[x.weight!])).toEqual(Array(8).fill({ value: 5 }));
  });

  test("only the completion form has the 方向 list", () => {
    for (const kind of TEMPLATE_KINDS) {
      const b = buildTemplate(kind);
      if (kind === "completion") {
        expect(b.validations).toHaveLength(1);
        expect(b.validations[0].items).toEqual(["正向", "反向", "定性"]);
        const first = b.map.rows[0].direction!;
        expect(b.validations[0].range.startsWith(first)).toBe(true);
      } else expect(b.validations).toEqual([]);
    }
  });
});

describe("checking the options", () => {
  test("good options: no problem", () => {
    expect(templateProblems("project", { year: 2025, rowsPerLevel2: 3, profile: "exec20" })).toEqual([]);
  });
  test("bad options: Chinese messages, and buildTemplate still builds", () => {
    const bad = { year: "二〇二五", rowsPerLevel2: 2.5, profile: "nope", unit: "单".repeat(201) } as TemplateOptions;
    const problems = templateProblems("project", bad);
    expect(problems).toHaveLength(4);
    for (const p of problems) expect(p).toMatch(/[\u4e00-\u9fa5]/);
    expect(problems[0]).toContain("年份");
    expect(() => buildTemplate("project", bad)).not.toThrow();
    expect(templateProblems("project", { profile: "completion" })[0]).toContain("不计分");
    expect(templateProblems("completion", { profile: "project" })[0]).toContain("不需要评分方案");
    expect(templateProblems("project", { rowsPerLevel2: { 数量指标: -1 } })[0]).toContain("数量指标");
  });
});

describe("uniqueSheetName", () => {
  test("the base name when free, else (2), (3) …, ignoring case", () => {
    expect(uniqueSheetName("项目支出绩效自评表", ["Sheet1"])).toBe("项目支出绩效自评表");
    expect(uniqueSheetName("项目支出绩效自评表", ["项目支出绩效自评表"])).toBe("项目支出绩效自评表 (2)");
    expect(uniqueSheetName("项目支出绩效自评表", ["项目支出绩效自评表", "项目支出绩效自评表 (2)"])).toBe("项目支出绩效自评表 (3)");
    expect(uniqueSheetName("Form", ["FORM"])).toBe("Form (2)");
  });
  test("within Excel's 31 characters and without forbidden characters", () => {
    const long = "很".repeat(40);
    expect(uniqueSheetName(long, [])).toHaveLength(31);
    const second = uniqueSheetName(long, [long.slice(0, 31)]);
    expect(second).toHaveLength(31);
    expect(second.endsWith(" (2)")).toBe(true);
    expect(uniqueSheetName("a/b:c?[d]*", [])).toBe("abcd");
    expect(uniqueSheetName("'''", [])).toBe("绩效自评表");
  });
});

describe("default weights", () => {
  const sum = (xs: Decimal[]) => xs.reduce((s, x) => s.plus(x), new Decimal(0)).toString();
  test("a level 1's points over its rows, whole points where possible, exact sums", () => {
    expect(splitPoints(50, 8).map(String)).toEqual(["7", "7", "6", "6", "6", "6", "6", "6"]);
    expect(splitPoints(10, 3).map(String)).toEqual(["4", "3", "3"]);
    expect(splitPoints(1, 3).map(String)).toEqual(["0.4", "0.3", "0.3"]);
    expect(splitPoints("0.1", 3).map(String)).toEqual(["0.04", "0.03", "0.03"]);
    expect(splitPoints(2, 4).map(String)).toEqual(["0.5", "0.5", "0.5", "0.5"]);
    expect(sum(splitPoints("0.01", 3))).toBe("0.01");
    expect(splitPoints(5, 0)).toEqual([]);
    for (const [p, n] of [[50, 7], [30, 11], [27, 4], [5, 30], [0.5, 3]] as const) expect(sum(splitPoints(p, n))).toBe(String(p));
  });
  test("a split fitted to what the execution item leaves: 80 in 50:30:10 is 44, 27, 9", () => {
    expect(proportionalPoints(80, [50, 30, 10]).map(String)).toEqual(["44", "27", "9"]);
    expect(proportionalPoints(90, [50, 30, 10]).map(String)).toEqual(["50", "30", "10"]);
    expect(sum(proportionalPoints(85.5, [50, 30, 10]))).toBe("85.5");
    expect(proportionalPoints(10, [0, 0]).map(String)).toEqual(["5", "5"]);
  });
});

describe("any options (property)", () => {
  /** The sheet as an .xlsx holds it before Excel calculates: values, formats, merges; formula cells empty. */
  function storedGrid(b: SheetBuild): Grid {
    const ext = parseRange(b.extent)!;
    const values: (string | number | null)[][] = [];
    const formats: (string | null)[][] = [];
    for (let r = 0; r <= ext.bottom; r++) {
      values.push([]);
      formats.push([]);
      for (let c = 0; c <= ext.right; c++) {
        const cell = b.cells[toA1(r, c)];
        values[r].push(cell && "value" in cell ? cell.value : null);
        formats[r].push(null);
      }
    }
    // Areas painted in order, as hosts apply them: later ones win.
    for (const a of b.areas) {
      const p = parseRange(a.range)!;
      for (let r = p.top; r <= p.bottom; r++) for (let c = p.left; c <= p.right; c++) formats[r][c] = b.styles[a.style].numberFormat;
    }
    return { sheet: b.name, origin: { row: 0, col: 0 }, values, numberFormats: formats, merges: b.merges };
  }

  const names = [...new Set(TEMPLATE_KINDS.flatMap((k) => TEMPLATES[k].grid.level1.flatMap((l) => l.level2.map((x) => x.name))))];
  const arbOptions = fc.record(
    {
      year: fc.oneof(fc.integer({ min: 1990, max: 2100 }), fc.string({ maxLength: 6 })),
      unit: fc.string({ maxLength: 30 }),
      project: fc.string({ maxLength: 30 }),
      rowsPerLevel2: fc.oneof(fc.integer({ min: -5, max: 40 }), fc.dictionary(fc.constantFrom(...names), fc.integer({ min: -2, max: 35 }))),
      profile: fc.constantFrom("project", "department", "transfer", "exec20", "deviation", "grades4", "completion", "nope"),
    },
    { requiredKeys: [] },
  );

  test("builds, weights add to 100, merges are sound, and the blank form reads back with no error", () => {
    fc.assert(
      fc.property(fc.constantFrom(...TEMPLATE_KINDS), arbOptions, (kind, opts) => {
        const b = buildTemplate(kind, opts as TemplateOptions);
        const ms = b.merges.map((m) => parseRange(m)!);
        for (let i = 0; i < ms.length; i++) for (let j = i + 1; j < ms.length; j++) if (overlap(ms[i], ms[j])) return false;
        if (TEMPLATES[kind].scored) {
          const weights = [b.map.fund[0].weight, ...b.map.rows.map((r) => r.weight)]
            .map((a) => (a ? b.cells[a] : undefined))
            .reduce((s, c) => s.plus(c && "value" in c && typeof c.value === "number" ? c.value : 0), new Decimal(0));
          if (!weights.eq(100)) return false;
        }
        const r = evaluateOneForm(storedGrid(b));
        return r.kind === (kind === "project20" ? "project" : kind) && r.findings.every((f) => f.severity !== "error");
      }),
      { numRuns: 150 },
    );
  });
});

describe("what the pane says after inserting a form", () => {
  test.each(TEMPLATE_KINDS)("%s: the columns to fill by the form's own names, and only what its formulas compute", (kind) => {
    const hint = fillingHint(kind);
    const def = TEMPLATES[kind];
    const build = buildTemplate(kind, {});
    const formulas = Object.values(build.cells).map((c) => ("formula" in c ? c.formula : "")).join(" ");
    for (const role of ["target", "actual"]) expect(hint).toContain(def.grid.columns.find((c) => c.role === role)!.header);
    // Each thing the hint says is computed has its function among the form's formulas, and nothing else is said.
    expect(formulas).toContain("JXZP.EXECRATE");
    if (def.scored) {
      expect(hint).toMatch(/执行率、指标得分、总分和等级由公式自动计算/);
      expect(formulas).toMatch(/JXZP\.SCORE[\s\S]*JXZP\.GRADE|JXZP\.GRADE[\s\S]*JXZP\.SCORE/);
    } else {
      expect(hint).toBe("填写预期指标值、实际完成指标值和全年预算数、全年执行数后，执行率和完成率由公式自动计算（本表不计分）。");
      expect(formulas).toContain("JXZP.COMPLETION");
      expect(formulas).not.toMatch(/JXZP\.(SCORE|GRADE|EXECSCORE)/);
    }
    expect(hint.includes("资金管理")).toBe(def.grid.level1.some((l) => l.kind === "management"));
  });
});
