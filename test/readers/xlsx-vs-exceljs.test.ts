/**
 * The streaming reader against the former one: every .xlsx under test/fixtures is read by both,
 * and the grids must be the same cell for cell (values, number formats, formulas), with the same
 * merges, sheet names and notes. Where they differ on purpose the difference is asserted below
 * with the reason; files ExcelJS cannot read are compared in xlsx-reader.test.ts instead.
 */
import * as fs from "fs";
import * as path from "path";
import { BuiltGrid } from "../../src/readers/grid-builder";
import { formulaText } from "../../src/scoring/grid/grid";
import { readXlsx } from "../../src/readers/xlsx";
import { openZip } from "../../src/readers/zip-package";
import { readWithExcelJS } from "./exceljs-grid";

const FIX = path.join(__dirname, "..", "fixtures");

function workbooks(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return workbooks(p);
    return /\.xlsx$/i.test(e.name) ? [p] : [];
  });
}

/** ExcelJS makes a cell object for each of the 17 billion cells of this merge and runs out of memory. */
const EXCELJS_DIES = new Set(["attack/11g-merge-whole-sheet.xlsx"]);

const FILES = workbooks(FIX)
  .map((f) => path.relative(FIX, f))
  .filter((f) => !EXCELJS_DIES.has(f))
  .sort();

async function ours(bytes: Uint8Array): Promise<BuiltGrid[] | string> {
  try {
    const x = await readXlsx(await openZip(bytes));
    return x.grids.map((grid, i) => ({ grid, ...(x.notes[i] ? { note: x.notes[i] } : {}) }));
  } catch (e) {
    return String((e as Error).message);
  }
}

async function theirs(bytes: Uint8Array): Promise<BuiltGrid[] | string> {
  try {
    return await readWithExcelJS(bytes);
  } catch (e) {
    return `ExcelJS: ${String((e as Error).message)}`;
  }
}

/** A value as the messages show it: NaN and Infinity by name, which JSON would call null. */
function show(v: unknown): string {
  return typeof v === "number" && !Number.isFinite(v) ? String(v) : JSON.stringify(v);
}

/** Where two readings differ, as `sheet!A1: field a ≠ b` lines (at most a few per sheet). */
function differences(a: BuiltGrid[], b: BuiltGrid[]): string[] {
  const out: string[] = [];
  if (a.length !== b.length) out.push(`sheets ${a.map((x) => x.grid.sheet).join("|")} ≠ ${b.map((x) => x.grid.sheet).join("|")}`);
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i].grid;
    const y = b[i].grid;
    const name = x.sheet;
    if (x.sheet !== y.sheet) out.push(`sheet name ${x.sheet} ≠ ${y.sheet}`);
    if (a[i].note !== b[i].note) out.push(`${name}: note ${a[i].note} ≠ ${b[i].note}`);
    if (JSON.stringify([...x.merges].sort()) !== JSON.stringify([...y.merges].sort())) out.push(`${name}: merges ${x.merges.length} ≠ ${y.merges.length}`);
    if (x.values.length !== y.values.length || (x.values[0]?.length ?? 0) !== (y.values[0]?.length ?? 0))
      out.push(`${name}: size ${x.values.length}×${x.values[0]?.length ?? 0} ≠ ${y.values.length}×${y.values[0]?.length ?? 0}`);
    let n = out.length;
    const limit = n + 5;
    for (let r = 0; r < Math.min(x.values.length, y.values.length) && n < limit; r++) {
      for (let c = 0; c < Math.min(x.values[r].length, y.values[r].length) && n < limit; c++) {
        const at = `${name}!R${r + 1}C${c + 1}`;
        // ExcelJS keeps an empty text as ""; the new reader leaves such a cell null. The core reads
        // both as an empty cell (Sheet.value), so they count as the same.
        const same = Object.is(x.values[r][c], y.values[r][c]) || (x.values[r][c] === null && y.values[r][c] === "" && !y.formulas?.[r]?.[c]);
        if (!same) out.push(`${at}: value ${show(x.values[r][c])} ≠ ${show(y.values[r][c])}`);
        // The new reader keeps the format of cells with a value only (an empty cell's is never read).
        const [fx, fy] = [formulaText(x.formulas?.[r]?.[c]), formulaText(y.formulas?.[r]?.[c])];
        const held = x.values[r][c] !== null || fx !== null;
        if (held && (x.numberFormats?.[r]?.[c] ?? null) !== (y.numberFormats?.[r]?.[c] ?? null)) out.push(`${at}: format ${x.numberFormats?.[r]?.[c]} ≠ ${y.numberFormats?.[r]?.[c]}`);
        if (fx !== fy) out.push(`${at}: formula ${fx} ≠ ${fy}`);
        n = out.length;
      }
    }
  }
  return out;
}

/**
 * Files ExcelJS cannot read at all (its English message is what the old reader turned into
 * “damaged”): the new reader refuses them too, with a message that says why.
 */
const BOTH_REFUSE: Record<string, string> = {
  "attack/01-empty.xlsx": "文件不完整",
  "attack/02-random.xlsx": "文件不完整",
  "attack/03-truncated-half.xlsx": "文件不完整",
  "attack/03b-truncated-tail.xlsx": "文件不完整",
  "attack/09-broken-xml-truncated.xlsx": "的 XML 格式错误",
  "attack/09b-broken-xml-garbage.xlsx": "的 XML 格式错误",
  "attack/09c-broken-xml-unclosed.xlsx": "的 XML 格式错误",
  "attack/09d-xml-entity-billion-laughs.xlsx": "不允许的文档类型声明",
  // Raw control characters are not XML; ExcelJS's parser (saxes, as ours) stops there too.
  "attack/18b-sst-control-raw.xlsx": "共享字符串表 xl/sharedStrings.xml 的 XML 格式错误",
  "attack/18c-sst-index-out-of-range.xlsx": "单元格 B4 引用的共享字符串 999999 不存在",
};

/** Files ExcelJS reads wrongly without a word, which the new reader refuses, saying what is missing. */
const ONLY_EXCELJS_READS: Record<string, string> = {
  // No workbook part: ExcelJS reads an empty workbook (the old reader refused it before ExcelJS).
  "attack/04-no-workbook.xlsx": "缺少工作簿目录 xl/workbook.xml",
  "attack/08-empty-zip.xlsx": "缺少工作簿目录 xl/workbook.xml",
  "attack/08b-zip-txt.xlsx": "缺少工作簿目录 xl/workbook.xml",
  // ExcelJS leaves out a sheet whose part is missing, and the form goes unchecked.
  "attack/05-no-sheet1.xlsx": "缺少工作表“部门整体支出绩效自评表”的内容",
  // ExcelJS reads every shared-string cell as empty: “not a form”.
  "attack/07-no-sharedstrings.xlsx": "缺少共享字符串表 xl/sharedStrings.xml",
};

/** Cells the two readers read differently on purpose, by file: `sheet!RnCm: value ours ≠ ExcelJS`. */
const INTENDED: Record<string, string[]> = {
  // A t="d" cell is an ISO date: its serial (44197 for 2021-01-01), where ExcelJS takes parseFloat
  // of the text (2021); a date that is not one stays the text it is, where ExcelJS gives NaN.
  "attack/15-dates.xlsx": ['部门整体支出绩效自评表!R11C6: value "not-a-date" ≠ NaN', "部门整体支出绩效自评表!R11C8: value 44197 ≠ 2021"],
  // A hyperlink's cell holds its own value, the number 1.95; ExcelJS turns it into the text "1.95".
  "attack/17-hyperlinks.xlsx": ['部门整体支出绩效自评表!R11C8: value 1.95 ≠ "1.95"'],
  // A number cell whose text is not a finite number is kept as that text; ExcelJS gives NaN or
  // Infinity, which no host ever reports and which the core must then guard against.
  "attack/20-huge-numbers.xlsx": [
    '部门整体支出绩效自评表!R13C7: value "NaN" ≠ NaN',
    '部门整体支出绩效自评表!R13C8: value "Infinity" ≠ Infinity',
    '部门整体支出绩效自评表!R14C7: value "abc" ≠ NaN',
    '部门整体支出绩效自评表!R36C8: value "1e309" ≠ Infinity',
  ],
  "attack/24-nan-from-adapter.xlsx": [
    '部门整体支出绩效自评表!R4C4: value "garbage" ≠ NaN',
    '部门整体支出绩效自评表!R11C7: value "abc" ≠ NaN',
    '部门整体支出绩效自评表!R36C8: value "1e999" ≠ Infinity',
  ],
};

const compared: string[] = [];

test.each(FILES)("%s: the same grids as ExcelJS, or the difference intended", async (file) => {
  const bytes = new Uint8Array(fs.readFileSync(path.join(FIX, file)));
  const a = await ours(bytes);
  const b = await theirs(bytes);
  if (file in BOTH_REFUSE) {
    expect(typeof b).toBe("string");
    expect(a).toEqual(expect.stringContaining(BOTH_REFUSE[file]));
    return;
  }
  if (file in ONLY_EXCELJS_READS) {
    expect(typeof b).not.toBe("string");
    expect(a).toEqual(expect.stringContaining(ONLY_EXCELJS_READS[file]));
    return;
  }
  if (file === "attack/12b-hostile-sheet-names.xlsx") {
    // ExcelJS refuses a sheet name Excel would not let one type (`=cmd|' /C calc'!A0`); a name is
    // only text to the core and is shown as text, so the new reader reads the sheet.
    expect(b).toEqual(expect.stringContaining("ExcelJS: Worksheet name"));
    expect(typeof a).not.toBe("string");
    expect((a as BuiltGrid[]).map((g) => g.grid.sheet)).toContain("=cmd|' /C calc'!A0");
    return;
  }
  if (typeof a === "string" || typeof b === "string") throw new Error(`${file}: ours ${typeof a === "string" ? a : "read"}, ExcelJS ${typeof b === "string" ? b : "read"}`);
  expect(differences(a, b)).toEqual(INTENDED[file] ?? []);
  compared.push(file);
}, 120000);

test("most fixture workbooks were compared cell for cell", () => {
  expect(compared.length).toBeGreaterThanOrEqual(65);
});
