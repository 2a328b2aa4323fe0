/**
 * Text that reaches a terminal or a workbook with every character a person should see as written:
 * control characters in a file or sheet name (ESC starts a terminal command, BEL rings, NUL and
 * U+FFFF are not allowed in XML, a line break forges a line of the report, a right-to-left
 * override turns `exe.xlsx` round) are shown as escapes, `\x1B`, `\u202E`.
 */

// C0 and C1 controls and DEL, the line and paragraph separators, the invisible direction marks and
// overrides, the byte-order mark, the two non-characters XML forbids, and surrogates left unpaired.
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, "0");

function escaped(c: string): string {
  const n = c.charCodeAt(0);
  return n < 0x100 ? `\\x${hex(n, 2)}` : `\\u${hex(n, 4)}`;
}

/** Text with line breaks kept and every other unsafe character shown as an escape. */
export function printable(text: string): string {
  return text.replace(UNSAFE, escaped);
}

/** A name on one line: line breaks escaped too. */
export function printableName(name: string): string {
  return printable(name).replace(/\n/g, "\\x0A");
}

/** Whether the text holds a character `printable` would escape. */
export function hasUnsafe(text: string): boolean {
  UNSAFE.lastIndex = 0;
  const found = UNSAFE.test(text);
  UNSAFE.lastIndex = 0;
  return found;
}
