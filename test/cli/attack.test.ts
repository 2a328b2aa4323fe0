/**
 * Hostile .xlsx files (made by ../shared/attack/gen.py: empty, random, truncated, parts missing,
 * broken XML, entity expansion, cells and merges at the sheet's far corner, 500 sheets, odd
 * values): each gives a result or a Chinese message saying why it cannot be read, never a crash.
 */
import * as fs from "fs";
import * as path from "path";
import { checkFile } from "../../src/cli/check-file";
import { isPlainChinese } from "../readers/chinese";

const DIR = path.join(__dirname, "..", "fixtures", "attack");
const FILES = fs.readdirSync(DIR).filter((f) => f.endsWith(".xlsx")).sort();

test("the hostile files are all there", () => {
  expect(FILES.length).toBeGreaterThanOrEqual(58);
});

test.each(FILES)("%s: a result or a Chinese message", async (name) => {
  const r = await checkFile(path.join(DIR, name), undefined);
  if (r.error) {
    expect(r.sheets).toEqual([]);
    expect(isPlainChinese(r.error)).toBe(true);
  } else {
    expect(r.format).toBe("xlsx");
    expect(r.sheets.length).toBeGreaterThan(0);
    for (const s of r.sheets) expect(typeof s.kind).toBe("string");
  }
  for (const n of r.notes ?? []) expect(isPlainChinese(n)).toBe(true);
}, 120000);

test("what cannot be read is said, and what lies beyond the limits is noted and left out", async () => {
  const error = async (name: string) => (await checkFile(path.join(DIR, name), undefined)).error;
  expect(await error("01-empty.xlsx")).toContain("文件是空的");
  expect(await error("03-truncated-half.xlsx")).toContain("文件不完整");
  expect(await error("04-no-workbook.xlsx")).toContain("缺少工作簿目录");
  expect(await error("09d-xml-entity-billion-laughs.xlsx")).toContain("工作簿内容已损坏");
  expect(await error("05-no-sheet1.xlsx")).toContain("缺少工作表“部门整体支出绩效自评表”的内容");
  expect(await error("07-no-sharedstrings.xlsx")).toContain("缺少共享字符串表 xl/sharedStrings.xml");
  // A merge over the whole sheet is a range like any other: the sheet is read, not refused.
  const whole = await checkFile(path.join(DIR, "11g-merge-whole-sheet.xlsx"), undefined);
  expect(whole.error).toBeUndefined();
  expect(whole.sheets).toHaveLength(1);
  const far = await checkFile(path.join(DIR, "11b-one-cell-at-XFD1048576.xlsx"), undefined);
  expect(far.notes).toEqual(["工作表“s”在 XFD1048576 等处有超出读取范围（前 10000 行、前 200 列）的内容，已忽略；自评表不会在那里。"]);
  expect(far.sheets[0].kind).toBe("unknown");
  const many = await checkFile(path.join(DIR, "12-500-sheets.xlsx"), undefined);
  expect(many.sheets).toHaveLength(500);
}, 120000);
