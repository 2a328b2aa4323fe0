/**
 * Issue 17 §8: a 40,000-character shared formula used by 20,000 cells. When each cell kept its own
 * moved copy of the text the reader held 800 million characters (4.1 GB) and died. Now a cell of
 * a shared formula keeps the first cell's text and its offset; its own text is spelled out only
 * when read, and a message spells out only the start it quotes. Each workbook is checked by
 * `jxzp check --json` as its own process, within the attack suite's bounds (60 s, 500 MB).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { boundedCheck } from "./cli-process";
import { writeOneSheetXlsx } from "./one-sheet-xlsx";

const FIX = path.join(__dirname, "..", "fixtures");
/** 40,000 characters, 13,333 relative references: every one of them moves in every cell. */
const FORMULA = `${"A1+".repeat(13333)}1`;

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "jxzp-shared-formula-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A workbook of one sheet whose A1:B10000 (20,000 cells) share FORMULA; with or without saved results. */
async function sharedEverywhere(file: string, saved: boolean): Promise<void> {
  const rows: string[] = [];
  for (let r = 1; r <= 10000; r++) {
    const cells = ["A", "B"].map((c) => {
      const f = r === 1 && c === "A" ? `<f t="shared" si="0" ref="A1:B10000">${FORMULA}</f>` : `<f t="shared" si="0"/>`;
      return `<c r="${c}${r}">${f}${saved ? "<v>1</v>" : ""}</c>`;
    });
    rows.push(`<row r="${r}">${cells.join("")}</row>`);
  }
  await writeOneSheetXlsx(file, "共享公式", `<sheetData>${rows.join("")}</sheetData>`);
}

interface Out {
  files: { error?: string; sheets: { kind: string; findings: { code: string; cell: string | null; message: string }[] }[] }[];
}

test.each([
  ["with saved results", true],
  ["with no saved results", false],
])("20,000 cells sharing a 40,000-character formula, %s: read in bounded time and memory", async (_, saved) => {
  const file = path.join(tmp, `shared-${saved}.xlsx`);
  await sharedEverywhere(file, saved);
  const r = boundedCheck([file], tmp);
  expect({ signal: r.signal, stderr: r.stderr }).toEqual({ signal: null, stderr: "" });
  // Read whole, but no form in it: nothing was checked, which exit code 2 says (issue 17 §16).
  expect(r.status).toBe(2);
  const out = JSON.parse(r.stdout) as Out;
  expect(out.files[0].error).toBeUndefined();
  expect(out.files[0].sheets[0].findings.map((f) => f.code)).toEqual(["LAYOUT_UNRECOGNIZED"]);
  expect(r.seconds).toBeLessThan(60);
  expect(r.peakKb).toBeLessThan(500 * 1024);
}, 120000);

test("a form whose scores share a 40,000-character formula with no saved results: each cell's message quotes the start of its own formula", async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(FIX, "zhuzhou-2021-department.xlsx"));
  const ws = wb.worksheets[0];
  ws.getCell("H11").value = { formula: `${"G11+".repeat(10000)}0`, shareType: "shared", ref: "H11:H35" } as ExcelJS.CellFormulaValue;
  for (let row = 12; row <= 35; row++) ws.getCell(`H${row}`).value = { sharedFormula: "H11" } as ExcelJS.CellSharedFormulaValue;
  const file = path.join(tmp, "form.xlsx");
  await wb.xlsx.writeFile(file);
  const r = boundedCheck([file], tmp);
  expect(r.stderr).toBe("");
  const form = (JSON.parse(r.stdout) as Out).files[0].sheets[0];
  const unsaved = form.findings.filter((f) => f.code === "FORMULA_NO_VALUE");
  expect(unsaved.length).toBeGreaterThan(10);
  for (const f of unsaved) {
    const row = Number(f.cell!.slice(1));
    // The cell's own formula (moved to its row), cut at 40 characters as every quote is.
    expect(f.message).toContain(`“=${`G${row}+`.repeat(12)}`.slice(0, 41));
    expect(f.message).toMatch(/…”/);
    expect(f.message.length).toBeLessThanOrEqual(400);
  }
  expect(r.peakKb).toBeLessThan(500 * 1024);
}, 120000);
