import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { fileNamer } from "../../src/cli/display-names";
import { expandInputs } from "../../src/cli/check-file";

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "jxzp-names-"));
  for (const f of ["收文A/a.xlsx", "收文A/子文件夹/b.xlsx", "收文B/a.xlsx", "单个.xlsx"]) {
    fs.mkdirSync(path.dirname(path.join(tmp, f)), { recursive: true });
    fs.writeFileSync(path.join(tmp, f), "x");
  }
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const namesOf = (args: string[]) => {
  const n = fileNamer(args);
  // Sorted here: the walk's own order (pinyin, as a file manager lists) is not what is tested.
  return expandInputs(args).map(n.name).sort();
};

test("one folder: its files relative to it, sub-folders kept", () => {
  expect(namesOf([path.join(tmp, "收文A")])).toEqual(["a.xlsx", path.join("子文件夹", "b.xlsx")].sort());
  expect(fileNamer([path.join(tmp, "收文A")]).base).toBe(path.join(tmp, "收文A"));
});

test("two folders side by side: the folder's name keeps files of the same name apart", () => {
  expect(namesOf([path.join(tmp, "收文A"), path.join(tmp, "收文B")])).toEqual(
    [path.join("收文A", "a.xlsx"), path.join("收文A", "子文件夹", "b.xlsx"), path.join("收文B", "a.xlsx")].sort(),
  );
});

test("files named one by one, relative or absolute: their names, never the full path", () => {
  expect(namesOf([path.join(tmp, "单个.xlsx")])).toEqual(["单个.xlsx"]);
  const rel = path.relative(process.cwd(), path.join(tmp, "收文B", "a.xlsx"));
  expect(namesOf([rel, path.join(tmp, "单个.xlsx")])).toEqual([path.join("收文B", "a.xlsx"), "单个.xlsx"].sort());
});

test("arguments that share only the root are each named from their own argument", () => {
  const fixtures = path.join(__dirname, "..", "fixtures", "corpus");
  const names = namesOf([fixtures, path.join(tmp, "单个.xlsx")]);
  expect(names.filter((n) => /^corpus[/\\][^/\\]+\.xlsx$/.test(n)).length).toBeGreaterThan(3);
  expect(names).toContain("单个.xlsx");
  for (const n of names) expect(path.isAbsolute(n)).toBe(false);
});

test("a missing file is named like any other", () => {
  expect(namesOf([path.join(tmp, "收文A", "没有.xlsx"), path.join(tmp, "收文A", "a.xlsx")])).toEqual(["a.xlsx", "没有.xlsx"].sort());
});
