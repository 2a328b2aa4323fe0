import * as fs from "fs";
import * as path from "path";
import type { SheetReport } from "../scoring/findings/sheet-report";
import type { ReadDocument } from "../readers/document";
import { describeReadError, readProblemMessage } from "../readers/read-error";
import { extensionOf } from "../readers/sniff";
import { readFileBytesSync } from "./file-bytes";
import type { FileResult } from "./file-result";

/** Said when the engine itself fails on a grid: the file was read, the fault is ours. */
const INTERNAL_ERROR = "校验这个文件时程序出现内部错误，未能完成校验；请把文件提供给开发者排查。";

/**
 * The readers and the engine, loaded when a file is first checked: the CLI's main process only
 * lists files and hands them to its checking processes, and need not load either.
 */
async function engine() {
  const [{ readDocument }, { openZipNative }, { evaluateSheet }, { checkReportClaims }] = await Promise.all([
    import("../readers/document"),
    import("../readers/zip-native"),
    import("../scoring/evaluate"),
    import("../scoring/prose/report-claims"),
  ]);
  return { readDocument, openZipNative, evaluateSheet, checkReportClaims };
}

type Engine = Awaited<ReturnType<typeof engine>>;

/** One report per form: a sheet gives one, or one per form where it stacks several (each says its place). */
function evaluate({ evaluateSheet, checkReportClaims }: Engine, doc: ReadDocument, profile: string | undefined): SheetReport[] {
  const sheets = doc.grids.flatMap((g) => evaluateSheet(g, { profile }));
  if (doc.blocks) {
    // A report's prose is checked against its own tables; findings go to the form concerned.
    for (const { form, finding } of checkReportClaims(doc.blocks, sheets, doc.grids)) sheets[form].findings.push(finding);
  }
  return sheets;
}

/** A file's bytes, read from disk ahead of its check; or its result already, when it cannot be read. */
export type LoadedFile = { file: string; bytes: Uint8Array } | { file: string; result: FileResult };

/** Reads a file's bytes, at once (see readFileBytesSync). Never throws. */
export function loadFile(file: string): LoadedFile {
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) {
      // Reached for a folder that held nothing to check, or that could not be listed.
      fs.readdirSync(file);
      return { file, result: { file, error: readProblemMessage("folder"), sheets: [] } };
    }
    return { file, bytes: readFileBytesSync(file) };
  } catch (e) {
    return { file, result: { file, error: describeReadError(e), sheets: [] } };
  }
}

/** Reads a loaded file (.xlsx, .xls or .docx, by content) and checks every sheet or table in it. */
export async function checkLoaded(loaded: LoadedFile, profile: string | undefined): Promise<FileResult> {
  if ("result" in loaded) return loaded.result;
  const { file } = loaded;
  const e = await engine();
  let doc: ReadDocument;
  try {
    doc = await e.readDocument(loaded.bytes, file, { openZip: e.openZipNative });
  } catch (e) {
    return { file, error: describeReadError(e), sheets: [] };
  }
  let sheets: SheetReport[];
  try {
    sheets = evaluate(e, doc, profile);
  } catch {
    return { file, format: doc.format, error: INTERNAL_ERROR, sheets: [] };
  }
  return { file, format: doc.format, sheets, ...(doc.notes.length ? { notes: doc.notes } : {}) };
}

/** Reads one file (.xlsx, .xls or .docx, by content) and checks every sheet or table in it; a file it cannot read is a result with a Chinese error. */
export async function checkFile(file: string, profile: string | undefined): Promise<FileResult> {
  return checkLoaded(loadFile(file), profile);
}

/** Files a folder yields: workbooks and reports, and the formats that are listed with a message. */
const FOLDER_EXTENSIONS = new Set([
  "xlsx", "xlsm", "xls", "et", "ett", "docx", "docm",
  // Listed with what to do: saved in a format that cannot be read, or packed.
  "doc", "wps", "wpt", "xlsb", "pdf", "ofd", "rtf", "ods", "odt", "zip", "rar", "7z",
]);

const byName = new Intl.Collator("zh-CN", { numeric: true });

/** Office's lock files (`~$报告.docx`) and hidden files are not submissions. */
function skipped(name: string): boolean {
  return name.startsWith("~$") || name.startsWith(".");
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
