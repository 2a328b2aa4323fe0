import * as fs from "fs";
import * as path from "path";
import { describeReadError, readProblemMessage } from "../readers/read-error";
import { extensionOf } from "../readers/sniff";
import { checkDocument } from "./check-document";
import { byName, FOLDER_EXTENSIONS, skipped } from "./folder-rules";
import { readFileBytes } from "./file-bytes";
import type { FileResult } from "./file-result";

/** Reads one file (.xlsx, .xls or .docx, by content) and checks every sheet or table in it; a file it cannot read is a result with a Chinese error. */
export async function checkFile(file: string, profile: string | undefined): Promise<FileResult> {
  let bytes: Uint8Array;
  try {
    const stat = await fs.promises.stat(file);
    if (stat.isDirectory()) {
      // Reached for a folder that held nothing to check, or that could not be listed.
      await fs.promises.readdir(file);
      return { file, error: readProblemMessage("folder"), sheets: [] };
    }
    bytes = await readFileBytes(file);
  } catch (e) {
    return { file, error: describeReadError(e), sheets: [] };
  }
  return checkDocument(bytes, file, profile);
}

function walk(dir: string, seen: Set<string>, out: string[]): void {
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch {
    return;
  }
  // A link back up the tree is followed once.
  if (seen.has(real)) return;
  seen.add(real);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    out.push(dir);
    return;
  }
  entries.sort((a, b) => byName.compare(a.name, b.name));
  for (const e of entries) {
    if (skipped(e.name)) continue;
    const p = path.join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      try {
        const st = fs.statSync(p);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch {
        continue;
      }
    }
    if (isDir) walk(p, seen, out);
    else if (isFile && FOLDER_EXTENSIONS.has(extensionOf(e.name))) out.push(p);
  }
}

/**
 * The files the command line names, in order: a folder gives its workbooks and reports
 * (recursively, by name in pinyin order as a Chinese file manager lists them, without lock
 * files and hidden files); a folder with none is kept,
 * so it is listed with a message. A file named twice is checked once.
 */
export function expandInputs(args: string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (p: string) => {
    const key = path.resolve(p);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(p);
  };
  for (const arg of args) {
    let isDir = false;
    try {
      isDir = fs.statSync(arg).isDirectory();
    } catch {
      // A missing file is checked, and reported as missing.
    }
    if (!isDir) {
      add(arg);
      continue;
    }
    const found: string[] = [];
    walk(arg, new Set(), found);
    if (found.length === 0) add(arg);
    for (const f of found) add(f);
  }
  return out;
}
