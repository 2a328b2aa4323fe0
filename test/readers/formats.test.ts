/**
 * The same forms read from .xlsx, from .xls (saved by LibreOffice as Excel 97–2003) and from
 * .docx (the sheets as Word tables, made by LibreOffice Writer): the grids agree cell by cell
 * and merge by merge, and the engine finds the same in them. Fixtures: scripts/make-format-fixtures.js.
 */
import * as fs from "fs";
import * as path from "path";
import Decimal from "decimal.js";
import { readDocument, ReadDocument } from "../../src/readers/document";
import { isPercentFormat } from "../../src/scoring/values/amount";
import { evaluateOneForm } from "../scoring/one-form";
import type { CellValue, Grid } from "../../src/scoring/grid/grid";

const FIX = path.join(__dirname, "..", "fixtures");
const FORMS = ["huangshi-2021-project", "zhuzhou-2021-department", "panzhihua-2021-completion"];

const read = (file: string): Promise<ReadDocument> => readDocument(fs.readFileSync(file), file);

/** A cell as Calc shows it, for comparing with the text Word holds: percentages by their format's places. */
function shown(v: CellValue, format: string | null): string | null {
  if (v === null) return null;
  if (typeof v === "number" && isPercentFormat(format)) {
    const places = /0\.(0+)%/.exec(format!)?.[1].length ?? 0;
    return `${new Decimal(v).times(100).toFixed(places)}%`;
  }
  // HTML, the way Calc hands a table to Writer, folds runs of spaces into one.
  return String(v).replace(/ {2,}/g, " ");
}

function cells(g: Grid): [string, CellValue][] {
  const out: [string, CellValue][] = [];
  g.values.forEach((row, r) => row.forEach((v, c) => v !== null && out.push([`${r},${c}`, v])));
  return out;
}

/** What a report says, without the sheet's name (a Word table is named by its caption). */
function figures(g: Grid) {
  const r = evaluateOneForm(g);
  // Only the message about a sheet with no form names the sheet; others may quote a cell that reads like it.
  return { ...r, sheet: "", findings: r.findings.map((f) => (f.code === "LAYOUT_UNRECOGNIZED" ? { ...f, message: f.message.split(g.sheet).join("") } : f)) };
}

describe.each(FORMS)("%s", (name) => {
  let xlsx: ReadDocument;
  let xls: ReadDocument;
  let docx: ReadDocument;
  beforeAll(async () => {
    xlsx = await read(path.join(FIX, `${name}.xlsx`));
    xls = await read(path.join(FIX, "formats", `${name}.xls`));
    docx = await read(path.join(FIX, "formats", `${name}.docx`));
  });

  test("read by content as xlsx, xls and docx, one grid per sheet or table", () => {
    expect([xlsx.format, xls.format, docx.format]).toEqual(["xlsx", "xls", "docx"]);
    expect(xls.grids.map((g) => g.sheet)).toEqual(xlsx.grids.map((g) => g.sheet));
    expect(docx.grids).toHaveLength(xlsx.grids.length);
    // Each table is named by the caption before it.
    expect(docx.grids.map((g) => g.sheet)).toEqual(xlsx.grids.map((g, i) => `附件${i + 1}：${g.sheet}绩效自评表`));
  });

  test(".xls: the same values, number formats and merges as the .xlsx", () => {
    xlsx.grids.forEach((g, i) => {
      const x = xls.grids[i];
      expect(cells(x)).toEqual(cells(g));
      const formats = (grid: Grid) => cells(grid).map(([k]) => { const [r, c] = k.split(",").map(Number); return grid.numberFormats?.[r]?.[c] ?? null; });
      expect(formats(x)).toEqual(formats(g));
      expect([...x.merges].sort()).toEqual([...g.merges].sort());
    });
  });

  test(".docx: each cell's text as the sheet shows it, and the same merges (gridSpan, vMerge)", () => {
    xlsx.grids.forEach((g, i) => {
      const d = docx.grids[i];
      const expected = cells(g).map(([k, v]) => { const [r, c] = k.split(",").map(Number); return [k, shown(v, g.numberFormats?.[r]?.[c] ?? null)]; });
      expect(cells(d)).toEqual(expected);
      expect([...d.merges].sort()).toEqual([...g.merges].sort());
      expect(g.merges.length).toBeGreaterThan(10);
    });
  });

  test("the engine finds the same in all three", () => {
    xlsx.grids.forEach((g, i) => {
      const want = figures(g);
      expect(figures(xls.grids[i])).toEqual(want);
      expect(figures(docx.grids[i])).toEqual(want);
    });
  });
});

test("an .xls of the cell kinds a form may hold reads as its .xlsx: formula results, booleans, errors, dates, long shared strings, hidden sheets", async () => {
  const xlsx = await read(path.join(FIX, "formats", "features.xlsx"));
  const xls = await read(path.join(FIX, "formats", "features.xls"));
  expect(xls.grids.map((g) => g.sheet)).toEqual(["资金与指标", "说明"]);
  const [a, b] = [xlsx.grids[0], xls.grids[0]];
  // B6 is a text formula: LibreOffice writes its result to .xls as 0 (see the fixture script).
  const without = (g: Grid) => cells(g).filter(([k]) => k !== "5,1");
  expect(without(b)).toEqual(without(a));
  expect(b.values[2]).toEqual(["合计", 2060, 2059.18, 2059.18 / 2060, 19.99, "按执行率计分"]);
  expect(b.values[5].slice(2)).toEqual([true, "#DIV/0!", true, false]);
  expect(b.values[6].slice(1, 4)).toEqual([44561, 0.9589, 48.44]);
  expect((b.values[11][0] as string).length).toBe(8406);
  expect(b.values[11][0]).toBe(a.values[11][0]);
  const format = (g: Grid, r: number, c: number) => (g.numberFormats?.[r]?.[c] ?? "").replace(/\\/g, "");
  expect([format(b, 2, 3), format(b, 6, 1), format(b, 6, 2), format(b, 6, 3)]).toEqual(["0.00%", "yyyy-mm-dd", "0%", '0.00"万元"']);
  expect([...b.merges].sort()).toEqual(["A1:F1", "A9:B11"]);
});
