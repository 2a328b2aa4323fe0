/**
 * A path typed on the command line whose name is not UTF-8 (a GBK name pasted into a shell)
 * reaches Node with U+FFFD in place of the bytes it could not decode, and names no file. Each such
 * part is looked up among its folder's entries, listed as bytes: the entry whose name decodes to
 * the same text is the one meant, when there is exactly one.
 */
import * as fs from "fs";
import * as path from "path";
import { childPath, fsPath, type FsPath } from "./path-name";

const REPLACEMENT = "\ufffd";

function exists(p: FsPath): boolean {
  try {
    fs.lstatSync(fsPath(p));
    return true;
  } catch {
    return false;
  }
}

/** The file system's path for an argument: the argument itself, or the bytes it was typed from. */
export function recoverArgument(arg: string): FsPath {
  if (!arg.includes(REPLACEMENT) || exists(arg)) return arg;
  const absolute = path.isAbsolute(arg);
  const parts = arg.split("/").filter((s, i) => s !== "" || i === 0);
  let at: FsPath = absolute ? "/" : ".";
  for (const [i, part] of parts.entries()) {
    if (i === 0 && absolute) continue;
    if (!part.includes(REPLACEMENT)) {
      at = typeof at === "string" ? path.join(at, part) : childPath(at, Buffer.from(part, "utf8"));
      continue;
    }
    let names: Buffer[];
    try {
      names = fs.readdirSync(fsPath(at), { encoding: "buffer" });
    } catch {
      return arg;
    }
    const matches = names.filter((n) => n.toString("utf8") === part);
    if (matches.length !== 1) return arg;
    at = childPath(at, matches[0]);
  }
  // Relative arguments stay relative, as they were typed (`./` is dropped, as path.join drops it).
  return at;
}
