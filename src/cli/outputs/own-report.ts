/**
 * How a report this program wrote is told from any other file, so that running the same command
 * again replaces the last report and nothing else. A summary workbook says so in its document
 * properties (keywords, and the last writer, which Excel or WPS replace with the person's name when
 * someone edits and saves it: an edited summary is theirs, not ours); an HTML report in its first
 * line's generator tag.
 */
import * as fs from "fs";
import { openZip } from "../../readers/zip-package";
import { HTML_MARK, SUMMARY_MARK } from "./report-marks";

export type ReportKind = "summary" | "html";

/** A previous report is a few megabytes at most; a larger file is not one. */
const MAX_REPORT_BYTES = 64 * 1024 * 1024;

/** The text of the first `<tag>…</tag>`, found by scanning once (the file may be anyone's). */
function xmlText(xml: string, tag: string): string | null {
  const open = xml.indexOf(`<${tag}`);
  if (open < 0) return null;
  const start = xml.indexOf(">", open);
  const end = xml.indexOf(`</${tag}>`, start);
  if (start < 0 || end < 0 || xml[start - 1] === "/") return null;
  const text = xml.slice(start + 1, end);
  return text.includes("<") ? null : text;
}

async function isOwnSummary(bytes: Buffer): Promise<boolean> {
  try {
    const pkg = await openZip(bytes);
    const core = await pkg.text("docProps/core.xml");
    if (!core) return false;
    return xmlText(core, "cp:keywords") === SUMMARY_MARK.keywords && (xmlText(core, "cp:lastModifiedBy") ?? "").startsWith(SUMMARY_MARK.writer);
  } catch {
    return false;
  }
}

function isOwnHtml(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 2048).toString("utf8");
  return head.startsWith("<!DOCTYPE html>") && head.includes(HTML_MARK);
}

/** Whether the regular file at `file` is a report of this kind that this program wrote. */
export async function isOwnReport(file: string, kind: ReportKind): Promise<boolean> {
  let bytes: Buffer;
  try {
    const st = fs.statSync(file);
    if (!st.isFile() || st.size > MAX_REPORT_BYTES) return false;
    bytes = fs.readFileSync(file);
  } catch {
    return false;
  }
  return kind === "summary" ? isOwnSummary(bytes) : isOwnHtml(bytes);
}
