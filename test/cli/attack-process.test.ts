/**
 * Every hostile workbook of the attack suite (test/fixtures/attack, made by ../shared/attack/gen.py),
 * plus a device, a named pipe and a zip bomb, checked by `jxzp check --json` as a separate
 * process, as a reviewer runs it. Bounds: 60 s per file (spawnSync timeout) and a V8 heap of
 * 512 MB (--max-old-space-size); the peak resident memory, written by the test-only preload
 * peak-rss.cjs, must stay under 500 MB for each file of a few kilobytes. The exit code must be
 * the one the README gives for what the output says: 2 when a file could not be read, else 1
 * when an error-level finding was reported, else 0.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import JSZip from "jszip";
import { foreignWords, isPlainChinese } from "../readers/chinese";
import { BoundedRun, runBounded } from "./cli-process";

const DIR = path.join(__dirname, "..", "fixtures", "attack");
const FILES = fs.readdirSync(DIR).filter((f) => f.endsWith(".xlsx")).sort();
const MB = 1024;

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "jxzp-attack-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Run = BoundedRun;

const run = (...files: string[]): Run => runBounded(tmp, "check", "--json", ...files);

interface Finding {
  severity: string;
  message: string;
}
interface Output {
  files: { file: string; error?: string; notes?: string[]; sheets: { findings: Finding[] }[] }[];
}

/** The exit code the README promises for this output. */
function promisedExit(out: Output): number {
  if (out.files.some((f) => f.error)) return 2;
  return out.files.some((f) => f.sheets.some((s) => s.findings.some((x) => x.severity === "error"))) ? 1 : 0;
}

/** What must never reach a person: a stack trace or a library's words. */
const INTERNALS = /\n\s+at |DecimalError|Invalid string length|sheetNo|richText|JSZip|Corrupted zip|undefined|\[object|NaN(?![^“]*”)|Infinity(?![^“]*”)|e\+\d/;

function expectSaneRun(r: Run, name: string): Output {
  expect({ name, signal: r.signal, status: [0, 1, 2].includes(r.status ?? -1) }).toEqual({ name, signal: null, status: true });
  expect(r.stderr).toBe("");
  const out = JSON.parse(r.stdout) as Output;
  expect(r.status).toBe(promisedExit(out));
  for (const f of out.files) {
    if (f.error) expect(isPlainChinese(f.error)).toBe(true);
    for (const n of f.notes ?? []) expect(isPlainChinese(n)).toBe(true);
    for (const s of f.sheets)
      for (const x of s.findings) {
        expect(x.message).toMatch(/[\u4e00-\u9fff]/);
        // Cell text a finding quotes (“…”) is the form's own; everything else is ours.
        expect({ message: x.message, foreign: foreignWords(x.message) }).toEqual({ message: x.message, foreign: [] });
        expect(x.message).not.toMatch(INTERNALS);
      }
  }
  return out;
}

test("all the attack workbooks are here", () => {
  expect(FILES.length).toBeGreaterThanOrEqual(58);
});

const peaks: [string, number, number][] = [];
afterAll(() => {
  peaks.sort((a, b) => b[1] - a[1]);
  // The figures the closing note reports: the heaviest files by peak memory.
  process.stdout.write(`attack files: peak RSS ${peaks.slice(0, 5).map(([n, kb, s]) => `${n} ${Math.round(kb / MB)} MB ${s.toFixed(2)} s`).join("; ")}\n`);
});

test.each(FILES)("%s: exit code as the README says, Chinese words only, bounded memory and time", (name) => {
  const file = path.join(DIR, name);
  const r = run(file);
  expectSaneRun(r, name);
  peaks.push([name, r.peakKb, r.seconds]);
  expect(r.peakKb).toBeLessThan(500 * MB);
  expect(r.seconds).toBeLessThan(60);
}, 90000);

test("the 2 KB files whose cells or merges reach the sheet's far corner are read in little memory", () => {
  for (const name of FILES.filter((f) => /^11/.test(f))) {
    expect(fs.statSync(path.join(DIR, name)).size).toBeLessThan(4096);
    const r = run(path.join(DIR, name));
    expect(r.status).not.toBeNull();
    expect(r.peakKb).toBeLessThan(300 * MB);
  }
}, 120000);

test("a workbook with a part missing says which, instead of quietly reading less", () => {
  const error = (name: string) => (JSON.parse(run(path.join(DIR, name)).stdout) as Output).files[0].error ?? "";
  expect(error("05-no-sheet1.xlsx")).toContain("缺少工作表“部门整体支出绩效自评表”");
  expect(error("07-no-sharedstrings.xlsx")).toContain("缺少共享字符串表");
  expect(error("04-no-workbook.xlsx")).toContain("缺少工作簿目录");
}, 60000);

test("a device, a named pipe and a folder holding a pipe: refused or skipped at once, never read for ever", () => {
  const fifo = path.join(tmp, "表.xlsx");
  spawnSync("mkfifo", [fifo]);
  expect(fs.statSync(fifo).isFIFO()).toBe(true);
  for (const target of ["/dev/zero", fifo]) {
    const r = run(target);
    const out = expectSaneRun(r, target);
    expect(r.status).toBe(2);
    expect(out.files[0].error).toContain("不是普通文件");
    expect(r.seconds).toBeLessThan(20);
  }
  // A folder lists only its regular files: the pipe in it is not a submission.
  const r = run(tmp);
  expect(r.status).toBe(2);
  expect((JSON.parse(r.stdout) as Output).files.map((f) => path.basename(f.file))).toEqual([path.basename(tmp)]);
}, 60000);

test("a zip bomb (a 300 MB sheet packed into a few hundred kilobytes) is refused before it is unpacked", async () => {
  const zip = new JSZip();
  zip.file("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file("xl/workbook.xml", '<?xml version="1.0"?><workbook><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>');
  zip.file("xl/worksheets/sheet1.xml", Buffer.alloc(300 * 1024 * 1024, 0x20));
  const bomb = path.join(tmp, "bomb.xlsx");
  fs.writeFileSync(bomb, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 1 } }));
  expect(fs.statSync(bomb).size).toBeLessThan(2 * 1024 * 1024);
  const r = run(bomb);
  const out = expectSaneRun(r, "bomb");
  expect(r.status).toBe(2);
  expect(out.files[0].error).toContain("解压后超过");
  expect(r.peakKb).toBeLessThan(200 * MB);
}, 120000);

test("all the attack workbooks in one run: each file's result is kept, the unreadable ones are named", () => {
  const r = run(...FILES.map((f) => path.join(DIR, f)));
  const out = expectSaneRun(r, "all");
  expect(out.files).toHaveLength(FILES.length);
  expect(r.status).toBe(2);
  expect(out.files.filter((f) => !f.error).length).toBeGreaterThan(30);
}, 180000);

test("a number kept as text in scientific notation is read as that number (25-sci-notation-text: 4.2E+03 of 4.1E+04 earns 0.2 of 2)", () => {
  const out = JSON.parse(run(path.join(DIR, "25-sci-notation-text.xlsx")).stdout) as Output;
  const h13 = out.files[0].sheets[0].findings.find((f) => (f as unknown as { cell: string }).cell === "H13");
  expect(h13?.message).toContain("按规则应得 0.2 分");
});
