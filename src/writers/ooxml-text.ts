/**
 * Text as SpreadsheetML stores it: XML escapes, and Excel's `_xHHHH_` for characters XML 1.0
 * cannot hold (control characters). A literal `_x0041_` in the text is itself escaped
 * (`_x005F_x0041_`), so that it reads back as typed.
 */

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** For element text and attribute values (double-quoted). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => XML_ESCAPES[c]);
}

const hex4 = (code: number): string => code.toString(16).toUpperCase().padStart(4, "0");

/** A cell's text for `<t>` or a cached string `<v>`. */
export function ooxmlText(text: string): string {
  const guarded = text
    .replace(/_x[0-9A-Fa-f]{4}_/g, (m) => `_x005F${m}`)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (c) => `_x${hex4(c.charCodeAt(0))}_`);
  return escapeXml(guarded);
}

/** Whether `<t>` needs `xml:space="preserve"` to keep its text exactly. */
export function needsPreserve(text: string): boolean {
  return /^\s|\s$|[\n\t]/.test(text);
}

/** Unescapes the five XML entities and numeric references of an attribute value or an element's text. */
export function unescapeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#x[0-9A-Fa-f]+|#\d+);/g, (_, e: string) => {
    if (e === "amp") return "&";
    if (e === "lt") return "<";
    if (e === "gt") return ">";
    if (e === "quot") return '"';
    if (e === "apos") return "'";
    return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}
