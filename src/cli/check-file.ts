import * as fs from "fs";
import { describeReadError, readProblemMessage } from "../readers/read-error";
import { checkDocument } from "./check-document";
import { readFileBytes } from "./file-bytes";
import type { FileResult } from "./file-result";
import { fsPath, nameNote, nameOfPath, type FsPath } from "./inputs/path-name";

/**
 * Reads one file (.xlsx, .xls or .docx, by content) and checks every sheet or table in it; a file
 * it cannot read is a result with a Chinese error. The path may be bytes (a name in GBK): the
 * result names the file as a person reads it, with a note saying how its name was decoded.
 */
export async function checkFile(path: FsPath, profile: string | undefined): Promise<FileResult> {
  const name = nameOfPath(path);
  const file = name.shown;
  const said = nameNote(name.encoding);
  const withNote = (r: FileResult): FileResult => (said ? { ...r, notes: [said, ...(r.notes ?? [])] } : r);
  const at = fsPath(path);
  let bytes: Uint8Array;
  try {
    const stat = await fs.promises.stat(at);
    if (stat.isDirectory()) {
      // Reached for a folder that held nothing to check, or that could not be listed.
      await fs.promises.readdir(at);
      return withNote({ file, error: readProblemMessage("folder"), sheets: [] });
    }
    bytes = await readFileBytes(at);
  } catch (e) {
    return withNote({ file, error: describeReadError(e), sheets: [] });
  }
  return withNote(await checkDocument(bytes, file, profile));
}
