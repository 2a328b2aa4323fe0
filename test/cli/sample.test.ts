import * as path from "path";
import { checkFile } from "../../src/cli/check-file";
import type { FileResult } from "../../src/cli/file-result";
import { ReviewRows, type FormRow } from "../../src/cli/review";
import { defaultSeed, spotCheck, spotCheckJson, spotCheckText } from "../../src/cli/sample";
import { hash128, seeded } from "../../src/cli/seeded-random";

const FIX = path.join(__dirname, "..", "fixtures");
let results: FileResult[];
let rows: FormRow[];

beforeAll(async () => {
  results = [];
  for (const f of ["huangshi-2021-project.xlsx", "panzhihua-2021-completion.xlsx", "zhuzhou-2021-department.xlsx"]) results.push(await checkFile(path.join(FIX, f), undefined));
  const review = new ReviewRows();
  for (const r of results) review.add(r);
  rows = review.rows;
});

describe("seeded generator", () => {
  test("the same seed gives the same sequence; another seed another", () => {
    const draw = (seed: string) => {
      const next = seeded(seed);
      return Array.from({ length: 50 }, () => next());
    };
    expect(draw("2025")).toEqual(draw("2025"));
    expect(draw("2025")).not.toEqual(draw("2026"));
    expect(draw("2025").every((x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32)).toBe(true);
  });

  test("draws spread evenly over 16 buckets (chi-square well under the 0.1% bound)", () => {
    const next = seeded("均匀");
    const buckets = new Array(16).fill(0);
    const n = 64000;
    for (let i = 0; i < n; i++) buckets[next() >>> 28]++;
    const expected = n / 16;
    const chi = buckets.reduce((s, b) => s + (b - expected) ** 2 / expected, 0);
    // 15 degrees of freedom: P(χ² > 37.7) = 0.001.
    expect(chi).toBeLessThan(37.7);
  });

  test("the hash of a text depends on every character", () => {
    expect(hash128("a.xlsx\u0000表1")).not.toEqual(hash128("a.xlsx\u0000表2"));
    expect(hash128("")).toEqual(hash128(""));
  });
});

describe("抽查", () => {
  test("same seed, same list; it does not depend on the order the files were given in", () => {
    const a = spotCheck(rows, 4, "2025-03");
    const b = spotCheck(rows, 4, "2025-03");
    expect(b.picked.map((p) => [p.row.file, p.row.sheet])).toEqual(a.picked.map((p) => [p.row.file, p.row.sheet]));
    const reversed = new ReviewRows();
    for (const r of [...results].reverse()) reversed.add(r);
    const c = spotCheck(reversed.rows, 4, "2025-03");
    expect(c.picked.map((p) => [p.row.file, p.row.sheet])).toEqual(a.picked.map((p) => [p.row.file, p.row.sheet]));
  });

  test("N distinct forms, numbered 1…N, each with a Chinese reason naming its errors and budget", () => {
    const s = spotCheck(rows, 5, "x");
    expect(s.picked).toHaveLength(5);
    expect(new Set(s.picked.map((p) => p.row)).size).toBe(5);
    expect(s.picked.map((p) => p.order)).toEqual([1, 2, 3, 4, 5]);
    for (const p of s.picked) {
      expect(p.reason).toMatch(p.row.errors ? new RegExp(`有 ${p.row.errors} 个错误`) : /没有错误/);
      expect(p.reason).toMatch(/预算数 .* 万元，本批第 \d+ 大/);
      expect(p.reason).toContain(`抽中权重 ${p.weight}`);
    }
  });

  test("asking for more forms than there are gives them all, and says so", () => {
    const s = spotCheck(rows, 100, "x");
    expect(s.picked).toHaveLength(rows.length);
    expect(s.eligible).toBe(rows.length);
    expect(spotCheckText(s)).toContain(`要求 100 张，可抽的表只有 ${rows.length} 张`);
  });

  test("forms with errors and large budgets are drawn more often (over 400 seeds)", () => {
    const withErrors = rows.filter((r) => r.errors > 0);
    const clean = rows.filter((r) => r.errors === 0 && r.warnings === 0);
    expect(withErrors.length).toBeGreaterThan(0);
    expect(clean.length).toBeGreaterThan(0);
    const times = new Map<FormRow, number>();
    for (let i = 0; i < 400; i++) for (const p of spotCheck(rows, 2, `s${i}`).picked) times.set(p.row, (times.get(p.row) ?? 0) + 1);
    const rate = (list: FormRow[]) => list.reduce((s, r) => s + (times.get(r) ?? 0), 0) / list.length;
    expect(rate(withErrors)).toBeGreaterThan(2 * rate(clean));
    // Among forms alike in problems, the largest budget beats the smallest.
    const cleanByBudget = [...clean].filter((r) => r.budget !== null).sort((a, b) => a.budget! - b.budget!);
    expect(times.get(cleanByBudget[cleanByBudget.length - 1]) ?? 0).toBeGreaterThan(times.get(cleanByBudget[0]) ?? 0);
  });

  test("unreadable files and sheets with no form are never drawn", () => {
    const review = new ReviewRows();
    review.add({ file: "坏.xlsx", error: "不是 .xlsx 工作簿。", sheets: [] });
    const none = spotCheck(review.rows, 3, "n");
    expect(none.picked).toEqual([]);
    expect(spotCheckText(none)).toBe("抽查：没有可抽查的表（文件都无法读取，或其中没有自评表）。");
    for (const r of results) review.add(r);
    for (let i = 0; i < 50; i++) expect(spotCheck(review.rows, 3, `u${i}`).picked.some((p) => p.row.file === "坏.xlsx")).toBe(false);
  });

  test("JSON and text carry the same list; the default seed is the time, to the second", () => {
    const s = spotCheck(rows, 3, "j");
    const j = spotCheckJson(s) as { seed: string; forms: { order: number; file: string; sheet: string; reason: string }[] };
    expect(j.seed).toBe("j");
    const text = spotCheckText(s);
    for (const f of j.forms) expect(text).toContain(`${f.order}. ${f.file} · ${f.sheet}：${f.reason}`);
    expect(defaultSeed(new Date(2025, 2, 4, 9, 5, 7))).toBe("20250304090507");
  });
});
