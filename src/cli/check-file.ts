import { evaluateSheet } from "../scoring/evaluate";
import type { FileResult } from "./report-text";
import { readWorkbookFile } from "../readers/xlsx";

export function describeReadError(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  if (/ENOENT|not found/i.test(msg)) return "文件不存在。";
  if (/central directory|zip/i.test(msg)) return "不是 .xlsx 工作簿（文件不是 Office Open XML 压缩包；旧版 .xls 或 .et 请先在 Excel/WPS 中另存为 .xlsx）。";
  if (/EISDIR/.test(msg)) return "这是一个文件夹，不是工作簿。";
  if (/EACCES/.test(msg)) return "没有读取该文件的权限。";
  return `不是有效的 .xlsx 工作簿（${msg.slice(0, 120)}）。`;
}

/** Reads one file and checks every sheet in it; a file it cannot read is a result with a Chinese error. */
export async function checkFile(file: string, profile: string | undefined): Promise<FileResult> {
  try {
    const grids = await readWorkbookFile(file);
    return { file, sheets: grids.map((g) => evaluateSheet(g, { profile })) };
  } catch (e) {
    return { file, error: describeReadError(e), sheets: [] };
  }
}

/** The files the command line names, in order (folders are for the reader of formats to expand). */
export function expandInputs(args: string[]): string[] {
  return [...args];
}
