import * as fs from "fs";
import { describeReadError, readProblemMessage } from "../readers/read-error";
import { readFileBytesSync } from "./file-bytes";
import type { FileResult } from "./file-result";
import { fsPath, nameNote, nameOfPath, type FsPath } from "./inputs/path-name";

/** A file's bytes, read from disk ahead of its check; or its result already, when it cannot be read. */
export type LoadedFile = { file: string; note: string | null; bytes: Uint8Array } | { file: string; note: string | null; result: FileResult };

/**
 * Reads a file's bytes, at once (see readFileBytesSync). Never throws. The path may be bytes (a
 * name in GBK): the file is named as a person reads it, with a note saying how its name was decoded.
 */
export function loadFile(path: FsPath): LoadedFile {
  const name = nameOfPath(path);
  const file = name.shown;
  const note = nameNote(name.encoding);
  const at = fsPath(path);
  try {
    const stat = fs.statSync(at);
    if (stat.isDirectory()) {
      // Reached for a folder that held nothing to check, or that could not be listed.
      fs.readdirSync(at);
      return { file, note, result: { file, error: readProblemMessage("folder"), sheets: [] } };
    }
    return { file, note, bytes: readFileBytesSync(at) };
  } catch (e) {
    return { file, note, result: { file, error: describeReadError(e), sheets: [] } };
  }
}

/**
 * Checks a loaded file (.xlsx, .xls or .docx, by content): every sheet or table in it, zips opened
 * with Node's zlib. The readers and the engine are loaded when a file is first checked: the CLI's
 * main process only lists files and hands them to its checking processes, and need not load either.
 */
export async function checkLoaded(loaded: LoadedFile, profile: string | undefined): Promise<FileResult> {
  const withNote = (r: FileResult): FileResult => (loaded.note ? { ...r, notes: [loaded.note, ...(r.notes ?? [])] } : r);
  if ("result" in loaded) return withNote(loaded.result);
  const [{ checkDocument }, { openZipNative }] = await Promise.all([import("./check-document"), import("../readers/zip-native")]);
  return withNote(await checkDocument(loaded.bytes, loaded.file, profile, { openZip: openZipNative }));
}

/** Reads one file (.xlsx, .xls or .docx, by content) and checks every sheet or table in it; a file it cannot read is a result with a Chinese error. */
export async function checkFile(path: FsPath, profile: string | undefined): Promise<FileResult> {
  return checkLoaded(loadFile(path), profile);
}
