/**
 * Which files of a folder are submissions, and in what order: the same for `jxzp check 文件夹`
 * and for a folder chosen or dropped on the web page.
 */

/** Files a folder yields: workbooks and reports, and the formats that are listed with a message. */
export const FOLDER_EXTENSIONS = new Set([
  "xlsx", "xlsm", "xls", "et", "ett", "docx", "docm",
  // Listed with what to do: saved in a format that cannot be read, or packed.
  "doc", "wps", "wpt", "xlsb", "pdf", "ofd", "rtf", "ods", "odt", "zip", "rar", "7z",
]);

/** By name in pinyin order, as a Chinese file manager lists them. */
export const byName = new Intl.Collator("zh-CN", { numeric: true });

/** Office's lock files (`~$报告.docx`) and hidden files are not submissions. */
export function skipped(name: string): boolean {
  return name.startsWith("~$") || name.startsWith(".");
}

/**
 * Paths inside a folder (`收文/二月/表.xlsx`) in the order a walk of the folder gives them: each
 * level's entries by name, a subfolder's files where the subfolder sorts.
 */
export function compareFolderPaths(a: string, b: string): number {
  const x = a.split("/");
  const y = b.split("/");
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const c = byName.compare(x[i], y[i]);
    if (c !== 0) return c;
  }
  return x.length - y.length;
}

/** Whether a file at this path inside a chosen folder is one the CLI would check (none of its folders hidden). */
export function isSubmissionPath(relative: string): boolean {
  const parts = relative.split("/");
  if (parts.some(skipped)) return false;
  const name = parts[parts.length - 1];
  const dot = name.lastIndexOf(".");
  return dot > 0 && FOLDER_EXTENSIONS.has(name.slice(dot + 1).toLowerCase());
}
