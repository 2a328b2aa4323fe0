/**
 * Issue 17 §4 and §10: in a batch every file fails alone, wherever it is read — a file that
 * exhausts a checker's memory is reported as 内存不足 and every other file is checked, with one
 * checker or several — and `--jobs` asks for no more checkers than there are cores.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { allCores, checkersFor } from "../../src/cli/batch";
import { BIN, ROOT } from "./cli-process";
import { writeOneSheetXlsx } from "./one-sheet-xlsx";

const FIXTURES = path.join(ROOT, "test", "fixtures");
const FORMS = ["zhuzhou-2021-department.xlsx", "huangshi-2021-project.xlsx", "panzhihua-2021-completion.xlsx"].map((f) => path.join(FIXTURES, f));

let tmp: string;
let heavy: string;

/** A 1.4 MB workbook of half a million long texts: far more than a 64 MB heap holds once read. */
async function heavyWorkbook(file: string): Promise<void> {
  const rows: string[] = [];
  for (let r = 1; r <= 5000; r++) {
    let c = "";
    for (let k = 0; k < 100; k++) c += `<c t="inlineStr"><is><t>文字${r}-${k}${"x".repeat(40)}</t></is></c>`;
    rows.push(`<row r="${r}">${c}</row>`);
  }
  await writeOneSheetXlsx(file, "s", `<sheetData>${rows.join("")}</sheetData>`);
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "jxzp-batch-isolation-"));
  heavy = path.join(tmp, "大文件.xlsx");
  await heavyWorkbook(heavy);
}, 60000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Output {
  files: { file: string; error?: string; sheets: unknown[] }[];
}

function check(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, "check", "--json", ...args], { cwd: ROOT, encoding: "utf8", timeout: 120000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } });
  return { status: r.status, signal: r.signal, stderr: r.stderr, out: r.stdout ? (JSON.parse(r.stdout) as Output) : null };
}

test.each(["1", "2"])("--jobs %s: a file that runs out of memory fails alone; the files before and after it are checked", (jobs) => {
  // The heavy file sits among the forms, so that with two checkers it lands on each in turn.
  const files = [FORMS[0], heavy, FORMS[1], FORMS[2]];
  const r = check({ JXZP_WORKER_MEMORY_MB: "64" }, "--jobs", jobs, ...files);
  expect(r.signal).toBeNull();
  expect(r.stderr).toBe("");
  expect(r.status).toBe(2);
  expect(r.out!.files.map((f) => f.file)).toEqual(files);
  const [a, h, b, c] = r.out!.files;
  expect(h.error).toContain("内存不足");
  for (const f of [a, b, c]) {
    expect(f.error).toBeUndefined();
    expect(f.sheets.length).toBeGreaterThan(0);
  }
}, 180000);

test("the same file checked with the default memory is read (the bound above is what failed it)", () => {
  const r = check({}, heavy);
  expect(r.signal).toBeNull();
  // Read whole: no error, its sheet reported (exit 2 stays, for a file with no form in it, §16).
  expect(r.out!.files[0].error).toBeUndefined();
  expect(r.out!.files[0].sheets.length).toBe(1);
}, 120000);

test("--jobs asks for no more checkers than the cores there are, nor than the files", () => {
  expect(checkersFor(100, 1000)).toBe(allCores());
  expect(checkersFor(100, 3)).toBe(Math.min(3, allCores()));
  expect(checkersFor(1, 1000)).toBe(1);
  expect(checkersFor(2, 0)).toBe(1);
});

test("--jobs 100 gives the same output as --jobs 1", () => {
  const one = spawnSync(process.execPath, [BIN, "check", "--json", "--jobs", "1", ...FORMS], { cwd: ROOT, encoding: "utf8" });
  const many = spawnSync(process.execPath, [BIN, "check", "--json", "--jobs", "100", ...FORMS], { cwd: ROOT, encoding: "utf8" });
  expect(many.status).toBe(one.status);
  expect(many.stdout).toBe(one.stdout);
}, 120000);
