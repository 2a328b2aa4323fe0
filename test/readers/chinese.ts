/**
 * What a message a person reads may hold: Chinese, and of Latin letters only the names of file
 * formats and programs (never a library's English, a stack trace or a web address). Text the
 * file itself supplies (a sheet name in “…”, a cell range) is left out of the check.
 */
const NAMES = new Set(
  "Excel WPS Word PowerPoint PDF OFD RTF HTML XML OpenDocument Office xlsx xlsm xls docx doc wps et ods odt xlsb zip rar 7z gz csv txt MB xl workbook sharedStrings styles rels xml document UTF GBK Linux Windows".split(" "),
);

export function foreignWords(message: string): string[] {
  const own = message.replace(/“[^”]*”/g, "").replace(/\b[A-Z]{1,3}\d+(:[A-Z]{1,3}\d+)?\b/g, "");
  return (own.match(/[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*/g) ?? []).filter((w) => !NAMES.has(w));
}

export function isPlainChinese(message: string): boolean {
  return /[\u4e00-\u9fff]/.test(message) && !/https?:|www\.|\.com|\bat\s|Error|\n/.test(message) && foreignWords(message).length === 0;
}
