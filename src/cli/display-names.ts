import * as fs from "fs";
import * as path from "path";

/**
 * How a batch's files are named where a person reads them (text, summary workbook, HTML report):
 * relative to the folder they were given in, never as full paths. A report travels — to the
 * units, to a superior office — and `/home/张三/下载/…` says nothing to them and too much about
 * the reviewer. JSON keeps the paths as given: programs open files by them.
 */
export interface FileNamer {
  /** The folder names are relative to (the common folder of everything given), as a full path; empty when they share none but the root. */
  base: string;
  name(file: string): string;
}

/** The folder an argument stands for: a folder itself, a file (or a missing one) its folder. */
function folderOf(arg: string): string {
  const p = path.resolve(arg);
  try {
    if (fs.statSync(p).isDirectory()) return p;
  } catch {
    // A missing file is named by its folder like any other.
  }
  return path.dirname(p);
}

/** The deepest folder that holds all of these (path.parse's root when they share nothing more). */
function commonFolder(folders: string[]): string {
  const split = folders.map((f) => f.split(path.sep));
  const first = split[0];
  let n = first.length;
  for (const s of split.slice(1)) {
    let i = 0;
    while (i < n && i < s.length && s[i] === first[i]) i++;
    n = i;
  }
  const joined = first.slice(0, n).join(path.sep);
  return joined === "" ? path.parse(folders[0]).root || path.sep : joined;
}

const isFolder = (p: string): boolean => {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/**
 * Names relative to the common folder of the arguments: one folder given → its files as
 * `a.xlsx`, `子文件夹/b.xlsx`; two folders side by side → `收文A/a.xlsx`, `收文B/a.xlsx`, so
 * files of the same name stay apart; files named one by one → their names. Arguments that share
 * no folder but the root (`/tmp/…` and `/home/…`) are each named from their own argument: a
 * folder's files under the folder's name, a file by its name.
 */
export function fileNamer(args: string[]): FileNamer {
  if (args.length === 0) return { base: process.cwd(), name: (f) => f };
  const given = args.map((a) => ({ dir: folderOf(a), folder: isFolder(a) }));
  const base = commonFolder(given.map((g) => g.dir));
  const atRoot = base === path.parse(base).root;
  const inside = (dir: string, file: string) => {
    const rel = path.relative(dir, file);
    return !rel.startsWith("..") && !path.isAbsolute(rel);
  };
  return {
    base: atRoot ? "" : base,
    name(file: string): string {
      const full = path.resolve(file);
      let from = base;
      if (atRoot) {
        // The deepest argument that holds the file; a folder keeps its own name in front.
        const own = given.filter((g) => inside(g.dir, full)).sort((a, b) => b.dir.length - a.dir.length)[0];
        if (own) from = own.folder && own.dir !== path.parse(own.dir).root ? path.dirname(own.dir) : own.dir;
      }
      const rel = path.relative(from, full);
      if (rel === "") return path.basename(full) || file;
      // Not below it (cannot happen for files found from the arguments): as given.
      return rel.startsWith("..") || path.isAbsolute(rel) ? file : rel;
    },
  };
}
