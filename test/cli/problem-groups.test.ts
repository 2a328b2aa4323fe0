import * as path from "path";
import { checkFile } from "../../src/cli/check-file";
import { cellList, groupProblems } from "../../src/cli/problem-groups";
import { rowsOf } from "../../src/cli/review";

const FIX = path.join(__dirname, "..", "fixtures");

test.each([
  [["F15", "F16", "F17", "F20"], ["F15:F17", "F20"]],
  [["H11", "F12", "F13", "H12"], ["F12:F13", "H11:H12"]],
  [["F15", "F15", null], ["F15", "整表"]],
  [["B16:B18", "B20"], ["B20", "B16:B18"]],
  [["AA9", "Z10", "AA10"], ["Z10", "AA9:AA10"]],
  [[], []],
])("cellList(%j) is %j", (cells, want) => {
  expect(cellList(cells)).toEqual(want);
});

test("a form's findings of one code are one group, in the order the codes first appear, none lost", async () => {
  const f = await checkFile(path.join(FIX, "zhuzhou-2021-department.xlsx"), undefined);
  const [row] = rowsOf(f, 0);
  const groups = groupProblems(row.problems);
  expect(groups.reduce((n, g) => n + g.items.length, 0)).toBe(row.problems.length);
  expect(new Set(groups.map((g) => g.code)).size).toBe(groups.length);
  // Errors still come first, as the form's problems are listed.
  expect(groups[0].severity).toBe("error");
  const hints = groups.find((g) => g.code === "ACTUAL_NOT_VALUE")!;
  expect(hints.items.map((i) => i.cell)).toEqual(row.problems.filter((p) => p.code === "ACTUAL_NOT_VALUE").map((p) => p.cell));
  expect(hints.items.length).toBeGreaterThan(3);
  expect(hints.advice).toBe(row.problems.find((p) => p.code === "ACTUAL_NOT_VALUE")!.advice);
});

test("an unreadable file's line, which has no code, stays a line of its own", () => {
  const [row] = rowsOf({ file: "坏.xlsx", error: "不是工作簿。", sheets: [] }, 0);
  expect(groupProblems(row.problems)).toEqual([{ severity: "error", code: "", title: "文件无法读取", advice: row.problems[0].advice, items: [{ cell: null, message: "不是工作簿。" }] }]);
});
