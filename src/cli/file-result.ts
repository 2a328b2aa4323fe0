import type { Finding } from "../scoring/findings/findings";
import type { SheetReport } from "../scoring/findings/sheet-report";

export interface FileResult {
  file: string;
  /** What the file was read as, by its content (absent when it could not be read as any). */
  format?: "xlsx" | "xls" | "docx";
  /** Why it could not be read, in Chinese; the run then exits 2. */
  error?: string;
  /**
   * One per form: one per worksheet, or per top-level table of a Word report (REPORT_* findings
   * included); a sheet that stacks several forms gives one each, in order, `place` saying which.
   */
  sheets: SheetReport[];
  /** What reading left out (cells beyond the limits), in Chinese. */
  notes?: string[];
}


/**
 * A file's result with the fields the readers of other formats may add: the format it was read
 * as, and findings about the file as a whole (a Word report's prose, say). Optional, so results
 * without them stay valid.
 */
export type CheckedFile = FileResult & { format?: string; findings?: Finding[] };

export const fileFindings = (f: FileResult): Finding[] => (f as CheckedFile).findings ?? [];

/** The format a file was read as: the reader's word when it gives one, else the name's extension. */
export function fileFormat(f: FileResult): string {
  const stated = (f as CheckedFile).format;
  if (stated) return stated;
  const m = /\.([^./\\]+)$/.exec(f.file);
  return m ? m[1].toLowerCase() : "";
}
