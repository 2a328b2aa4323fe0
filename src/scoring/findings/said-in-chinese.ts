/**
 * Whether an error's message was written for people: our own messages are Chinese; a library's
 * (DecimalError, JSZip, `Invalid string length`) is English and names internals, and is never shown.
 */
export function saidInChinese(message: string): boolean {
  return /[\u4e00-\u9fff]/.test(message);
}
