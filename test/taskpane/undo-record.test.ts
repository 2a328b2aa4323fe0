import { contentInput, contentOf, sameContent } from "../../src/taskpane/host/cell-content";
import { buildFillRecord, undoPlan } from "../../src/taskpane/host/fill-record";
import { parseInput } from "../../src/taskpane/host/memory-workbook";
import { fillsFromXml, fillsToXml, MAX_FILLS, UNDO_NAMESPACE } from "../../src/taskpane/host/undo-xml";
import type { CellWrite } from "../../src/scoring/fill/fill";

const write = (cell: string, current: CellWrite["current"], value: number, formula = ""): CellWrite => ({ cell, kind: "score", current, value, formula, reason: "测试", anchor: null });

describe("cell contents", () => {
  test("what Office.js reports becomes content; empty is null", () => {
    expect(contentOf("", "")).toEqual({ formula: null, value: null });
    expect(contentOf(98, "=SUM(H4:H35)")).toEqual({ formula: "=SUM(H4:H35)", value: 98 });
    expect(contentOf("优", "优")).toEqual({ formula: null, value: "优" });
  });

  test.each([
    ["text that looks like a number", { formula: null, value: "1" }],
    ["text that looks like a formula", { formula: null, value: "=A1" }],
    ["a percentage typed as text", { formula: null, value: "95%" }],
    ["TRUE as text", { formula: null, value: "TRUE" }],
    ["plain text", { formula: null, value: "已完成" }],
    ["markup", { formula: null, value: "<img src=x onerror=alert(1)>" }],
    ["a number", { formula: null, value: 1.95 }],
    ["a boolean", { formula: null, value: true }],
    ["a formula", { formula: '="等级："&JXZP.GRADE(H36)', value: "等级：优" }],
    ["an empty cell", { formula: null, value: null }],
  ])("%s survives being written back as Excel reads input", (_, content) => {
    const typed = parseInput(contentInput(content));
    expect(typed.formula).toBe(content.formula);
    if (content.formula === null) expect(typed.value).toEqual(content.value);
  });

  test("formulas compare as Excel may re-case them", () => {
    expect(sameContent({ formula: "=sum(h4:h35)", value: 1 }, { formula: "=SUM(H4:H35)", value: 2 })).toBe(true);
    expect(sameContent({ formula: null, value: 1 }, { formula: "=1", value: 1 })).toBe(false);
    expect(sameContent({ formula: '=IF(A1 = "", "", JXZP.SCORE(G4,E4,F4))', value: 1 }, { formula: '=IF(A1="","",jxzp.score(g4,e4,f4))', value: 1 })).toBe(true);
    // Text in a string is the person's: a changed case or space there is a change (the old whole-text normalizing missed it).
    expect(sameContent({ formula: '=IFNA(A1,"未完成")', value: 1 }, { formula: '=IFNA(A1,"未 完成")', value: 1 })).toBe(false);
    expect(sameContent({ formula: '=IF(A1,"ok","")', value: 1 }, { formula: '=IF(A1,"OK","")', value: 1 })).toBe(false);
  });
});

describe("fill records", () => {
  const before = new Map([
    ["H4", { formula: null, value: null }],
    ["H36", { formula: "=SUM(H5:H35)", value: 98 }],
  ]);

  test("a record keeps before and after of every cell", () => {
    const r = buildFillRecord("表", [write("H4", null, 10, "=JXZP.EXECSCORE(F4,D4,E4)"), write("H36", 98, 99.88, "=SUM(H4,H11:H35)")], true, before);
    expect(r.cells).toEqual([
      { cell: "H4", before: { formula: null, value: null }, after: { formula: "=JXZP.EXECSCORE(F4,D4,E4)", value: 10 }, anchor: null },
      { cell: "H36", before: { formula: "=SUM(H5:H35)", value: 98 }, after: { formula: "=SUM(H4,H11:H35)", value: 99.88 }, anchor: null },
    ]);
  });

  test("a cell changed since the plan stops the whole fill", () => {
    expect(() => buildFillRecord("表", [write("H4", null, 10), write("H36", 90, 99.88)], false, before)).toThrow(/H36 在生成填写方案后已被改动/);
    expect(() => buildFillRecord("表", [], false, before)).toThrow("填写方案中没有要写入的单元格。");
  });

  test("undo restores untouched cells and keeps changed ones", () => {
    const r = buildFillRecord("表", [write("H4", null, 10), write("H36", 98, 99.88, "=SUM(H4)")], true, before);
    const plan = undoPlan(
      r,
      new Map([
        ["H4", { formula: null, value: 7 }],
        ["H36", { formula: "=SUM(H4)", value: 107 }],
      ]),
    );
    expect(plan.keep).toEqual(["H4"]);
    expect(plan.restore.map((c) => c.cell)).toEqual(["H36"]);
  });

  test("undo keeps a cell whose row is no longer the one it was (a row inserted above moved the form)", () => {
    const w = { ...write("H14", null, 2), anchor: { cell: "D14", value: "2021年城乡居民市本级支出" } };
    const r = buildFillRecord("表", [w], false, new Map([["H14", { formula: null, value: null }]]));
    const same = undoPlan(r, new Map([["H14", { formula: null, value: 2 }], ["D14", { formula: null, value: "2021年城乡居民市本级支出" }]]));
    expect(same.restore.map((c) => c.cell)).toEqual(["H14"]);
    const moved = undoPlan(r, new Map([["H14", { formula: null, value: 2 }], ["D14", { formula: null, value: null }]]));
    expect(moved).toEqual({ restore: [], keep: ["H14"] });
  });
});

describe("the snapshot part", () => {
  const rec = (i: number) => buildFillRecord("表<&>", [write("H4", null, i)], false, new Map([["H4", { formula: null, value: null }]]), new Date(2024, 0, i + 1));

  test("round-trips through XML, markup and ampersands included", () => {
    const fills = [rec(1), rec(2)];
    const xml = fillsToXml(fills);
    expect(xml).toContain(`xmlns="${UNDO_NAMESPACE}"`);
    expect(xml).not.toMatch(/表<&>/);
    expect(fillsFromXml(xml)).toEqual(fills);
  });

  test("keeps the newest fills only", () => {
    const many = Array.from({ length: MAX_FILLS + 5 }, (_, i) => rec(i));
    const back = fillsFromXml(fillsToXml(many));
    expect(back).toHaveLength(MAX_FILLS);
    expect(back[back.length - 1].at).toBe(many[many.length - 1].at);
  });

  test("an unreadable part reads as no fills", () => {
    expect(fillsFromXml("<fills>{not json</fills>")).toEqual([]);
    expect(fillsFromXml(null)).toEqual([]);
    expect(fillsFromXml(`<fills xmlns="${UNDO_NAMESPACE}"/>`)).toEqual([]);
  });
});
