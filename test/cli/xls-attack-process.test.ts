/**
 * Hostile and damaged .xls files, each checked by `jxzp check --json` as its own process within
 * the bounds of attack-process.test.ts (60 s, a 512 MB heap, under 500 MB peak memory): the
 * public file that made `cfb` exhaust V8's memory, compound files with looping or misaligned
 * chains made from a real form, 10,000 copies of one merge, 2,000 sheet entries for one
 * substream, and sheets reaching the edge of the reading area. Each must end as the README says:
 * exit 2 with a Chinese message when unreadable, else read with what was left out in the notes.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { isPlainChinese } from "../readers/chinese";
import { biffStream, compoundWith, LABEL, MERGES, NUMBER } from "../readers/biff-build";
import { damaged, HARMLESS, VARIANTS } from "../readers/compound-variants";
import { BoundedRun, runBounded } from "./cli-process";

const FIX = path.join(__dirname, "..", "fixtures");
const MB = 1024;

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "jxzp-xls-attack-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Output {
  files: { file: string; format?: string; error?: string; notes?: string[]; sheets: unknown[] }[];
}

function check(name: string, bytes: Uint8Array): { run: BoundedRun; out: Output } {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, bytes);
  const run = runBounded(tmp, "check", "--json", file);
  expect({ name, signal: run.signal, stderr: run.stderr }).toEqual({ name, signal: null, stderr: "" });
  expect(run.seconds).toBeLessThan(60);
  expect(run.peakKb).toBeLessThan(500 * MB);
  const out = JSON.parse(run.stdout) as Output;
  for (const f of out.files) {
    if (f.error) expect(isPlainChinese(f.error)).toBe(true);
    for (const n of f.notes ?? []) expect(isPlainChinese(n)).toBe(true);
  }
  return { run, out };
}

const SOURCE = fs.readFileSync(path.join(FIX, "formats", "huangshi-2021-project.xls"));

test("the public file that made V8 die of memory inside cfb (Test_git_issue_382_oom.xls, 25 KB): one damaged file, exit 2", () => {
  const { run, out } = check("382.xls", fs.readFileSync(path.join(FIX, "public", "Test_git_issue_382_oom.xls")));
  expect(run.status).toBe(2);
  expect(out.files[0].error).toContain(".xls 工作簿内容已损坏");
  expect(run.peakKb).toBeLessThan(200 * MB);
}, 90000);

test.each(VARIANTS.filter((v) => !HARMLESS.includes(v)))("a real form's compound file with %s: one damaged file, exit 2, in little memory", (variant) => {
  const { run, out } = check(`${variant}.xls`, damaged(SOURCE, variant));
  expect(run.status).toBe(2);
  expect(out.files[0].error).toMatch(/^\.xls 工作簿内容已损坏/);
  expect(run.peakKb).toBeLessThan(200 * MB);
}, 90000);

test.each(HARMLESS)("a real form's compound file with %s (past what the workbook needs): the form is read and checked", (variant) => {
  const { run, out } = check(`${variant}.xls`, damaged(SOURCE, variant));
  expect(out.files[0].error).toBeUndefined();
  expect(out.files[0].format).toBe("xls");
  expect(out.files[0].sheets.length).toBeGreaterThan(0);
  expect([0, 1]).toContain(run.status);
}, 90000);

const FORM = [...LABEL(0, 0, "项目名称"), ...NUMBER(1, 0, 2060), ...NUMBER(24, 9, 99.5)];

test("10,000 copies of the merge A1:GR10000 over a form: read in seconds, the copies named in a note", () => {
  const copies = Array.from({ length: 10000 }, () => [0, 9999, 0, 199] as [number, number, number, number]);
  const { run, out } = check("merges.xls", compoundWith(biffStream([{ name: "表", body: [...FORM, ...MERGES(copies)] }])));
  expect(out.files[0].notes).toEqual(["工作表“表”有 9999 个重复的合并区域（如 A1:GR10000），已略去。"]);
  expect(run.seconds).toBeLessThan(20);
}, 90000);

test("2,000 sheet entries naming one far-reaching substream: it is read once, in little memory", () => {
  const far = [...FORM, ...NUMBER(9999, 199, 1)];
  const sheets = [{ name: "表一", body: far }, ...Array.from({ length: 2000 }, (_, i) => ({ name: `副本${i}`, body: [], pointAt: 0 }))];
  const { run, out } = check("entries.xls", compoundWith(biffStream(sheets)));
  expect(out.files[0].notes).toEqual(["有 2000 个工作表（如“副本0”）与其他工作表指向同一份内容，未重复读取。"]);
  expect(out.files[0].sheets).toHaveLength(1);
  expect(run.peakKb).toBeLessThan(300 * MB);
}, 90000);

test("20 distinct sheets each reaching the edge of the reading area: read until 4 million cells, the rest named", () => {
  const sheets = Array.from({ length: 20 }, (_, i) => ({ name: `表${i + 1}`, body: [...FORM, ...NUMBER(9999, 199, i)] }));
  const { out } = check("far.xls", compoundWith(biffStream(sheets)));
  expect(out.files[0].sheets).toHaveLength(2);
  expect(out.files[0].notes).toEqual(["工作簿中已读的工作表合计超过 400 万个单元格，工作表“表3”及其后 17 个工作表未读取。"]);
}, 90000);
