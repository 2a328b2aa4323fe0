/**
 * A folder chosen on the web page yields the files `jxzp check 文件夹` checks, in the same order:
 * the same extensions, lock and hidden files left out (hidden folders too), pinyin order level by level.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expandInputs } from "../../src/cli/check-file";
import { fileNamer } from "../../src/cli/display-names";
import { fromPicker } from "../../src/web/review/collect-files";

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "jxzp-folder-"));
  const root = path.join(dir, "收文");
  const files = [
    "长沙/2号表.xlsx",
    "长沙/10号表.xlsx",
    "长沙/~$10号表.xlsx",
    "北京.xlsx",
    "阿坝/说明.txt",
    "阿坝/报告.docx",
    "阿坝/扫描件.pdf",
    ".隐藏/表.xlsx",
    "株洲.XLS",
    "照片.jpg",
    "b/a.xlsx",
    "a.xlsx",
  ];
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), "x");
  }
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** What the folder picker hands the page: every file, each with its path inside the chosen folder. */
function picked(): File[] {
  const out: File[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const f = new File([fs.readFileSync(p)], e.name);
        Object.defineProperty(f, "webkitRelativePath", { value: path.relative(dir, p).split(path.sep).join("/") });
        out.push(f);
      }
    }
  };
  walk(path.join(dir, "收文"));
  // A browser's order is its own: the page must not depend on it.
  return out.reverse();
}

test("the same files in the same order, with the same names, as the CLI's walk of the folder", () => {
  const args = [path.join(dir, "收文")];
  const namer = fileNamer(args);
  const cli = expandInputs(args).map((p) => namer.name(p).split(path.sep).join("/"));
  const chosen = fromPicker(picked(), true);
  const page = chosen.files.map((f) => f.name);
  expect(chosen.folder).toBe("收文");
  expect(page).toEqual(cli);
  expect(page).toContain("阿坝/扫描件.pdf");
  expect(page.some((p) => p.includes("~$") || p.includes(".隐藏") || p.endsWith(".jpg") || p.endsWith(".txt"))).toBe(false);
});

test("files chosen one by one are all checked, in the order given", () => {
  const list = picked().map((f) => new File([f], f.name));
  expect(fromPicker(list, false).files.map((f) => f.name)).toEqual(list.map((f) => f.name));
});
