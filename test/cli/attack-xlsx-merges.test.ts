/**
 * A sibling of issue 17 §5 and §6 in .xlsx: a sheet part of nothing but `<mergeCell>` entries.
 * 3 million of them pack into 15 MB; each kept as an area cost the reader 950 MB and 11 s. A sheet
 * keeps at most 100,000 merged areas (the .xls reader's bound) and says how many it left out.
 * Each workbook is checked by `jxzp check --json` as its own process, within the attack bounds.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { MERGE_LIMIT } from "../../src/readers/grid-builder";
import { readDocument } from "../../src/readers/document";
import { boundedCheck } from "./cli-process";
import { writeOneSheetXlsx } from "./one-sheet-xlsx";

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "jxzp-xlsx-merges-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** One sheet: a text in A1, then `count` merged areas (A1:B2, A3:B4, … one under another, or all the same). */
async function mergesWorkbook(file: string, count: number, same: boolean): Promise<void> {
  const merges: string[] = [];
  for (let i = 0; i < count; i++) merges.push(same ? '<mergeCell ref="A1:GR10000"/>' : `<mergeCell ref="A${2 * i + 1}:B${2 * i + 2}"/>`);
  await writeOneSheetXlsx(file, "合并", `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>表</t></is></c></row></sheetData><mergeCells count="${count}">${merges.join("")}</mergeCells>`);
}

interface Out {
  files: { error?: string; notes?: string[]; sheets: unknown[] }[];
}

test("3 million merged areas, one under another: the first 100,000 kept, the rest counted in a note, within the bounds", async () => {
  const file = path.join(tmp, "distinct.xlsx");
  await mergesWorkbook(file, 3_000_000, false);
  const r = boundedCheck([file], tmp);
  expect({ signal: r.signal, stderr: r.stderr }).toEqual({ signal: null, stderr: "" });
  const out = JSON.parse(r.stdout) as Out;
  expect(out.files[0].error).toBeUndefined();
  expect(out.files[0].notes).toEqual([`工作表“合并”的合并区域超过 10 万个，其后的 ${3_000_000 - MERGE_LIMIT} 个未读取。`]);
  expect(r.seconds).toBeLessThan(60);
  expect(r.peakKb).toBeLessThan(500 * 1024);
}, 120000);

test("3 million copies of one merged area: refused as damaged (they overlap), within the bounds", async () => {
  const file = path.join(tmp, "same.xlsx");
  await mergesWorkbook(file, 3_000_000, true);
  const r = boundedCheck([file], tmp);
  expect({ signal: r.signal, stderr: r.stderr }).toEqual({ signal: null, stderr: "" });
  expect(r.status).toBe(2);
  expect((JSON.parse(r.stdout) as Out).files[0].error).toMatch(/合并区域 A1:GR10000 与 A1:GR10000 重叠/);
  expect(r.peakKb).toBeLessThan(500 * 1024);
}, 120000);

test("at the bound exactly nothing is left out; one more area is one left out", async () => {
  const at = path.join(tmp, "bound.xlsx");
  await mergesWorkbook(at, MERGE_LIMIT, false);
  expect((await readDocument(fs.readFileSync(at), "bound.xlsx")).notes).toEqual([]);
  const past = path.join(tmp, "past.xlsx");
  await mergesWorkbook(past, MERGE_LIMIT + 1, false);
  expect((await readDocument(fs.readFileSync(past), "past.xlsx")).notes).toEqual(["工作表“合并”的合并区域超过 10 万个，其后的 1 个未读取。"]);
}, 120000);
