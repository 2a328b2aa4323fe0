/**
 * Metamorphic tests (issue 8): every fixture and corpus sheet, changed the ways real forms
 * differ, must read as the same form — same kind, computed total, grade and error codes. A sheet
 * that stacks several forms (stacked-forms.xlsx) must read as the same forms; the variants change
 * its first form, and the forms below it must not notice.
 */
import * as fs from "fs";
import * as path from "path";
import { readWorkbookFile } from "../../src/readers/xlsx-file";
import { evaluateSheet } from "../../src/scoring/evaluate";
import type { Grid } from "../../src/scoring/grid/grid";
import { readForm } from "../../src/scoring/read/read-form";
import type { SheetReport } from "../../src/scoring/findings/sheet-report";
import { combined, VARIANTS } from "./form-variants";

const FIX = path.join(__dirname, "..", "fixtures");
const files = [
  ...fs.readdirSync(FIX).filter((f) => f.endsWith(".xlsx")).map((f) => path.join(FIX, f)),
  ...["corpus", "real", "shapes"].flatMap((dir) =>
    fs
      .readdirSync(path.join(FIX, dir))
      .filter((f) => f.endsWith(".xlsx"))
      .map((f) => path.join(FIX, dir, f)),
  ),
];

const summary = (r: SheetReport) => ({
  kind: r.kind,
  computed: r.total.computed,
  grade: r.grade.computed,
  errors: [...new Set(r.findings.filter((f) => f.severity === "error").map((f) => f.code))].sort(),
});

/** Every form of a sheet, summarised (most sheets hold one). */
const forms = (g: Grid) => ({ sheet: g.sheet, forms: evaluateSheet(g).map(summary) });

let sheets: Grid[] = [];
beforeAll(async () => {
  for (const f of files) sheets.push(...(await readWorkbookFile(f)));
  sheets = sheets.filter((g) => evaluateSheet(g).some((r) => r.kind !== "unknown"));
});

let ran = 0;
afterAll(() => {
  console.log(`metamorphic variants run: ${ran}`);
});

test("there are forms to vary", () => {
  expect(sheets.length).toBeGreaterThanOrEqual(30);
});

describe.each(Object.keys(VARIANTS))("variant %s", (name) => {
  test("every form reads the same: kind, computed total, grade, error codes", () => {
    let applied = 0;
    for (const g of sheets) {
      const before = forms(g);
      const changed = VARIANTS[name](g, readForm(g));
      if (!changed) continue;
      applied++;
      ran++;
      expect(forms(changed)).toEqual(before);
    }
    expect(applied).toBeGreaterThan(0);
  });
});

test("all variants at once: each form still reads the same", () => {
  for (const g of sheets) {
    ran++;
    expect(forms(combined(g))).toEqual(forms(g));
  }
});
