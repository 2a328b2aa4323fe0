import { evaluateSheet } from "../scoring/evaluate";
import type { SheetReport } from "../scoring/findings/sheet-report";
import { checkReportClaims } from "../scoring/prose/report-claims";
import { readDocument, ReadDocument } from "../readers/document";
import { describeReadError } from "../readers/read-error";
import type { FileResult } from "./file-result";

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
 * Checks a document's bytes (.xlsx, .xls or .docx, by content): every sheet or table in it. A file
 * that cannot be read is a result with the Chinese error. No file system: the CLI reads the bytes
 * from disk, the web page from the files a person chose, and both get the same result.
 */
export async function checkDocument(bytes: Uint8Array | ArrayBuffer, file: string, profile: string | undefined): Promise<FileResult> {
  let doc: ReadDocument;
  try {
    doc = await readDocument(bytes, file);
  } catch (e) {
    return { file, error: describeReadError(e), sheets: [] };
  }
  let sheets: SheetReport[];
  try {
    sheets = evaluate(doc, profile);
  } catch {
    return { file, format: doc.format, error: INTERNAL_ERROR, sheets: [] };
  }
  return { file, format: doc.format, sheets, ...(doc.notes.length ? { notes: doc.notes } : {}) };
}
