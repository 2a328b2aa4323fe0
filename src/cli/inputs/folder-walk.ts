/**
 * The files a command line names. A folder gives the workbooks and reports inside it, in the
 * order a Chinese file manager lists them, and nothing outside it: a link that leads out of the
 * folder (to another folder, to `/`) is listed as skipped with where it leads, never followed. A
 * file reached by two names (a link, a hard link, the folder and the file both given) is checked
 * once. Names are listed as bytes, so a file named in GBK is found and opened.
 */
import * as fs from "fs";
import * as path from "path";
import { extensionOf } from "../../readers/sniff";
import { byName, FOLDER_EXTENSIONS } from "../folder-rules";
import { printableName } from "../outputs/printable";
import { childPath, fsPath, nameOfPath, type FsPath } from "./path-name";
import { recoverArgument } from "./recover-argument";

/** One entry of the batch, in order. */
export interface InputFile {
  path: FsPath;
  /** Not read, and why (Chinese): a link leading out of the folder, a link to nothing. */
  skipped?: string;
  /** Other names by which the same file was given or found, checked once under this one. */
  aliases?: string[];
}

export interface Inputs {
  files: InputFile[];
  /** The real paths of the folders given (as bytes): no report may be written inside one. */
  folders: Buffer[];
  /** The real paths of every file given or found (as bytes). */
  realFiles: Buffer[];
  /** Every file's device and inode: a hard link to one of them is the same file. */
  identities: Set<string>;
  /** The files that links not followed lead to (real paths): not checked, but no report may replace them either. */
  linkTargets: Buffer[];
}

const TILDE = 0x7e;
const DOLLAR = 0x24;
const DOT = 0x2e;

/** folder-rules' skipped(), on a name still in bytes (a GBK name is not decoded to decide). */
function hiddenOrLock(name: Buffer): boolean {
  return name[0] === DOT || (name[0] === TILDE && name[1] === DOLLAR);
}

export const identityOf = (st: fs.Stats): string => `${st.dev}:${st.ino}`;

/** Whether `child` is `root` or lies under it (both real paths, as bytes). */
export function isInside(child: Buffer, root: Buffer): boolean {
  if (child.equals(root)) return true;
  const prefix = root[root.length - 1] === 0x2f ? root : Buffer.concat([root, Buffer.from("/")]);
  return child.length > prefix.length && child.subarray(0, prefix.length).equals(prefix);
}

// The native call: Node's own realpathSync turns a path into a string on the way, losing a GBK name.
const realBytes = (p: FsPath): Buffer => fs.realpathSync.native(fsPath(p), { encoding: "buffer" });

const shown = (p: FsPath | Buffer): string => printableName(nameOfPath(p).shown);

class Collector {
  readonly files: InputFile[] = [];
  readonly folders: Buffer[] = [];
  readonly realFiles: Buffer[] = [];
  readonly identities = new Set<string>();
  readonly linkTargets: Buffer[] = [];
  /** Where each file (by identity, or by its resolved name when it cannot be found) sits in `files`. */
  private readonly first = new Map<string, InputFile>();

  add(p: FsPath, st: fs.Stats | null): void {
    const key = st ? identityOf(st) : `missing:${path.resolve(nameOfPath(p).shown)}`;
    const earlier = this.first.get(key);
    if (earlier) {
      const name = nameOfPath(p).shown;
      if (name !== nameOfPath(earlier.path).shown) (earlier.aliases ??= []).push(name);
      return;
    }
    const entry: InputFile = { path: p };
    this.first.set(key, entry);
    this.files.push(entry);
    if (st) {
      this.identities.add(key);
      try {
        this.realFiles.push(realBytes(p));
      } catch {
        // Gone since it was listed: reported as missing when it is read.
      }
    }
  }

  skip(p: FsPath, why: string): void {
    this.files.push({ path: p, skipped: why });
  }
}

function outsideReason(target: Buffer, isDir: boolean): string {
  return `这是一个链接，指向所给文件夹之外的${isDir ? "文件夹" : "文件"}“${shown(target)}”，没有读取（只校验所给文件夹之内的文件）。如确是报送的材料，请把它复制到文件夹中，或在命令行中直接给出它。`;
}

const BROKEN = "这是一个链接，但它指向的文件不存在或无法访问，没有读取。";

/** What a folder's entry is, following a link only within the folder given. */
type Kind = { kind: "dir" | "file"; st: fs.Stats } | { kind: "other" } | { kind: "outside"; target: Buffer; isDir: boolean } | { kind: "broken" };

function kindOf(p: FsPath, entry: fs.Dirent, root: Buffer): Kind {
  try {
    if (entry.isSymbolicLink()) {
      const target = realBytes(p);
      const st = fs.statSync(fsPath(p));
      if (!isInside(target, root)) return { kind: "outside", target, isDir: st.isDirectory() };
      return st.isDirectory() ? { kind: "dir", st } : st.isFile() ? { kind: "file", st } : { kind: "other" };
    }
    if (!entry.isDirectory() && !entry.isFile()) return { kind: "other" };
    const st = fs.statSync(fsPath(p));
    return { kind: st.isDirectory() ? "dir" : "file", st };
  } catch {
    return entry.isSymbolicLink() ? { kind: "broken" } : { kind: "other" };
  }
}

function walk(dir: FsPath, root: Buffer, visited: Set<string>, into: Collector): number {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(fsPath(dir), { withFileTypes: true, encoding: "buffer" }) as unknown as fs.Dirent[];
  } catch {
    // A folder that cannot be listed is checked like a file, and so reported.
    into.add(dir, null);
    return 1;
  }
  const named = entries
    .map((e) => ({ e, bytes: e.name as unknown as Buffer }))
    .filter((x) => !hiddenOrLock(x.bytes))
    .map((x) => ({ ...x, p: childPath(dir, x.bytes), name: nameOfPath(x.bytes).shown }))
    .sort((a, b) => byName.compare(a.name, b.name));
  let found = 0;
  for (const { e, p, name } of named) {
    const k = kindOf(p, e, root);
    const listed = FOLDER_EXTENSIONS.has(extensionOf(name));
    if (k.kind === "dir") {
      const id = identityOf(k.st);
      // A link back up the tree, or to a folder already walked, is walked once.
      if (visited.has(id)) continue;
      visited.add(id);
      found += walk(p, root, visited, into);
    } else if (k.kind === "file" && listed) {
      into.add(p, k.st);
      found++;
    } else if (k.kind === "outside") {
      if (!k.isDir) into.linkTargets.push(k.target);
      if (k.isDir || listed || FOLDER_EXTENSIONS.has(extensionOf(nameOfPath(k.target).shown))) {
        into.skip(p, outsideReason(k.target, k.isDir));
        found++;
      }
    } else if (k.kind === "broken" && listed) {
      into.skip(p, BROKEN);
      found++;
    }
  }
  return found;
}

/**
 * The files the command line names, in order: a folder gives its workbooks and reports
 * (recursively, in pinyin order, without lock files and hidden files); a folder with none is
 * kept, so it is listed with a message. A file named twice, or by two links, is checked once.
 */
export function expandInputs(args: string[]): Inputs {
  const into = new Collector();
  for (const arg of args) {
    const p = recoverArgument(arg);
    let st: fs.Stats | null = null;
    try {
      st = fs.statSync(fsPath(p));
    } catch {
      // A missing file is checked, and reported as missing.
    }
    if (!st?.isDirectory()) {
      into.add(p, st?.isFile() ? st : null);
      continue;
    }
    let root: Buffer;
    try {
      root = realBytes(p);
    } catch {
      into.add(p, null);
      continue;
    }
    into.folders.push(root);
    const start = typeof p === "string" ? path.normalize(p) : p;
    const found = walk(start, root, new Set([identityOf(st)]), into);
    if (found === 0) into.add(start, null);
  }
  return { files: into.files, folders: into.folders, realFiles: into.realFiles, identities: into.identities, linkTargets: into.linkTargets };
}
