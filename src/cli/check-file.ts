import * as fs from "fs";
import { evaluateSheet } from "../scoring/evaluate";
import type { SheetReport } from "../scoring/findings/sheet-report";
import { checkReportClaims } from "../scoring/prose/report-claims";
import { readDocument, ReadDocument } from "../readers/document";
import { describeReadError, readProblemMessage } from "../readers/read-error";
import { readFileBytes } from "./file-bytes";
import type { FileResult } from "./file-result";
import { fsPath, nameNote, nameOfPath, type FsPath } from "./inputs/path-name";

/** Said when the engine itself fails on a grid: the file was read, the fault is ours. */
const INTERNAL_ERROR = "校验这个文件时程序出现内部错误，未能完成校验；请把文件提供给开发者排查。";

/** One report per form: a sheet gives one, or one per form where it stacks several (each says its place). */
function evaluate(doc: ReadDocument, profile: string | undefined): SheetReport[] {
  const sheets = doc.grids.flatMap((g) => evaluateSheet(g, { profile }));
  if (doc.blocks) {
    // A report's prose is checked against its own tables; findings go to the form concerned.
    for (const { form, finding } of checkReportClaims(doc.blocks, sheets, doc.grids)) sheets[form].findings.push(finding);
  }
  return sheets;
}

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
  let doc: ReadDocument;
  try {
    const stat = await fs.promises.stat(at);
    if (stat.isDirectory()) {
      // Reached for a folder that held nothing to check, or that could not be listed.
      await fs.promises.readdir(at);
      return withNote({ file, error: readProblemMessage("folder"), sheets: [] });
    }
    doc = await readDocument(await readFileBytes(at), file);
  } catch (e) {
    return withNote({ file, error: describeReadError(e), sheets: [] });
  }
  let sheets: SheetReport[];
  try {
    sheets = evaluate(doc, profile);
  } catch {
    return withNote({ file, format: doc.format, error: INTERNAL_ERROR, sheets: [] });
  }
  return withNote({ file, format: doc.format, sheets, ...(doc.notes.length ? { notes: doc.notes } : {}) });
}
