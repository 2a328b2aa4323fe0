import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { fileNamer } from "../../src/cli/display-names";
import { expandInputs } from "../../src/cli/inputs/folder-walk";
import { nameOfPath } from "../../src/cli/inputs/path-name";

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
  return expandInputs(args)
    .files.map((f) => n.name(nameOfPath(f.path).shown))
    .sort();
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

/** A writable folder on another branch of the file system than the temporary folder (sharing only the root). */
function otherBranch(): string {
  const top = (p: string) => path.resolve(p).split(path.sep)[1];
  for (const candidate of ["/dev/shm", "/var/tmp", os.homedir()]) {
    if (top(candidate) === top(tmp)) continue;
    try {
      return fs.mkdtempSync(path.join(candidate, "jxzp-names-"));
    } catch {
      // Not writable here: the next one.
    }
  }
  throw new Error("no writable folder outside the temporary folder's branch");
}

test("arguments that share only the root are each named from their own argument", () => {
  const other = otherBranch();
  try {
    const folder = path.join(other, "收文C");
    fs.mkdirSync(path.join(folder, "二季度"), { recursive: true });
    for (const f of ["c.xlsx", "二季度/d.xlsx"]) fs.writeFileSync(path.join(folder, f), "x");
    const names = namesOf([folder, path.join(tmp, "单个.xlsx")]);
    expect(names).toEqual([path.join("收文C", "c.xlsx"), path.join("收文C", "二季度", "d.xlsx"), "单个.xlsx"].sort());
  } finally {
    fs.rmSync(other, { recursive: true, force: true });
  }
});
