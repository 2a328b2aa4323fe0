/**
 * Issue 5, proof 2: a blank template is a form waiting for its figures, not a form with
 * mistakes. Validated as the .xlsx holds it (formulas not yet calculated) and as Excel shows
 * it (formulas calculated), every template reads back as its own kind with no error finding.
 */
import { readWorkbookBuffer } from "../../src/readers/xlsx-file";
import { templateWorkbookBuffer } from "../../src/cli/template-xlsx";
import { parseA1 } from "../../src/scoring/grid/address";
import { evaluateOneForm } from "../scoring/one-form";
import { buildTemplate, TEMPLATE_KINDS, type TemplateKind, type TemplateOptions } from "../../src/scoring/templates";
import { computeWorksheet, loadSheet } from "./computed-grid";

const READS_AS: Record<TemplateKind, string> = {
  project: "project",
  project20: "project",
  department: "department",
  transfer: "transfer",
  completion: "completion",
};

const VARIANTS: [string, TemplateOptions][] = [
  ["defaults", {}],
  ["no rows under any level 2", { rowsPerLevel2: 0 }],
  ["one row each", { rowsPerLevel2: 1 }],
  ["seven rows each", { rowsPerLevel2: 7 }],
  ["rows by name", { rowsPerLevel2: { 数量指标: 9, 质量指标: 4, 时效指标: 0, 成本指标: 0, 生态效益指标: 0 } }],
];

const PROFILES: Partial<Record<TemplateKind, string[]>> = { project: ["deviation", "grades4", "exec20"], department: ["grades4"] };

const cases: [TemplateKind, string, TemplateOptions][] = [];
for (const kind of TEMPLATE_KINDS) {
  for (const [label, opts] of VARIANTS) cases.push([kind, label, { year: 2025, unit: "某某单位", project: "某某项目", ...opts }]);
  for (const p of PROFILES[kind] ?? []) cases.push([kind, `profile ${p}`, { year: 2025, profile: p }]);
}

describe.each(cases)("blank %s (%s)", (kind, _label, opts) => {
  const build = buildTemplate(kind, opts);
  let bytes: Buffer;
  beforeAll(async () => {
    bytes = await templateWorkbookBuffer([build]);
  });

  test("as stored: its own kind, no error finding", async () => {
    const [grid] = await readWorkbookBuffer(bytes);
    const r = evaluateOneForm(grid);
    expect(r.kind).toBe(READS_AS[kind]);
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
    // Nothing is filled in: no total is computed (the transfer form's preset 资金管理 scores do not make one).
    expect(r.total.computed).toBeNull();
    expect(r.grade.computed).toBeNull();
  });

  test("as calculated: blank scores, blank total and grade, no error cell, no error finding", async () => {
    const { ws } = await loadSheet(bytes);
    const c = computeWorksheet(ws);
    expect(c.errors).toEqual([]);
    const r = evaluateOneForm(c.grid);
    expect(r.kind).toBe(READS_AS[kind]);
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(r.findings.filter((f) => f.severity === "warning")).toEqual([]);
    const at = (a1: string) => {
      const p = parseA1(a1)!;
      return c.grid.values[p.row]?.[p.col] ?? null;
    };
    for (const row of build.map.rows.filter((x) => x.kind !== "management")) {
      // A formula with nothing to score shows an empty text, as in Excel: not 0, not an error.
      if (row.score) expect(at(row.score)).toBe("");
      if (row.completion) expect(at(row.completion)).toBe("");
    }
    const fundTotal = build.map.fund.find((f) => f.isTotal)!;
    expect(at(fundTotal.rate)).toBe("");
    if (fundTotal.score) expect(at(fundTotal.score)).toBe("");
    if (build.map.total) {
      expect(at(build.map.total.score)).toBe("");
      expect(at(build.map.total.weight)).toBe(100);
      expect(at(build.map.grade!)).toBe("");
      expect(r.total.weightSum).toBe(100);
      expect(r.total.stated).toBeNull();
    }
  });
});
